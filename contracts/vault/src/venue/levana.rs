//! Levana markets: the vault reads its position back from the market and changes it by id.
//!
//! Levana executes every position change later, when a crank runs the market's queue of deferred
//! executions; the message the vault sends only queues it. So the vault reads, on every touch, its
//! newest deferred executions (`ListDeferredExecs`, newest first; Levana executes in id order, so
//! whatever is still queued is among the newest) and the positions they name (`Positions`, every
//! pending fee deducted: what closing now would return).
//!
//! Its own positions, and only those: Levana records each execution under the wallet that sent it,
//! and each names the position it opened (once applied) or changes. The vault sends orders only for
//! positions it read this way, so every execution since it opened its position names that position,
//! and the newest does. Nothing is stored: a vault upgraded from 0.2.0 reads the same way.
//!
//! One position per market: while an execution of the vault is queued the vault sends nothing more
//! to the market ([`ContractError::LevanaPending`]), so it never opens twice. The collateral a queued
//! open or top-up holds counts as the position's margin, so nav does not dip while it waits.
//!
//! A decided order maps to Levana's messages:
//! - flat, adding exposure: `OpenPosition` with the margin as collateral;
//! - same side: `UpdatePositionAddCollateralImpactSize` with executed / leverage of collateral (the
//!   position's leverage stays, its notional grows by the executed notional, rounded down), and
//!   the rest of the margin to post, if any, through `UpdatePositionAddCollateralImpactLeverage`;
//! - opposite side, less than the position: `UpdatePositionRemoveCollateralImpactSize` of
//!   executed / leverage (rounded down: never more than decided is cut);
//! - opposite side, the whole position: `ClosePosition`. Past it (a flip) the order is refused
//!   ([`ContractError::LevanaFlip`]): close first, then open.
//! - A top-up is `UpdatePositionAddCollateralImpactLeverage`.
//!
//! Anyone may transfer a position token to the vault. The vault never reads the tokens it holds, so
//! a position it did not open is not in its nav, is never traded, and cannot hide or crowd out its
//! own: a gift only costs its giver. (Version 0.2.0 read the tokens and could act on a gift; one it
//! did act on is named in its executions and still counts. With more than one position read,
//! orders adding exposure are refused and a reduction closes them all: too much, never too little.)

use cosmwasm_std::{Decimal, Deps, Env, Int128, Uint64, Uint128};

use ballast_types::Side;
use ballast_types::perp::PositionSummary;
use ballast_types::venue::levana_query::{
    LevanaDeferredExecs, LevanaPosition, LevanaPositions, LevanaQueryMsg,
    PositionsQueryFeeApproach, to_units_floor,
};
use ballast_types::venue::{
    LevanaVenue, VenueError, VenueMsg, levana_add_collateral, levana_close, levana_increase,
    levana_open, levana_reduce,
};

use crate::error::{ContractError, ContractResult};

/// Deferred executions read, newest first. One action of the vault queues at most two, nothing is
/// sent while any is queued, and the newest names the vault's position; eleven also covers a 0.2.0
/// vault whose last action queued a close for each of ten positions.
const QUEUE_READ: u32 = 11;

/// The vault's position on a Levana market as read now.
pub struct LevanaBook {
    /// The vault's open positions (one; more only from 0.2.0, see the module doc).
    pub positions: Vec<LevanaPosition>,
    /// Collateral of positions being closed by Levana, still to be paid back, decimal tokens.
    pub closing: Decimal,
    /// The newest deferred execution of the vault still waiting for the crank, and the collateral
    /// (decimal tokens) every queued one holds.
    pub pending: Option<(Uint64, Decimal)>,
}

/// Reads the vault's queued executions on `v`'s market and the positions its newest executions name
/// (at most [`QUEUE_READ`]).
pub fn read(deps: Deps, env: &Env, v: &LevanaVenue) -> ContractResult<LevanaBook> {
    let execs: LevanaDeferredExecs = deps.querier.query_wasm_smart(
        &v.market_contract,
        &LevanaQueryMsg::ListDeferredExecs {
            addr: env.contract.address.to_string(),
            start_after: None,
            limit: Some(QUEUE_READ),
        },
    )?;
    // Newest first; everything queued by the vault's last action is among these.
    let mut pending: Option<(Uint64, Decimal)> = None;
    let mut ids: Vec<Uint64> = Vec::with_capacity(execs.items.len());
    for exec in &execs.items {
        if exec.is_pending() {
            let (id, held) = pending.unwrap_or((exec.id, Decimal::zero()));
            pending = Some((id, held.checked_add(exec.queued_collateral())?));
        }
        if let Some(id) = exec.position_id().filter(|id| !ids.contains(id)) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Ok(LevanaBook {
            positions: vec![],
            closing: Decimal::zero(),
            pending,
        });
    }
    // Closed ones come back in `closed`, which holds nothing of the vault's any more.
    let read: LevanaPositions = deps.querier.query_wasm_smart(
        &v.market_contract,
        &LevanaQueryMsg::Positions {
            position_ids: ids,
            skip_calc_pending_fees: None,
            fees: Some(PositionsQueryFeeApproach::AllFees),
            price: None,
        },
    )?;
    let mut closing = Decimal::zero();
    for closed in &read.pending_close {
        closing = closing.checked_add(closed.active_collateral)?;
    }
    Ok(LevanaBook {
        positions: read.positions,
        closing,
        pending,
    })
}

/// The vault's position as it marks it: every open position netted, plus the collateral Levana
/// holds for it in its queue or in closing positions (rounded down); and whether an execution of the
/// vault is still queued (the mark then settles later, see `marks::mark_time`).
pub fn position(deps: Deps, env: &Env, v: &LevanaVenue) -> ContractResult<(PositionSummary, bool)> {
    summary(&read(deps, env, v)?, v)
}

/// `position` of a book already read.
pub fn summary(book: &LevanaBook, v: &LevanaVenue) -> ContractResult<(PositionSummary, bool)> {
    let d = v.collateral_decimals;
    let mut signed_notional = Int128::zero();
    let mut margin = Uint128::zero();
    let mut pnl = Int128::zero();
    for p in &book.positions {
        let s = p.summary(d)?;
        let notional = Int128::try_from(s.notional)?;
        signed_notional = match s.side {
            Some(Side::Short) => signed_notional.checked_sub(notional)?,
            _ => signed_notional.checked_add(notional)?,
        };
        margin = margin.checked_add(s.margin)?;
        pnl = pnl.checked_add(s.unrealized_pnl)?;
    }
    let held = book.pending.map(|(_, c)| c).unwrap_or_default();
    margin = margin
        .checked_add(to_units_floor(held, d)?)?
        .checked_add(to_units_floor(book.closing, d)?)?;
    let side = match signed_notional {
        n if n > Int128::zero() => Some(Side::Long),
        n if n < Int128::zero() => Some(Side::Short),
        _ => None,
    };
    let summary = PositionSummary {
        side,
        notional: signed_notional.unsigned_abs(),
        margin,
        unrealized_pnl: pnl,
        // Levana pays into the vault's balance, which the levana build counts as idle.
        paid_out: Uint128::zero(),
    };
    Ok((summary, book.pending.is_some()))
}

/// A decided order on a Levana market, as Levana wants it.
pub struct LevanaOrder<'a> {
    /// The vault's market id.
    pub market: &'a str,
    /// Side of the trade.
    pub side: Side,
    /// Notional to execute, base units.
    pub executed: Uint128,
    /// Only reduce.
    pub reduce_only: bool,
    /// Margin the pipeline decided to post, base units.
    pub margin: Uint128,
    /// The oracle price, quote per base.
    pub price: Decimal,
    /// The vault's idle balance, base units.
    pub idle: Uint128,
}

/// Refuses while an execution of the vault is queued on the market.
fn require_idle_queue(book: &LevanaBook, market: &str) -> ContractResult<()> {
    match book.pending {
        Some((id, _)) => Err(ContractError::LevanaPending {
            market: market.to_string(),
            deferred_exec_id: id,
        }),
        None => Ok(()),
    }
}

/// `part` of a position's notional as collateral at its leverage, base units, rounded down.
fn collateral_for(
    p: &LevanaPosition,
    d: u32,
    part: Uint128,
    notional: Uint128,
) -> ContractResult<Uint128> {
    let active = to_units_floor(p.active_collateral, d)?;
    Ok(part.checked_multiply_ratio(active, notional)?)
}

fn below_unit(d: u32) -> ContractResult<ContractError> {
    Ok(ContractError::Venue(VenueError::BelowTick {
        quantity: cosmwasm_std::Decimal256::zero(),
        tick: Decimal::from_atomics(1u128, d).map_err(VenueError::from)?,
    }))
}

/// The messages that carry `order` on the market, from the position read in `book`.
pub fn trade(
    v: &LevanaVenue,
    book: &LevanaBook,
    denom: &str,
    sender: &str,
    order: &LevanaOrder,
) -> ContractResult<Vec<VenueMsg>> {
    require_idle_queue(book, order.market)?;
    let d = v.collateral_decimals;
    let position = match book.positions.as_slice() {
        [] => {
            let open = ballast_types::venue::VenueOrder {
                market: order.market,
                side: order.side,
                notional: order.executed,
                reduce_only: order.reduce_only,
                margin: order.margin,
                price: order.price,
            };
            let account = ballast_types::venue::VenueAccount {
                sender,
                perp_market: "",
                denom,
            };
            return Ok(vec![levana_open(v, account, &open)?]);
        }
        [one] => one,
        many => {
            let count = u32::try_from(many.len()).unwrap_or(u32::MAX);
            if !order.reduce_only {
                return Err(ContractError::LevanaPositionCount {
                    market: order.market.to_string(),
                    count,
                });
            }
            return Ok(many
                .iter()
                .map(|p| levana_close(v, p.id.u64(), order.price))
                .collect::<Result<_, _>>()?);
        }
    };
    let held = position.summary(d)?;
    let id = position.id.u64();
    if held.notional.is_zero() {
        return Ok(vec![levana_close(v, id, order.price)?]);
    }
    if held.side == Some(order.side) {
        let size = collateral_for(position, d, order.executed, held.notional)?;
        if size.is_zero() {
            return Err(below_unit(d)?);
        }
        let needed = size.max(order.margin);
        if needed > order.idle {
            return Err(ContractError::LevanaCollateralShort {
                market: order.market.to_string(),
                needed,
                idle: order.idle,
            });
        }
        let mut msgs = vec![levana_increase(v, id, size, denom, order.price)?];
        let extra = order.margin.saturating_sub(size);
        if !extra.is_zero() {
            msgs.push(levana_add_collateral(v, id, extra, denom)?);
        }
        return Ok(msgs);
    }
    if order.executed >= held.notional {
        if order.executed > held.notional && !order.reduce_only {
            return Err(ContractError::LevanaFlip {
                market: order.market.to_string(),
                notional: held.notional,
                executed: order.executed,
            });
        }
        return Ok(vec![levana_close(v, id, order.price)?]);
    }
    let out = collateral_for(position, d, order.executed, held.notional)?;
    if out.is_zero() {
        return Err(below_unit(d)?);
    }
    let amount = Decimal::from_atomics(out, d).map_err(VenueError::from)?;
    Ok(vec![levana_reduce(v, id, amount, order.price)?])
}

/// The message adding `amount` of collateral to the vault's one position at constant size.
pub fn add_margin(
    v: &LevanaVenue,
    book: &LevanaBook,
    market: &str,
    amount: Uint128,
    denom: &str,
) -> ContractResult<VenueMsg> {
    require_idle_queue(book, market)?;
    match book.positions.as_slice() {
        [one] => Ok(levana_add_collateral(v, one.id.u64(), amount, denom)?),
        many => Err(ContractError::LevanaPositionCount {
            market: market.to_string(),
            count: u32::try_from(many.len()).unwrap_or(u32::MAX),
        }),
    }
}
