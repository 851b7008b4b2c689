//! The judgements of a round-trip session, each against the venue's own reports rather than the
//! vault's: the *fair* nav is the vault's bank balance plus each market's position equity (margin +
//! unrealised PnL from the perp market's `Position`), floored at zero; the fair price of a share is
//! `(fair nav + 1) / (supply + 10^d)`, the vault's own formula on the fair nav.
//!
//! - [deposit claim]: the shares a deposit mints are worth at most the deposit at the fair price after
//!   it. A deposit priced on a stale mark after a gain mints too many.
//! - [redeem worth]: a redeem pays at most the redeemed shares' worth at the fair price before it
//!   (fee shares the redeem mints dilute them too). A redeem priced on a mark that still counts a
//!   liquidated position's margin, already paid back, pays too much.
//! - [round trip]: with no price published between the attacker's deposit and redeem, the redeem pays
//!   at most the deposit. (A price published in between moves the attacker's shares as it moves
//!   everyone's: the two checks above bound that case.)
//! - [others' value]: a share action never lowers another holder's fair value, nor what `PreviewRedeem`
//!   gives for their shares.
//! - [nav vs venue]: once every market is marked after its last price and liquidation, the vault's nav
//!   is the fair nav.
//! - [trade cost]: a trade lowers the fair nav by at most the venue's quoted fee and impact.
//! - [rejected]: a rejected decision moves no balance, share or position.
//! - [position terms]: the perp market's `PositionTerms` agrees with its `Position`.
//!
//! Each figure may be off by [`ROUNDING`] base units.

use ballast_tests::reconcile::Holdings;
use ballast_tests::suite::attr;
use ballast_types::Side;
use cosmwasm_std::{Addr, Uint256};
use cw_multi_test::AppResponse;
use proptest::prelude::*;

use super::data::Market;
use super::world::World;
use crate::tally::Tally;

/// Base units a figure may be off by.
pub const ROUNDING: u128 = 3;

fn q<T>(r: cosmwasm_std::StdResult<T>) -> Result<T, TestCaseError> {
    r.map_err(|e| TestCaseError::fail(format!("query failed: {e}")))
}

fn u256(v: u128) -> Uint256 {
    Uint256::from(v)
}

/// The vault's books around a share action by `actor`.
#[derive(Debug, Clone)]
pub struct Books {
    /// The fair nav, when the venue can mark every position.
    pub fair: Option<u128>,
    /// Shares outstanding.
    pub supply: u128,
    /// 10^d.
    pub virtual_shares: u128,
    /// Every other holder (not the actor, not the fee recipient): (address, shares, what
    /// `PreviewRedeem` gives for them now).
    pub others: Vec<(Addr, u128, Option<u128>)>,
    /// The actor's shares.
    pub held: u128,
    /// The actor's bank balance.
    pub cash: u128,
}

impl Books {
    /// Reads the books of a share action by `actor`.
    pub fn read(w: &World, actor: &Addr) -> Result<Self, TestCaseError> {
        let s = &w.suite;
        let mut holders = w.users.to_vec();
        holders.push(w.attacker.clone());
        let mut others = Vec::new();
        for h in holders.into_iter().filter(|h| h != actor) {
            let shares = q(s.stored_shares(&h))?.u128();
            let preview = s.query_preview_redeem(shares).ok().map(|v| v.u128());
            others.push((h, shares, preview));
        }
        let d = q(s.query_config())?.params.share_offset_decimals;
        Ok(Self {
            fair: s.fair_nav(&w.markets).ok(),
            supply: q(s.share_ledger())?.supply.u128(),
            virtual_shares: 10u128.pow(d),
            others,
            held: q(s.stored_shares(actor))?.u128(),
            cash: s.balance(actor),
        })
    }

    /// What `shares` are worth at the fair price with `supply`, rounded down.
    fn worth(&self, shares: u128, supply: u128) -> Option<Uint256> {
        let fair = self.fair?;
        Some(
            u256(shares) * (u256(fair) + Uint256::one())
                / (u256(supply) + u256(self.virtual_shares)),
        )
    }
}

/// [deposit claim]: the `minted` shares of a deposit of `amount` are worth at most `amount` at the
/// fair price after it.
pub fn check_deposit_claim(
    who: &str,
    amount: u128,
    minted: u128,
    after: &Books,
    tally: &Tally,
) -> Result<(), TestCaseError> {
    let Some(fair) = after.fair else {
        return Ok(());
    };
    tally.bump("check [deposit claim]");
    let worth = u256(minted) * (u256(fair) + Uint256::one());
    let limit = (u256(amount) + u256(ROUNDING)) * (u256(after.supply) + u256(after.virtual_shares));
    prop_assert!(
        worth <= limit,
        "[deposit claim] {who} deposit of {amount} minted {minted} shares worth {} at the fair nav \
         {fair} (supply {}): more than it brought",
        after.worth(minted, after.supply).unwrap_or_default(),
        after.supply
    );
    Ok(())
}

/// [redeem worth]: a redeem of `redeemed` shares paid at most their worth at the fair price before
/// it, the fee shares it minted counted in the supply.
pub fn check_redeem_worth(
    who: &str,
    redeemed: u128,
    paid: u128,
    before: &Books,
    after: &Books,
    tally: &Tally,
) -> Result<(), TestCaseError> {
    let supply = after.supply + redeemed;
    let Some(worth) = before.worth(redeemed, supply) else {
        return Ok(());
    };
    tally.bump("check [redeem worth]");
    prop_assert!(
        u256(paid) <= worth + u256(ROUNDING),
        "[redeem worth] {who} redeem of {redeemed} shares paid {paid}, more than their worth {worth} \
         at the fair nav {:?} (supply {supply})",
        before.fair
    );
    Ok(())
}

/// [round trip]: without a price published in between, the attacker's redeem paid at most the deposit.
pub fn check_round_trip(
    deposit: u128,
    paid: u128,
    priced_inside: bool,
    tally: &Tally,
) -> Result<(), TestCaseError> {
    if priced_inside {
        tally.bump("note round trip with a price inside");
        return Ok(());
    }
    tally.bump("check [round trip]");
    prop_assert!(
        paid <= deposit + ROUNDING,
        "[round trip] the attacker deposited {deposit} and redeemed {paid} in one block: {} gained",
        paid - deposit
    );
    Ok(())
}

/// [others' value]: across a share action that changed the actor's shares by `actor_delta`, no
/// other holder's fair value fell (the fee shares the action minted dilute fairly), and no other
/// holder's `PreviewRedeem` fell.
pub fn check_others(
    what: &str,
    actor_delta: i128,
    before: &Books,
    after: &Books,
    tally: &Tally,
) -> Result<(), TestCaseError> {
    let fee_shares = i128::try_from(after.supply).expect("supply fits")
        - i128::try_from(before.supply).expect("supply fits")
        - actor_delta;
    let fee_shares = u128::try_from(fee_shares.max(0)).expect("non-negative");
    let supply_then = before.supply + fee_shares;
    for ((holder, shares, preview), (_, _, preview_after)) in
        before.others.iter().zip(&after.others)
    {
        if *shares == 0 {
            continue;
        }
        if let (Some(then), Some(now)) = (
            before.worth(*shares, supply_then),
            after.worth(*shares, after.supply),
        ) {
            tally.bump("check [others' value] fair");
            prop_assert!(
                now + u256(ROUNDING) >= then,
                "[others' value] {what}: {holder}'s {shares} shares fell from {then} to {now} at the \
                 fair price"
            );
        }
        if let (Some(then), Some(now)) = (preview, preview_after) {
            tally.bump("check [others' value] previews");
            // The high-water mark is a Decimal (18 places): a performance fee charged against it is
            // off by up to about supply * 10^-18 base units.
            let hwm_rounding = after.supply / 100_000_000_000_000_000;
            prop_assert!(
                now + ROUNDING + hwm_rounding >= *then,
                "[others' value] {what}: PreviewRedeem of {holder}'s {shares} shares fell from \
                 {then} to {now}"
            );
        }
    }
    Ok(())
}

/// [nav vs venue]: once every market's mark is as fresh as its venue, the vault's nav is the fair nav.
pub fn check_nav(w: &World, tally: &Tally) -> Result<(), TestCaseError> {
    if !w.fresh.iter().all(|f| *f) {
        return Ok(());
    }
    let Ok(fair) = w.suite.fair_nav(&w.markets) else {
        return Ok(());
    };
    tally.bump("check [nav vs venue]");
    let nav = q(w.suite.query_state())?.nav.u128();
    prop_assert!(
        nav.abs_diff(fair) <= ROUNDING,
        "[nav vs venue] the vault's nav is {nav}; its bank balance and the venue's positions say {fair}"
    );
    Ok(())
}

/// The venue's fee and impact cost of a trade of `notional` on `side` in market `m` now.
fn quoted_cost(w: &World, m: Market, side: Side, notional: u128) -> Result<u128, TestCaseError> {
    w.suite
        .quoted_cost(&w.markets[m], side, notional)
        .map_err(TestCaseError::fail)
}

/// [trade cost]: a step of the pipeline on market `m` lowered the fair nav by at most the quoted
/// fee and impact of what it executed (a top-up of margin, or nothing, costs nothing; a position under
/// water is not traded), plus any profit the venue declared it could not pay (`unpaid_profit`: its
/// pool, drained by LPs before a move, caps the settlement while its position report counted the
/// whole profit). Such capped settlements are counted: a limit of the reference venue, not the vault.
pub fn check_trade_cost(
    w: &World,
    m: Market,
    res: &AppResponse,
    before: (Option<u128>, &Holdings),
    tally: &Tally,
) -> Result<(), TestCaseError> {
    let (fair_before, _) = before;
    let (Some(before), Ok(after)) = (fair_before, w.suite.fair_nav(&w.markets)) else {
        return Ok(());
    };
    let notional: u128 = attr(res, "executed")
        .and_then(|e| e.parse().ok())
        .unwrap_or(0);
    let cost = match (notional, attr(res, "side").as_deref()) {
        (0, _) => 0,
        (_, Some("long")) => quoted_cost(w, m, Side::Long, notional)?,
        (_, Some("short")) => quoted_cost(w, m, Side::Short, notional)?,
        (_, other) => {
            return Err(TestCaseError::fail(format!(
                "trade without side: {other:?}"
            )));
        }
    };
    let unpaid: u128 = attr(res, "unpaid_profit")
        .and_then(|e| e.parse().ok())
        .unwrap_or(0);
    tally.bump("check [trade cost]");
    let loss = before.saturating_sub(after);
    if unpaid > 0 {
        tally.bump("note [trade cost] a profit the venue's pool could not pay");
    }
    prop_assert!(
        loss <= cost + unpaid + ROUNDING,
        "[trade cost] a trade of {notional} in {} lowered the fair nav from {before} to {after}, {} \
         more than its fee and impact {cost} and the profit the venue left unpaid {unpaid} ({:?})",
        w.markets[m],
        loss.saturating_sub(cost + unpaid),
        attr(res, "margin_added")
    );
    Ok(())
}

/// [rejected]: a rejected decision moved no balance, share or position (the mark it stored is a
/// fresh read, judged by [nav vs venue]).
pub fn check_rejected(w: &World, before: &Holdings, tally: &Tally) -> Result<(), TestCaseError> {
    tally.bump("check [rejected]");
    let after = w.suite.holdings(&w.markets, &people(w));
    let moved: Vec<String> = before
        .moved(&after)
        .into_iter()
        .filter(|m| !m.starts_with("mark:") && !m.starts_with("nav:"))
        .collect();
    prop_assert!(
        moved.is_empty(),
        "[rejected] a rejected decision moved {moved:?}"
    );
    Ok(())
}

/// Whose bank balances a rejected decision must leave alone.
pub fn people(w: &World) -> Vec<Addr> {
    let s = &w.suite;
    let mut people = w.users.to_vec();
    people.extend([
        w.attacker.clone(),
        s.keeper.clone(),
        s.manager.clone(),
        s.lp.clone(),
        s.fee_recipient.clone(),
    ]);
    people
}

/// [position terms]: `PositionTerms` of the vault agrees with `Position` in every market.
pub fn check_position_terms(w: &World, tally: &Tally) -> Result<(), TestCaseError> {
    for market in &w.markets {
        tally.bump("check [position terms]");
        let disagreement = w
            .suite
            .position_terms_disagreement(market)
            .map_err(TestCaseError::fail)?;
        prop_assert!(
            disagreement.is_none(),
            "[position terms] {}",
            disagreement.unwrap_or_default()
        );
    }
    Ok(())
}
