//! The shared JSON decoder (`ballast_types::json`: `json_struct!`, `json_enum!`) attacked through the
//! contracts' entry points: it must take exactly the JSON serde's derive took, and refuse a repeated
//! key wherever the contract reads, so an off-chain reader that keeps the last (or first) of two keys
//! can never see another message than the one the contract acts on.
//!
//! Where serde's derive took a shape that the decoder now refuses on purpose (a struct written as an
//! array), the refusal is pinned here too.

use ballast_tests::suite::{DENOM, Suite, SuiteBuilder, market_config, order, venue_terms};

use crate::test_wire_attacks::{refused, tamper_oracle};
use ballast_types::Side;
use cosmwasm_std::{Addr, Binary, StdResult, Uint128, WasmMsg, coins, from_json};
use cw_multi_test::Executor;
use serde_json::{Value, json};

fn vault_exec(
    suite: &mut Suite,
    sender: &Addr,
    msg: &str,
) -> StdResult<cw_multi_test::AppResponse> {
    let vault = suite.vault.clone();
    suite.execute_raw(sender, &vault, msg.as_bytes(), &[])
}

fn vault_query(suite: &Suite, msg: &str) -> StdResult<Binary> {
    suite.query_raw(&suite.vault, msg.as_bytes())
}

/// The manager's order for the first market as raw JSON, `size` and `extra` spliced in as written.
fn order_json(market: &str, size: &str, extra: &str) -> String {
    format!(r#"{{"market":"{market}","side":"long","size":{size},"reduce_only":false{extra}}}"#)
}

#[test]
fn a_repeated_key_inside_a_newtype_payload_is_refused_whichever_copy_a_reader_keeps() {
    let mut suite = SuiteBuilder::new().build();
    let manager = suite.manager.clone();
    let m = suite.market.clone();
    let before = suite.query_position().unwrap();
    // A reader that keeps the last `size` (JSON.parse) would show 1 unit; one that keeps the first,
    // a billion. The vault must act on neither.
    let cases = [
        (
            format!(
                r#"{{"submit_order":{}}}"#,
                order_json(&m, r#""1000000000","size":"1""#, "")
            ),
            "duplicate field `size`",
        ),
        // The same key spelled with an escape is the same key.
        (
            format!(
                r#"{{"submit_order":{}}}"#,
                order_json(&m, r#""1000000000","\u0073ize":"1""#, "")
            ),
            "duplicate field `size`",
        ),
        (
            format!(
                r#"{{"submit_order":{}}}"#,
                order_json(&m, r#""1000000000""#, r#","reduce_only":true"#)
            ),
            "duplicate field `reduce_only`",
        ),
        (
            format!(
                r#"{{"submit_order":{}}}"#,
                order_json(&m, r#""1000000000""#, r#","signal":"1","signal":"-1""#)
            ),
            "duplicate field `signal`",
        ),
        // Two variants, or the same variant twice, at the top.
        (
            format!(
                r#"{{"submit_order":{o},"submit_order":{o}}}"#,
                o = order_json(&m, r#""1000000000""#, "")
            ),
            "takes exactly one variant",
        ),
    ];
    for (msg, needle) in &cases {
        refused(vault_exec(&mut suite, &manager, msg), needle, msg);
        // The preview query reads the same payload.
        let preview = msg.replace("submit_order", "preview_order");
        let needle = needle.replace("submit_order", "preview_order");
        refused(vault_query(&suite, &preview), &needle, &preview);
    }
    assert_eq!(
        suite.query_position().unwrap(),
        before,
        "no order went through"
    );
}

#[test]
fn a_repeated_key_inside_governance_payloads_is_refused_at_every_depth() {
    let mut suite = SuiteBuilder::new().build();
    let owner = suite.owner.clone();
    let governor = suite.governor.clone();
    let config = serde_json::to_value(market_config(&suite.market, &suite.feed)).unwrap();
    let terms = serde_json::to_value(venue_terms()).unwrap();
    let levana = json!({"levana": {
        "market_contract": suite.alice.to_string(),
        "take_profit": "0.5",
        "slippage_tolerance": "0.01",
        "collateral_decimals": 6,
        "terms": terms,
    }});
    let mut with_venue = config.clone();
    with_venue["venue"] = levana;
    let text = serde_json::to_string(&with_venue).unwrap();
    // Repeat a key inside the config, inside the venue and inside the venue's terms (a lenient type).
    let repeats = [
        (
            "\"weight\":\"1\"",
            "\"weight\":\"1\",\"weight\":\"0.0001\"",
            "weight",
        ),
        (
            "\"take_profit\":\"0.5\"",
            "\"take_profit\":\"0.5\",\"take_profit\":\"0.9\"",
            "take_profit",
        ),
        (
            "\"initial_margin\":\"0.1\"",
            "\"initial_margin\":\"0.1\",\"initial_margin\":\"0.9\"",
            "initial_margin",
        ),
    ];
    for (from, to, key) in repeats {
        assert!(text.contains(from), "{from} in {text}");
        let config = text.replacen(from, to, 1);
        let msg = format!(r#"{{"propose_market":{{"config":{config}}}}}"#);
        let needle = format!("duplicate field `{key}`");
        refused(
            suite.execute_raw(&owner, &governor, msg.as_bytes(), &[]),
            &needle,
            &msg,
        );
    }
    assert_eq!(
        suite.query_pending_market().unwrap(),
        None,
        "nothing was proposed"
    );
}

#[test]
fn a_repeated_key_inside_the_markets_list_of_an_instantiation_is_refused() {
    let mut suite = SuiteBuilder::new().build();
    let code_id = suite.app.contract_data(&suite.vault).unwrap().code_id;
    let msg = serde_json::to_string(&suite.vault_instantiate_msg()).unwrap();
    let needle = "\"max_notional\":";
    assert!(msg.contains(needle));
    let repeated = msg.replacen(needle, "\"max_notional\":\"1\",\"max_notional\":", 1);
    let wasm = WasmMsg::Instantiate {
        admin: None,
        code_id,
        msg: Binary::from(repeated.as_bytes()),
        funds: vec![],
        label: "twin".into(),
    };
    let owner = suite.owner.clone();
    refused(
        suite.app.execute(owner.clone(), wasm.into()),
        "duplicate field `max_notional`",
        &repeated,
    );
    // The same bytes without the repeat instantiate: the refusal is the repeat's.
    let wasm = WasmMsg::Instantiate {
        admin: None,
        code_id,
        msg: Binary::from(msg.as_bytes()),
        funds: vec![],
        label: "twin".into(),
    };
    suite
        .app
        .execute(owner, wasm.into())
        .expect("the plain message instantiates");
}

#[test]
fn unit_variants_take_the_forms_serde_took_and_no_other() {
    let suite = SuiteBuilder::new().build();
    let m = suite.market.clone();
    let preview = |side: &str| {
        let msg = format!(
            r#"{{"preview_order":{{"market":"{m}","side":{side},"size":"1000000","reduce_only":false}}}}"#
        );
        (vault_query(&suite, &msg), msg)
    };
    for side in [r#""long""#, r#"{"long":null}"#, r#""\u006cong""#] {
        let (res, msg) = preview(side);
        res.unwrap_or_else(|e| panic!("{msg}: {e}"));
    }
    for (side, needle) in [
        (r#"{"long":{}}"#, "a unit variant takes no value"),
        (r#"{"long":[]}"#, "a unit variant takes no value"),
        (r#"{"long":false}"#, "a unit variant takes no value"),
        (r#"{}"#, "takes exactly one variant"),
        (r#"{"long":null,"short":null}"#, "takes exactly one variant"),
        (r#"{"long":null,"long":null}"#, "takes exactly one variant"),
        (r#""Long""#, "unknown variant `Long`"),
        (r#"null"#, "expected enum Side"),
        (r#"0"#, "expected enum Side"),
        (r#"["long"]"#, "expected enum Side"),
    ] {
        let (res, msg) = preview(side);
        refused(res, needle, &msg);
    }
    // Struct variants without fields take an object only: not null, not a string, not an array.
    for (msg, needle) in [
        (r#"{"config":null}"#, "expected struct QueryMsg::Config"),
        (r#""config""#, "expected struct QueryMsg::Config"),
        (r#"{"config":[]}"#, "expected struct QueryMsg::Config"),
        (r#"{"config":{"x":null}}"#, "unknown field `x`"),
    ] {
        refused(vault_query(&suite, msg), needle, msg);
    }
    vault_query(&suite, r#"{"config":{}}"#).expect("the plain form");
}

#[test]
fn the_venue_tag_takes_the_forms_serde_took_and_an_absent_venue_is_the_default() {
    let mut suite = SuiteBuilder::new().build();
    let owner = suite.owner.clone();
    let governor = suite.governor.clone();
    let config = serde_json::to_value(market_config(&suite.market, &suite.feed)).unwrap();
    let propose = |suite: &mut Suite, venue: Option<Value>| {
        let mut config = config.clone();
        let map = config.as_object_mut().unwrap();
        map.remove("venue");
        map.remove("garch");
        if let Some(v) = venue {
            map.insert("venue".into(), v);
        }
        let msg = serde_json::to_vec(&json!({"propose_market": {"config": config}})).unwrap();
        suite.execute_raw(&owner, &governor, &msg, &[])
    };
    for venue in [None, Some(json!("ballast")), Some(json!({"ballast": null}))] {
        propose(&mut suite, venue.clone()).unwrap_or_else(|e| panic!("{venue:?}: {e}"));
        let pending = suite.query_pending_market().unwrap().expect("proposed");
        assert_eq!(pending.config.venue, Default::default(), "{venue:?}");
        assert_eq!(pending.config.garch, None);
    }
    for (venue, needle) in [
        (json!(null), "venue: invalid type: null"),
        (json!({"ballast": {}}), "a unit variant takes no value"),
        (json!({"ballast": []}), "a unit variant takes no value"),
        (json!("levana"), "levana: invalid type: null"),
        (json!({"levana": null}), "levana: invalid type: null"),
        (json!({"injective": {}}), "missing field `market_id`"),
        (json!({}), "takes exactly one variant"),
        (
            json!({"ballast": null, "levana": null}),
            "takes exactly one variant",
        ),
    ] {
        refused(
            propose(&mut suite, Some(venue.clone())),
            needle,
            &venue.to_string(),
        );
    }
}

#[test]
fn absent_null_and_missing_fields_read_as_serde_read_them() {
    let mut suite = SuiteBuilder::new().build();
    let m = suite.market.clone();
    let preview = |extra: &str, reduce: &str| {
        let msg = format!(
            r#"{{"preview_order":{{"market":"{m}","side":"long","size":"1000000"{reduce}{extra}}}}}"#
        );
        (vault_query(&suite, &msg), msg)
    };
    // An absent or null Option is None; a present one is read.
    for extra in ["", r#","signal":null"#, r#","signal":"0.5""#] {
        let (res, msg) = preview(extra, r#","reduce_only":false"#);
        res.unwrap_or_else(|e| panic!("{msg}: {e}"));
    }
    for (reduce, needle) in [
        ("", "missing field `reduce_only`"),
        (r#","reduce_only":null"#, "reduce_only: invalid type: null"),
        (r#","reduce_only":0"#, "reduce_only: invalid type: integer"),
        (
            r#","reduce_only":"false""#,
            "reduce_only: invalid type: string",
        ),
    ] {
        let (res, msg) = preview("", reduce);
        refused(res, needle, &msg);
    }
    // `Redeem` and `Deposit` have no default for their amount; their recipient is optional.
    let alice = suite.alice.clone();
    refused(
        vault_exec(&mut suite, &alice, r#"{"redeem":{}}"#),
        "missing field `amount`",
        "redeem {}",
    );
    refused(
        vault_exec(&mut suite, &alice, r#"{"redeem":{"amount":null}}"#),
        "amount: invalid type: null",
        "redeem null",
    );
    refused(
        vault_exec(&mut suite, &alice, r#"{"deposit":{"recipient":null}}"#),
        "missing field `amount`",
        "deposit without amount",
    );
}

#[test]
fn numbers_where_strings_or_whole_numbers_are_expected_are_refused() {
    let mut suite = SuiteBuilder::new().build();
    let alice = suite.alice.clone();
    for shares in [
        "1",
        "1.0",
        "1e3",
        "-0",
        "18446744073709551616",
        "340282366920938463463374607431768211456",
    ] {
        let msg = format!(r#"{{"redeem":{{"amount":{shares}}}}}"#);
        refused(vault_exec(&mut suite, &alice, &msg), "invalid type", &msg);
        let msg = format!(r#"{{"preview_deposit":{{"amount":{shares}}}}}"#);
        refused(vault_query(&suite, &msg), "invalid type", &msg);
    }
    // A whole-number field (seconds, u64) takes no fraction, exponent, sign or overflow.
    let owner = suite.owner.clone();
    let governor = suite.governor.clone();
    let params = serde_json::to_string(&suite.query_config().unwrap().params).unwrap();
    let needle = "\"timelock\":86400";
    assert!(params.contains(needle), "{params}");
    for timelock in [
        "86400.0",
        "8.64e4",
        "-86400",
        "18446744073709551616",
        "\"86400\"",
        "null",
    ] {
        let p = params.replacen(needle, &format!("\"timelock\":{timelock}"), 1);
        let msg = format!(r#"{{"propose_params":{{"params":{p}}}}}"#);
        refused(
            suite.execute_raw(&owner, &governor, msg.as_bytes(), &[]),
            "invalid",
            &msg,
        );
    }
    assert_eq!(suite.query_pending_params().unwrap(), None);
}

#[test]
fn an_escaped_key_is_the_same_key_as_for_any_json_reader() {
    let mut suite = SuiteBuilder::new().build();
    let alice = suite.alice.clone();
    let shares = suite.query_shares(&alice).unwrap();
    let half = shares.u128() / 2;
    // serde_json, JSON.parse and the contract all read `\u0061mount` as `amount`.
    let msg = format!(r#"{{"\u0072edeem":{{"\u0061mount":"{half}"}}}}"#);
    let (vault, denom) = (suite.vault.clone(), suite.share_denom());
    suite
        .execute_raw(&alice, &vault, msg.as_bytes(), &coins(half, denom))
        .expect("an escaped key is the key");
    assert_eq!(
        suite.query_shares(&alice).unwrap(),
        shares - Uint128::new(half)
    );
    // A key that only looks like a field (a different code point) is unknown, not the field.
    let msg = r#"{"redeem":{"amount":"1","аmount":"1"}}"#; // Cyrillic a
    refused(
        vault_exec(&mut suite, &alice, msg),
        "unknown field `аmount`",
        msg,
    );
}

#[test]
fn a_struct_written_as_an_array_is_refused() {
    // serde's derive took a struct as the array of its fields in order (`{"redeem":["1"]}`); the
    // decoder takes objects only. Nothing writes the array form; pinned so that it stays refused
    // rather than half taken.
    let mut suite = SuiteBuilder::new().build();
    let alice = suite.alice.clone();
    let vault = suite.vault.clone();
    let shares = suite.query_shares(&alice).unwrap();
    let res = suite.execute_raw(
        &alice,
        &vault,
        br#"{"deposit":[]}"#,
        &coins(1_000_000, DENOM),
    );
    refused(res, "invalid type: sequence", "deposit []");
    refused(
        vault_exec(&mut suite, &alice, r#"{"redeem":["1"]}"#),
        "invalid type: sequence",
        "redeem [1]",
    );
    refused(
        vault_query(&suite, r#"{"preview_redeem":["1"]}"#),
        "invalid type: sequence",
        "preview []",
    );
    assert_eq!(suite.query_shares(&alice).unwrap(), shares);
}

#[test]
fn deep_nesting_in_an_unknown_field_is_refused_without_a_crash() {
    let mut suite = SuiteBuilder::new().build();
    let alice = suite.alice.clone();
    for depth in [100, 126, 127, 200, 100_000] {
        let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let msg = format!(r#"{{"deposit":{{"x":{nested}}}}}"#);
        let res = vault_exec(&mut suite, &alice, &msg);
        assert!(res.is_err(), "depth {depth} was taken");
        let nested = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        let msg = format!(r#"{{"preview_redeem":{{"amount":"1","x":{nested}}}}}"#);
        assert!(
            vault_query(&suite, &msg).is_err(),
            "depth {depth} was taken"
        );
    }
}

/// `{"price_feed":{...}}` with `extra` added to the feed object.
fn with_extra(reply: &str, extra: &str) -> String {
    let v: Value = from_json(reply.as_bytes()).expect("the oracle's reply");
    let feed = serde_json::to_string(&v["price_feed"]).unwrap();
    let feed = format!("{},{extra}}}", &feed[..feed.len() - 1]);
    format!(r#"{{"price_feed":{feed}}}"#)
}

#[test]
fn an_ignored_reply_field_with_an_integer_or_string_does_not_stop_a_mark() {
    let mut suite = SuiteBuilder::new().build();
    tamper_oracle(&mut suite, |r| {
        with_extra(
            r,
            r#""metadata":{"slot":12345678901,"emitter":"x","attestations":[1,2,-3]}"#,
        )
    });
    suite
        .next_day(suite.price)
        .expect("a reply with more fields is read as before");
}

#[test]
fn an_ignored_reply_field_with_a_fraction_does_not_stop_a_mark() {
    // serde's derive ignored any value of a field the type does not have; the `Strict` reader used to
    // refuse a JSON number with a fraction (or beyond 64 bits) wherever it was, so a Pyth-like oracle
    // (or Levana, Injective, the perp market) adding such a field to its answer would have stopped
    // every mark, deleverage and order of the market until the vault was migrated.
    let mut suite = SuiteBuilder::new().build();
    tamper_oracle(&mut suite, |r| {
        with_extra(r, r#""metadata":{"confidence_pct":0.25}"#)
    });
    suite
        .next_day(suite.price)
        .expect("an ignored fraction is ignored");
    tamper_oracle(&mut suite, |r| {
        with_extra(r, r#""metadata":{"slot":18446744073709551616}"#)
    });
    suite
        .next_day(suite.price)
        .expect("an ignored big integer is ignored");
}

#[test]
fn a_fraction_in_a_field_the_vault_reads_is_still_refused() {
    let mut suite = SuiteBuilder::new().build();
    // The oracle's `expo` is an integer; written with a fraction, the reply is refused.
    tamper_oracle(&mut suite, |r| {
        r.replacen("\"expo\":-8", "\"expo\":-8.0", 1)
    });
    suite.advance(86_400);
    let price = suite.price;
    suite.publish(price).unwrap();
    refused(suite.mark(), "expo: invalid JSON at byte", "expo -8.0");
}

#[test]
fn a_repeated_key_where_a_reply_reader_skips_does_not_stop_a_mark() {
    // The vault never reads it (serde's derive skipped it too); a repeated key it reads is refused.
    let mut suite = SuiteBuilder::new().build();
    tamper_oracle(&mut suite, |r| with_extra(r, r#""metadata":{"a":1,"a":2}"#));
    suite.advance(86_400);
    let price = suite.price;
    suite.publish(price).unwrap();
    suite
        .mark()
        .expect("a skipped field does not stop the mark");
}

#[test]
fn the_plain_order_and_its_escaped_twin_move_the_position_alike() {
    // The positive control: what serde's derive took still goes through, escapes included.
    let mut suite = SuiteBuilder::new().build();
    let manager = suite.manager.clone();
    let plain =
        serde_json::to_string(&json!({"submit_order": order(Side::Long, 1_000_000_000)})).unwrap();
    vault_exec(&mut suite, &manager, &plain).expect("plain order");
    let first = suite.query_position().unwrap();
    assert_eq!(first.side, Some(Side::Long), "{first:?}");
    let escaped = plain
        .replace("\"size\"", "\"\\u0073ize\"")
        .replace("\"submit_order\"", "\"\\u0073ubmit_order\"");
    assert_ne!(escaped, plain);
    vault_exec(&mut suite, &manager, &escaped).expect("escaped order");
    let second = suite.query_position().unwrap();
    assert!(second.notional > first.notional, "{first:?} -> {second:?}");
}
