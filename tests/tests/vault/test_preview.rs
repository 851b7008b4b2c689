//! PreviewOrder says what SubmitOrder then does; an order the pipeline rejects (a successful
//! transaction with decision `rejected`) moves nothing.

use ballast_tests::suite::{MARKET, Suite, SuiteBuilder, order, reduce_only};
use ballast_types::Side;
use ballast_types::vault::{Decision, OrderRequest, Reason};

use crate::{assert_decision, executed};
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

/// Marks the first market in this block (so the order finds nothing to re-mark), submits `request`
/// and asserts that it was rejected for `reason` and moved no balance, share, position, mark or nav.
fn assert_rejection_moves_nothing(suite: &mut Suite, request: OrderRequest, reason: &str) {
    suite.mark().unwrap();
    let markets = [MARKET.to_string()];
    let people = [
        suite.manager.clone(),
        suite.alice.clone(),
        suite.keeper.clone(),
    ];
    let before = suite.holdings(&markets, &people);
    let res = suite.submit(request).unwrap();
    assert_decision(&res, "rejected", reason);
    let moved = before.moved(&suite.holdings(&markets, &people));
    assert!(moved.is_empty(), "a rejected order moved {moved:?}");
}

#[test]
fn a_reduce_only_order_without_a_position_is_rejected_and_moves_nothing() {
    let mut suite = SuiteBuilder::new().build();
    let request = reduce_only(Side::Short, 100_000_000_000);
    assert_rejection_moves_nothing(&mut suite, request, "reduce_only");
}

#[test]
fn an_order_below_the_minimum_is_rejected_and_moves_nothing() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
    assert_rejection_moves_nothing(&mut suite, order(Side::Long, 999_999), "min_order");
}

#[test]
fn an_order_while_paused_is_rejected_and_moves_nothing() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
    let guardian = suite.guardian.clone();
    suite.pause(&guardian).unwrap();
    let request = order(Side::Long, 100_000_000_000);
    assert_rejection_moves_nothing(&mut suite, request, "paused");
}

#[test]
fn an_order_on_a_stale_price_is_rejected_and_moves_nothing() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
    // Past the vault's 60 s for opens, well within the venue's hour.
    suite.advance(120);
    let request = order(Side::Long, 100_000_000_000);
    assert_rejection_moves_nothing(&mut suite, request, "stale_price");
}

#[test]
fn an_order_on_a_wide_confidence_interval_is_rejected_and_moves_nothing() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
    suite.advance(10);
    let (price, now) = (suite.price, i64::try_from(suite.now()).unwrap());
    // A 5% interval, over the 1% the vault accepts.
    suite
        .publish_with(price, u64::try_from(price / 20).unwrap(), now)
        .unwrap();
    let request = order(Side::Long, 100_000_000_000);
    assert_rejection_moves_nothing(&mut suite, request, "wide_confidence");
}

#[test]
fn an_order_after_a_jump_halted_the_market_is_rejected_and_moves_nothing() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
    suite.advance(10);
    let price = suite.price * 130 / 100;
    suite.publish(price).unwrap();
    // The helper's Mark sees the jump and halts the market.
    let request = order(Side::Long, 100_000_000_000);
    assert_rejection_moves_nothing(&mut suite, request, "market_halted");
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
