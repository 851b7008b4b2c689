//! The owner proposes, the vault's `timelock` passes, anyone applies. A proposal is checked against
//! the hard bounds when made, so a bad one fails at once, and again by the vault when applied.

use cosmwasm_std::{Deps, DepsMut, Env, MessageInfo, Response, Uint64, to_json_string};

use ballast_types::attributes::{ACTION, MARKET};
use ballast_types::vault::{
    self, ConfigResponse, GovernMsg, MarketConfig, ParamError, VaultParams,
};

use super::{assert_owner, govern, governed_vault};
use crate::error::{ContractError, ContractResult};
use crate::state::{CONFIG, PENDING_MARKETS, PENDING_PARAMS, Pending};

/// Attribute with the full proposed value, so an indexer sees what changes.
const VALUE: &str = "value";
/// Attribute with the block time from which a proposal applies.
const ETA: &str = "eta";

/// The vault's parameters now.
fn current_params(deps: Deps, vault: &cosmwasm_std::Addr) -> ContractResult<VaultParams> {
    let config: ConfigResponse = deps
        .querier
        .query_wasm_smart(vault, &vault::QueryMsg::Config {})?;
    Ok(config.params)
}

/// When a proposal made now may be applied: after the vault's current timelock.
fn eta(env: &Env, current: &VaultParams) -> ContractResult<u64> {
    let now = Uint64::new(env.block.time.seconds());
    Ok(now.checked_add(current.timelock.into())?.u64())
}

fn assert_due(env: &Env, eta: u64) -> ContractResult<()> {
    if env.block.time.seconds() < eta {
        return Err(ContractError::TimelockNotPassed {
            eta,
            now: env.block.time.seconds(),
        });
    }
    Ok(())
}

pub fn propose_params(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    params: VaultParams,
) -> ContractResult<Response> {
    let config = assert_owner(deps.storage, &info)?;
    params.validate()?;
    let current = current_params(deps.as_ref(), governed_vault(&config)?)?;
    // The offset prices every share already issued: changing it would move every holder's value.
    if params.share_offset_decimals != current.share_offset_decimals {
        return Err(ContractError::Param(ParamError {
            name: "share_offset_decimals",
            value: params.share_offset_decimals.to_string(),
            rule: "fixed at instantiation",
        }));
    }
    let eta = eta(&env, &current)?;
    let value = to_json_string(&params)?;
    PENDING_PARAMS.save(deps.storage, &Pending { value: params, eta })?;
    Ok(Response::new()
        .add_attribute(ACTION, "propose_params")
        .add_attribute(ETA, eta.to_string())
        .add_attribute(VALUE, value))
}

/// Anyone applies the pending params once their timelock has passed. A tightening since the proposal
/// cancelled it (`guardian::tighten`): there is nothing left to apply.
pub fn apply_params(deps: DepsMut, env: Env) -> ContractResult<Response> {
    let pending = PENDING_PARAMS
        .may_load(deps.storage)?
        .ok_or(ContractError::NothingPending {
            what: "params".to_string(),
        })?;
    assert_due(&env, pending.eta)?;
    PENDING_PARAMS.remove(deps.storage);
    let config = CONFIG.load(deps.storage)?;
    Ok(Response::new()
        .add_message(govern(
            &config,
            GovernMsg::SetParams {
                params: pending.value,
            },
        )?)
        .add_attribute(ACTION, "apply_params"))
}

pub fn cancel_params(deps: DepsMut, info: MessageInfo) -> ContractResult<Response> {
    assert_owner(deps.storage, &info)?;
    if !PENDING_PARAMS.exists(deps.storage) {
        return Err(ContractError::NothingPending {
            what: "params".to_string(),
        });
    }
    PENDING_PARAMS.remove(deps.storage);
    Ok(Response::new().add_attribute(ACTION, "cancel_params"))
}

/// The venue of a proposed market is checked by the vault when the change is applied: only the vault
/// knows which venues its build can trade.
pub fn propose_market(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    config: MarketConfig,
) -> ContractResult<Response> {
    let governor = assert_owner(deps.storage, &info)?;
    config.validate()?;
    let current = current_params(deps.as_ref(), governed_vault(&governor)?)?;
    let eta = eta(&env, &current)?;
    let market = config.market.clone();
    let value = to_json_string(&config)?;
    PENDING_MARKETS.save(deps.storage, &market, &Pending { value: config, eta })?;
    Ok(Response::new()
        .add_attribute(ACTION, "propose_market")
        .add_attribute(MARKET, market)
        .add_attribute(ETA, eta.to_string())
        .add_attribute(VALUE, value))
}

/// Anyone applies a market's pending change once its timelock has passed; a tightening of that market
/// since the proposal cancelled it (`guardian::tighten_market`).
pub fn apply_market(deps: DepsMut, env: Env, market: String) -> ContractResult<Response> {
    let pending = PENDING_MARKETS
        .may_load(deps.storage, &market)?
        .ok_or_else(|| ContractError::NothingPending {
            what: format!("market {market}"),
        })?;
    assert_due(&env, pending.eta)?;
    PENDING_MARKETS.remove(deps.storage, &market);
    let config = CONFIG.load(deps.storage)?;
    Ok(Response::new()
        .add_message(govern(
            &config,
            GovernMsg::SetMarket {
                config: pending.value,
            },
        )?)
        .add_attribute(ACTION, "apply_market")
        .add_attribute(MARKET, market))
}

pub fn cancel_market(deps: DepsMut, info: MessageInfo, market: String) -> ContractResult<Response> {
    assert_owner(deps.storage, &info)?;
    if !PENDING_MARKETS.has(deps.storage, &market) {
        return Err(ContractError::NothingPending {
            what: format!("market {market}"),
        });
    }
    PENDING_MARKETS.remove(deps.storage, &market);
    Ok(Response::new()
        .add_attribute(ACTION, "cancel_market")
        .add_attribute(MARKET, market))
}
