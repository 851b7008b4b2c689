//! Malformed and unknown-field JSON: every contract refuses it with the parser's own error, whole.
//! (Nothing can move on such a refusal: multi-test rolls a failed message back, so that is not checked.)

use ballast_tests::suite::{Suite, SuiteBuilder};
use cosmwasm_std::Addr;
use serde_json::{Value, json};

use crate::assert_parse_error;
use crate::fuzz::seeds::{Target, targets};
use crate::fuzz::{Kind, parse};

/// Sends `bytes` to `target` as an execute (from `sender`) or a query and asserts the parse error.
fn assert_malformed(suite: &mut Suite, target: &Target, sender: &Addr, kind: Kind, bytes: &[u8]) {
    let expected = match parse(target.name, kind, bytes) {
        Ok(()) => panic!("{} parses: {}", target.name, String::from_utf8_lossy(bytes)),
        Err(e) => e,
    };
    match kind {
        Kind::Execute => assert_parse_error(
            suite.execute_raw(sender, &target.contract, bytes, &[]),
            &expected,
            bytes,
        ),
        Kind::Query => {
            assert_parse_error(suite.query_raw(&target.contract, bytes), &expected, bytes)
        }
    }
}

/// Every object inside `value`, by its path of keys and indices.
fn object_paths(value: &Value, path: Vec<String>, out: &mut Vec<Vec<String>>) {
    match value {
        Value::Object(map) => {
            out.push(path.clone());
            for (k, v) in map {
                let mut p = path.clone();
                p.push(k.clone());
                object_paths(v, p, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let mut p = path.clone();
                p.push(i.to_string());
                object_paths(v, p, out);
            }
        }
        _ => {}
    }
}

fn at<'a>(value: &'a mut Value, path: &[String]) -> &'a mut Value {
    path.iter().fold(value, |v, k| match v {
        Value::Array(items) => &mut items[k.parse::<usize>().expect("index")],
        other => &mut other[k.as_str()],
    })
}

#[test]
fn an_unknown_field_anywhere_in_any_message_is_refused() {
    let mut suite = SuiteBuilder::new().build();
    let sender = suite.alice.clone();
    let mut refused = 0;
    for target in targets(&suite) {
        for (kind, seeds) in [
            (Kind::Execute, &target.executes),
            (Kind::Query, &target.queries),
        ] {
            for seed in seeds {
                let mut paths = Vec::new();
                object_paths(seed, vec![], &mut paths);
                for path in paths {
                    let mut msg = seed.clone();
                    at(&mut msg, &path)["unknown_field"] = json!(1);
                    let bytes = serde_json::to_vec(&msg).unwrap();
                    assert_malformed(&mut suite, &target, &sender, kind, &bytes);
                    refused += 1;
                }
            }
        }
    }
    assert!(refused > 80, "{refused}");
}

/// Inputs that no contract's message parses from.
fn malformed_inputs() -> Vec<Vec<u8>> {
    let mut inputs: Vec<Vec<u8>> = [
        "", " ", "null", "true", "0", "-1", "{}", "[]", "\"deposit\"", "{\"deposit\"}",
        "{\"deposit\":{}", "{\"deposit\":{}}}", "{\"deposit\":{}} x", "{\"nope\":{}}",
        "{\"deposit\":{},\"mark\":{\"market\":\"BTC-PERP\"}}", "{\"DEPOSIT\":{}}",
        "{\"redeem\":{\"shares\":5}}", "{\"redeem\":{\"shares\":\"-1\"}}",
        "{\"redeem\":{\"shares\":\"340282366920938463463374607431768211456\"}}",
        "{\"redeem\":{\"shares\":\"1.5\"}}", "{\"redeem\":{\"shares\":\"1e3\"}}",
"{\"redeem\":{\"shares\":\" 1\"}}",
        "{\"redeem\":{\"shares\":null}}", "{\"redeem\":{}}",
        "{\"redeem\":{\"shares\":\"1\",\"shares\":\"2\"}}",
        "{\"trade\":{\"market\":\"BTC-PERP\",\"side\":\"sideways\",\"notional\":\"1\",\"reduce_only\":false}}",
        "{\"price_feed\":{\"id\":7}}", "{\"update_price_feeds\":{\"feeds\":{}}}",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    inputs.push(vec![0xff, 0xfe, 0x00]);
    inputs.push(b"{\"deposit\":{}}\xff".to_vec());
    // Nesting far beyond the parser's recursion limit, and a megabyte-long string.
    inputs.push([b"[".repeat(100_000), b"]".repeat(100_000)].concat());
    inputs.push(format!("{{\"{}\":{{}}}}", "x".repeat(1 << 20)).into_bytes());
    inputs
}

#[test]
fn malformed_bytes_are_refused_by_every_contract() {
    let mut suite = SuiteBuilder::new().build();
    let sender = suite.alice.clone();
    for target in targets(&suite) {
        for input in malformed_inputs() {
            for kind in [Kind::Execute, Kind::Query] {
                assert_malformed(&mut suite, &target, &sender, kind, &input);
            }
        }
    }
}

#[test]
fn a_valid_message_with_a_field_of_the_wrong_type_is_refused() {
    let mut suite = SuiteBuilder::new().build();
    let sender = suite.alice.clone();
    for target in targets(&suite) {
        for (kind, seeds) in [
            (Kind::Execute, &target.executes),
            (Kind::Query, &target.queries),
        ] {
            for seed in seeds {
                let Some((_, Value::Object(fields))) =
                    seed.as_object().and_then(|o| o.iter().next())
                else {
                    continue;
                };
                for (field, value) in fields {
                    // An array where a field was: no field of our messages is a bare array of arrays.
                    let mut msg = seed.clone();
                    let variant = msg.as_object().unwrap().keys().next().unwrap().clone();
                    msg[&variant][field] = json!([[value.clone()]]);
                    let bytes = serde_json::to_vec(&msg).unwrap();
                    assert_malformed(&mut suite, &target, &sender, kind, &bytes);
                }
            }
        }
    }
}
