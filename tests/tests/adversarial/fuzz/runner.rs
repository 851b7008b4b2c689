//! Sends one fuzz input to a contract as an execute and as a query, and judges what happened:
//!
//! - no panic (a panic fails the case wherever it happens);
//! - bytes that do not parse as the contract's message are refused, with the parser's own error when
//!   no funds were attached (funds move first, and a sender without them fails in the bank);
//! - a message the vault takes with a `rejected` decision (a refusal with a reason, which succeeds)
//!   moves nothing: no balance, share, position, mark or nav. (A failed message is rolled back by
//!   multi-test before anyone looks, so comparing storage after one would test multi-test.)
//! - after anything the vault's share balances still sum to its supply.

use ballast_tests::reconcile::Holdings;
use ballast_tests::suite::{DENOM, MARKET, Suite, attr};
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

/// What a rejected order must leave as it was (only the vault decides).
fn holdings(suite: &Suite, target: &Target, senders: &[Addr]) -> Option<Holdings> {
    (target.name == "vault").then(|| suite.holdings(&[MARKET.to_string()], senders))
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
    let before = holdings(suite, target, senders);
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
    if let (Ok(r), Some(before)) = (&res, &before)
        && attr(r, "decision").as_deref() == Some("rejected")
    {
        tally.bump("check a rejected decision moved nothing");
        let moved = before.moved(&suite.holdings(&[MARKET.to_string()], senders));
        prop_assert!(
            moved.is_empty(),
            "rejected {} moved: {moved:?}",
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
