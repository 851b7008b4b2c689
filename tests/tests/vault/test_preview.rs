//! PreviewOrder says what SubmitOrder then does, and changes nothing.

use ballast_tests::suite::{SuiteBuilder, order, reduce_only};
use ballast_types::Side;
use ballast_types::vault::{Decision, OrderRequest, Reason};

use crate::executed;
use ballast_tests::suite::attr;

fn agrees(request: OrderRequest, decision: Decision, reason: Reason) {
    let mut suite = SuiteBuilder::new().build();
    let preview = suite.query_preview(request.clone()).unwrap();
    assert_eq!((preview.decision, preview.reason), (decision, reason));
    let res = suite.submit(request).unwrap();
    assert_eq!(executed(&res), preview.executed.u128());
    assert_eq!(attr(&res, "decision").unwrap(), snake(&preview.decision));
    assert_eq!(attr(&res, "binding_cap").unwrap(), snake(&preview.reason));
}

/// An enum value as it is spelled in messages and attributes.
fn snake<T: serde::Serialize>(value: &T) -> String {
    cosmwasm_std::to_json_string(value)
        .unwrap()
        .trim_matches('"')
        .to_string()
}

#[test]
fn preview_of_an_accepted_order_agrees() {
    agrees(
        order(Side::Long, 100_000_000_000),
        Decision::Accepted,
        Reason::None,
    );
}

#[test]
fn preview_of_a_scaled_order_agrees() {
    agrees(
        order(Side::Long, 50_000_000_000_000),
        Decision::Scaled,
        Reason::VolTarget,
    );
}

#[test]
fn preview_of_a_rejected_order_agrees() {
    agrees(
        reduce_only(Side::Short, 100_000_000_000),
        Decision::Rejected,
        Reason::ReduceOnly,
    );
}

#[test]
fn preview_writes_nothing() {
    let mut suite = SuiteBuilder::new().build();
    suite.advance(30);
    let price = suite.price * 101 / 100;
    suite.publish(price).unwrap();
    let before = suite.query_market().unwrap();
    suite
        .query_preview(order(Side::Long, 100_000_000_000))
        .unwrap();
    assert_eq!(suite.query_market().unwrap(), before);
}

#[test]
fn preview_lists_every_cap() {
    let suite = SuiteBuilder::new().build();
    let preview = suite
        .query_preview(order(Side::Long, 100_000_000_000))
        .unwrap();
    let caps: Vec<Reason> = preview.caps.iter().map(|c| c.cap).collect();
    assert_eq!(
        caps,
        vec![
            Reason::VolTarget,
            Reason::GrossLeverage,
            Reason::MarketNotional,
            Reason::Concentration,
            Reason::Var,
            Reason::Liquidity,
            Reason::LiquidationDistance
        ]
    );
    assert!(preview.forecast_vol.is_some());
}
