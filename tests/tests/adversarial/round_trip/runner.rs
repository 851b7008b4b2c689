//! Runs a round-trip session: every step and action with its typed refusals and reconciliations,
//! every share action judged against the fair nav, and each round trip in one block.

use ballast_tests::errors::{clear_raised, failure};
use ballast_tests::suite::attr;
use cosmwasm_std::{Addr, StdResult};
use cw_multi_test::AppResponse;
use proptest::prelude::*;

use super::data::{Action, Market, RoundTrip, Segment, Step};
use super::judge::{
    Books, check_deposit_claim, check_nav, check_others, check_position_terms, check_redeem_worth,
    check_rejected, check_round_trip, check_trade_cost, people,
};
use super::refusals::{self, Refusal};
use super::world::World;
use crate::survey::judge;
use crate::tally::Tally;

/// Counts the outcome; a failure must be one of `allowed`, by the failing contract and error id.
fn check_refusal(
    kind: &str,
    allowed: &[Refusal],
    res: &StdResult<AppResponse>,
    tally: &Tally,
) -> Result<(), TestCaseError> {
    let outcome = match res {
        Ok(r) => match attr(r, "decision") {
            Some(d) => format!("ok {d} ({})", attr(r, "binding_cap").unwrap_or_default()),
            None => "ok".to_string(),
        },
        Err(e) => {
            let Some((raised, _)) = failure() else {
                return Err(TestCaseError::fail(format!(
                    "{kind} failed with no contract error (bank or parser): {e}"
                )));
            };
            let id = (raised.contract, raised.id);
            prop_assert!(
                allowed.contains(&id),
                "{kind} failed with {}:{} ({}), not one of {allowed:?}",
                raised.contract,
                raised.id,
                raised.text
            );
            format!("err {}:{}", raised.contract, raised.id)
        }
    };
    tally.bump("steps");
    tally.bump(format!("{kind}: {outcome}"));
    Ok(())
}

/// The market an action or step runs the pipeline on (and may trade).
fn trades_in(step: &Step) -> Option<Market> {
    match step {
        Step::Act(Action::Rebalance(m) | Action::Deleverage(m) | Action::Hedge(m)) => Some(*m),
        Step::Act(Action::GridLevel { .. }) => None,
        Step::Order { market, .. } => Some(*market),
        _ => None,
    }
}

/// Carries out a step (not a share action) with its checks.
fn perform(w: &mut World, step: &Step, tally: &Tally) -> Result<(), TestCaseError> {
    let market = match step {
        Step::Act(Action::GridLevel { pick, .. }) => Some(w.grid(*pick).0),
        _ => trades_in(step),
    };
    let before = market.map(|_| {
        let holdings = w.suite.holdings(&w.markets, &people(w));
        (w.suite.fair_nav(&w.markets).ok(), holdings)
    });
    clear_raised();
    let res = w.step(step);
    check_refusal(step.kind(), &refusals::step(step), &res, tally)?;
    if let Ok(r) = &res {
        // A new price or a liquidation moves the venue's view of the position from the vault's mark.
        let unmarked = match step {
            Step::PriceLater { .. } => vec![0, 1],
            Step::Act(a) => a.unmarks(),
            _ => vec![],
        };
        for m in unmarked {
            w.fresh[m] = false;
        }
        if let Step::Act(Action::Mark(m)) = step {
            w.fresh[*m] = true;
        }
        if let (Some(m), Some((fair, holdings))) = (market, &before) {
            if matches!(attr(r, "decision").as_deref(), Some("accepted" | "scaled"))
                && attr(r, "executed").is_some_and(|e| e != "0")
            {
                tally.bump(format!("done {} traded", step.kind()));
            }
            if attr(r, "decision").as_deref() == Some("rejected") {
                check_rejected(w, holdings, tally)?;
            } else {
                check_trade_cost(w, m, r, (*fair, holdings), tally)?;
            }
            // A decision stores what the pipeline read of the venue (a trade re-marks in its reply),
            // and so does a rebalance within its band; a hedge within its band stores nothing.
            if attr(r, "decision").is_some() || matches!(step, Step::Act(Action::Rebalance(_))) {
                w.fresh[m] = true;
            }
        }
    }
    check_nav(w, tally)?;
    check_position_terms(w, tally)
}

/// A deposit or a redeem.
#[derive(Debug, Clone, Copy)]
enum Share {
    Deposit(u128),
    Redeem(u128),
    /// The attacker's redeem closing a round trip that deposited `deposit`, with or without a price
    /// published in between: judged by [round trip] first.
    Closing {
        shares: u128,
        deposit: u128,
        priced_inside: bool,
    },
}

/// Carries out a share action by `actor` and judges it; the shares minted or the assets paid when it
/// passed.
fn share_action(
    w: &mut World,
    actor: &Addr,
    action: Share,
    who: &str,
    tally: &Tally,
) -> Result<Option<(u128, Books)>, TestCaseError> {
    let before = Books::read(w, actor)?;
    let preview = match action {
        Share::Deposit(amount) => w.suite.query_preview_deposit(amount),
        Share::Redeem(shares) | Share::Closing { shares, .. } => {
            w.suite.query_preview_redeem(shares)
        }
    }
    .ok()
    .map(|v| v.u128());
    clear_raised();
    let (kind, allowed, res) = match action {
        Share::Deposit(amount) => (
            "deposit",
            refusals::deposit(),
            w.suite.deposit(actor, amount),
        ),
        Share::Redeem(shares) | Share::Closing { shares, .. } => {
            ("redeem", refusals::redeem(), w.suite.redeem(actor, shares))
        }
    };
    check_refusal(&format!("{who} {kind}"), &allowed, &res, tally)?;
    if res.is_err() {
        return Ok(None);
    }
    let after = Books::read(w, actor)?;
    let moved = match action {
        Share::Deposit(amount) => {
            let minted = after.held - before.held;
            if let Some(previewed) = preview {
                tally.bump("check deposit mints its preview");
                prop_assert_eq!(minted, previewed, "deposit of {} (PreviewDeposit)", amount);
            }
            check_deposit_claim(who, amount, minted, &after, tally)?;
            let delta = i128::try_from(minted).expect("fits");
            check_others(&format!("{who} deposit"), delta, &before, &after, tally)?;
            minted
        }
        Share::Redeem(shares) | Share::Closing { shares, .. } => {
            let paid = after.cash - before.cash;
            if let Share::Closing {
                deposit,
                priced_inside,
                ..
            } = action
            {
                check_round_trip(deposit, paid, priced_inside, tally)?;
            }
            if let Some(previewed) = preview {
                tally.bump("check redeem pays its preview");
                prop_assert_eq!(
                    paid,
                    previewed,
                    "redeem of {} shares (PreviewRedeem)",
                    shares
                );
            }
            check_redeem_worth(who, shares, paid, &before, &after, tally)?;
            let delta = -i128::try_from(shares).expect("fits");
            check_others(&format!("{who} redeem"), delta, &before, &after, tally)?;
            paid
        }
    };
    check_nav(w, tally)?;
    Ok(Some((moved, after)))
}

/// One step between round trips.
fn run_step(w: &mut World, step: &Step, tally: &Tally) -> Result<(), TestCaseError> {
    match step {
        Step::Deposit { user, amount } => {
            let user = w.users[*user].clone();
            share_action(w, &user, Share::Deposit(*amount), "user", tally).map(drop)
        }
        Step::Redeem { user, permille } => {
            let user = w.users[*user].clone();
            let held = w.suite.stored_shares(&user).map(|s| s.u128()).unwrap_or(0);
            share_action(
                w,
                &user,
                Share::Redeem(held / 1_000 * permille),
                "user",
                tally,
            )
            .map(drop)
        }
        _ => perform(w, step, tally),
    }
}

/// One round trip, in one block.
fn run_round_trip(w: &mut World, rt: &RoundTrip, tally: &Tally) -> Result<(), TestCaseError> {
    let block = w.suite.app.block_info();
    for action in &rt.before {
        perform(w, &Step::Act(action.clone()), tally)?;
    }
    let attacker = w.attacker.clone();
    let start = w.suite.balance(&attacker);
    let Some((minted, _)) =
        share_action(w, &attacker, Share::Deposit(rt.deposit), "attacker", tally)?
    else {
        tally.bump("round trip: the deposit was refused");
        return Ok(());
    };
    for action in &rt.inside {
        perform(w, &Step::Act(action.clone()), tally)?;
    }
    let closing = Share::Closing {
        shares: minted,
        deposit: rt.deposit,
        priced_inside: rt.inside.iter().any(|a| matches!(a, Action::Price { .. })),
    };
    let Some((paid, _)) = share_action(w, &attacker, closing, "attacker", tally)? else {
        tally.bump("round trip: the redeem was refused (the attacker stays in)");
        return Ok(());
    };
    prop_assert_eq!(
        w.suite.app.block_info(),
        block,
        "a round trip stays in one block"
    );
    prop_assert_eq!(w.suite.balance(&attacker), start - rt.deposit + paid);
    tally.bump("round trips completed");
    Ok(())
}

/// Runs one session; the survey's diagnostics apply ([`crate::survey`]).
pub fn run_session(segments: &[Segment], tally: &Tally) -> Result<(), TestCaseError> {
    let mut w = World::new();
    tally.bump("sessions");
    for (at, segment) in segments.iter().enumerate() {
        let result = match segment {
            Segment::Step(step) => run_step(&mut w, step, tally),
            Segment::RoundTrip(rt) => run_round_trip(&mut w, rt, tally),
        };
        judge(result, &segments[..=at], tally)?;
    }
    Ok(())
}
