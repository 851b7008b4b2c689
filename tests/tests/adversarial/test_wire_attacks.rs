//! The order path's hand-written queries and one-pass answer reader (`vault::wire`) attacked from
//! outside: market names that would break out of the hand-written JSON, oracle and perp answers that
//! a lenient reader could misread, and the vault's own `RemarkAfterTrade` sent by someone else. The
//! vault must act on the price the oracle truly gave, or refuse.

use std::cell::RefCell;

use ballast_tests::suite::{Suite, SuiteBuilder, market_config, order};
use ballast_types::pyth::{PriceIdentifier, PythPrice};
use ballast_types::vault::ExecuteMsg;
use ballast_types::{Side, governor, oracle, perp};
use cosmwasm_std::{
    Addr, Binary, Deps, DepsMut, Empty, Env, Int64, MessageInfo, Response, StdResult, Uint64,
};
use cw_multi_test::ContractWrapper;

/// Asserts that `res` failed and that its error text contains `needle`.
pub(crate) fn refused<T: std::fmt::Debug>(res: StdResult<T>, needle: &str, what: &str) {
    match res {
        Ok(v) => panic!("{what} was taken: {v:?}"),
        Err(e) => {
            let text = e.to_string();
            assert!(
                text.contains(needle),
                "{what}: expected {needle:?} in {text}"
            );
        }
    }
}

thread_local! {
    /// How the tampering oracle rewrites the real oracle's `price_feed` answer.
    static ORACLE_TAMPER: RefCell<fn(&str) -> String> = const { RefCell::new(|s| s.to_string()) };
    /// How the tampering perp market rewrites its `position` / `position_terms` answers.
    static PERP_TAMPER: RefCell<fn(&str) -> String> = const { RefCell::new(|s| s.to_string()) };
}

fn oracle_query(deps: Deps, env: Env, msg: oracle::QueryMsg) -> StdResult<Binary> {
    let reply = ballast_tests::errors::oracle::query(deps, env, msg)
        .map_err(|e| cosmwasm_std::StdError::msg(e.to_string()))?;
    let text = String::from_utf8(reply.to_vec()).expect("utf-8");
    Ok(Binary::from(
        ORACLE_TAMPER.with(|t| (t.borrow())(&text)).into_bytes(),
    ))
}

fn oracle_execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: oracle::ExecuteMsg,
) -> StdResult<Response> {
    ballast_tests::errors::oracle::execute(deps, env, info, msg)
        .map_err(|e| cosmwasm_std::StdError::msg(e.to_string()))
}

fn perp_query(deps: Deps, env: Env, msg: perp::QueryMsg) -> StdResult<Binary> {
    let rewrite = matches!(
        msg,
        perp::QueryMsg::Position { .. } | perp::QueryMsg::PositionTerms { .. }
    );
    let reply = ballast_tests::errors::perp::query(deps, env, msg)
        .map_err(|e| cosmwasm_std::StdError::msg(e.to_string()))?;
    if !rewrite {
        return Ok(reply);
    }
    let text = String::from_utf8(reply.to_vec()).expect("utf-8");
    Ok(Binary::from(
        PERP_TAMPER.with(|t| (t.borrow())(&text)).into_bytes(),
    ))
}

fn perp_execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: perp::ExecuteMsg,
) -> StdResult<Response> {
    ballast_tests::errors::perp::execute(deps, env, info, msg)
        .map_err(|e| cosmwasm_std::StdError::msg(e.to_string()))
}

fn no_instantiate(_: DepsMut, _: Env, _: MessageInfo, _: Empty) -> StdResult<Response> {
    Ok(Response::new())
}

/// Swaps the code of `contract` for `code` (same address, same storage).
fn swap_code(suite: &mut Suite, contract: &Addr, code: u64) {
    let mut data = suite.app.contract_data(contract).unwrap();
    data.code_id = code;
    let contracts: cw_storage_plus::Map<&Addr, cw_multi_test::ContractData> =
        cw_storage_plus::Map::new("contracts");
    let mut wasm = suite.app.prefixed_storage_mut(b"wasm");
    contracts.save(&mut *wasm, contract, &data).unwrap();
}

/// The suite's oracle, its `price_feed` answers rewritten by `rewrite` (same address, same storage):
/// a Pyth-like oracle that answers with more, or otherwise, than the vault reads.
pub(crate) fn tamper_oracle(suite: &mut Suite, rewrite: fn(&str) -> String) {
    ORACLE_TAMPER.with(|t| *t.borrow_mut() = rewrite);
    let code = suite.app.store_code(Box::new(ContractWrapper::new(
        oracle_execute,
        no_instantiate,
        oracle_query,
    )));
    let oracle = suite.oracle.clone();
    swap_code(suite, &oracle, code);
}

/// The suite's perp market, its position answers rewritten by `rewrite`.
fn tamper_perp(suite: &mut Suite, rewrite: fn(&str) -> String) {
    PERP_TAMPER.with(|t| *t.borrow_mut() = rewrite);
    let code = suite.app.store_code(Box::new(ContractWrapper::new(
        perp_execute,
        no_instantiate,
        perp_query,
    )));
    let perp = suite.perp.clone();
    swap_code(suite, &perp, code);
}

/// A new day at the same price, published: marks need a fresh price.
fn fresh_day(suite: &mut Suite) {
    suite.advance(86_400);
    let price = suite.price;
    suite.publish(price).unwrap();
}

/// The real price object of the oracle's answer, as text.
fn price_object(reply: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(reply).unwrap();
    serde_json::to_string(&v["price_feed"]["price"]).unwrap()
}

/// The oracle's answer with the price mantissa written as `mantissa` (JSON text).
fn with_mantissa(reply: &str, mantissa: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(&price_object(reply)).unwrap();
    let real = v["price"].as_str().unwrap();
    let from = format!(r#""price":"{real}""#);
    assert!(reply.contains(&from), "{reply}");
    reply.replacen(&from, &format!(r#""price":{mantissa}"#), 1)
}

/// Opens a long and returns the vault's stored mark next to the perp's own unquoted report.
fn open_and_compare(suite: &mut Suite) {
    suite
        .submit(order(Side::Long, 1_000_000_000))
        .expect("order");
    let mark = suite.query_vault_position().unwrap();
    let venue = suite.query_position().unwrap();
    assert_eq!(mark.side, Some(Side::Long), "{mark:?}");
    assert_eq!(mark.notional, venue.notional, "{mark:?} vs {venue:?}");
    assert_eq!(mark.margin, venue.margin, "{mark:?} vs {venue:?}");
}

#[test]
fn a_market_name_that_breaks_out_of_the_query_json_reaches_the_perp_verbatim() {
    // The vault takes any 1..64-byte market name; the perp market only [A-Za-z0-9-_/]. A name that,
    // written unescaped, would close the string and name the listed market must reach the perp as
    // one unknown name, and mark nothing.
    let mut suite = SuiteBuilder::new().build();
    let listed = suite.market.clone();
    let before = suite.query_vault_position().unwrap();
    for name in [
        format!(r#"{listed}","market":"{listed}"#),
        format!("{listed}\\\"\u{1}\u{7f}é"),
        format!("{listed}\"}}}}"),
    ] {
        let config = market_config(&name, &suite.feed);
        let owner = suite.owner.clone();
        suite
            .govern(&owner, governor::ExecuteMsg::ProposeMarket { config })
            .expect("the vault takes any short name");
        let timelock = suite.query_config().unwrap().params.timelock;
        suite.advance(timelock);
        let keeper = suite.keeper.clone();
        suite
            .govern(
                &keeper,
                governor::ExecuteMsg::ApplyMarket {
                    market: name.clone(),
                },
            )
            .expect("applied");
        let price = suite.price;
        suite.publish(price).unwrap();
        let err = suite
            .mark_market(&name)
            .expect_err("the perp knows no such market");
        assert!(!err.to_string().contains("invalid JSON"), "{name}: {err}");
        let mut weird = order(Side::Long, 1_000_000_000);
        weird.market = name.clone();
        suite
            .submit(weird)
            .expect_err("no order on an unlisted name");
    }
    let after = suite.query_vault_position().unwrap();
    assert_eq!((after.side, after.notional), (before.side, before.notional));
    assert_eq!(suite.query_position().unwrap().side, None, "nothing traded");
}

#[test]
fn remark_after_trade_from_anyone_but_the_vault_is_refused() {
    let mut suite = SuiteBuilder::new().build();
    suite
        .submit(order(Side::Long, 1_000_000_000))
        .expect("order");
    let mark = suite.query_vault_position().unwrap();
    let fake = PythPrice {
        price: Int64::new(1),
        conf: Uint64::zero(),
        expo: -8,
        publish_time: suite.now() as i64,
    };
    let market = suite.market.clone();
    for sender in [
        suite.alice.clone(),
        suite.manager.clone(),
        suite.keeper.clone(),
        suite.owner.clone(),
        suite.governor.clone(),
        suite.strategies.clone(),
        suite.perp.clone(),
    ] {
        refused(
            suite.execute_vault(
                &sender,
                ExecuteMsg::RemarkAfterTrade {
                    market: market.clone(),
                    price: Some(fake),
                },
            ),
            "vault itself",
            sender.as_str(),
        );
    }
    assert_eq!(
        suite.query_vault_position().unwrap(),
        mark,
        "mark unchanged"
    );
}

#[test]
fn an_escaped_price_key_is_refused_not_read_as_another_field() {
    // serde reads `"pr\u0069ce"` as `price`; the one-pass reader refuses escaped keys. With the real
    // `price` renamed and a decoy left, the vault must refuse, never read the decoy.
    let mut suite = SuiteBuilder::new().build();
    tamper_oracle(&mut suite, |r| {
        r.replacen(r#""price":{"#, r#""pr\u0069ce":{"#, 1)
    });
    fresh_day(&mut suite);
    refused(suite.mark(), "escapes", "escaped key");
    refused(
        suite.submit(order(Side::Long, 1_000_000_000)),
        "escapes",
        "escaped key order",
    );
    assert_eq!(suite.query_position().unwrap().side, None);
}

#[test]
fn a_second_price_object_in_the_oracle_answer_is_refused() {
    let mut suite = SuiteBuilder::new().build();
    // After the real one, and before it.
    tamper_oracle(&mut suite, |r| {
        let fake = r#""price":{"price":"1","conf":"0","expo":-8,"publish_time":1}"#;
        r.replacen(
            r#""price_feed":{"#,
            &format!(r#""price_feed":{{{fake},"#),
            1,
        )
    });
    fresh_day(&mut suite);
    refused(suite.mark(), "duplicate field `price`", "fake first");
    tamper_oracle(&mut suite, |r| {
        let fake = r#","price":{"price":"1","conf":"0","expo":-8,"publish_time":1}}}"#;
        format!("{}{fake}", &r[..r.len() - 2])
    });
    refused(suite.mark(), "duplicate field `price`", "fake last");
    refused(
        suite.submit(order(Side::Long, 1_000_000_000)),
        "duplicate field `price`",
        "order",
    );
}

#[test]
fn a_decoy_price_inside_a_skipped_string_or_object_is_not_read() {
    // Strings holding `}`, `\"` and a whole `"price":{..}`, ahead of the real price: a reader that
    // mis-delimited them would see the decoy (or a repeated `price`) and fail or misprice.
    let mut suite = SuiteBuilder::new().build();
    tamper_oracle(&mut suite, |r| {
        let decoy = r#""note":"}\"},\"price\":{\"price\":\"1\"}\\","meta":{"s":"{[\"]}","price":{"price":"1"}},"#;
        r.replacen(
            r#""price_feed":{"#,
            &format!(r#""price_feed":{{{decoy}"#),
            1,
        )
    });
    fresh_day(&mut suite);
    suite.mark().expect("the decoys are skipped");
    open_and_compare(&mut suite);
}

#[test]
fn trailing_garbage_after_the_oracle_answer_is_refused_and_whitespace_is_not() {
    let mut suite = SuiteBuilder::new().build();
    tamper_oracle(&mut suite, |r| format!("{r} {{}}"));
    fresh_day(&mut suite);
    refused(suite.mark(), "trailing characters", "trailing object");
    tamper_oracle(&mut suite, |r| {
        format!(" \n{}\t ", r.replace(':', " : ").replace(',', " ,\r\n"))
    });
    suite.mark().expect("whitespace is JSON");
}

#[test]
fn a_numeric_price_reads_as_its_string_and_an_out_of_range_one_is_refused() {
    // cosmwasm's Int64 takes only a string; the vault's reader takes a number too, at the same value:
    // the preview (marked at the vault's quote) is unchanged. The perp market reads the oracle itself
    // through serde to trade, refuses the number, and the whole order reverts.
    let mut suite = SuiteBuilder::new().build();
    fresh_day(&mut suite);
    let preview = suite
        .query_preview(order(Side::Long, 1_000_000_000))
        .unwrap();
    tamper_oracle(&mut suite, |r| {
        let p = price_object(r);
        let v: serde_json::Value = serde_json::from_str(&p).unwrap();
        let mantissa = v["price"].as_str().unwrap().to_string();
        r.replacen(
            &format!(r#""price":"{mantissa}""#),
            &format!(r#""price":{mantissa}"#),
            1,
        )
    });
    assert_eq!(
        suite
            .query_preview(order(Side::Long, 1_000_000_000))
            .unwrap(),
        preview
    );
    refused(
        suite.submit(order(Side::Long, 1_000_000_000)),
        "expected string-encoded integer",
        "the perp's own read",
    );
    assert_eq!(suite.query_position().unwrap().side, None, "nothing traded");
    for rewrite in [
        (|r: &str| with_mantissa(r, r#""9223372036854775808""#)) as fn(&str) -> String,
        |r| with_mantissa(r, r#""1e3""#),
        |r| with_mantissa(r, r#"" 6""#),
        |r| with_mantissa(r, "6.0"),
        |r| with_mantissa(r, "null"),
    ] {
        tamper_oracle(&mut suite, rewrite);
        refused(suite.mark(), "price: invalid JSON", "bad mantissa");
    }
}

#[test]
fn a_price_published_far_ahead_is_not_traded_on() {
    // The oracle refuses to store it; a Pyth-like oracle that answers it anyway must not get it
    // through the vault's quote to the perp market (which checks a quoted price as its own).
    let mut suite = SuiteBuilder::new().build();
    tamper_oracle(&mut suite, |r| {
        let p = price_object(r);
        let v: serde_json::Value = serde_json::from_str(&p).unwrap();
        let t = v["publish_time"].as_i64().unwrap();
        r.replace(
            &format!(r#""publish_time":{t}"#),
            &format!(r#""publish_time":{}"#, t + 10_000_000),
        )
    });
    fresh_day(&mut suite);
    let res = suite.submit(order(Side::Long, 1_000_000_000));
    assert!(
        res.as_ref().map_or(true, |r| super::executed(r) == 0),
        "{res:?}"
    );
    assert_eq!(suite.query_position().unwrap().side, None, "nothing traded");
}

#[test]
fn a_feed_id_in_another_case_still_marks_at_the_oracles_price() {
    // The vault's feed id in upper case, the perp market's in lower: the perp takes the vault's
    // quote (it compares without case) and the oracle reads ids without case, so the mark is the
    // oracle's price of the same feed.
    let mut suite = SuiteBuilder::new()
        .market(|m| m.feed_id = PriceIdentifier(m.feed_id.0.to_ascii_uppercase()))
        .build();
    open_and_compare(&mut suite);
    fresh_day(&mut suite);
    suite.mark().expect("mark");
    let mark = suite.query_vault_position().unwrap();
    assert_eq!(mark.notional, suite.query_position().unwrap().notional);
}

#[test]
fn odd_perp_answers_are_refused_or_leave_the_position_unmarked() {
    let mut suite = SuiteBuilder::new().build();
    suite
        .submit(order(Side::Long, 1_000_000_000))
        .expect("order");
    let mark = suite.query_vault_position().unwrap();
    // An escaped `"unmarked"` reason with quotes: read as text, nothing traded.
    tamper_perp(&mut suite, |r| {
        let mut v: serde_json::Value = serde_json::from_str(r).unwrap();
        if v.get("terms").is_some() {
            v["position"] = serde_json::Value::Null;
            v["unmarked"] = serde_json::json!("\"},\"position\":{\"side\":\"short\"} \u{1}");
        }
        serde_json::to_string(&v).unwrap()
    });
    let res = suite.submit(order(Side::Long, 1_000_000_000));
    assert!(
        res.as_ref().map_or(true, |r| super::executed(r) == 0),
        "{res:?}"
    );
    // `position: null` with no reason, and no `recent_flow`: no trade either.
    tamper_perp(&mut suite, |r| {
        let mut v: serde_json::Value = serde_json::from_str(r).unwrap();
        if v.get("terms").is_some() {
            v["position"] = serde_json::Value::Null;
            v.as_object_mut().unwrap().remove("unmarked");
            v.as_object_mut().unwrap().remove("recent_flow");
        }
        serde_json::to_string(&v).unwrap()
    });
    let res = suite.submit(order(Side::Long, 1_000_000_000));
    assert!(
        res.as_ref().map_or(true, |r| super::executed(r) == 0),
        "{res:?}"
    );
    // A repeated notional (smaller copy second) is refused, never read either way.
    tamper_perp(&mut suite, |r| {
        r.replacen(r#""notional":"#, r#""notional":"1","notional":"#, 1)
    });
    refused(
        suite.mark(),
        "duplicate field `notional`",
        "repeated notional",
    );
    refused(
        suite.query_vault_position(),
        "duplicate field `notional`",
        "the position query",
    );
    // Answered plainly again, the position is the one the order opened.
    tamper_perp(&mut suite, |r| r.to_string());
    let now = suite.query_vault_position().unwrap();
    assert_eq!((now.side, now.notional), (mark.side, mark.notional));
}

#[test]
fn a_malformed_skipped_field_gets_no_trade_through() {
    // The reader only delimits a skipped value, so `[1}` passes it where serde refuses the whole
    // answer. The perp market reads the oracle itself (through serde) to trade: the order reverts
    // and nothing is traded at a price from an answer no JSON reader takes.
    let mut suite = SuiteBuilder::new().build();
    tamper_oracle(&mut suite, |r| {
        r.replacen(r#""price_feed":{"#, r#""price_feed":{"metadata":[1},"#, 1)
    });
    fresh_day(&mut suite);
    assert!(serde_json::from_str::<serde_json::Value>(r#"{"metadata":[1}}"#).is_err());
    suite
        .submit(order(Side::Long, 1_000_000_000))
        .expect_err("the perp market refuses the answer");
    assert_eq!(suite.query_position().unwrap().side, None, "nothing traded");
}
