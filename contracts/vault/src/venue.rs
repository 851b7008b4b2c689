//! The vault's side of venues (see `ballast_types::venue`): what it reads of a market's position and
//! terms, and how it forwards a decided order.
//!
//! On the ballast perp market the vault queries the position and the market's terms, and re-marks the
//! position when the trade's reply arrives, exactly as before venues existed.
//!
//! An external venue (Levana, Injective) is not queried: reading its positions back is not built
//! yet. The pipeline uses the `terms` of the market's venue configuration, and the position is the
//! vault's ledger of what it sent: after each forwarded trade the stored mark moves by the executed
//! notional (netted when the side is opposite) and the posted margin. The ledger carries no profit or
//! loss, funding or venue fees; its marks age like any other, so orders still need fresh marks.

use cosmwasm_std::{Api, CosmosMsg, Decimal, Deps, DepsMut, Env, Storage, SubMsg, Uint128};

use ballast_types::convert::pyth_to_decimal;
use ballast_types::perp::{MarketSummary, PositionSummary};
use ballast_types::vault::MarketConfig;
use ballast_types::venue::{Venue, VenueAccount, VenueError, VenueMsg, VenueOrder};

use crate::error::{ContractError, ContractResult};
use crate::execute::order::TRADE_REPLY;
use crate::inputs;
use crate::marks::store_mark;
use crate::pipeline::{Evaluation, MarketInputs};
use crate::state::{Config, MARKS, Mark, PENDING_MARK};
use crate::{VaultResponse, VenueCustom};

/// Whether this vault can hold a position on the market's venue; refused at instantiate and proposal.
///
/// Levana opens positions by deferred execution, so the vault never learns the position id it would
/// need to reduce, deleverage or top up what it opened: a position it could not cut is not accepted.
/// Injective's orders are custom messages that only the `injective` build can send.
pub fn validate(api: &dyn Api, market: &MarketConfig) -> ContractResult<()> {
    match &market.venue {
        Venue::Ballast => Ok(()),
        Venue::Levana(levana) => {
            api.addr_validate(&levana.market_contract)?;
            Err(VenueError::Unsupported {
                venue: "levana",
                action: "reduce or deleverage a position (Levana gives no position id)",
            }
            .into())
        }
        #[cfg(feature = "injective")]
        Venue::Injective(_) => Ok(()),
        #[cfg(not(feature = "injective"))]
        Venue::Injective(_) => Err(VenueError::Unsupported {
            venue: "injective",
            action: "send a custom message from this vault build",
        }
        .into()),
    }
}

/// Refuses a new venue for a market whose mark is open: the vault would lose sight of the position.
pub fn assert_venue_change(
    storage: &dyn Storage,
    current: &MarketConfig,
    new: &MarketConfig,
) -> ContractResult<()> {
    if current.venue == new.venue {
        return Ok(());
    }
    let mark = MARKS
        .may_load(storage, &current.market)?
        .unwrap_or_default();
    if mark.side.is_some() || !mark.notional.is_zero() || !mark.margin.is_zero() {
        return Err(ContractError::VenueChangeWithPosition {
            market: current.market.clone(),
            from: current.venue.name().to_string(),
            to: new.venue.name().to_string(),
        });
    }
    Ok(())
}

/// The vault's position in a market: the perp market's mark, or the ledger of an external venue.
pub fn position(
    deps: Deps,
    env: &Env,
    config: &Config,
    market: &MarketConfig,
) -> ContractResult<PositionSummary> {
    match market.venue {
        Venue::Ballast => inputs::position(deps, env, config, &market.market),
        Venue::Levana(_) | Venue::Injective(_) => {
            let mark = MARKS
                .may_load(deps.storage, &market.market)?
                .unwrap_or_default();
            Ok(PositionSummary {
                side: mark.side,
                notional: mark.notional,
                margin: mark.margin,
                unrealized_pnl: mark.unrealized_pnl,
            })
        }
    }
}

/// The vault's position in a market (or why the venue could not mark it) and the terms that price and
/// margin an order: one query to the perp market, or the ledger and the venue configuration's terms.
pub fn read(
    deps: Deps,
    env: &Env,
    config: &Config,
    market: &MarketConfig,
) -> ContractResult<(Result<PositionSummary, String>, MarketSummary)> {
    match market.venue.terms() {
        None => {
            let read = inputs::position_terms(deps, env, config, &market.market)?;
            let position = read
                .position
                .ok_or_else(|| read.unmarked.unwrap_or_default());
            Ok((position, MarketSummary { params: read.terms }))
        }
        Some(terms) => Ok((
            position(deps, env, config, market).map_err(|e| e.to_string()),
            MarketSummary {
                params: terms.clone(),
            },
        )),
    }
}

fn account<'a>(env: &'a Env, config: &'a Config) -> VenueAccount<'a> {
    VenueAccount {
        sender: env.contract.address.as_str(),
        perp_market: config.perp_market.as_str(),
        denom: &config.denom,
    }
}

/// A venue message as the vault sends it. Injective's exchange messages are custom messages: only a
/// vault built with the `injective` feature (responses of `InjectiveMsgWrapper`) can carry them.
#[cfg_attr(feature = "injective", allow(unused_variables))]
fn sendable(venue: &Venue, msg: VenueMsg) -> ContractResult<CosmosMsg<VenueCustom>> {
    match msg {
        VenueMsg::Wasm(wasm) => Ok(CosmosMsg::Wasm(wasm)),
        #[cfg(feature = "injective")]
        VenueMsg::Injective(custom) => Ok(CosmosMsg::Custom(custom)),
        #[cfg(not(feature = "injective"))]
        VenueMsg::Injective(_) => Err(VenueError::Unsupported {
            venue: venue.name(),
            action: "send a custom message from this vault build",
        }
        .into()),
    }
}

/// Forwards an executed order to the market's venue.
pub fn forward_trade(
    deps: DepsMut,
    env: &Env,
    config: &Config,
    inputs: &MarketInputs,
    e: &Evaluation,
    response: VaultResponse,
) -> ContractResult<VaultResponse> {
    let market = &inputs.config;
    // Only an external venue needs the price as a decimal; the ballast path reads nothing new.
    let price = match market.venue {
        Venue::Ballast => Decimal::zero(),
        _ => pyth_to_decimal(&inputs.price)?,
    };
    let order = VenueOrder {
        market: &market.market,
        side: e.side,
        notional: e.executed,
        reduce_only: e.reduce_only,
        margin: e.margin_to_post,
        price,
    };
    let msg = sendable(
        &market.venue,
        market.venue.trade(account(env, config), &order)?,
    )?;
    let response = response.add_attribute("margin_posted", e.margin_to_post);
    match market.venue {
        Venue::Ballast => {
            PENDING_MARK.save(deps.storage, &market.market)?;
            crate::probe(deps.api, "forward");
            Ok(response.add_submessage(SubMsg::reply_on_success(msg, TRADE_REPLY)))
        }
        _ => {
            let after = ledger_after(&e.mark, e, env.block.time.seconds())?;
            store_mark(deps.storage, &market.market, &after)?;
            Ok(response
                .add_attribute("venue", market.venue.name())
                .add_submessage(SubMsg::new(msg)))
        }
    }
}

/// Sends `amount` of idle collateral to the position's margin on the market's venue.
pub fn forward_margin(
    deps: DepsMut,
    env: &Env,
    config: &Config,
    market: &MarketConfig,
    amount: Uint128,
    response: VaultResponse,
) -> ContractResult<VaultResponse> {
    let msg = sendable(
        &market.venue,
        market
            .venue
            .add_margin(account(env, config), &market.market, amount)?,
    )?;
    PENDING_MARK.save(deps.storage, &market.market)?;
    Ok(response
        .add_attribute("margin_added", amount)
        .add_submessage(SubMsg::reply_on_success(msg, TRADE_REPLY)))
}

/// The ledger mark after a trade of `e.executed` on `e.side` with `e.margin_to_post` posted.
fn ledger_after(before: &Mark, e: &Evaluation, time: u64) -> ContractResult<Mark> {
    let margin = before.margin.checked_add(e.margin_to_post)?;
    let (side, notional) = match before.side {
        Some(held) if held != e.side => {
            if e.executed <= before.notional {
                let left = before.notional.checked_sub(e.executed)?;
                (if left.is_zero() { None } else { Some(held) }, left)
            } else {
                (Some(e.side), e.executed.checked_sub(before.notional)?)
            }
        }
        _ => (Some(e.side), before.notional.checked_add(e.executed)?),
    };
    Ok(Mark {
        side,
        notional,
        margin,
        unrealized_pnl: before.unrealized_pnl,
        time,
    })
}
