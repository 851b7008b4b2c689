use cosmwasm_std::testing::MockQuerier;
use cosmwasm_std::{
    Binary, ContractResult, Empty, QuerierWrapper, QueryRequest, SystemError, SystemResult,
    WasmQuery, to_json_vec,
};
use proptest::prelude::*;

use super::*;

proptest! {
    #[test]
    fn base64_is_cosmwasm_std_s(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let mut ours = vec![];
        base64_encode(&bytes, &mut ours);
        let theirs = Binary::from(bytes.clone()).to_base64();
        prop_assert_eq!(String::from_utf8(ours).unwrap(), theirs.clone());
        prop_assert_eq!(base64_decode(theirs.as_bytes()), Some(bytes.clone()));
        // cosmwasm-std also reads it unpadded
        prop_assert_eq!(base64_decode(theirs.trim_end_matches('=').as_bytes()), Some(bytes));
    }

    #[test]
    fn base64_decode_refuses_what_cosmwasm_std_refuses(text in "[A-Za-z0-9+/=*-]{0,12}") {
        let theirs = Binary::from_base64(&text).ok().map(Vec::<u8>::from);
        // ours is stricter only in refusing padding in the middle, which cosmwasm-std refuses too
        prop_assert_eq!(base64_decode(text.as_bytes()), theirs);
    }

    #[test]
    fn integers_are_written_as_display_writes_them(n in any::<i64>(), u in any::<u64>()) {
        let mut out = vec![];
        push_i64(&mut out, n);
        prop_assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        let mut out = vec![];
        push_u64(&mut out, u);
        prop_assert_eq!(String::from_utf8(out).unwrap(), u.to_string());
    }

    #[test]
    fn json_strings_read_back(s in "\\PC*|[\"\\\\\u{0}-\u{1f}a]{0,8}") {
        let mut out = vec![];
        push_json_str(&mut out, &s);
        prop_assert_eq!(serde_json::from_slice::<String>(&out).unwrap(), s);
    }
}

#[test]
fn base64_padding_is_read_as_cosmwasm_std_reads_it() {
    let cases = [
        "", "=", "==", "A", "AQ", "AQ=", "AQ==", "AQ===", "AQE", "AQE=", "AQE==", "AQID", "AQID=",
        "AQID==", "A===", "AQ=A", "AR==", "AQF=",
    ];
    for text in cases {
        let theirs = Binary::from_base64(text).ok().map(Vec::<u8>::from);
        assert_eq!(base64_decode(text.as_bytes()), theirs, "{text:?}");
    }
}

#[test]
fn the_remark_is_written_as_its_message_serialises() {
    use ballast_types::pyth::PythPrice;
    use ballast_types::vault::ExecuteMsg;
    use cosmwasm_std::{Int64, Uint64};
    let price = PythPrice {
        price: Int64::new(-6_500_000_000_000),
        conf: Uint64::new(u64::MAX),
        expo: -8,
        publish_time: 1_700_000_000,
    };
    let msg = ExecuteMsg::RemarkAfterTrade {
        market: "BTC-\"PERP\"".to_string(),
        price: Some(price),
    };
    assert_eq!(
        remark_after_trade("BTC-\"PERP\"", &price),
        to_json_vec(&msg).unwrap()
    );
}

#[test]
fn request_is_the_query_request_json() {
    let msg = br#"{"price_feed":{"id":"ab"}}"#;
    let theirs = to_json_vec(&QueryRequest::<Empty>::Wasm(WasmQuery::Smart {
        contract_addr: "cosmwasm1oracle".to_string(),
        msg: Binary::from(msg.to_vec()),
    }))
    .unwrap();
    assert_eq!(smart_request("cosmwasm1oracle", msg), theirs);
}

#[test]
fn ok_answer_reads_the_envelope_and_nothing_else() {
    let value = br#"{"price":"1"}"#.to_vec();
    let ok = to_json_vec(&SystemResult::Ok(ContractResult::Ok(Binary::from(
        value.clone(),
    ))))
    .unwrap();
    assert_eq!(ok_answer(&ok), Some(value));
    let contract_err: SystemResult<ContractResult<Binary>> =
        SystemResult::Ok(ContractResult::Err("no such feed".to_string()));
    assert_eq!(ok_answer(&to_json_vec(&contract_err).unwrap()), None);
    let system_err: SystemResult<ContractResult<Binary>> =
        SystemResult::Err(SystemError::NoSuchContract {
            addr: "x".to_string(),
        });
    assert_eq!(ok_answer(&to_json_vec(&system_err).unwrap()), None);
    assert_eq!(ok_answer(br#"{"ok":{"ok":"*"}}"#), None);
}

#[test]
fn query_reads_answers_and_names_errors_as_cosmwasm_std_does() {
    let mut querier = MockQuerier::<Empty>::new(&[]);
    querier.update_wasm(|q| match q {
        WasmQuery::Smart { contract_addr, msg } if contract_addr == "oracle" => {
            assert_eq!(msg.as_slice(), br#"{"q":1}"#);
            SystemResult::Ok(ContractResult::Ok(Binary::from(
                br#"{"price":"7"}"#.to_vec(),
            )))
        }
        WasmQuery::Smart { contract_addr, .. } if contract_addr == "perp" => {
            SystemResult::Ok(ContractResult::Err("unknown market".to_string()))
        }
        _ => SystemResult::Err(SystemError::NoSuchContract {
            addr: "elsewhere".to_string(),
        }),
    });
    let wrapper = QuerierWrapper::<Empty>::new(&querier);
    let answer: serde_json::Value =
        serde_json::from_slice(&smart_query(&wrapper, "oracle", br#"{"q":1}"#).unwrap()).unwrap();
    assert_eq!(answer, serde_json::json!({"price": "7"}));
    let theirs = wrapper
        .query_wasm_smart::<serde_json::Value>("perp", &serde_json::json!({"q": 1}))
        .unwrap_err()
        .to_string();
    let ours = smart_query(&wrapper, "perp", br#"{"q":1}"#)
        .unwrap_err()
        .to_string();
    assert_eq!(ours, theirs);
    assert!(
        ours.contains("Querier contract error: unknown market"),
        "{ours}"
    );
    let ours = smart_query(&wrapper, "gone", b"{}")
        .unwrap_err()
        .to_string();
    assert!(ours.contains("Querier system error"), "{ours}");
}

mod answers {
    use cosmwasm_std::{Decimal, Int64, Int128, Uint64, Uint128, from_json, to_json_vec};
    use proptest::prelude::*;

    use ballast_types::Side;
    use ballast_types::perp::{PositionSummary, PositionTermsResponse, RecentFlow, TradingTerms};
    use ballast_types::pyth::{PriceFeed, PriceFeedResponse, PriceIdentifier, PythPrice};

    use crate::wire::answers::{oracle_price, position_terms};

    fn pyth_price() -> impl Strategy<Value = PythPrice> {
        (any::<i64>(), any::<u64>(), any::<i32>(), any::<i64>()).prop_map(|(p, c, e, t)| {
            PythPrice {
                price: Int64::new(p),
                conf: Uint64::new(c),
                expo: e,
                publish_time: t,
            }
        })
    }

    fn decimal() -> impl Strategy<Value = Decimal> {
        any::<u128>().prop_map(|n| Decimal::new(Uint128::new(n)))
    }

    fn answer() -> impl Strategy<Value = PositionTermsResponse> {
        let position = (
            prop::option::of(prop_oneof![Just(Side::Long), Just(Side::Short)]),
            any::<u128>(),
            any::<u128>(),
            any::<i128>(),
            any::<u128>(),
        )
            .prop_map(|(side, n, m, p, paid)| PositionSummary {
                side,
                notional: Uint128::new(n),
                margin: Uint128::new(m),
                unrealized_pnl: Int128::new(p),
                paid_out: Uint128::new(paid),
            });
        let terms = (any::<u128>(), decimal(), decimal(), decimal(), decimal()).prop_map(
            |(depth, impact_exponent, taker_fee, initial_margin, maintenance_margin)| {
                TradingTerms {
                    depth: Uint128::new(depth),
                    impact_exponent,
                    taker_fee,
                    initial_margin,
                    maintenance_margin,
                }
            },
        );
        (
            prop::option::of(position),
            prop::option::of("\\PC*|[\"\\\\{}\\[\\]]{0,6}"),
            terms,
            any::<(u128, u128)>(),
        )
            .prop_map(
                |(position, unmarked, terms, (long, short))| PositionTermsResponse {
                    position,
                    unmarked,
                    terms,
                    recent_flow: RecentFlow {
                        long: Uint128::new(long),
                        short: Uint128::new(short),
                    },
                },
            )
    }

    proptest! {
        #[test]
        fn oracle_price_reads_what_the_shared_decoder_reads(price in pyth_price(), ema in pyth_price()) {
            let feed = PriceFeedResponse {
                price_feed: PriceFeed { id: PriceIdentifier("ab".repeat(32)), price, ema_price: ema },
            };
            let text = to_json_vec(&feed).unwrap();
            prop_assert_eq!(oracle_price(&text).unwrap(), price);
            prop_assert_eq!(from_json::<PriceFeedResponse>(&text).unwrap().price_feed.price, price);
            let pretty = serde_json::to_vec_pretty(&feed).unwrap();
            prop_assert_eq!(oracle_price(&pretty).unwrap(), price);
        }

        #[test]
        fn position_terms_reads_what_the_shared_decoder_reads(answer in answer()) {
            let text = to_json_vec(&answer).unwrap();
            prop_assert_eq!(&position_terms(&text).unwrap(), &answer);
            prop_assert_eq!(&from_json::<PositionTermsResponse>(&text).unwrap(), &answer);
            let pretty = serde_json::to_vec_pretty(&answer).unwrap();
            prop_assert_eq!(&position_terms(&pretty).unwrap(), &answer);
        }
    }

    const PRICE: &str = r#"{"price":"5","conf":"1","expo":-8,"publish_time":9}"#;

    fn oracle_error(text: &str) -> String {
        oracle_price(text.as_bytes()).unwrap_err().to_string()
    }

    #[test]
    fn unread_fields_are_skipped_whatever_they_hold() {
        let text = format!(
            r#"{{"extra":[{{"a":"}}\"]"}},null,-1.5e3,true],"price_feed":{{"id":"x\\\"{{","price":{PRICE},"ema_price":{{"nested":[[]]}}}}}}"#
        );
        assert_eq!(oracle_price(text.as_bytes()).unwrap().price, Int64::new(5));
        let flow_absent = r#"{"position":null,"unmarked":null,"terms":{"depth":"1","impact_exponent":"1","taker_fee":"0","initial_margin":"0.1","maintenance_margin":"0.05"}}"#;
        let read = position_terms(flow_absent.as_bytes()).unwrap();
        assert_eq!(read.recent_flow, RecentFlow::default());
        assert_eq!(read.position, None);
    }

    #[test]
    fn bad_answers_are_refused_with_what_is_wrong() {
        let missing =
            oracle_error(r#"{"price_feed":{"price":{"price":"5","conf":"1","expo":-8}}}"#);
        assert!(
            missing
                .contains("the oracle's answer: price_feed: price: missing field `publish_time`"),
            "{missing}"
        );
        let twice = oracle_error(&format!(
            r#"{{"price_feed":{{"price":{PRICE},"price":{PRICE}}}}}"#
        ));
        assert!(twice.contains("duplicate field `price`"), "{twice}");
        let absent = oracle_error(r#"{"price_feed":{}}"#);
        assert!(
            absent.contains("the oracle's answer: price_feed: missing field `price`"),
            "{absent}"
        );
        let trailing = oracle_error(&format!(r#"{{"price_feed":{{"price":{PRICE}}}}} x"#));
        assert!(trailing.contains("trailing characters"), "{trailing}");
        let not_number = oracle_error(
            r#"{"price_feed":{"price":{"price":"5x","conf":"1","expo":-8,"publish_time":9}}}"#,
        );
        assert!(
            not_number.contains("price: price: invalid JSON at byte 36: `5x` is not a number"),
            "{not_number}"
        );
        for cut in [
            r#"{"price_feed":{"id":"ab"#,
            r#"{"price_feed":{"x":[{"#,
            r#"{"price_feed""#,
            "",
        ] {
            assert!(oracle_price(cut.as_bytes()).is_err(), "{cut}");
        }
        let side = position_terms(
            br#"{"position":{"side":"up","notional":"1","margin":"1","unrealized_pnl":"0"}}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(
            side.contains("the perp market's answer") && side.contains("`long` or `short`"),
            "{side}"
        );
    }
}

#[test]
fn balance_reads_the_bank_answer() {
    use cosmwasm_std::{BalanceResponse, Coin, Uint128, Uint256};
    let answer = to_json_vec(&BalanceResponse::new(Coin::new(
        Uint256::from(77u128),
        "inj",
    )))
    .unwrap();
    assert_eq!(
        crate::wire::answers::balance(&answer).unwrap(),
        Uint128::new(77)
    );
    // beyond 128 bits: refused, as converting it was
    let huge = to_json_vec(&BalanceResponse::new(Coin::new(Uint256::MAX, "inj"))).unwrap();
    assert!(crate::wire::answers::balance(&huge).is_err());
    let err = crate::wire::answers::balance(br#"{"amount":{"denom":"inj"}}"#)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("the bank's answer: amount: missing field `amount`"),
        "{err}"
    );
}
