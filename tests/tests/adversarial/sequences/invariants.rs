//! The invariants of a session, each checkable through the contracts' own queries (and, for the share
//! ledger, the vault's storage: no query lists every holder).
//!
//! - Exposure: an accepted or scaled order, rebalance or deleverage that leaves a position on its side
//!   holds at most the tightest position cap (every cap but `liquidity`, which bounds the order) that
//!   `PreviewOrder` gave in the same block, plus one base unit.
//! - Reduce-only: while the price is usable for it and a position is open, the manager's reduce-only
//!   order is accepted or scaled, never refused or failed.
//! - Keepers: without a signal (sessions set none), a `Rebalance` never turns the position around and
//!   never adds to it; a flat market stays flat.
//! - Margin: the venue never refuses a trade the vault forwards (an order, a rebalance, a
//!   deleverage) for want of margin: the vault posts what the venue will ask.
//! - Shares: the balances sum to the supply.
//! - Values: a deposit or redeem never lowers another holder's redeemable value, raises it by one
//!   share's worth and one base unit at most, and gives its sender no more than that either.
//! - Limits: parameters change only by the guardian's tightening or by `ApplyParams` at or after the
//!   proposal's eta, to the proposed value; the same for the market's configuration; the pause lifts
//!   only by the owner.
//! - Roles and funds: in [`super::access`].
//! - No entry point panics: a panic fails the case wherever it happens.

use ballast_tests::probe::map_key;
use ballast_tests::suite::{MARKET, attr};
use ballast_types::Side;
use ballast_types::governor::{PendingMarketResponse, PendingParamsResponse};
use ballast_types::perp::PositionResponse;
use ballast_types::vault::{
    HolderResponse, MarketConfig, OrderPreview, VaultParams, check_market_tightening,
    check_tightening,
};
use cosmwasm_std::{Addr, Decimal, StdResult};
use cw_multi_test::AppResponse;
use proptest::prelude::*;

use super::data::{Role, Step};
use super::world::World;
use crate::tally::Tally;
use crate::{executed, position_cap};

/// A query failing in a check is a failure of the case.
pub fn q<T>(r: StdResult<T>) -> Result<T, TestCaseError> {
    r.map_err(|e| TestCaseError::fail(format!("query failed: {e}")))
}

/// Governance state, read after every step.
#[derive(Debug, Clone, PartialEq)]
pub struct Governance {
    pub params: VaultParams,
    pub market: MarketConfig,
    pub pending_params: Option<PendingParamsResponse>,
    pub pending_market: Option<PendingMarketResponse>,
    pub paused: bool,
}

/// The governance state and the vault's storage records it comes from: while those bytes stay the
/// same nothing changed, and the queries are not run again (they are the bulk of a step's cost).
#[derive(Debug, Clone)]
pub struct Snapshot {
    records: Vec<Option<Vec<u8>>>,
    pub state: Governance,
}

/// Storage keys of the vault's parameters, pause and the first market's configuration
/// (`ballast_vault::state`).
fn vault_keys() -> Vec<Vec<u8>> {
    vec![
        map_key(b"", b"P"),
        map_key(b"", b"Z"),
        map_key(b"M", MARKET.as_bytes()),
    ]
}

/// Storage keys of the governor's pending parameters and the first market's pending change
/// (`ballast_governor::state`).
fn governor_keys() -> Vec<Vec<u8>> {
    vec![map_key(b"", b"q"), map_key(b"x", MARKET.as_bytes())]
}

impl Snapshot {
    pub fn take(w: &World, previous: Option<&Snapshot>) -> Result<Self, TestCaseError> {
        let mut records = w.suite.vault_records(&vault_keys());
        records.extend(w.suite.governor_records(&governor_keys()));
        if let Some(previous) = previous.filter(|p| p.records == records) {
            return Ok(previous.clone());
        }
        let s = &w.suite;
        let state = Governance {
            params: q(s.query_config())?.params,
            market: q(s.query_market())?.config,
            pending_params: q(s.query_pending_params())?,
            pending_market: q(s.query_pending_market())?,
            paused: q(s.query_state())?.paused,
        };
        Ok(Self { records, state })
    }
}

/// The decision attribute of a response, if any.
pub fn decision(res: &AppResponse) -> Option<String> {
    attr(res, "decision")
}

fn traded(res: &AppResponse) -> bool {
    matches!(decision(res).as_deref(), Some("accepted" | "scaled")) && executed(res) > 0
}

/// Exposure: after a trade on `side` that leaves the position on that side, its notional is within
/// the cap the preview gave.
pub fn check_exposure(
    w: &World,
    preview: &OrderPreview,
    res: &AppResponse,
    tally: &Tally,
) -> Result<(), TestCaseError> {
    if !traded(res) {
        return Ok(());
    }
    let side = match attr(res, "side").as_deref() {
        Some("long") => Side::Long,
        Some("short") => Side::Short,
        other => {
            return Err(TestCaseError::fail(format!(
                "trade without side: {other:?}"
            )));
        }
    };
    let position = q(w.suite.query_position())?;
    if position.side != Some(side) {
        return Ok(());
    }
    let Some(cap) = position_cap(preview) else {
        return Ok(());
    };
    tally.bump("check exposure within cap");
    prop_assert!(
        position.notional.u128() <= cap.u128().saturating_add(1),
        "position {} over the cap {} (preview {:?})",
        position.notional,
        cap,
        preview
    );
    Ok(())
}

/// Reduce-only: with a usable price and an open position, the manager's reduce-only order trades.
/// Keepers: a `Rebalance` that went through left the position on its side (or flat) and no larger.
pub fn check_keeper(
    w: &World,
    before: &PositionResponse,
    tally: &Tally,
) -> Result<(), TestCaseError> {
    let after = q(w.suite.query_position())?;
    tally.bump("check keeper keeps the manager's position");
    prop_assert!(
        after.side.is_none() || after.side == before.side,
        "Rebalance turned {:?} into {:?}",
        before.side,
        after.side
    );
    prop_assert!(
        after.notional <= before.notional,
        "Rebalance grew {} to {}",
        before.notional,
        after.notional
    );
    Ok(())
}

pub fn check_reduce_only(
    w: &World,
    position: &PositionResponse,
    res: &StdResult<AppResponse>,
    tally: &Tally,
) -> Result<(), TestCaseError> {
    let s = &w.suite;
    let params = q(s.query_config())?.params;
    let price = q(s.query_oracle_price())?;
    let max_price_age = q(s.query_perp_config())?.max_price_age;
    let now = i128::from(s.now());
    let time = i128::from(price.publish_time);
    let vault_takes = price.price.i64() > 0
        && time <= now + i128::from(params.guards.max_future_skew)
        && now - time <= i128::from(params.guards.reduce_max_age);
    let venue_takes = time <= now && now - time <= i128::from(max_price_age);
    // A position that lost more than its margin waits for the venue's liquidation: trading it would
    // pay the deficit from idle (reason `under_water`).
    let under_water = i128::try_from(position.margin.u128()).unwrap_or(i128::MAX)
        + position.unrealized_pnl.i128()
        < 0;
    match (vault_takes, venue_takes) {
        (true, true) if under_water => {
            tally.bump("check reduce-only under water waits");
            let outcome = res.as_ref().map(decision);
            prop_assert!(
                matches!(outcome.as_ref().map(|d| d.as_deref()), Ok(Some("rejected"))),
                "reduce-only under water of {:?} {}: {:?}",
                position.side,
                position.notional,
                outcome
            );
        }
        (true, true) => {
            tally.bump("check reduce-only trades");
            let outcome = res.as_ref().map(decision);
            prop_assert!(
                matches!(
                    outcome.as_ref().map(|d| d.as_deref()),
                    Ok(Some("accepted" | "scaled"))
                ),
                "reduce-only of {:?} {} failed: {:?}",
                position.side,
                position.notional,
                outcome
            );
        }
        (true, false) => tally.bump(format!(
            "note reduce-only: the venue refuses a price the vault takes ({})",
            if time > now { "future" } else { "age" }
        )),
        _ => tally.bump("note reduce-only with an unusable price"),
    }
    Ok(())
}

/// Margin: a trade the vault forwards is never refused by the venue for want of margin. (The venue's
/// error is text by the time it reaches the test; its name is what is matched.)
pub fn check_margin(
    step: &Step,
    res: &StdResult<AppResponse>,
    tally: &Tally,
) -> Result<(), TestCaseError> {
    tally.bump("check margin posted suffices");
    if let Err(e) = res {
        let text = e.to_string();
        prop_assert!(!text.contains("insufficient margin"), "{step:?}: {text}");
    }
    Ok(())
}

/// Values of every holder before a deposit or redeem, and the share price.
pub struct Values {
    pub holders: Vec<(Addr, HolderResponse)>,
    pub share_price: Decimal,
}

impl Values {
    /// None while a mark is stale (deposits and redeems refuse then too).
    pub fn read(w: &World) -> Result<Option<Self>, TestCaseError> {
        let mut holders = Vec::new();
        for h in w.holders() {
            match w.suite.query_holder(&h) {
                Ok(v) => holders.push((h, v)),
                Err(_) => return Ok(None),
            }
        }
        let share_price = q(w.suite.query_state())?.share_price;
        Ok(Some(Self {
            holders,
            share_price,
        }))
    }
}

/// Values: nobody's redeemable value drops, or rises past a rounding unit, on someone else's deposit
/// or redeem; the sender gets no more than what they brought or held.
pub fn check_values(
    w: &World,
    step: &Step,
    before: &Values,
    res: &AppResponse,
    tally: &Tally,
) -> Result<(), TestCaseError> {
    let (actor, deposited) = match step {
        Step::Deposit { user, amount } => (&w.users[*user], *amount),
        Step::Redeem { user, .. } => (&w.users[*user], 0),
        _ => return Ok(()),
    };
    let paid_out: u128 = match step {
        Step::Redeem { .. } => attr(res, "amount")
            .and_then(|a| a.parse().ok())
            .unwrap_or(0),
        _ => 0,
    };
    let unit = before.share_price.to_uint_floor().u128() + 1;
    for (holder, then) in &before.holders {
        let now = q(w.suite.query_holder(holder))?;
        let (v0, v1) = (then.value.u128(), now.value.u128());
        if holder == actor {
            tally.bump("check sender's value");
            prop_assert!(
                v1 + paid_out <= v0 + deposited + unit,
                "{step:?}: sender went from {v0} to {v1} with {paid_out} paid out"
            );
        } else {
            tally.bump("check other holder's value");
            prop_assert!(v1 >= v0, "{step:?}: {holder}'s value fell {v0} -> {v1}");
            prop_assert!(
                v1 <= v0 + unit,
                "{step:?}: {holder}'s value rose {v0} -> {v1}, over {unit}"
            );
        }
    }
    Ok(())
}

/// Shares: the ledger sums to the supply.
pub fn check_shares(w: &World, tally: &Tally) -> Result<(), TestCaseError> {
    let ledger = q(w.suite.share_ledger())?;
    tally.bump("check shares sum to supply");
    prop_assert_eq!(ledger.sum(), Some(ledger.supply), "{:?}", ledger);
    Ok(())
}

/// Limits: what changed, changed the way governance allows.
pub fn check_limits(
    w: &World,
    step: &Step,
    ok: bool,
    before: &Snapshot,
    after: &Snapshot,
    tally: &Tally,
) -> Result<(), TestCaseError> {
    let (before, after) = (&before.state, &after.state);
    let now = w.suite.now();
    let by = |role: &Role| w.role(*role);
    let guardian_or_owner = |a: &Addr| *a == w.suite.guardian || *a == w.suite.owner;
    if after.params != before.params {
        tally.bump("check parameter change");
        match step {
            Step::Tighten { by: role, .. } if ok && guardian_or_owner(&by(role)) => {
                let tightened = check_tightening(&before.params, &after.params);
                prop_assert!(tightened.is_ok(), "Tighten loosened: {:?}", tightened);
            }
            Step::Apply if ok => {
                let pending = before.pending_params.as_ref();
                prop_assert!(
                    pending.is_some_and(|p| p.eta <= now && p.params == after.params),
                    "applied {:?} at {now}, pending {:?}",
                    after.params,
                    pending
                );
            }
            _ => prop_assert!(false, "{step:?} changed the parameters"),
        }
    }
    if after.market != before.market {
        tally.bump("check market change");
        match step {
            Step::TightenMarket { by: role, .. } if ok && guardian_or_owner(&by(role)) => {
                let tightened = check_market_tightening(&before.market, &after.market);
                prop_assert!(tightened.is_ok(), "TightenMarket loosened: {:?}", tightened);
            }
            Step::ApplyMarket if ok => {
                let pending = before.pending_market.as_ref();
                prop_assert!(
                    pending.is_some_and(|p| p.eta <= now && p.config == after.market),
                    "applied {:?} at {now}, pending {:?}",
                    after.market,
                    pending
                );
            }
            _ => prop_assert!(false, "{step:?} changed the market"),
        }
    }
    if before.paused && !after.paused {
        tally.bump("check unpause");
        let owner_unpaused = matches!(step, Step::Unpause { by: Role::Owner }) && ok;
        prop_assert!(owner_unpaused, "{step:?} lifted the pause");
    }
    if !before.paused && after.paused {
        tally.bump("check pause");
        let allowed = matches!(
            step,
            Step::Pause {
                by: Role::Owner | Role::Guardian
            }
        ) && ok;
        prop_assert!(allowed, "{step:?} paused");
    }
    Ok(())
}
