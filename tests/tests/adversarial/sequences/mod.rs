//! The stateful property: random sessions of deposits, redeems, donations, prices of every kind
//! (moves, jumps, stale, future-dated, low-confidence, replayed, missing), orders by the manager and by
//! others, keepers' rebalances, deleverages, marks and liquidations, proposals and guardian actions,
//! with every invariant of [`invariants`] and [`access`] checked after every step, every refusal judged
//! by typed error id against the step's allow-list ([`refusals`]), and the vault reconciled with what
//! the venue reports ([`reconcile`]). A run ends by asserting how much it did (orders traded, deposits,
//! redeems, marks), so a build where everything is refused cannot pass.
//!
//! CI runs [`SESSIONS`] sessions of up to [`strategy::MAX_STEPS`] steps (about 50,000 steps);
//! `PROPTEST_CASES=..` runs more. The counts are printed at the end (`cargo test --test adversarial --
//! --nocapture`).

mod access;
mod changes;
mod data;
mod invariants;
mod reconcile;
mod refusals;
mod runner;
mod strategy;
mod world;

use proptest::test_runner::{Config, FileFailurePersistence, TestRunner};

use crate::tally::Tally;

/// Sessions in CI.
const SESSIONS: u32 = 2_000;

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(SESSIONS);
    Config {
        cases,
        source_file: Some(file!()),
        failure_persistence: Some(Box::new(FileFailurePersistence::SourceParallel(
            "proptest-regressions",
        ))),
        max_shrink_iters: 2_000,
        ..Config::default()
    }
}

#[test]
fn vault_invariants_hold_over_random_sessions() {
    let tally = Tally::default();
    let mut runner = TestRunner::new(config());
    let result = runner.run(&strategy::session_strategy(), |steps| {
        runner::run_session(&steps, &tally)
    });
    tally.print("vault sessions");
    if let Err(e) = result {
        panic!("{e}");
    }
    if let Err(short) = refusals::check_counts(&tally, u64::from(config().cases)) {
        panic!("{short}");
    }
}
