//! The jump circuit breaker halts a market and the cooldown lifts it.

use ballast_tests::suite::{SuiteBuilder, order, reduce_only};
use ballast_types::Side;

use crate::assert_decision;

const SIZE: u128 = 100_000_000_000;

#[test]
fn a_jump_halts_the_market_until_the_cooldown_ends() {
    let mut suite = SuiteBuilder::new().build();
    // -30% in one update: beyond the 0.25 absolute cap and eight day-sigmas.
    let crashed = suite.price * 7 / 10;
    suite.advance(60);
    suite.publish(crashed).unwrap();
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "rejected", "circuit_breaker");
    let halted_until = suite.query_market().unwrap().halted_until.expect("halted");
    assert_eq!(halted_until, suite.now() + 3_600);

    suite.advance(1_800);
    suite.publish(crashed).unwrap();
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "rejected", "market_halted");

    suite.advance(1_801);
    suite.publish(crashed).unwrap();
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "accepted", "none");
}

#[test]
fn a_flash_crash_and_recovery_both_trip() {
    let mut suite = SuiteBuilder::new().build();
    let normal = suite.price;
    suite.advance(10);
    suite.publish(normal / 2).unwrap();
    suite.mark().unwrap();
    suite.advance(10);
    suite.publish(normal).unwrap();
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "rejected", "circuit_breaker");
}

#[test]
fn an_ordinary_move_does_not_trip() {
    let mut suite = SuiteBuilder::new().build();
    let next = suite.price * 101 / 100;
    suite.advance(3_000);
    suite.publish(next).unwrap();
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "accepted", "none");
}

#[test]
fn reduce_only_passes_a_halted_market() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, SIZE)).unwrap();
    // -10% in a minute: over twenty sigmas of an hour (the shortest interval the breaker measures
    // over), but within the position's margin.
    let dropped = suite.price * 9 / 10;
    suite.advance(60);
    suite.publish(dropped).unwrap();
    suite.mark().unwrap();
    assert!(suite.query_market().unwrap().halted_until.is_some());
    let res = suite.submit(reduce_only(Side::Short, SIZE / 2)).unwrap();
    assert_decision(&res, "accepted", "none");
}

/// The keeper marks now, and again `seconds` later at `price`: is the market halted?
fn halted_after_a_tick(seconds: u64, price: i64) -> bool {
    let mut suite = SuiteBuilder::new().build();
    suite.advance(60);
    let normal = suite.price;
    suite.publish(normal).unwrap();
    suite.mark().unwrap();
    suite.advance(seconds);
    suite.publish(price).unwrap();
    suite.mark().unwrap();
    let halted_until = suite.query_market().unwrap().halted_until;
    halted_until.is_some_and(|until| until > suite.now())
}

#[test]
fn frequent_marks_do_not_make_a_small_tick_a_jump() {
    // Regression: the expected move shrank with sqrt(elapsed) without a floor, so a keeper marking
    // every few seconds turned +0.3% five seconds later into 8 "sigmas" and a one-hour halt.
    let price = SuiteBuilder::new().build().price;
    assert!(!halted_after_a_tick(5, price * 1_003 / 1_000));
    assert!(!halted_after_a_tick(5, price * 997 / 1_000));
}

#[test]
fn a_real_jump_seconds_after_a_mark_still_halts() {
    // -20% and +20% are both inside the 0.25 absolute cap: the sigma rule catches them.
    let price = SuiteBuilder::new().build().price;
    assert!(halted_after_a_tick(5, price * 8 / 10));
    assert!(halted_after_a_tick(5, price * 12 / 10));
}
