//! Prices an attacker (or a faulty publisher) serves: a flash crash inside one block, an old price
//! replayed, a price from the future, a price with a wide confidence interval. Orders that add
//! exposure never trade on them; a position can still be reduced where the price allows it.

use ballast_oracle::error::ContractError as OracleError;
use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{Suite, SuiteBuilder, order, reduce_only};
use ballast_types::Side;
use cosmwasm_std::Uint128;

use crate::assert_decision;

const SIZE: u128 = 100_000_000_000;

fn now(suite: &Suite) -> i64 {
    i64::try_from(suite.now()).expect("time fits")
}

/// The publish time of the last price the vault folded into its estimator.
fn last_observed(suite: &Suite) -> i64 {
    let time = suite
        .query_market()
        .unwrap()
        .last_price_time
        .expect("observed");
    i64::try_from(time).expect("time fits")
}

#[test]
fn a_flash_crash_inside_one_block_trips_the_breaker() {
    // Regression: a second price for the publish time the vault had already folded in skipped the
    // breaker, and an order traded on it at half the price.
    let mut suite = SuiteBuilder::new().build();
    let (normal, time) = (suite.price, last_observed(&suite));
    suite.publish_with(normal / 2, 1_000, time).unwrap();
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "rejected", "circuit_breaker");
    assert!(suite.query_position().unwrap().side.is_none());
    let halted_until = suite.query_market().unwrap().halted_until;
    assert_eq!(halted_until, Some(suite.now() + 3_600));
}

#[test]
fn a_flash_crash_and_recovery_inside_one_block_leave_the_market_halted() {
    let mut suite = SuiteBuilder::new().build();
    let normal = suite.price;
    suite.advance(5);
    let time = now(&suite);
    suite.publish_with(normal / 2, 1_000, time).unwrap();
    suite.mark().unwrap();
    // The recovery comes in the same block with the same publish time.
    suite.publish_with(normal, 1_000, time).unwrap();
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "rejected", "circuit_breaker");
    let halted_until = suite.query_market().unwrap().halted_until;
    assert_eq!(halted_until, Some(suite.now() + 3_600));
    assert!(suite.query_position().unwrap().side.is_none());
}

#[test]
fn the_same_price_again_for_the_same_publish_time_is_no_jump() {
    let mut suite = SuiteBuilder::new().build();
    let (normal, time) = (suite.price, last_observed(&suite));
    suite.publish_with(normal, 1_000, time).unwrap();
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "accepted", "none");
}

#[test]
fn our_oracle_refuses_a_replayed_older_price() {
    let mut suite = SuiteBuilder::new().build();
    let (old_price, old_time) = (suite.price, now(&suite));
    suite.advance(30);
    let newer = suite.price * 1_001 / 1_000;
    suite.publish(newer).unwrap();
    assert_err(
        suite.publish_with(old_price, 1_000, old_time),
        OracleError::OlderPrice {
            id: suite.feed.0.clone(),
            stored: now(&suite),
            received: old_time,
        },
    );
}

#[test]
fn a_replayed_older_price_from_a_foreign_oracle_halts_the_market() {
    // A foreign Pyth-style oracle that serves an older price: still within max_age, but older than
    // what the vault has seen. It is a move over no time: the breaker trips.
    let mut suite = SuiteBuilder::new().raw_oracle().build();
    let (old_price, old_time) = (suite.price, now(&suite));
    suite.advance(30);
    let newer = suite.price * 1_001 / 1_000;
    suite.publish(newer).unwrap();
    suite.mark().unwrap();
    suite.advance(10);
    suite.publish_with(old_price, 1_000, old_time).unwrap();
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "rejected", "circuit_breaker");
    assert!(suite.query_position().unwrap().side.is_none());
}

#[test]
fn a_replayed_price_older_than_max_age_is_stale() {
    let mut suite = SuiteBuilder::new().raw_oracle().build();
    let (old_price, old_time) = (suite.price, now(&suite));
    suite.advance(120);
    suite.publish_with(old_price, 1_000, old_time).unwrap();
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "rejected", "stale_price");
}

#[test]
fn our_oracle_refuses_a_future_dated_price_so_it_freezes_nothing() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, SIZE)).unwrap();
    let future = now(&suite) + 600;
    let price = suite.price;
    // Stored, it would have made every honest update "older" and frozen the feed for 600 s.
    assert_err(
        suite.publish_with(price, 1_000, future),
        OracleError::FuturePublishTime {
            id: suite.feed.0.clone(),
            publish_time: future,
            now: now(&suite),
            max_skew: 5,
        },
    );
    suite.publish_with(price, 1_000, now(&suite)).unwrap();
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "accepted", "none");
}

#[test]
fn a_future_dated_price_from_a_foreign_oracle_freezes_opens_until_time_catches_up() {
    let mut suite = SuiteBuilder::new().raw_oracle().build();
    suite.submit(order(Side::Long, SIZE)).unwrap();
    let held = suite.query_position().unwrap().notional;
    let future = now(&suite) + 600;
    let price = suite.price;
    suite.publish_with(price, 1_000, future).unwrap();
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "rejected", "future_price");
    // A price from the future is unusable for reductions too: nothing trades on it.
    let res = suite.submit(reduce_only(Side::Short, SIZE / 2)).unwrap();
    assert_decision(&res, "rejected", "future_price");
    suite.advance(600);
    assert_eq!(suite.query_position().unwrap().notional, held);
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "accepted", "none");
}

#[test]
fn a_wide_confidence_price_blocks_opens_but_not_reductions() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, SIZE)).unwrap();
    let price = suite.price;
    let time = now(&suite);
    // 5% of the price, five times the limit.
    let conf = u64::try_from(price / 20).unwrap();
    suite.publish_with(price, conf, time).unwrap();
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "rejected", "wide_confidence");
    let res = suite.submit(reduce_only(Side::Short, SIZE / 2)).unwrap();
    assert_decision(&res, "accepted", "none");
    let left = suite.query_position().unwrap().notional;
    assert!(left.u128().abs_diff(SIZE / 2) <= 1, "{left}");
}

#[test]
fn a_confidence_interval_at_the_limit_is_accepted() {
    let mut suite = SuiteBuilder::new().build();
    let price = suite.price;
    let time = now(&suite);
    // Exactly 1%: the limit is inclusive.
    suite
        .publish_with(price, u64::try_from(price / 100).unwrap(), time)
        .unwrap();
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "accepted", "none");
    assert!(suite.query_position().unwrap().notional > Uint128::zero());
}
