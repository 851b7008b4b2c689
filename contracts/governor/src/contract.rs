//! Entry points and dispatch.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{Binary, Deps, DepsMut, Env, MessageInfo, Response, to_json_binary};

use ballast_types::governor::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

use crate::error::ContractResult;
use crate::{execute, migrations, query};

/// Name stored with cw2.
pub const CONTRACT_NAME: &str = "crates.io:ballast-governor";
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
    match msg {
        ExecuteMsg::SetVault { vault } => execute::set_vault(deps, env, info, vault),
        ExecuteMsg::ProposeParams { params } => execute::propose_params(deps, env, info, params),
        ExecuteMsg::ApplyParams {} => execute::apply_params(deps, env),
        ExecuteMsg::CancelParams {} => execute::cancel_params(deps, info),
        ExecuteMsg::ProposeMarket { config } => execute::propose_market(deps, env, info, config),
        ExecuteMsg::ApplyMarket { market } => execute::apply_market(deps, env, market),
        ExecuteMsg::CancelMarket { market } => execute::cancel_market(deps, info, market),
        ExecuteMsg::Tighten { params } => execute::tighten(deps, info, params),
        ExecuteMsg::TightenMarket { config } => execute::tighten_market(deps, info, config),
        ExecuteMsg::Pause {} => execute::pause(deps, info),
        ExecuteMsg::Unpause {} => execute::unpause(deps, info),
        ExecuteMsg::TransferOwnership { new_owner } => {
            execute::transfer_ownership(deps, info, new_owner)
        }
        ExecuteMsg::AcceptOwnership {} => execute::accept_ownership(deps, info),
        ExecuteMsg::SetRoles {
            manager,
            guardian,
            fee_recipient,
        } => execute::set_roles(deps, info, manager, guardian, fee_recipient),
        ExecuteMsg::SetSignalSource { address, allowed } => {
            execute::set_signal_source(deps, info, address, allowed)
        }
        ExecuteMsg::SetStrategy { address, allowed } => {
            execute::set_strategy(deps, info, address, allowed)
        }
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, _env: Env, msg: QueryMsg) -> ContractResult<Binary> {
    Ok(match msg {
        QueryMsg::Config {} => to_json_binary(&query::config(deps)?)?,
        QueryMsg::PendingParams {} => to_json_binary(&query::pending_params(deps)?)?,
        QueryMsg::PendingMarket { market } => {
            to_json_binary(&query::pending_market(deps, market)?)?
        }
    })
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> ContractResult<Response> {
    migrations::migrate(deps)
}
