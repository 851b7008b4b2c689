//! Runs a session step by step and judges it: reads what each step's checks need first, carries the
//! step out, then checks every invariant of [`super::invariants`].

use ballast_tests::suite::{MARKET, attr};
use ballast_types::vault::OrderRequest;
use cosmwasm_std::{StdResult, Uint128};
use cw_multi_test::AppResponse;
use proptest::prelude::*;

use super::access::{check_payees, check_roles, purses};
use super::data::{Step, Trader};
use super::invariants::{
    Snapshot, Values, check_exposure, check_keeper, check_limits, check_margin, check_reduce_only,
    check_shares, check_values, decision,
};
use super::world::World;
use crate::executed;
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
        Step::Deposit { .. } | Step::Redeem { .. } => before.values = Values::read(w)?,
        _ => {}
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

/// Short text of an error for the statistics: its last clause, without numbers.
fn error_class(e: &cosmwasm_std::StdError) -> String {
    let text = e.to_string();
    let last = text.rsplit("error: ").next().unwrap_or(&text);
    let words: String = last
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .take(70)
        .collect();
    words
}

fn record(tally: &Tally, step: &Step, res: &StdResult<AppResponse>) {
    tally.bump("steps");
    let outcome = match res {
        Ok(r) => match decision(r) {
            Some(d) => format!("ok {d} ({})", attr(r, "binding_cap").unwrap_or_default()),
            None => "ok".to_string(),
        },
        Err(e) => format!("err {}", error_class(e)),
    };
    tally.bump(format!("step {}: {outcome}", step.kind()));
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
    for step in steps {
        let before = read_before(&w, step)?;
        // Prices and waiting run no contract that holds funds.
        let purses = match step {
            Step::Price(_) | Step::Wait { .. } => vec![],
            _ => purses(&w),
        };
        let res = w.apply(step, reduce_request(step, &before));
        record(tally, step, &res);
        check_step(&w, step, &before, &res, tally)?;
        check_payees(&w, step, &purses, tally)?;
        check_shares(&w, tally)?;
        let after = Snapshot::take(&w, Some(&snapshot))?;
        check_limits(&w, step, res.is_ok(), &snapshot, &after, tally)?;
        snapshot = after;
    }
    Ok(())
}
