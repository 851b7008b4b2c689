//! Fuzzing every contract's raw execute and query messages through multi-test, as bytes.
//!
//! cargo-fuzz needs a nightly toolchain, which CI's machine does not have (its one toolchain is the
//! stable 1.95); so this is proptest over raw bytes, random JSON and mutated valid messages
//! ([`strategy`]), sent as `WasmMsg::Execute` and `WasmQuery::Smart` with any sender and funds, and
//! judged by [`runner`]. Each contract gets [`CASES`] inputs, each sent as an execute and a query;
//! the counts are printed at the end (`-- --nocapture`). `PROPTEST_CASES=..` runs more.

pub mod runner;
pub mod seeds;
pub mod strategy;

use std::cell::RefCell;

use ballast_tests::suite::SuiteBuilder;
use ballast_types::{governor, oracle, perp, vault};
use cosmwasm_std::{StdError, from_json};
use proptest::test_runner::{Config, FileFailurePersistence, TestRunner};
use serde_json::Value;

use crate::tally::Tally;

/// Inputs per contract in CI.
const CASES: u32 = 20_000;

/// Which entry point a message is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `execute`.
    Execute,
    /// `query`.
    Query,
}

/// Whether `bytes` parse as `contract`'s message of `kind`, with the parser's error if not.
pub fn parse(contract: &str, kind: Kind, bytes: &[u8]) -> Result<(), StdError> {
    match (contract, kind) {
        ("vault", Kind::Execute) => from_json::<vault::ExecuteMsg>(bytes).map(drop),
        ("vault", Kind::Query) => from_json::<vault::QueryMsg>(bytes).map(drop),
        ("perp", Kind::Execute) => from_json::<perp::ExecuteMsg>(bytes).map(drop),
        ("perp", Kind::Query) => from_json::<perp::QueryMsg>(bytes).map(drop),
        ("governor", Kind::Execute) => from_json::<governor::ExecuteMsg>(bytes).map(drop),
        ("governor", Kind::Query) => from_json::<governor::QueryMsg>(bytes).map(drop),
        ("oracle", Kind::Execute) => from_json::<oracle::ExecuteMsg>(bytes).map(drop),
        ("oracle", Kind::Query) => from_json::<oracle::QueryMsg>(bytes).map(drop),
        (other, _) => panic!("no contract {other}"),
    }
}

/// Every object key in the seeds: the names the random JSON is built from.
fn vocabulary(seeds: &[Value]) -> Vec<String> {
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                for (k, child) in map {
                    out.push(k.clone());
                    walk(child, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|c| walk(c, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    seeds.iter().for_each(|s| walk(s, &mut out));
    out.sort();
    out.dedup();
    out
}

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CASES);
    Config {
        cases,
        source_file: Some(file!()),
        failure_persistence: Some(Box::new(FileFailurePersistence::SourceParallel(
            "proptest-regressions",
        ))),
        ..Config::default()
    }
}

/// Fuzzes contract number `which` of [`seeds::targets`]; one world for all its inputs.
fn fuzz(which: usize) {
    let suite = SuiteBuilder::new().build();
    let target = Vec::from(seeds::targets(&suite)).swap_remove(which);
    let senders = vec![
        suite.alice.clone(),
        suite.bob.clone(),
        suite.owner.clone(),
        suite.manager.clone(),
        suite.guardian.clone(),
        suite.publisher.clone(),
        suite.keeper.clone(),
        suite.app.api().addr_make("mallory"),
    ];
    let mut seeds = target.executes.clone();
    seeds.extend(target.queries.iter().cloned());
    let inputs = (
        strategy::input_strategy(vocabulary(&seeds)),
        strategy::envelope_strategy(senders.len()),
    );
    let (suite, tally) = (RefCell::new(suite), Tally::default());
    let mut runner = TestRunner::new(config());
    let result = runner.run(&inputs, |(input, envelope)| {
        let mut suite = suite.borrow_mut();
        runner::run_input(&mut suite, &target, &senders, &input, &envelope, &tally)
    });
    tally.print(&format!("fuzz {}", target.name));
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn fuzzed_vault_messages_are_refused_cleanly_or_handled() {
    fuzz(0);
}

#[test]
fn fuzzed_perp_messages_are_refused_cleanly_or_handled() {
    fuzz(1);
}

#[test]
fn fuzzed_governor_messages_are_refused_cleanly_or_handled() {
    fuzz(2);
}

#[test]
fn fuzzed_oracle_messages_are_refused_cleanly_or_handled() {
    fuzz(3);
}
