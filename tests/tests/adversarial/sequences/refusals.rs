//! Which refusals a step may meet, by the failing contract and its error's stable id
//! ([`ballast_tests::errors`]), and how much a run must have done.
//!
//! Any other failure fails the case: an overflow, a `std` error (a query or storage failing where the
//! contract does not expect it), the perp book failing its own `sanity` check, a bank refusal, an
//! error no contract raised. A run where everything was refused cannot pass either: [`check_counts`]
//! asks for a minimum of executed orders, deposits, redeems and marks per session.

use ballast_tests::errors::{self, Raised, failure};
use cosmwasm_std::StdResult;
use cw_multi_test::AppResponse;
use proptest::prelude::*;

use super::access::missing_role;
use super::data::Step;
use crate::tally::Tally;

/// `contract:id` of a refusal.
pub type Refusal = (&'static str, &'static str);

/// The vault cannot read a venue (its price is unusable): any step that marks a market may meet it.
const VENUE: Refusal = ("vault", "venue_unavailable");
/// The perp market refuses its oracle's price (older than its `max_price_age`, or published after
/// the block): the vault accepts a price up to `max_future_skew` ahead, the venue none; and a
/// reduce-only order may use a price the venue finds too old.
const PERP_PRICE: [Refusal; 2] = [("perp", "stale_price"), ("perp", "future_price")];
/// Deposits and redeems value every open market now: a price must pass the guards and the venue
/// must be readable.
const SHARE_ACTION: [Refusal; 2] = [("vault", "unpriced_market"), VENUE];

/// The refusals `step` may meet.
pub fn allowed(step: &Step) -> Vec<Refusal> {
    let mut out: Vec<Refusal> = match step {
        Step::Deposit { .. } => vec![("vault", "zero_shares")],
        Step::Redeem { .. } => vec![
            // A redeem of no share (a permille of a small holding).
            ("vault", "wrong_funds"),
            ("vault", "withdraw_breaks_cap"),
            ("vault", "insufficient_idle"),
        ],
        Step::Donate { .. } | Step::Wait { .. } => vec![],
        Step::Price(_) => vec![("oracle", "older_price"), ("oracle", "future_publish_time")],
        Step::Order { unknown_market, .. } => {
            let mut out = vec![VENUE];
            out.extend(PERP_PRICE);
            if *unknown_market {
                out.push(("vault", "unknown_market"));
            }
            out
        }
        Step::ReduceOnly { .. } | Step::Rebalance => {
            [VENUE].into_iter().chain(PERP_PRICE).collect()
        }
        Step::Deleverage => [VENUE, ("vault", "nothing_to_deleverage")]
            .into_iter()
            .chain(PERP_PRICE)
            .collect(),
        Step::Mark => vec![VENUE],
        Step::Liquidate => [("perp", "not_liquidatable"), ("perp", "no_position")]
            .into_iter()
            .chain(PERP_PRICE)
            .collect(),
        Step::Propose { .. } | Step::ProposeMarket { .. } => vec![("governor", "param")],
        Step::Apply | Step::ApplyMarket => vec![
            ("governor", "nothing_pending"),
            ("governor", "timelock_not_passed"),
        ],
        Step::Cancel { .. } => vec![("governor", "nothing_pending")],
        Step::Tighten { .. } | Step::TightenMarket { .. } => {
            vec![("vault", "param"), ("vault", "loosen")]
        }
        Step::Pause { .. } | Step::Unpause { .. } => vec![],
    };
    if matches!(step, Step::Deposit { .. } | Step::Redeem { .. }) {
        out.extend(SHARE_ACTION);
    }
    if missing_role(step).is_some() {
        // `access::check_roles` asserts that it is refused, by the role's name: the governor checks
        // who may govern, the vault who may trade.
        out.push((governing_contract(step), "unauthorized"));
    }
    out
}

/// The contract that checks the sender of `step`.
fn governing_contract(step: &Step) -> &'static str {
    match step {
        Step::Propose { .. }
        | Step::ProposeMarket { .. }
        | Step::Apply
        | Step::ApplyMarket
        | Step::Cancel { .. }
        | Step::Tighten { .. }
        | Step::TightenMarket { .. }
        | Step::Pause { .. }
        | Step::Unpause { .. } => "governor",
        _ => "vault",
    }
}

/// The typed failure of a step, as `contract:id`, for the statistics; `None` when it passed.
pub fn failure_name(res: &StdResult<AppResponse>) -> Option<String> {
    res.as_ref().err()?;
    Some(match failure() {
        Some((raised, _)) => format!("{}:{}", raised.contract, raised.id),
        None => "untyped".to_string(),
    })
}

fn shown(log: &[Raised]) -> String {
    log.iter()
        .map(Raised::to_string)
        .collect::<Vec<_>>()
        .join("\n  ")
}

/// A failed step failed with one of the refusals it may meet (read right after the step, before any
/// other query).
pub fn check_refusal(
    step: &Step,
    res: &StdResult<AppResponse>,
    tally: &Tally,
) -> Result<(), TestCaseError> {
    let Err(e) = res else {
        return Ok(());
    };
    tally.bump("check refusal is an expected one");
    let Some((raised, _)) = failure() else {
        return Err(TestCaseError::fail(format!(
            "{step:?} failed with no contract error (bank or parser): {e}"
        )));
    };
    let allowed = allowed(step);
    prop_assert!(
        allowed.contains(&(raised.contract, raised.id)),
        "{step:?} failed with {}:{} ({}), not one of {allowed:?}\n  errors raised:\n  {}",
        raised.contract,
        raised.id,
        raised.text,
        shown(&errors::raised())
    );
    Ok(())
}

/// The least a run of `sessions` sessions must have done, as (tally counter, per-session rate): about
/// a third of what CI's runs do, so that a build where orders, deposits or marks all fail cannot pass.
const MINIMUMS: [(&str, u64, u64); 6] = [
    // (counter, numerator, denominator): at least sessions * numerator / denominator
    ("done order traded", 1, 4),
    ("done deposit", 1, 1),
    ("done redeem", 1, 2),
    ("done mark", 1, 2),
    // Sessions set no signal, so a keeper's Rebalance only cuts a position back to its caps.
    ("done rebalance traded", 1, 200),
    ("done reduce-only traded", 1, 8),
];

/// Fails when the run did less than [`MINIMUMS`] asks for `sessions` sessions.
pub fn check_counts(tally: &Tally, sessions: u64) -> Result<(), String> {
    let mut short = Vec::new();
    for (name, num, den) in MINIMUMS {
        let wanted = sessions * num / den;
        let got = tally.get(name);
        if got < wanted {
            short.push(format!("{name}: {got} < {wanted}"));
        }
    }
    if short.is_empty() {
        Ok(())
    } else {
        Err(format!("the run did too little: {}", short.join(", ")))
    }
}
