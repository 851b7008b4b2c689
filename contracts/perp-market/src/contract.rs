//! Entry points: each message variant forwards to its handler.

use ballast_types::perp::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};
#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{Binary, Deps, DepsMut, Env, MessageInfo, Response, to_json_binary};

use crate::error::ContractResult;
use crate::{execute, instantiate as init, liquidation, migrations, pool, query};

/// Instantiates the perp market.
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> ContractResult<Response> {
    init::instantiate(deps, info, msg)
}

/// Executes an action; under the `sanity` feature the books are checked after it.
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> ContractResult<Response> {
    run(deps, env, info, msg)
}

#[cfg(not(feature = "sanity"))]
fn run(deps: DepsMut, env: Env, info: MessageInfo, msg: ExecuteMsg) -> ContractResult<Response> {
    dispatch(deps, env, info, msg)
}

#[cfg(feature = "sanity")]
fn run(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> ContractResult<Response> {
    let response = dispatch(deps.branch(), env.clone(), info, msg)?;
    crate::sanity::check(deps.as_ref(), &env, &response)?;
    Ok(response)
}

fn dispatch(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> ContractResult<Response> {
    match msg {
        ExecuteMsg::AddMarket { market, params } => execute::add_market(deps, info, market, params),
        ExecuteMsg::DepositLiquidity {} => pool::deposit_liquidity(deps, env, info),
        ExecuteMsg::WithdrawLiquidity { shares } => {
            pool::withdraw_liquidity(deps, env, info, shares)
        }
        ExecuteMsg::Trade {
            market,
            side,
            notional,
            reduce_only,
        } => execute::trade(deps, env, info, market, side, notional, reduce_only),
        ExecuteMsg::AddMargin { market } => execute::add_margin(deps, info, market),
        ExecuteMsg::RemoveMargin { market, amount } => {
            execute::remove_margin(deps, env, info, market, amount)
        }
        ExecuteMsg::Liquidate { trader, market } => {
            liquidation::liquidate(deps, env, info, trader, market)
        }
    }
}

/// Answers a query.
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> ContractResult<Binary> {
    Ok(match msg {
        QueryMsg::Config {} => to_json_binary(&query::config(deps)?),
        QueryMsg::Market { market } => to_json_binary(&query::market(deps, market)?),
        QueryMsg::Position {
            trader,
            market,
            at_price,
        } => to_json_binary(&query::position(deps, env, trader, market, at_price)?),
        QueryMsg::PositionTerms {
            trader,
            market,
            at_price,
        } => to_json_binary(&query::position_terms(deps, env, trader, market, at_price)?),
        QueryMsg::Quote {
            market,
            side,
            notional,
        } => to_json_binary(&query::quote(deps, env, market, side, notional)?),
        QueryMsg::Pool {} => to_json_binary(&query::pool(deps)?),
        QueryMsg::PoolValue {} => to_json_binary(&query::pool_value(deps, env)?),
        QueryMsg::LpShares { address } => to_json_binary(&query::lp_shares(deps, address)?),
    }?)
}

/// Migrates to this version.
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, msg: MigrateMsg) -> ContractResult<Response> {
    migrations::migrate(deps, msg)
}
