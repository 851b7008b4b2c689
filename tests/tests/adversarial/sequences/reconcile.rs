//! Reconciling the vault with the venue after a step, at the points where a vault that prices every
//! share action on fresh reads guarantees it:
//!
//! - after a `Mark` (and after a trade, which re-marks its market) the vault's nav equals its bank
//!   balance plus the venue's own report of each position's margin + unrealised PnL, floored at zero
//!   ([`ballast_tests::reconcile`]);
//! - a deposit mints what `PreviewDeposit` said just before, and those shares are worth no more than
//!   the deposit at that fair nav; a redeem pays what `PreviewRedeem` said just before, and no more
//!   than the shares are worth at the fair nav;
//! - a trade lowers the fair nav by no more than the venue's quoted fee and price impact of its size;
//! - a rejected decision moves no balance, share or position, and leaves the mark on the venue's report;
//! - the perp market's `PositionTerms` says what its `Position` says.
//!
//! Between marks the stored nav may lag the venue; nothing is asserted there.

use ballast_tests::reconcile::Holdings;
use ballast_tests::suite::{MARKET, attr};
use ballast_types::Side;
use cosmwasm_std::{Addr, Uint256};
use cw_multi_test::AppResponse;
use proptest::prelude::*;

use super::invariants::q;
use super::world::World;
use crate::executed;
use crate::tally::Tally;

/// Base units a reconciled figure may be off by: the venue rounds quantity, entry price and PnL
/// (each toward the pool), and the vault's share math rounds down.
pub const ROUNDING: u128 = 3;

/// The markets of a world.
pub fn markets() -> Vec<String> {
    vec![MARKET.to_string()]
}

/// The vault's fair nav now, or None when the venue cannot mark a position.
pub fn fair(w: &World) -> Option<u128> {
    // Idle is a ledger: a donation is in the balance and not in the fair nav.
    Some(w.suite.fair_nav(&markets()).ok()? - w.donated)
}

fn u256(v: u128) -> Uint256 {
    Uint256::from(v)
}

/// `shares` are worth at most `limit` at (fair nav, supply, virtual shares): shares * (nav + 1) <=
/// (limit + ROUNDING) * (supply + virtual).
pub fn worth_at_most(
    shares: u128,
    nav: u128,
    supply: u128,
    virtual_shares: u128,
    limit: u128,
) -> bool {
    let worth = u256(shares) * (u256(nav) + Uint256::one());
    worth <= (u256(limit) + u256(ROUNDING)) * (u256(supply) + u256(virtual_shares))
}

/// `amount` is at most what `shares` are worth at (fair nav, supply, virtual shares), within
/// [`ROUNDING`]: (amount - ROUNDING) * (supply + virtual) <= shares * (nav + 1).
pub fn worth_at_least(
    shares: u128,
    nav: u128,
    supply: u128,
    virtual_shares: u128,
    amount: u128,
) -> bool {
    let worth = u256(shares) * (u256(nav) + Uint256::one());
    u256(amount.saturating_sub(ROUNDING)) * (u256(supply) + u256(virtual_shares)) <= worth
}

/// What `shares` are worth at (fair nav, supply, virtual shares), rounded down: for messages.
pub fn worth(shares: u128, nav: u128, supply: u128, virtual_shares: u128) -> Uint256 {
    u256(shares) * (u256(nav) + Uint256::one()) / (u256(supply) + u256(virtual_shares))
}

/// The share offset's virtual shares.
pub fn virtual_shares(w: &World) -> Result<u128, TestCaseError> {
    let d = q(w.suite.query_config())?.params.share_offset_decimals;
    Ok(10u128.pow(d))
}

/// What a share action's checks need from just before it.
#[derive(Debug, Clone)]
pub struct ShareBefore {
    /// The fair nav, when the venue can mark.
    pub fair: Option<u128>,
    /// What the preview said (shares for a deposit, assets for a redeem), or why it failed.
    pub preview: Result<u128, String>,
    /// Shares redeemed (0 for a deposit).
    pub redeemed: u128,
    /// The actor's bank balance.
    pub cash: u128,
    /// The actor's shares.
    pub held: u128,
}

impl ShareBefore {
    /// Reads what a deposit of `amount` or a redeem of `redeemed` shares by `actor` will be judged by.
    pub fn read(
        w: &World,
        actor: &Addr,
        amount: u128,
        redeemed: u128,
    ) -> Result<Self, TestCaseError> {
        let s = &w.suite;
        let preview = if redeemed > 0 {
            s.query_preview_redeem(redeemed)
        } else {
            s.query_preview_deposit(amount)
        };
        Ok(Self {
            fair: fair(w),
            preview: preview.map(|v| v.u128()).map_err(|e| e.to_string()),
            redeemed,
            cash: s.balance(actor),
            held: q(s.stored_shares(actor))?.u128(),
        })
    }
}

/// A deposit minted what its preview said, and no more than the deposit is worth at the fair nav.
pub fn check_deposit(
    w: &World,
    actor: &Addr,
    amount: u128,
    before: &ShareBefore,
    tally: &Tally,
) -> Result<(), TestCaseError> {
    let minted = q(w.suite.stored_shares(actor))?.u128() - before.held;
    if let Ok(previewed) = before.preview {
        tally.bump("check deposit mints its preview");
        prop_assert_eq!(minted, previewed, "deposit of {} minted {}", amount, minted);
    }
    let (Some(_), Some(fair_after)) = (before.fair, fair(w)) else {
        return Ok(());
    };
    tally.bump("check deposit's shares worth at most the deposit (fair nav)");
    let supply = q(w.suite.share_ledger())?.supply.u128();
    let v = virtual_shares(w)?;
    prop_assert!(
        worth_at_most(minted, fair_after, supply, v, amount),
        "a deposit of {amount} minted {minted} shares worth {} at the fair nav {fair_after} \
         (supply {supply}): more than it brought",
        worth(minted, fair_after, supply, v)
    );
    Ok(())
}

/// A redeem paid what its preview said, and no more than the shares are worth at the fair nav.
pub fn check_redeem(
    w: &World,
    actor: &Addr,
    before: &ShareBefore,
    tally: &Tally,
) -> Result<(), TestCaseError> {
    let paid = w.suite.balance(actor) - before.cash;
    if let Ok(previewed) = before.preview {
        tally.bump("check redeem pays its preview");
        prop_assert_eq!(paid, previewed, "redeem of {} shares", before.redeemed);
    }
    let Some(fair) = before.fair else {
        return Ok(());
    };
    tally.bump("check redeem pays at most the fair value");
    // Fee shares minted by the redeem dilute the shares redeemed too.
    let supply_after = q(w.suite.share_ledger())?.supply.u128();
    let supply = supply_after + before.redeemed;
    let v = virtual_shares(w)?;
    prop_assert!(
        worth_at_least(before.redeemed, fair, supply, v, paid),
        "a redeem of {} shares paid {paid}, more than their worth {} at the fair nav {fair} \
         (supply {supply})",
        before.redeemed,
        worth(before.redeemed, fair, supply, v)
    );
    Ok(())
}

/// After a `Mark` or a trade (which re-marks), the vault's nav is the fair nav.
pub fn check_nav(w: &World, tally: &Tally) -> Result<(), TestCaseError> {
    let Some(fair) = fair(w) else {
        return Ok(());
    };
    tally.bump("check nav reconciles with the venue after a mark");
    let nav = q(w.suite.query_state())?.nav.u128();
    prop_assert!(
        nav.abs_diff(fair) <= ROUNDING,
        "the vault's nav is {nav}; its bank balance and the venue's positions say {fair}"
    );
    Ok(())
}

/// The venue's fee and impact cost of a trade of `notional` on `side` now.
pub fn quoted_cost(w: &World, side: Side, notional: u128) -> Result<u128, TestCaseError> {
    w.suite
        .quoted_cost(MARKET, side, notional)
        .map_err(TestCaseError::fail)
}

/// A trade (or a keeper's step that did not trade) lowers the fair nav by at most its quoted fee
/// and impact, plus any profit the venue declared it could not pay (`unpaid_profit`). A position
/// under water is not traded (`test_underwater`), so no deficit is ever paid.
pub fn check_trade_cost(
    w: &World,
    res: &AppResponse,
    before: (Option<u128>, &Holdings),
    tally: &Tally,
) -> Result<(), TestCaseError> {
    let (fair_before, _) = before;
    let (Some(before), Some(after)) = (fair_before, fair(w)) else {
        return Ok(());
    };
    let notional = executed(res);
    let cost = match (notional, attr(res, "side").as_deref()) {
        (0, _) => 0,
        (_, Some("long")) => quoted_cost(w, Side::Long, notional)?,
        (_, Some("short")) => quoted_cost(w, Side::Short, notional)?,
        (_, other) => {
            return Err(TestCaseError::fail(format!(
                "trade without side: {other:?}"
            )));
        }
    };
    let unpaid: u128 = attr(res, "unpaid_profit")
        .and_then(|e| e.parse().ok())
        .unwrap_or(0);
    tally.bump("check a trade costs at most its fee and impact");
    let loss = before.saturating_sub(after);
    prop_assert!(
        loss <= cost + unpaid + ROUNDING,
        "a trade of {notional} lowered the fair nav from {before} to {after}, {} more than its \
         fee and impact {cost} and the profit the venue left unpaid {unpaid}",
        loss.saturating_sub(cost + unpaid)
    );
    Ok(())
}

/// A rejected decision moved no balance, share or position, and the mark it stored is the venue's.
pub fn check_rejected(w: &World, before: &Holdings, tally: &Tally) -> Result<(), TestCaseError> {
    tally.bump("check a rejected decision moved nothing");
    let after = w.suite.holdings(&markets(), &holdings_people(w));
    let moved: Vec<String> = before
        .moved(&after)
        .into_iter()
        .filter(|m| !m.starts_with("mark:") && !m.starts_with("nav:"))
        .collect();
    prop_assert!(moved.is_empty(), "a rejected decision moved {moved:?}");
    for (position, mark) in after.positions.iter().zip(&after.marks) {
        if let Ok(p) = position {
            prop_assert!(
                (p.side, p.notional, p.margin, p.unrealized_pnl)
                    == (mark.side, mark.notional, mark.margin, mark.unrealized_pnl),
                "a rejected decision stored the mark {mark:?}; the venue says {p:?}"
            );
        }
    }
    Ok(())
}

/// Whose bank balances a rejected decision must leave alone.
pub fn holdings_people(w: &World) -> Vec<Addr> {
    let mut people = w.holders();
    people.extend([w.suite.manager.clone(), w.suite.keeper.clone()]);
    people
}

/// The perp market's `PositionTerms` of the vault agrees with its `Position`.
pub fn check_position_terms(w: &World, tally: &Tally) -> Result<(), TestCaseError> {
    for market in markets() {
        tally.bump("check PositionTerms agrees with Position");
        let disagreement = w
            .suite
            .position_terms_disagreement(&market)
            .map_err(TestCaseError::fail)?;
        prop_assert!(
            disagreement.is_none(),
            "{}",
            disagreement.unwrap_or_default()
        );
    }
    Ok(())
}
