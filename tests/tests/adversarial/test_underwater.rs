//! A jump that leaves the vault's position under water, its loss beyond its margin, while the venue
//! has not liquidated it yet. Nav counts the position at zero (isolated margin: the liquidation takes
//! the margin and no more), so no trade may pay the deficit from idle: every order on that market is
//! rejected with `under_water` until the venue liquidates, and then trading resumes.

use ballast_tests::suite::{DAY, Suite, SuiteBuilder, attr, order, reduce_only};
use ballast_types::Side;

use crate::assert_decision;

/// A suite whose breaker lets a large move pass, with a short of 1M whose loss after +17% in a day
/// exceeds its margin.
fn short_under_water() -> Suite {
    let mut suite = SuiteBuilder::new()
        .params(|p| {
            p.guards.breaker_max_move = "5".parse().unwrap();
            p.guards.breaker_sigmas = "100".parse().unwrap();
        })
        .build();
    suite.submit(order(Side::Short, 1_000_000_000_000)).unwrap();
    suite.advance(DAY);
    let jumped = suite.price * 117 / 100;
    suite.publish(jumped).unwrap();
    suite.mark().unwrap();
    let mark = suite.query_market().unwrap().mark;
    assert!(mark.unrealized_pnl.unsigned_abs() > mark.margin, "{mark:?}");
    suite
}

#[test]
fn a_keeper_cannot_make_the_vault_pay_an_under_water_positions_deficit() {
    // Review round 2: a keeper's Rebalance closed (or flipped) the position and the venue settled the
    // loss beyond the margin against the collateral the vault attached, from the holders' idle.
    let mut suite = short_under_water();
    suite.set_signal("1").unwrap();
    let idle = suite.query_state().unwrap().idle;
    let res = suite.rebalance().unwrap();
    assert_decision(&res, "rejected", "under_water");
    assert_eq!(suite.query_state().unwrap().idle, idle);
    assert_eq!(suite.query_position().unwrap().side, Some(Side::Short));
    let res = suite
        .submit(reduce_only(Side::Long, 1_000_000_000_000))
        .unwrap();
    assert_decision(&res, "rejected", "under_water");
    assert_eq!(suite.query_state().unwrap().idle, idle);
}

#[test]
fn an_order_on_a_position_under_water_waits_for_the_liquidation() {
    let mut suite = short_under_water();
    let idle = suite.query_state().unwrap().idle;
    let res = suite.submit(order(Side::Short, 10_000_000_000)).unwrap();
    assert_decision(&res, "rejected", "under_water");
    assert_eq!(attr(&res, "executed").as_deref(), Some("0"));
    assert_eq!(suite.query_state().unwrap().idle, idle);
    // The venue liquidates: the vault loses its margin, no more, and trades again.
    suite.liquidate_vault().unwrap();
    suite.advance(3_600);
    let price = suite.price;
    suite.publish(price).unwrap();
    let res = suite.submit(order(Side::Long, 10_000_000_000)).unwrap();
    assert_decision(&res, "accepted", "none");
    assert_eq!(suite.query_position().unwrap().side, Some(Side::Long));
}
