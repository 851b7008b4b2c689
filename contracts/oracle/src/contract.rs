//! Entry points and dispatch.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{Binary, Deps, DepsMut, Env, MessageInfo, Response, to_json_binary};

use ballast_types::oracle::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

use crate::error::ContractResult;
use crate::{execute, migrations, query};

/// Name stored with cw2.
pub const CONTRACT_NAME: &str = "crates.io:ballast-oracle";
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
        ExecuteMsg::UpdatePriceFeeds { feeds } => {
            execute::update_price_feeds(deps, env, info, feeds)
        }
        ExecuteMsg::AddPublisher { address } => execute::add_publisher(deps, info, address),
        ExecuteMsg::RemovePublisher { address } => execute::remove_publisher(deps, info, address),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, _env: Env, msg: QueryMsg) -> ContractResult<Binary> {
    Ok(match msg {
        QueryMsg::PriceFeed { id } => to_json_binary(&query::price_feed(deps, id)?)?,
        QueryMsg::Config {} => to_json_binary(&query::config(deps)?)?,
    })
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> ContractResult<Response> {
    migrations::migrate(deps)
}
