//! What the governor decides (DESIGN section 6). Who may ask and when (the owner's proposals and
//! their timelock, the guardian's pause and tightening) is the governor's business; here every change
//! is checked against the hard bounds again, so no governor can set what the vault refuses.

use cosmwasm_std::{DepsMut, Env, MessageInfo, to_json_string};

use ballast_types::attributes::{ACTION, ADDRESS, MARKET};
use ballast_types::vault::{
    GovernMsg, MarketConfig, ParamError, VaultParams, check_market_tightening, validate_tightening,
};

use super::shares::accrue_now;
use super::{assert_role, save_market};
use crate::VaultResponse;
use crate::error::{ContractError, ContractResult};
use crate::state::{CONFIG, MARKETS, PARAMS, PAUSED, SIGNAL_SOURCES};

/// Attribute with the full new value, so an indexer sees what changed.
const VALUE: &str = "value";

pub fn govern(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: GovernMsg,
) -> ContractResult<VaultResponse> {
    assert_role(
        &info.sender,
        &CONFIG.load(deps.storage)?.governor,
        "governor",
    )?;
    match msg {
        GovernMsg::SetParams { params } => set_params(deps, env, params),
        GovernMsg::TightenParams { params } => tighten_params(deps, env, params),
        GovernMsg::SetMarket { config } => set_market(deps, env, config),
        GovernMsg::TightenMarket { config } => tighten_market(deps, config),
        GovernMsg::SetPaused { paused } => set_paused(deps, paused),
        GovernMsg::SetRoles {
            manager,
            fee_recipient,
        } => set_roles(deps, manager, fee_recipient),
        GovernMsg::SetSignalSource { address, allowed } => {
            set_signal_source(deps, address, allowed)
        }
        GovernMsg::SetStrategy { address, allowed } => {
            super::strategies::set_strategy(deps, address, allowed)
        }
    }
}

fn set_params(mut deps: DepsMut, env: Env, params: VaultParams) -> ContractResult<VaultResponse> {
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
    let response = VaultResponse::new().add_attribute(ACTION, "set_params");
    let response = accrue_before_fee_change(&mut deps, &env, &params, response)?;
    PARAMS.save(deps.storage, &params)?;
    Ok(response.add_attribute(VALUE, to_json_string(&params)?))
}

fn tighten_params(
    mut deps: DepsMut,
    env: Env,
    params: VaultParams,
) -> ContractResult<VaultResponse> {
    validate_tightening(&PARAMS.load(deps.storage)?, &params)?;
    let response = VaultResponse::new().add_attribute(ACTION, "tighten_params");
    let response = accrue_before_fee_change(&mut deps, &env, &params, response)?;
    PARAMS.save(deps.storage, &params)?;
    Ok(response.add_attribute(VALUE, to_json_string(&params)?))
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

fn set_market(deps: DepsMut, env: Env, config: MarketConfig) -> ContractResult<VaultResponse> {
    config.validate()?;
    crate::venue::validate(deps.api, &env.contract.address, &config)?;
    let market = config.market.clone();
    if let Some(current) = MARKETS.may_load(deps.storage, &market)? {
        crate::venue::assert_venue_change(deps.storage, &current, &config)?;
        MARKETS.save(deps.storage, &market, &config)?;
    } else {
        save_market(deps.storage, config.clone())?;
    }
    Ok(VaultResponse::new()
        .add_attribute(ACTION, "set_market")
        .add_attribute(MARKET, market)
        .add_attribute(VALUE, to_json_string(&config)?))
}

fn tighten_market(deps: DepsMut, config: MarketConfig) -> ContractResult<VaultResponse> {
    let current = MARKETS
        .may_load(deps.storage, &config.market)?
        .ok_or_else(|| ContractError::UnknownMarket {
            market: config.market.clone(),
        })?;
    config.validate()?;
    check_market_tightening(&current, &config)?;
    MARKETS.save(deps.storage, &config.market, &config)?;
    Ok(VaultResponse::new()
        .add_attribute(ACTION, "tighten_market")
        .add_attribute(MARKET, config.market.clone())
        .add_attribute(VALUE, to_json_string(&config)?))
}

fn set_paused(deps: DepsMut, paused: bool) -> ContractResult<VaultResponse> {
    PAUSED.save(deps.storage, &paused)?;
    Ok(VaultResponse::new().add_attribute(ACTION, if paused { "pause" } else { "unpause" }))
}

fn set_roles(
    deps: DepsMut,
    manager: Option<String>,
    fee_recipient: Option<String>,
) -> ContractResult<VaultResponse> {
    let mut config = CONFIG.load(deps.storage)?;
    let mut response = VaultResponse::new().add_attribute(ACTION, "set_roles");
    if let Some(manager) = manager {
        config.manager = super::address(deps.api, "manager", &manager)?;
        response = response.add_attribute("manager", &config.manager);
    }
    if let Some(fee_recipient) = fee_recipient {
        config.fee_recipient = super::address(deps.api, "fee_recipient", &fee_recipient)?;
        response = response.add_attribute("fee_recipient", &config.fee_recipient);
    }
    CONFIG.save(deps.storage, &config)?;
    Ok(response)
}

fn set_signal_source(
    deps: DepsMut,
    address: String,
    allowed: bool,
) -> ContractResult<VaultResponse> {
    let source = deps.api.addr_validate(&address)?;
    if allowed {
        SIGNAL_SOURCES.save(deps.storage, &source, &())?;
    } else {
        SIGNAL_SOURCES.remove(deps.storage, &source);
    }
    Ok(VaultResponse::new()
        .add_attribute(ACTION, "set_signal_source")
        .add_attribute(ADDRESS, source)
        .add_attribute("allowed", allowed.to_string()))
}
