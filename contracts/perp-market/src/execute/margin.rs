//! `AddMargin`: more collateral for an open position.

use ballast_types::attributes::{ACTION, ADDRESS, AMOUNT, MARKET};
use cosmwasm_std::{DepsMut, MessageInfo, Response};

use crate::attributes::MARGIN;
use crate::error::{ContractError, ContractResult};
use crate::funds;
use crate::state::{CONFIG, POSITIONS};

use super::load_market;

/// Adds the attached collateral to the sender's position in `market`, which must exist.
pub fn add_margin(deps: DepsMut, info: MessageInfo, market: String) -> ContractResult<Response> {
    let config = CONFIG.load(deps.storage)?;
    let amount_in = funds::required(&info, &config.denom)?;
    load_market(deps.storage, &market)?;
    let key = (market.as_str(), &info.sender);
    let mut position =
        POSITIONS
            .may_load(deps.storage, key)?
            .ok_or_else(|| ContractError::NoPosition {
                trader: info.sender.to_string(),
                market: market.clone(),
            })?;
    position.margin = position.margin.checked_add(amount_in)?;
    POSITIONS.save(deps.storage, key, &position)?;
    Ok(Response::new()
        .add_attribute(ACTION, "add_margin")
        .add_attribute(MARKET, market)
        .add_attribute(ADDRESS, info.sender.as_str())
        .add_attribute(AMOUNT, amount_in)
        .add_attribute(MARGIN, position.margin))
}
