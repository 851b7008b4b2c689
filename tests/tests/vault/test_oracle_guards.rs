//! Every oracle guard rejecting an order that adds exposure, with its reason on chain.

use ballast_tests::suite::{DAY, MARKET, SuiteBuilder, feed_and_market, order};
use ballast_types::Side;
use cosmwasm_std::Uint128;

use crate::{assert_decision, executed};

const SIZE: u128 = 100_000_000_000;

#[test]
fn a_stale_price_is_rejected() {
    let mut suite = SuiteBuilder::new().build();
    suite.advance(61);
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "rejected", "stale_price");
    assert_eq!(executed(&res), 0);
}

#[test]
fn a_future_publish_time_is_rejected() {
    // Our oracle refuses a price this far ahead; a foreign Pyth-style oracle might not.
    let mut suite = SuiteBuilder::new().raw_oracle().build();
    let future = i64::try_from(suite.now() + 60).unwrap();
    let price = suite.price;
    suite.publish_with(price, 1_000, future).unwrap();
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "rejected", "future_price");
}

#[test]
fn a_publish_time_within_the_skew_is_accepted() {
    let mut suite = SuiteBuilder::new().build();
    let soon = i64::try_from(suite.now() + 5).unwrap();
    let price = suite.price;
    suite.publish_with(price, 1_000, soon).unwrap();
    suite.advance(5);
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "accepted", "none");
}

#[test]
fn a_wide_confidence_interval_is_rejected() {
    let mut suite = SuiteBuilder::new().build();
    let price = suite.price;
    let now = i64::try_from(suite.now()).unwrap();
    // 2% of the price, over the 1% limit
    suite
        .publish_with(price, u64::try_from(price / 50).unwrap(), now)
        .unwrap();
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "rejected", "wide_confidence");
}

#[test]
fn a_non_positive_price_is_rejected() {
    // Our oracle refuses such prices; a foreign Pyth-style oracle might not.
    let mut suite = SuiteBuilder::new().raw_oracle().build();
    let now = i64::try_from(suite.now()).unwrap();
    suite.publish_with(0, 0, now).unwrap();
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "rejected", "non_positive_price");
}

#[test]
fn a_market_without_enough_returns_is_rejected() {
    let mut suite = SuiteBuilder::new().warm_up(3).build();
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "rejected", "not_enough_observations");
    suite.next_day(suite.price).unwrap();
    suite.next_day(suite.price).unwrap();
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "accepted", "none");
}

#[test]
fn a_stale_mark_of_another_market_is_rejected() {
    let mut suite = SuiteBuilder::new().build();
    let (feed, config) = feed_and_market("ETH-PERP", 0xe7);
    let owner = suite.owner.clone();
    suite.add_market(&owner, config).unwrap();
    // Warm ETH up and open a position there, so its mark matters.
    for _ in 0..6 {
        suite.advance(DAY);
        let now = i64::try_from(suite.now()).unwrap();
        suite
            .publish_feed(&feed, 300_000_000_000, 100_000_000, now)
            .unwrap();
        let price = suite.price;
        suite.publish(price).unwrap();
        suite.mark_market("ETH-PERP").unwrap();
        suite.mark().unwrap();
    }
    suite
        .submit(ballast_types::vault::OrderRequest {
            market: "ETH-PERP".into(),
            ..order(Side::Long, SIZE)
        })
        .unwrap();
    // An hour and a bit later BTC is fresh but ETH's mark is not.
    suite.advance(3_601);
    let price = suite.price;
    suite.publish(price).unwrap();
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "rejected", "stale_marks");
    // A keeper marks ETH and the order goes through.
    let now = i64::try_from(suite.now()).unwrap();
    suite
        .publish_feed(&feed, 300_000_000_000, 100_000_000, now)
        .unwrap();
    suite.mark_market("ETH-PERP").unwrap();
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "accepted", "none");
    assert_eq!(MARKET, "BTC-PERP");
    assert!(suite.query_position().unwrap().notional > Uint128::zero());
}

#[test]
fn reduce_only_tolerates_an_older_price_than_opens() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, SIZE)).unwrap();
    // Two minutes: past max_age (60 s) but within reduce_max_age (600 s).
    suite.advance(120);
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "rejected", "stale_price");
    let res = suite
        .submit(ballast_tests::suite::reduce_only(Side::Short, SIZE / 2))
        .unwrap();
    assert_decision(&res, "accepted", "none");
    // Past reduce_max_age even reduce-only waits for a fresh price.
    suite.advance(600);
    let res = suite
        .submit(ballast_tests::suite::reduce_only(Side::Short, SIZE / 4))
        .unwrap();
    assert_decision(&res, "rejected", "stale_price");
}

#[test]
fn a_rejected_order_moves_no_funds() {
    let mut suite = SuiteBuilder::new().build();
    suite.advance(61);
    let vault = suite.vault.clone();
    let before = suite.balance(&vault);
    suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_eq!(suite.balance(&vault), before);
    assert!(suite.query_position().unwrap().side.is_none());
}
