//! The round-trip property: within one block, no sequence of permissionless actions (marks,
//! rebalances, deleverages, the perp market's liquidations, the publisher's prices, grid fills,
//! hedges, fee accruals, LP deposits and withdrawals) framed by an attacker's deposit and redeem pays
//! the attacker more than the deposit, and no share action takes value from another holder, both
//! judged against the venue's own reports ([`judge`]). Prices pushed before the deposit while the
//! vault's marks are older are the stale-nav attack; a liquidation inside the frame is the double
//! count of a payout; a position past its margin is negative equity.
//!
//! Sessions run in a wide world ([`world`]): two markets, fees, a signal source, grids, hedges, role
//! and ownership changes, and steps across blocks between the round trips ([`strategy`]). Every
//! refusal is judged by typed id ([`refusals`]), the perp market's `PositionTerms` against its
//! `Position`, every trade against its quoted cost, and the vault's nav against the venue's after
//! marks.
//!
//! CI runs [`DEFAULT_STEPS`] steps in all (`ROUND_TRIP_STEPS=..` changes it); in release mode from
//! `scripts/test.sh`, as debug takes minutes. The counts are printed at the end (`-- --nocapture`).

mod data;
mod judge;
mod refusals;
mod runner;
mod strategy;
mod world;

use proptest::test_runner::{Config, FileFailurePersistence, TestRunner};

use crate::tally::Tally;

/// Steps per run in CI.
const DEFAULT_STEPS: u64 = 100_000;

/// The step budget of a run.
fn steps() -> u64 {
    std::env::var("ROUND_TRIP_STEPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_STEPS)
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        source_file: Some(file!()),
        failure_persistence: Some(Box::new(FileFailurePersistence::SourceParallel(
            "proptest-regressions",
        ))),
        max_shrink_iters: 4_000,
        ..Config::default()
    }
}

/// The least a run must have done per session, (counter, numerator, denominator): about a third of
/// what a run does, so that a build where share actions or trades all fail cannot pass.
const MINIMUMS: [(&str, u64, u64); 11] = [
    ("round trips completed", 2, 1),
    ("check [deposit claim]", 4, 1),
    ("check [redeem worth]", 2, 1),
    ("check [round trip]", 1, 1),
    ("check [nav vs venue]", 4, 1),
    ("check [trade cost]", 1, 1),
    ("done order traded", 1, 4),
    // A keeper's Rebalance trades only on a signal, or to cut a position back to its caps.
    ("done rebalance traded", 1, 16),
    ("done hedge traded", 1, 20),
    ("done grid_level traded", 1, 50),
    ("liquidate: ok", 1, 20),
];

#[test]
fn round_trips_in_one_block_pay_no_more_than_they_bring() {
    let budget = steps();
    let cases = u32::try_from(budget.div_ceil(strategy::AVERAGE_STEPS)).unwrap_or(u32::MAX);
    let tally = Tally::default();
    let started = std::time::Instant::now();
    let mut runner = TestRunner::new(config(cases));
    let result = runner.run(&strategy::session(), |segments| {
        runner::run_session(&segments, &tally)
    });
    tally.print(&format!(
        "round trips: {cases} sessions, {} steps in {:.1} s",
        tally.get("steps"),
        started.elapsed().as_secs_f64()
    ));
    if let Err(e) = result {
        panic!("{e}");
    }
    let sessions = u64::from(cases);
    let short: Vec<String> = MINIMUMS
        .iter()
        .filter(|(name, num, den)| tally.get(name) < sessions * num / den)
        .map(|(name, num, den)| format!("{name}: {} < {}", tally.get(name), sessions * num / den))
        .collect();
    assert!(short.is_empty(), "the run did too little: {short:?}");
    if std::env::var("SURVEY").is_err() && std::env::var("IGNORE_FAILURES").is_err() {
        assert!(
            tally.get("steps") >= budget,
            "{} steps, fewer than the budget {budget}: lower strategy::AVERAGE_STEPS",
            tally.get("steps")
        );
    }
}
