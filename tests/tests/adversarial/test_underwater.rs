//! A jump that leaves the vault's position under water, its loss beyond its margin, while the venue
//! has not liquidated it yet: the keeper's next trade still goes through.

use ballast_tests::suite::{DAY, SuiteBuilder, attr, order};
use ballast_types::Side;

use crate::assert_decision;

#[test]
fn a_rebalance_that_flips_a_position_under_water_posts_its_deficit() {
    // Regression: the vault posted the new side's margin only, but the venue settles the old side's
    // loss beyond its margin against the collateral attached to the trade; the venue refused the trade
    // for insufficient margin and the rebalance failed.
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Short, 1_000_000_000_000)).unwrap();
    // +17% in a second: beyond the short's margin; the breaker halts the market for an hour.
    suite.advance(1);
    let jumped = suite.price * 117 / 100;
    suite.publish(jumped).unwrap();
    suite.mark().unwrap();
    let mark = suite.query_market().unwrap().mark;
    assert!(mark.unrealized_pnl.unsigned_abs() > mark.margin, "{mark:?}");
    suite.advance(3_600);
    suite.publish(jumped).unwrap();
    // A long signal: the keeper turns the short around (without one it would only cut it).
    suite.set_signal("1").unwrap();
    let res = suite.rebalance().unwrap();
    assert_decision(&res, "accepted", "none");
    assert_eq!(attr(&res, "side").as_deref(), Some("long"));
    assert_eq!(suite.query_position().unwrap().side, Some(Side::Long));
}

#[test]
fn an_order_adding_to_a_position_under_water_still_trades() {
    let mut suite = SuiteBuilder::new()
        .params(|p| {
            // No breaker: the fall must leave the market open.
            p.guards.breaker_max_move = "5".parse().unwrap();
            p.guards.breaker_sigmas = "100".parse().unwrap();
        })
        .build();
    suite.submit(order(Side::Long, 500_000_000_000)).unwrap();
    // -15% over a day, marked: beyond the long's margin, not yet liquidated.
    suite.advance(DAY);
    let fallen = suite.price * 85 / 100;
    suite.publish(fallen).unwrap();
    suite.mark().unwrap();
    let mark = suite.query_market().unwrap().mark;
    assert!(mark.unrealized_pnl.unsigned_abs() > mark.margin, "{mark:?}");
    let res = suite.submit(order(Side::Long, 10_000_000_000)).unwrap();
    assert_decision(&res, "accepted", "none");
}
