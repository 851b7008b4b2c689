//! Governance (DESIGN section 6): the owner proposes, a timelock passes, anyone applies; the guardian
//! pauses and tightens at once but can never loosen, and a tightening cancels what was pending so no
//! later apply undoes it; ownership moves in two steps. Every change emits an event.

use cosmwasm_std::{DepsMut, Env, MessageInfo, to_json_string};

use ballast_types::attributes::{ACTION, ADDRESS, MARKET};
use ballast_types::vault::{
    MarketConfig, ParamError, VaultParams, check_market_tightening, validate_tightening,
};

use super::shares::accrue_now;
use super::{assert_role, save_market};
use crate::VaultResponse;
use crate::error::{ContractError, ContractResult};
use crate::state::{
    CONFIG, MARKETS, PARAMS, PAUSED, PENDING_MARKETS, PENDING_OWNER, PENDING_PARAMS, Pending,
};

/// Attribute with the full new value, so an indexer sees what changed.
const VALUE: &str = "value";
/// Attribute with the block time from which a proposal applies.
const ETA: &str = "eta";
/// Attribute naming the pending proposal a tightening cancelled: `params` or `market`.
const CANCELLED: &str = "cancelled";

fn assert_owner(deps: &DepsMut, info: &MessageInfo) -> ContractResult<()> {
    assert_role(&info.sender, &CONFIG.load(deps.storage)?.owner, "owner")
}

fn assert_guardian_or_owner(deps: &DepsMut, info: &MessageInfo) -> ContractResult<()> {
    let config = CONFIG.load(deps.storage)?;
    if info.sender != config.guardian && info.sender != config.owner {
        return Err(ContractError::Unauthorized {
            role: "guardian or owner",
        });
    }
    Ok(())
}

/// When a proposal made now may be applied.
fn eta(deps: &DepsMut, env: &Env) -> ContractResult<u64> {
    let timelock = PARAMS.load(deps.storage)?.timelock;
    let now = cosmwasm_std::Uint64::new(env.block.time.seconds());
    Ok(now.checked_add(timelock.into())?.u64())
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
) -> ContractResult<VaultResponse> {
    assert_owner(&deps, &info)?;
    params.validate()?;
    // The offset prices every share already issued: changing it would move every holder's value.
    let offset = PARAMS.load(deps.storage)?.share_offset_decimals;
    if params.share_offset_decimals != offset {
        return Err(ContractError::Param(ParamError {
            name: "share_offset_decimals",
            value: params.share_offset_decimals.to_string(),
            rule: "fixed at instantiation",
        }));
    }
    let eta = eta(&deps, &env)?;
    let value = to_json_string(&params)?;
    PENDING_PARAMS.save(deps.storage, &Pending { value: params, eta })?;
    Ok(VaultResponse::new()
        .add_attribute(ACTION, "propose_params")
        .add_attribute(ETA, eta.to_string())
        .add_attribute(VALUE, value))
}

/// Anyone applies the pending params once their timelock has passed. A tightening since the proposal
/// cancelled it ([`tighten`]): there is nothing left to apply.
pub fn apply_params(mut deps: DepsMut, env: Env) -> ContractResult<VaultResponse> {
    let pending = PENDING_PARAMS
        .may_load(deps.storage)?
        .ok_or(ContractError::NothingPending {
            what: "params".to_string(),
        })?;
    assert_due(&env, pending.eta)?;
    let response = VaultResponse::new().add_attribute(ACTION, "apply_params");
    let response = accrue_before_fee_change(&mut deps, &env, &pending.value, response)?;
    PARAMS.save(deps.storage, &pending.value)?;
    PENDING_PARAMS.remove(deps.storage);
    Ok(response.add_attribute(VALUE, to_json_string(&pending.value)?))
}

/// A new fee rate applies from the change on: what accrued at the old rates is minted first (at the
/// nav of this moment), so neither holders nor the fee recipient are charged retroactively.
fn accrue_before_fee_change(
    deps: &mut DepsMut,
    env: &Env,
    new: &VaultParams,
    response: VaultResponse,
) -> ContractResult<VaultResponse> {
    let current = PARAMS.load(deps.storage)?;
    if current.management_fee == new.management_fee
        && current.performance_fee == new.performance_fee
    {
        return Ok(response);
    }
    accrue_now(deps, env, response)
}

pub fn cancel_params(deps: DepsMut, info: MessageInfo) -> ContractResult<VaultResponse> {
    assert_owner(&deps, &info)?;
    if !PENDING_PARAMS.exists(deps.storage) {
        return Err(ContractError::NothingPending {
            what: "params".to_string(),
        });
    }
    PENDING_PARAMS.remove(deps.storage);
    Ok(VaultResponse::new().add_attribute(ACTION, "cancel_params"))
}

pub fn propose_market(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    config: MarketConfig,
) -> ContractResult<VaultResponse> {
    assert_owner(&deps, &info)?;
    config.validate()?;
    crate::venue::validate(deps.api, &env.contract.address, &config)?;
    let eta = eta(&deps, &env)?;
    let market = config.market.clone();
    let value = to_json_string(&config)?;
    PENDING_MARKETS.save(deps.storage, &market, &Pending { value: config, eta })?;
    Ok(VaultResponse::new()
        .add_attribute(ACTION, "propose_market")
        .add_attribute(MARKET, market)
        .add_attribute(ETA, eta.to_string())
        .add_attribute(VALUE, value))
}

/// Anyone applies a market's pending change once its timelock has passed; a tightening of that market
/// since the proposal cancelled it ([`tighten_market`]).
pub fn apply_market(deps: DepsMut, env: Env, market: String) -> ContractResult<VaultResponse> {
    let pending = PENDING_MARKETS
        .may_load(deps.storage, &market)?
        .ok_or_else(|| ContractError::NothingPending {
            what: format!("market {market}"),
        })?;
    assert_due(&env, pending.eta)?;
    if let Some(current) = MARKETS.may_load(deps.storage, &market)? {
        crate::venue::assert_venue_change(deps.storage, &current, &pending.value)?;
        MARKETS.save(deps.storage, &market, &pending.value)?;
    } else {
        save_market(deps.storage, pending.value.clone())?;
    }
    PENDING_MARKETS.remove(deps.storage, &market);
    Ok(VaultResponse::new()
        .add_attribute(ACTION, "apply_market")
        .add_attribute(MARKET, market)
        .add_attribute(VALUE, to_json_string(&pending.value)?))
}

pub fn cancel_market(
    deps: DepsMut,
    info: MessageInfo,
    market: String,
) -> ContractResult<VaultResponse> {
    assert_owner(&deps, &info)?;
    if !PENDING_MARKETS.has(deps.storage, &market) {
        return Err(ContractError::NothingPending {
            what: format!("market {market}"),
        });
    }
    PENDING_MARKETS.remove(deps.storage, &market);
    Ok(VaultResponse::new()
        .add_attribute(ACTION, "cancel_market")
        .add_attribute(MARKET, market))
}

/// The guardian (or the owner) tightens at once. It also cancels the pending params proposal, if
/// any: that proposal was made against the looser values and, applied later by anyone, would undo the
/// tightening with no new timelock. Loosening again takes a fresh proposal and its full timelock.
pub fn tighten(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    params: VaultParams,
) -> ContractResult<VaultResponse> {
    assert_guardian_or_owner(&deps, &info)?;
    validate_tightening(&PARAMS.load(deps.storage)?, &params)?;
    let response = VaultResponse::new().add_attribute(ACTION, "tighten");
    let response = accrue_before_fee_change(&mut deps, &env, &params, response)?;
    PARAMS.save(deps.storage, &params)?;
    let mut response = response.add_attribute(VALUE, to_json_string(&params)?);
    if PENDING_PARAMS.exists(deps.storage) {
        PENDING_PARAMS.remove(deps.storage);
        response = response.add_attribute(CANCELLED, "params");
    }
    Ok(response)
}

/// The guardian (or the owner) tightens a market at once, and cancels that market's pending change,
/// if any, for the same reason as [`tighten`].
pub fn tighten_market(
    deps: DepsMut,
    info: MessageInfo,
    config: MarketConfig,
) -> ContractResult<VaultResponse> {
    assert_guardian_or_owner(&deps, &info)?;
    let current = MARKETS
        .may_load(deps.storage, &config.market)?
        .ok_or_else(|| ContractError::UnknownMarket {
            market: config.market.clone(),
        })?;
    config.validate()?;
    check_market_tightening(&current, &config)?;
    MARKETS.save(deps.storage, &config.market, &config)?;
    let mut response = VaultResponse::new()
        .add_attribute(ACTION, "tighten_market")
        .add_attribute(MARKET, config.market.clone())
        .add_attribute(VALUE, to_json_string(&config)?);
    if PENDING_MARKETS.has(deps.storage, &config.market) {
        PENDING_MARKETS.remove(deps.storage, &config.market);
        response = response.add_attribute(CANCELLED, "market");
    }
    Ok(response)
}

pub fn pause(deps: DepsMut, info: MessageInfo) -> ContractResult<VaultResponse> {
    assert_guardian_or_owner(&deps, &info)?;
    PAUSED.save(deps.storage, &true)?;
    Ok(VaultResponse::new().add_attribute(ACTION, "pause"))
}

pub fn unpause(deps: DepsMut, info: MessageInfo) -> ContractResult<VaultResponse> {
    assert_owner(&deps, &info)?;
    PAUSED.save(deps.storage, &false)?;
    Ok(VaultResponse::new().add_attribute(ACTION, "unpause"))
}

pub fn transfer_ownership(
    deps: DepsMut,
    info: MessageInfo,
    new_owner: String,
) -> ContractResult<VaultResponse> {
    assert_owner(&deps, &info)?;
    let new_owner = deps.api.addr_validate(&new_owner)?;
    PENDING_OWNER.save(deps.storage, &new_owner)?;
    Ok(VaultResponse::new()
        .add_attribute(ACTION, "transfer_ownership")
        .add_attribute(ADDRESS, new_owner))
}

pub fn accept_ownership(deps: DepsMut, info: MessageInfo) -> ContractResult<VaultResponse> {
    let pending = PENDING_OWNER.may_load(deps.storage)?;
    if pending.as_ref() != Some(&info.sender) {
        return Err(ContractError::Unauthorized {
            role: "pending owner",
        });
    }
    let mut config = CONFIG.load(deps.storage)?;
    config.owner = info.sender.clone();
    CONFIG.save(deps.storage, &config)?;
    PENDING_OWNER.remove(deps.storage);
    Ok(VaultResponse::new()
        .add_attribute(ACTION, "accept_ownership")
        .add_attribute(ADDRESS, info.sender))
}

pub fn set_roles(
    deps: DepsMut,
    info: MessageInfo,
    manager: Option<String>,
    guardian: Option<String>,
    fee_recipient: Option<String>,
) -> ContractResult<VaultResponse> {
    assert_owner(&deps, &info)?;
    let mut config = CONFIG.load(deps.storage)?;
    let mut response = VaultResponse::new().add_attribute(ACTION, "set_roles");
    if let Some(manager) = manager {
        config.manager = deps.api.addr_validate(&manager)?;
        response = response.add_attribute("manager", &config.manager);
    }
    if let Some(guardian) = guardian {
        config.guardian = deps.api.addr_validate(&guardian)?;
        response = response.add_attribute("guardian", &config.guardian);
    }
    if let Some(fee_recipient) = fee_recipient {
        config.fee_recipient = deps.api.addr_validate(&fee_recipient)?;
        response = response.add_attribute("fee_recipient", &config.fee_recipient);
    }
    CONFIG.save(deps.storage, &config)?;
    Ok(response)
}
