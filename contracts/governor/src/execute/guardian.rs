//! The guardian (or the owner) acts at once, in the same transaction as the vault: a pause, or a
//! tightening the vault checks loosens nothing. A tightening also cancels what was pending, since that
//! proposal was made against the looser values and, applied later by anyone, would undo it with no
//! new timelock. Loosening again takes a fresh proposal and its full timelock.

use cosmwasm_std::{DepsMut, MessageInfo, Response};

use ballast_types::attributes::{ACTION, MARKET};
use ballast_types::vault::{GovernMsg, MarketConfig, VaultParams};

use super::{assert_guardian_or_owner, assert_owner, govern};
use crate::error::ContractResult;
use crate::state::{PENDING_MARKETS, PENDING_PARAMS};

/// Attribute naming the pending proposal a tightening cancelled: `params` or `market`.
const CANCELLED: &str = "cancelled";

pub fn tighten(deps: DepsMut, info: MessageInfo, params: VaultParams) -> ContractResult<Response> {
    let config = assert_guardian_or_owner(deps.storage, &info)?;
    let mut response = Response::new()
        .add_message(govern(&config, GovernMsg::TightenParams { params })?)
        .add_attribute(ACTION, "tighten");
    if PENDING_PARAMS.exists(deps.storage) {
        PENDING_PARAMS.remove(deps.storage);
        response = response.add_attribute(CANCELLED, "params");
    }
    Ok(response)
}

pub fn tighten_market(
    deps: DepsMut,
    info: MessageInfo,
    market_config: MarketConfig,
) -> ContractResult<Response> {
    let config = assert_guardian_or_owner(deps.storage, &info)?;
    let market = market_config.market.clone();
    let mut response = Response::new()
        .add_message(govern(
            &config,
            GovernMsg::TightenMarket {
                config: market_config,
            },
        )?)
        .add_attribute(ACTION, "tighten_market")
        .add_attribute(MARKET, market.clone());
    if PENDING_MARKETS.has(deps.storage, &market) {
        PENDING_MARKETS.remove(deps.storage, &market);
        response = response.add_attribute(CANCELLED, "market");
    }
    Ok(response)
}

pub fn pause(deps: DepsMut, info: MessageInfo) -> ContractResult<Response> {
    let config = assert_guardian_or_owner(deps.storage, &info)?;
    Ok(Response::new()
        .add_message(govern(&config, GovernMsg::SetPaused { paused: true })?)
        .add_attribute(ACTION, "pause"))
}

pub fn unpause(deps: DepsMut, info: MessageInfo) -> ContractResult<Response> {
    let config = assert_owner(deps.storage, &info)?;
    Ok(Response::new()
        .add_message(govern(&config, GovernMsg::SetPaused { paused: false })?)
        .add_attribute(ACTION, "unpause"))
}
