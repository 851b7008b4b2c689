//! Runs a session step by step and judges it: reads what each step's checks need first, carries the
//! step out, then checks every invariant of [`super::invariants`], the refusal against the step's
//! allow-list ([`super::refusals`]) and the reconciliations with the venue ([`super::reconcile`]).

use ballast_tests::errors::clear_raised;
use ballast_tests::reconcile::Holdings;
use ballast_tests::suite::{MARKET, attr};
use ballast_types::vault::OrderRequest;
use cosmwasm_std::{StdResult, Uint128};
use cw_multi_test::AppResponse;
use proptest::prelude::*;

use super::access::{check_payees, check_roles, purses};
use super::data::{Step, Trader};
use super::invariants::{
    Snapshot, Values, check_exposure, check_keeper, check_limits, check_margin, check_reduce_only,
    check_shares, check_values, decision, q,
};
use super::reconcile::{
    ShareBefore, check_deposit, check_nav, check_position_terms, check_redeem, check_rejected,
    check_trade_cost, fair, holdings_people, markets,
};
use super::refusals::{check_refusal, failure_name};
use super::world::World;
use crate::executed;
use crate::survey::judge;
use crate::tally::Tally;

/// What a step's checks need from before it.
#[derive(Default)]
struct Before {
    /// The preview of the order (or of the keeper's equivalent), as text when it failed.
    preview: Option<Result<ballast_types::vault::OrderPreview, String>>,
    /// The position on the perp market.
    position: Option<ballast_types::perp::PositionResponse>,
    /// Holders' values.
    values: Option<Values>,
    /// A deposit's or redeem's preview, supply and fair nav.
    share: Option<ShareBefore>,
    /// For a step that may trade: the fair nav, and everything a rejection must leave alone.
    trade: Option<(Option<u128>, Holdings)>,
}

/// A one-unit request of `side` without signal: its preview has the caps a keeper's order uses.
fn probe(side: ballast_types::Side) -> OrderRequest {
    OrderRequest {
        market: MARKET.to_string(),
        side,
        size: Uint128::one(),
        reduce_only: false,
        signal: None,
    }
}

/// A step that runs the order pipeline (and may trade).
fn is_trade(step: &Step) -> bool {
    matches!(
        step,
        Step::Order { .. } | Step::ReduceOnly { .. } | Step::Rebalance | Step::Deleverage
    )
}

fn read_before(w: &World, step: &Step) -> Result<Before, TestCaseError> {
    let s = &w.suite;
    let preview = |r: OrderRequest| Some(s.query_preview(r).map_err(|e| e.to_string()));
    let mut before = Before::default();
    match step {
        Step::Order {
            by: Trader::Manager,
            ..
        } => before.preview = preview(w.order_request(step).expect("an order")),
        Step::Rebalance => {
            before.preview = preview(probe(ballast_types::Side::Long));
            before.position = s.query_position().ok();
        }
        Step::Deleverage | Step::ReduceOnly { .. } => {
            before.position = s.query_position().ok();
            if matches!(step, Step::Deleverage) {
                let side = before.position.as_ref().and_then(|p| p.side);
                before.preview = preview(probe(side.unwrap_or(ballast_types::Side::Long)));
            }
        }
        Step::Deposit { user, amount } => {
            before.values = Values::read(w)?;
            before.share = Some(ShareBefore::read(w, &w.users[*user], *amount, 0)?);
        }
        Step::Redeem { user, permille } => {
            before.values = Values::read(w)?;
            let user = &w.users[*user];
            let redeemed = q(s.stored_shares(user))?.u128() / 1_000 * permille;
            before.share = Some(ShareBefore::read(w, user, 0, redeemed)?);
        }
        _ => {}
    }
    if is_trade(step) {
        let holdings = s.holdings(&markets(), &holdings_people(w));
        before.trade = Some((fair(w), holdings));
    }
    Ok(before)
}

/// The manager's reduce-only order for a `ReduceOnly` step, against the open position.
fn reduce_request(step: &Step, before: &Before) -> Option<OrderRequest> {
    let Step::ReduceOnly { permille } = step else {
        return None;
    };
    let position = before.position.as_ref()?;
    let side = position.side?;
    let size = (position.notional.u128() / 1_000 * permille).max(1);
    Some(OrderRequest {
        side: side.opposite(),
        size: Uint128::new(size),
        reduce_only: true,
        ..probe(side)
    })
}

fn traded(res: &AppResponse) -> bool {
    matches!(decision(res).as_deref(), Some("accepted" | "scaled")) && executed(res) > 0
}

fn record(tally: &Tally, step: &Step, res: &StdResult<AppResponse>) {
    tally.bump("steps");
    let outcome = match (res, failure_name(res)) {
        (Ok(r), _) => match decision(r) {
            Some(d) => format!("ok {d} ({})", attr(r, "binding_cap").unwrap_or_default()),
            None => "ok".to_string(),
        },
        (Err(_), Some(name)) => format!("err {name}"),
        (Err(_), None) => "err".to_string(),
    };
    tally.bump(format!("step {}: {outcome}", step.kind()));
    let Ok(r) = res else { return };
    let done = match step {
        Step::Deposit { .. } => Some("done deposit"),
        Step::Redeem { .. } => Some("done redeem"),
        Step::Mark => Some("done mark"),
        Step::Order { .. } if traded(r) => Some("done order traded"),
        Step::Rebalance if traded(r) => Some("done rebalance traded"),
        Step::ReduceOnly { .. } if traded(r) => Some("done reduce-only traded"),
        _ => None,
    };
    if let Some(name) = done {
        tally.bump(name);
    }
}

/// Step-specific checks.
fn check_step(
    w: &World,
    step: &Step,
    before: &Before,
    res: &StdResult<AppResponse>,
    tally: &Tally,
) -> Result<(), TestCaseError> {
    check_roles(step, res, tally)?;
    if before.preview.is_some() {
        check_margin(step, res, tally)?;
    }
    if let (Some(Ok(preview)), Ok(r)) = (&before.preview, res) {
        check_exposure(w, preview, r, tally)?;
        if matches!(step, Step::Order { .. }) && decision(r).is_some() {
            tally.bump("check preview agrees");
            let agreed = decision(r).as_deref() == Some(snake(&preview.decision).as_str())
                && executed(r) == preview.executed.u128();
            prop_assert!(agreed, "{step:?}: preview {preview:?}, order {r:?}");
        }
    }
    if let (Some(Err(e)), Ok(r), Step::Order { .. }) = (&before.preview, res, step) {
        prop_assert!(
            false,
            "{step:?}: preview failed ({e}) but the order passed: {r:?}"
        );
    }
    if let (Step::ReduceOnly { .. }, Some(position)) = (step, &before.position)
        && position.side.is_some()
    {
        check_reduce_only(w, position, res, tally)?;
    }
    if let (Step::Rebalance, Some(position), Ok(_)) = (step, &before.position, res) {
        check_keeper(w, position, tally)?;
    }
    if let (Some(values), Ok(r)) = (&before.values, res) {
        check_values(w, step, values, r, tally)?;
    }
    check_reconciled(w, step, before, res, tally)
}

/// The reconciliations of [`super::reconcile`] that apply to the step.
fn check_reconciled(
    w: &World,
    step: &Step,
    before: &Before,
    res: &StdResult<AppResponse>,
    tally: &Tally,
) -> Result<(), TestCaseError> {
    check_position_terms(w, tally)?;
    let Ok(r) = res else {
        return Ok(());
    };
    match (step, &before.share) {
        (Step::Deposit { user, amount }, Some(share)) => {
            check_deposit(w, &w.users[*user], *amount, share, tally)?
        }
        (Step::Redeem { user, .. }, Some(share)) => check_redeem(w, &w.users[*user], share, tally)?,
        (Step::Mark, _) => check_nav(w, tally)?,
        _ => {}
    }
    if let Some((fair_before, holdings)) = &before.trade {
        match decision(r).as_deref() {
            Some("rejected") => check_rejected(w, holdings, tally)?,
            _ => {
                check_trade_cost(w, r, (*fair_before, holdings), tally)?;
                if traded(r) {
                    check_nav(w, tally)?;
                }
            }
        }
    }
    Ok(())
}

fn snake<T: serde::Serialize>(value: &T) -> String {
    cosmwasm_std::to_json_string(value)
        .map(|s| s.trim_matches('"').to_string())
        .unwrap_or_default()
}

/// Runs one session and checks every invariant after every step.
pub fn run_session(steps: &[Step], tally: &Tally) -> Result<(), TestCaseError> {
    let mut w = World::new();
    let mut snapshot = Snapshot::take(&w, None)?;
    check_shares(&w, tally)?;
    tally.bump("sequences");
    for (at, step) in steps.iter().enumerate() {
        let before = read_before(&w, step)?;
        // Prices and waiting run no contract that holds funds.
        let purses = match step {
            Step::Price(_) | Step::Wait { .. } => vec![],
            _ => purses(&w),
        };
        clear_raised();
        let res = w.apply(step, reduce_request(step, &before));
        // The typed failure is read before any other query can note an error.
        let refusal = check_refusal(step, &res, tally);
        record(tally, step, &res);
        let checked = refusal
            .and_then(|()| check_step(&w, step, &before, &res, tally))
            .and_then(|()| check_payees(&w, step, &purses, tally))
            .and_then(|()| check_shares(&w, tally));
        judge(checked, &steps[..=at], tally)?;
        let after = Snapshot::take(&w, Some(&snapshot))?;
        check_limits(&w, step, res.is_ok(), &snapshot, &after, tally)?;
        snapshot = after;
    }
    Ok(())
}
