//! The JSON `json_struct!` and `json_enum!` accept, against what serde's derive accepted.

use cosmwasm_std::{Decimal, Uint128};
use serde::Serialize;

use crate::Side;
use crate::vault::{ExecuteMsg, GovernMsg, OrderRequest};
use crate::venue::Venue;

#[derive(Serialize, Debug, PartialEq, Default)]
struct Inner {
    amount: Uint128,
    note: Option<String>,
}

#[derive(Serialize, Debug, PartialEq)]
struct Outer {
    inner: Inner,
    items: Vec<Inner>,
    kept: u64,
    extra: Inner,
}

#[derive(Serialize, Debug, PartialEq)]
struct Reply {
    price: Decimal,
}

crate::json_struct!(Inner { amount, note });
crate::json_struct!(Outer { inner, items, kept, extra = default });
crate::json_struct!(Reply { price, .. });

fn parse<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, String> {
    serde_json::from_str(json).map_err(|e| e.to_string())
}

fn refused<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
    parse::<T>(json).expect_err(json)
}

#[test]
fn what_serde_writes_reads_back() {
    let outer = Outer {
        inner: Inner {
            amount: Uint128::new(7),
            note: Some("x".into()),
        },
        items: vec![
            Inner::default(),
            Inner {
                amount: Uint128::MAX,
                note: None,
            },
        ],
        kept: u64::MAX,
        extra: Inner {
            amount: Uint128::one(),
            note: None,
        },
    };
    let json = serde_json::to_string(&outer).unwrap();
    assert_eq!(parse::<Outer>(&json).unwrap(), outer);
}

#[test]
fn an_absent_option_is_none_and_an_absent_default_field_its_default() {
    let outer: Outer = parse(r#"{"inner":{"amount":"1"},"items":[],"kept":2}"#).unwrap();
    assert_eq!(outer.inner.note, None);
    assert_eq!(outer.extra, Inner::default());
}

#[test]
fn a_missing_field_is_named() {
    let e = refused::<Outer>(r#"{"inner":{"amount":"1"},"items":[]}"#);
    assert!(e.starts_with("missing field `kept`"), "{e}");
}

#[test]
fn an_unknown_field_is_named_with_the_expected_ones() {
    let e = refused::<Inner>(r#"{"amount":"1","amont":"2"}"#);
    assert!(
        e.starts_with("unknown field `amont`, expected `amount` or `note`"),
        "{e}"
    );
}

#[test]
fn a_reply_marked_lenient_ignores_other_fields() {
    let reply: Reply = parse(r#"{"price":"1.5","other":{"deep":[1,2]}}"#).unwrap();
    assert_eq!(reply.price, Decimal::percent(150));
}

#[test]
fn a_repeated_key_is_refused_at_every_depth() {
    for json in [
        r#"{"amount":"1","amount":"2"}"#,
        r#"{"amount":"1","note":"a","note":"b"}"#,
    ] {
        assert!(refused::<Inner>(json).contains("duplicate field"), "{json}");
    }
    let nested = r#"{"inner":{"amount":"1","amount":"2"},"items":[],"kept":1}"#;
    assert!(refused::<Outer>(nested).contains("duplicate field `amount`"));
    let in_list = r#"{"inner":{"amount":"1"},"items":[{"amount":"1","amount":"1"}],"kept":1}"#;
    assert!(refused::<Outer>(in_list).contains("duplicate field `amount`"));
    // A field a reply's reader skips is not read at all, as serde's derive skipped it.
    let ignored = r#"{"price":"1","other":{"a":1,"a":2}}"#;
    assert_eq!(parse::<Reply>(ignored).unwrap().price, Decimal::one());
    let read = r#"{"price":"1","price":"2"}"#;
    assert!(refused::<Reply>(read).contains("duplicate field `price`"));
}

#[test]
fn a_field_of_the_wrong_type_names_its_path() {
    let e = refused::<Outer>(r#"{"inner":{"amount":5},"items":[],"kept":1}"#);
    assert!(
        e.starts_with("inner: amount: invalid type: integer `5`"),
        "{e}"
    );
}

#[test]
fn a_number_with_a_fraction_is_refused() {
    let e = refused::<Outer>(r#"{"inner":{"amount":"1"},"items":[],"kept":1.5}"#);
    assert!(
        e.starts_with("kept: invalid type: floating point `1.5`, expected u64"),
        "{e}"
    );
    for kept in ["1.0", "1e3", "-0", "18446744073709551616"] {
        let json = format!(r#"{{"inner":{{"amount":"1"}},"items":[],"kept":{kept}}}"#);
        assert!(refused::<Outer>(&json).contains("floating point"), "{json}");
    }
    let e = refused::<Inner>(r#"{"amount":"1","extra":0.5}"#);
    assert!(e.starts_with("unknown field `extra`"), "{e}");
}

#[test]
fn a_reply_marked_lenient_ignores_a_fraction_or_a_big_integer_as_serde_did() {
    for other in [
        "0.25",
        "1e3",
        "-0",
        "18446744073709551616",
        r#"{"deep":[1.5,{"x":2e-3}]}"#,
    ] {
        let json = format!(r#"{{"price":"1.5","other":{other}}}"#);
        let reply: Reply = parse(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
        assert_eq!(reply.price, Decimal::percent(150));
    }
    // The field it reads still refuses a number where its type wants a string.
    let e = refused::<Reply>(r#"{"price":1.5}"#);
    assert!(e.starts_with("price: invalid type: floating point"), "{e}");
}

#[test]
fn anything_but_an_object_is_refused_as_the_struct() {
    for json in ["[\"1\", null]", "\"x\"", "null", "3"] {
        let e = refused::<Inner>(json);
        assert!(e.contains("expected struct Inner"), "{json}: {e}");
    }
}

#[test]
fn enum_variants_read_as_serde_writes_them() {
    let msgs = [
        ExecuteMsg::Deposit {
            amount: Uint128::new(5),
            recipient: None,
        },
        ExecuteMsg::Deposit {
            amount: Uint128::new(5),
            recipient: Some("carol".into()),
        },
        ExecuteMsg::Redeem {
            recipient: None,
            amount: Uint128::new(3),
        },
        ExecuteMsg::SubmitOrder(OrderRequest {
            market: "BTC".into(),
            side: Side::Short,
            size: Uint128::new(9),
            reduce_only: true,
            signal: None,
        }),
        ExecuteMsg::Govern(GovernMsg::SetPaused { paused: true }),
        ExecuteMsg::Govern(GovernMsg::SetRoles {
            manager: Some("m".into()),
            fee_recipient: None,
        }),
    ];
    for msg in msgs {
        let json = serde_json::to_string(&msg).unwrap();
        assert_eq!(parse::<ExecuteMsg>(&json).unwrap(), msg, "{json}");
    }
    assert_eq!(parse::<Venue>(r#""ballast""#).unwrap(), Venue::Ballast);
    assert_eq!(parse::<Side>(r#"{"long":null}"#).unwrap(), Side::Long);
}

#[test]
fn enum_shapes_serde_refused_are_refused() {
    let e = refused::<ExecuteMsg>(r#"{"withdraw":{}}"#);
    assert!(
        e.starts_with("unknown variant `withdraw`, expected one of `deposit`"),
        "{e}"
    );
    let e = refused::<ExecuteMsg>(r#"{"deposit":{"amount":"1"},"redeem":{"amount":"1"}}"#);
    assert!(e.contains("exactly one variant"), "{e}");
    let e = refused::<ExecuteMsg>(r#"{"redeem":{"amount":"1","to":"x"}}"#);
    assert!(e.starts_with("redeem: unknown field `to`"), "{e}");
    let e = refused::<ExecuteMsg>(r#""redeem""#);
    assert!(
        e.starts_with("redeem: invalid type: null, expected struct ExecuteMsg::Redeem"),
        "{e}"
    );
    let e = refused::<Side>(r#"{"long":{}}"#);
    assert!(e.contains("a unit variant takes no value"), "{e}");
    let e = refused::<ExecuteMsg>(r#"[]"#);
    assert!(e.contains("expected enum ExecuteMsg"), "{e}");
}
