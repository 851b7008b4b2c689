//! Marks: the last-read state of each market's position, and the sums that move by differences, so
//! that an order touches its own market only (DESIGN section 3, "Cost does not grow with the number of
//! markets").

use cosmwasm_std::{Int128, Order, Storage, Uint128};

use crate::error::ContractResult;
use crate::idle;
use crate::inputs::equity;
use crate::state::{MARK_TIMES, MARKS, Mark, TOTALS};

/// Replaces a market's mark and moves the totals by the difference: idle gains what the venue paid
/// since the old mark, and loses `spent`, the collateral the vault is sending to the venue now.
pub fn store_mark(
    storage: &mut dyn Storage,
    market: &str,
    new: &Mark,
    spent: Uint128,
) -> ContractResult<()> {
    let old = MARKS.may_load(storage, market)?.unwrap_or_default();
    let mut totals = TOTALS.load(storage)?;
    idle::settle(&mut totals, idle::payouts_since(&old, new)?, spent)?;
    totals.gross_notional = totals
        .gross_notional
        .checked_sub(old.notional)?
        .checked_add(new.notional)?;
    let change: Int128 = equity(new)?.checked_sub(equity(&old)?)?;
    totals.marked_equity = totals.marked_equity.checked_add(change)?;
    TOTALS.save(storage, &totals)?;
    if is_open(&old) {
        MARK_TIMES.remove(storage, (old.time, market));
    }
    if is_open(new) {
        MARK_TIMES.save(storage, (new.time, market), &())?;
    }
    MARKS.save(storage, market, new)?;
    Ok(())
}

/// The time a mark taken `now` is stored with: 0 while the venue has yet to execute a change the vault
/// sent (a queued Levana execution). Levana pays collateral back, or takes it, when a crank runs the
/// queue, at a moment the vault does not see; until the vault has read the market after that, its nav
/// could count the same collateral twice (in the mark and in its balance). A mark at time 0 is stale:
/// deposits, redeems and orders adding exposure elsewhere wait for a `Mark` after the crank.
pub fn mark_time(settling: bool, now: u64) -> u64 {
    if settling { 0 } else { now }
}

/// A mark that carries exposure or collateral, whose staleness matters.
fn is_open(mark: &Mark) -> bool {
    !mark.notional.is_zero() || !mark.margin.is_zero() || !mark.unrealized_pnl.is_zero()
}

/// The oldest mark of an open market other than `except`, as (time, market). Reads two keys at most.
pub fn oldest_other(
    storage: &dyn Storage,
    except: Option<&str>,
) -> ContractResult<Option<(u64, String)>> {
    for entry in MARK_TIMES
        .keys(storage, None, None, Order::Ascending)
        .take(2)
    {
        let (time, market) = entry?;
        if Some(market.as_str()) != except {
            return Ok(Some((time, market)));
        }
    }
    Ok(None)
}
