//! Reduce-only orders pass whatever the caps, the pause or a halt say.

use ballast_perp::pricing::FLOW_WINDOW;
use ballast_tests::suite::{Suite, SuiteBuilder, order, reduce_only};
use ballast_types::Side;
use cosmwasm_std::Uint128;

use crate::{assert_decision, executed};

const SIZE: u128 = 400_000_000_000;

/// Ten days of ±12% moves: the forecast rises to about 1.5 and the vol target falls under SIZE.
pub fn spike_volatility(suite: &mut Suite) {
    for day in 0..10 {
        let price = if day % 2 == 0 {
            suite.price * 112 / 100
        } else {
            suite.price * 100 / 112
        };
        suite.next_day(price).unwrap();
    }
}

#[test]
fn reduce_only_is_accepted_while_paused() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, SIZE)).unwrap();
    let guardian = suite.guardian.clone();
    suite.pause(&guardian).unwrap();
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "rejected", "paused");
    let res = suite.submit(reduce_only(Side::Short, SIZE / 2)).unwrap();
    assert_decision(&res, "accepted", "none");
    assert_eq!(
        suite.query_position().unwrap().notional.u128(),
        SIZE - SIZE / 2
    );
}

#[test]
fn reduce_only_is_accepted_over_caps() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, SIZE)).unwrap();
    spike_volatility(&mut suite);
    let res = suite.submit(order(Side::Long, 10_000_000_000)).unwrap();
    assert_decision(&res, "rejected", "vol_target");
    let res = suite
        .submit(reduce_only(Side::Short, 10_000_000_000))
        .unwrap();
    assert_decision(&res, "accepted", "none");
}

#[test]
fn reduce_only_is_not_held_to_the_liquidity_cap() {
    // 10M depth: 100k per order at 1% slippage.
    let mut suite = SuiteBuilder::new()
        .venue(|v| v.depth = Uint128::new(10_000_000_000_000))
        .build();
    for _ in 0..3 {
        suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
        // The venue prices impact on its recent flow, and the vault caps each order by what that
        // flow leaves of the slippage allowance: in one block only the first slice would fill.
        suite.advance(FLOW_WINDOW);
        suite.publish(suite.price).unwrap();
    }
    // Three orders of 100k (each a unit under, from rounding) make an open position over 200k.
    let open = suite.query_position().unwrap().notional.u128();
    assert!(open > 200_000_000_000, "{open}");
    let res = suite.submit(reduce_only(Side::Short, open)).unwrap();
    assert_decision(&res, "accepted", "none");
    assert_eq!(executed(&res), open);
    assert!(suite.query_position().unwrap().side.is_none());
}

#[test]
fn reduce_only_larger_than_the_position_is_cut_to_it() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, SIZE)).unwrap();
    let open = suite.query_position().unwrap().notional.u128();
    let res = suite.submit(reduce_only(Side::Short, 2 * SIZE)).unwrap();
    assert_decision(&res, "scaled", "reduce_only");
    assert_eq!(executed(&res), open);
    assert!(suite.query_position().unwrap().side.is_none());
}

#[test]
fn reduce_only_without_an_opposing_position_is_rejected() {
    let mut suite = SuiteBuilder::new().build();
    let res = suite.submit(reduce_only(Side::Short, SIZE)).unwrap();
    assert_decision(&res, "rejected", "reduce_only");
    suite.submit(order(Side::Long, SIZE)).unwrap();
    let res = suite.submit(reduce_only(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "rejected", "reduce_only");
}
