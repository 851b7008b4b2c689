//! Entry points and dispatch.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{Binary, Deps, DepsMut, Env, MessageInfo, Reply, Response, to_json_binary};

use ballast_types::strategies::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

use crate::error::{ContractError, ContractResult};
use crate::execute::{self, grid::FILL_REPLY};
use crate::{migrations, query};

/// Name stored with cw2.
pub const CONTRACT_NAME: &str = "crates.io:ballast-strategies";
/// Version stored with cw2.
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    _info: MessageInfo,
    msg: InstantiateMsg,
) -> ContractResult<Response> {
    execute::instantiate(deps, msg)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> ContractResult<Response> {
    // Nothing here takes funds: anything attached would be stranded in this contract.
    if !info.funds.is_empty() {
        return Err(ContractError::FundsNotAccepted {
            funds: info.funds.len(),
        });
    }
    match msg {
        ExecuteMsg::RegisterGrid(plan) => execute::register_grid(deps, env, info, plan),
        ExecuteMsg::CancelGrid { market, grid_id } => {
            execute::cancel_grid(deps, info, market, grid_id)
        }
        ExecuteMsg::ExecuteGridLevel {
            market,
            grid_id,
            level,
        } => execute::execute_grid_level(deps, env, market, grid_id, level),
        ExecuteMsg::SetHedge { market, leg, band } => {
            execute::set_hedge(deps, env, info, market, leg, band)
        }
        ExecuteMsg::ClearHedge { market } => execute::clear_hedge(deps, info, market),
        ExecuteMsg::Hedge { market } => execute::hedge(deps, env, market),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn reply(deps: DepsMut, _env: Env, msg: Reply) -> ContractResult<Response> {
    match msg.id {
        FILL_REPLY => execute::record_fill(deps, msg.result),
        id => Err(ContractError::UnknownReply { id }),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> ContractResult<Binary> {
    Ok(match msg {
        QueryMsg::Config {} => to_json_binary(&query::config(deps)?)?,
        QueryMsg::Grid { market, grid_id } => to_json_binary(&query::grid(deps, market, grid_id)?)?,
        QueryMsg::Grids {
            market,
            start_after,
            limit,
        } => to_json_binary(&query::grids(deps, market, start_after, limit)?)?,
        QueryMsg::Hedge { market } => to_json_binary(&query::hedge(deps, env, market)?)?,
    })
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> ContractResult<Response> {
    migrations::migrate(deps)
}
