//! Sends one fuzz input to a contract as an execute and as a query, and judges what happened:
//!
//! - no panic (a panic fails the case wherever it happens);
//! - bytes that do not parse as the contract's message are refused, with the parser's own error when
//!   no funds were attached (funds move first, and a sender without them fails in the bank);
//! - every refusal leaves every contract's storage as it was;
//! - after anything the vault's share balances still sum to its supply.

use ballast_tests::suite::{DENOM, Suite};
use cosmwasm_std::{Addr, coins};
use proptest::prelude::*;
use serde_json::Value;

use super::seeds::Target;
use super::strategy::{Envelope, Input, mutate};
use super::{Kind, parse};
use crate::tally::Tally;

/// The bytes of an input for `kind`: seeds of that kind are mutated.
pub fn bytes_of(target: &Target, kind: Kind, input: &Input) -> Vec<u8> {
    match input {
        Input::Bytes(bytes) => bytes.clone(),
        Input::Json(value) => serde_json::to_vec(value).expect("serialisable"),
        Input::Mutated { seed, ops } => {
            let seeds: &[Value] = match kind {
                Kind::Execute => &target.executes,
                Kind::Query => &target.queries,
            };
            mutate(&seeds[seed % seeds.len()], ops)
        }
    }
}

fn books(suite: &Suite) -> Vec<Vec<(Vec<u8>, Vec<u8>)>> {
    [&suite.vault, &suite.perp, &suite.oracle]
        .iter()
        .map(|c| suite.storage_of(c))
        .collect()
}

fn shown(bytes: &[u8]) -> String {
    String::from_utf8_lossy(&bytes[..bytes.len().min(300)]).into_owned()
}

/// One execute and one query of `input` against `target`.
pub fn run_input(
    suite: &mut Suite,
    target: &Target,
    senders: &[Addr],
    input: &Input,
    envelope: &Envelope,
    tally: &Tally,
) -> Result<(), TestCaseError> {
    let exec = bytes_of(target, Kind::Execute, input);
    let parsed = parse(target.name, Kind::Execute, &exec);
    let sender = &senders[envelope.sender % senders.len()];
    let funds = envelope
        .funds
        .map(|amount| coins(amount, DENOM))
        .unwrap_or_default();
    let before = books(suite);
    let res = suite.execute_raw(sender, &target.contract, &exec, &funds);
    tally.bump("executions");
    tally.bump(format!(
        "execute {}: {} {}",
        target.name,
        if parsed.is_ok() {
            "parsed,"
        } else {
            "unparsed,"
        },
        if res.is_ok() { "taken" } else { "refused" }
    ));
    match (&parsed, &res) {
        (Err(_), Ok(r)) => {
            prop_assert!(
                false,
                "{} took unparsable {}: {r:?}",
                target.name,
                shown(&exec)
            )
        }
        (Err(expected), Err(e)) if funds.is_empty() => prop_assert!(
            e.to_string().ends_with(&expected.to_string()),
            "{}: {} refused with {e}, not {expected}",
            target.name,
            shown(&exec)
        ),
        _ => {}
    }
    if res.is_err() {
        prop_assert!(
            books(suite) == before,
            "a refused {} moved storage",
            shown(&exec)
        );
    }
    let ledger = suite
        .share_ledger()
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(ledger.sum(), Some(ledger.supply));

    let query = bytes_of(target, Kind::Query, input);
    let parsed = parse(target.name, Kind::Query, &query);
    let res = suite.query_raw(&target.contract, &query);
    tally.bump("executions");
    tally.bump(format!(
        "query {}: {} {}",
        target.name,
        if parsed.is_ok() {
            "parsed,"
        } else {
            "unparsed,"
        },
        if res.is_ok() { "answered" } else { "refused" }
    ));
    if let Err(expected) = parsed {
        match res {
            Ok(r) => prop_assert!(false, "{} answered {}: {r:?}", target.name, shown(&query)),
            Err(e) => prop_assert!(
                e.to_string().ends_with(&expected.to_string()),
                "{}: {} refused with {e}, not {expected}",
                target.name,
                shown(&query)
            ),
        }
    }
    Ok(())
}
