//! Entry points and dispatch.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{Binary, Deps, DepsMut, Env, MessageInfo, to_json_binary};

use ballast_types::vault::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

use crate::VaultResponse;
use crate::error::{ContractError, ContractResult};
use crate::execute;
use crate::{migrations, query};

/// Name stored with cw2.
pub const CONTRACT_NAME: &str = "crates.io:ballast-vault";
/// Version stored with cw2.
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    env: Env,
    _info: MessageInfo,
    msg: InstantiateMsg,
) -> ContractResult<VaultResponse> {
    execute::instantiate(deps, env, msg)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> ContractResult<VaultResponse> {
    crate::probe(deps.api, "entry");
    // Only a deposit (base denom) and a redeem (shares) take funds: anything attached to another
    // action would be kept.
    let takes_funds = matches!(msg, ExecuteMsg::Deposit { .. } | ExecuteMsg::Redeem { .. });
    if !info.funds.is_empty() && !takes_funds {
        return Err(ContractError::FundsNotAccepted {
            funds: info.funds.len(),
        });
    }
    match msg {
        ExecuteMsg::Deposit { amount, recipient } => {
            execute::deposit(deps, env, info, amount, recipient)
        }
        ExecuteMsg::Redeem { recipient, amount } => {
            execute::redeem(deps, env, info, recipient, amount)
        }
        ExecuteMsg::SubmitOrder(request) => execute::submit_order(deps, env, info, request),
        ExecuteMsg::Rebalance { market } => execute::rebalance(deps, env, market),
        ExecuteMsg::Deleverage { market } => execute::deleverage(deps, env, market),
        ExecuteMsg::Mark { market } => execute::mark(deps, env, market),
        ExecuteMsg::Govern(msg) => execute::govern(deps, env, info, msg),
        ExecuteMsg::AccrueFees {} => execute::accrue_fees(deps, env),
        ExecuteMsg::SetSignal { market, signal } => execute::set_signal(deps, info, market, signal),
        ExecuteMsg::SetHedged { market, hedged } => execute::set_hedged(deps, info, market, hedged),
        ExecuteMsg::RemarkAfterTrade { market, price } => {
            execute::remark_after_trade(deps, env, info, market, price)
        }
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> ContractResult<Binary> {
    Ok(match msg {
        QueryMsg::Config {} => to_json_binary(&query::config(deps)?)?,
        QueryMsg::State {} => to_json_binary(&query::state(deps, env)?)?,
        QueryMsg::Market { market } => to_json_binary(&query::market(deps, market)?)?,
        QueryMsg::PreviewOrder(request) => {
            to_json_binary(&query::preview_order(deps, env, request)?)?
        }
        QueryMsg::Holder { address } => to_json_binary(&query::holder(deps, env, address)?)?,
        QueryMsg::VaultStandardInfo {} => to_json_binary(&query::vault_standard_info())?,
        QueryMsg::Info {} => to_json_binary(&query::info(deps)?)?,
        QueryMsg::PreviewDeposit { amount } => {
            to_json_binary(&query::preview_deposit(deps, env, amount)?)?
        }
        QueryMsg::PreviewRedeem { amount } => {
            to_json_binary(&query::preview_redeem(deps, env, amount)?)?
        }
        QueryMsg::TotalAssets {} => to_json_binary(&query::total_assets(deps, env)?)?,
        QueryMsg::TotalVaultTokenSupply {} => {
            to_json_binary(&crate::state::TOTAL_SHARES.load(deps.storage)?)?
        }
        QueryMsg::ConvertToShares { amount } => {
            to_json_binary(&query::convert_to_shares(deps, env, amount)?)?
        }
        QueryMsg::ConvertToAssets { amount } => {
            to_json_binary(&query::convert_to_assets(deps, env, amount)?)?
        }
        QueryMsg::Position { market } => to_json_binary(&query::position(deps, env, market)?)?,
        QueryMsg::Strategy { address } => to_json_binary(&query::strategy(deps, address)?)?,
    })
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, env: Env, msg: MigrateMsg) -> ContractResult<VaultResponse> {
    migrations::migrate(deps, env, msg)
}
