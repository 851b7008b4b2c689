//! `AddMargin` and `RemoveMargin`: more collateral for an open position, or some of it back.

use ballast_types::attributes::{ACTION, ADDRESS, AMOUNT, MARKET};
use cosmwasm_std::{BankMsg, DepsMut, Env, MessageInfo, Response, Uint128, Uint256, coins};

use crate::attributes::MARGIN;
use crate::error::{ContractError, ContractResult};
use crate::state::{CONFIG, POSITIONS, Position, record_payout};
use crate::{funds, oracle};

use super::load_market;

/// Adds the attached collateral to the sender's position in `market`, which must exist.
pub fn add_margin(deps: DepsMut, info: MessageInfo, market: String) -> ContractResult<Response> {
    let config = CONFIG.load(deps.storage)?;
    let amount_in = funds::required(&info, &config.denom)?;
    load_market(deps.storage, &market)?;
    let key = (market.as_str(), &info.sender);
    let mut position = load_position(&deps, &info, &market)?;
    position.margin = position.margin.checked_add(amount_in)?;
    POSITIONS.save(deps.storage, key, &position)?;
    Ok(Response::new()
        .add_attribute(ACTION, "add_margin")
        .add_attribute(MARKET, market)
        .add_attribute(ADDRESS, info.sender.as_str())
        .add_attribute(AMOUNT, amount_in)
        .add_attribute(MARGIN, position.margin))
}

/// Returns `amount` of the sender's margin in `market` to the sender, counted in its payouts. What
/// stays must carry the initial margin on the notional at the oracle price after the position's
/// unrealised loss (a profit is the pool's until realised, so it backs nothing here), as a trade
/// that opens must.
pub fn remove_margin(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    market: String,
    amount: Uint128,
) -> ContractResult<Response> {
    funds::none(&info)?;
    let config = CONFIG.load(deps.storage)?;
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount { what: "amount" });
    }
    let market_state = load_market(deps.storage, &market)?;
    let mut position = load_position(&deps, &info, &market)?;
    let price = oracle::price(deps.as_ref(), &env, &config, &market_state.params.feed_id)?;
    let required = position
        .notional(price)?
        .checked_mul_ceil(market_state.params.initial_margin)?;
    let loss = position
        .unrealized_pnl(price)?
        .min(cosmwasm_std::Int256::zero());
    let kept = Uint256::from(position.margin.saturating_sub(amount));
    let available = Uint128::try_from(kept.saturating_sub(loss.unsigned_abs()))?;
    if amount > position.margin || available < required {
        return Err(ContractError::InsufficientMargin {
            required,
            available,
        });
    }
    position.margin = position.margin.checked_sub(amount)?;
    POSITIONS.save(deps.storage, (market.as_str(), &info.sender), &position)?;
    record_payout(deps.storage, &market, &info.sender, amount)?;
    Ok(Response::new()
        .add_message(BankMsg::Send {
            to_address: info.sender.to_string(),
            amount: coins(amount.u128(), config.denom),
        })
        .add_attribute(ACTION, "remove_margin")
        .add_attribute(MARKET, market)
        .add_attribute(ADDRESS, info.sender.as_str())
        .add_attribute(AMOUNT, amount)
        .add_attribute(MARGIN, position.margin))
}

fn load_position(deps: &DepsMut, info: &MessageInfo, market: &str) -> ContractResult<Position> {
    POSITIONS
        .may_load(deps.storage, (market, &info.sender))?
        .ok_or_else(|| ContractError::NoPosition {
            trader: info.sender.to_string(),
            market: market.to_string(),
        })
}
