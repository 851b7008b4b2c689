//! The second review's attacks, on the version that prices share actions at the nav of the moment.
//! Each test runs an attack through the entry points and asserts that it does not pay; a failing
//! test shows what the attacker (or the perp pool) takes from the vault's holders.

use ballast_tests::suite::{DAY, NAV, SuiteBuilder, attr, order};
use ballast_types::Side;

use crate::{fair_nav, fair_value};

/// Rounding the share maths may keep, base units.
const ROUNDING: u128 = 2;

/// No breaker: a fall over a day leaves the market open.
fn no_breaker() -> SuiteBuilder {
    SuiteBuilder::new().params(|p| {
        p.guards.breaker_max_move = "5".parse().unwrap();
        p.guards.breaker_sigmas = "100".parse().unwrap();
    })
}

#[test]
fn a_keeper_rebalance_does_not_pay_the_deficit_of_a_position_under_water() {
    // The vault's long is under water: its loss exceeds its margin, so it is worth nothing to the
    // vault (the venue is isolated: closing or liquidating it returns 0, the pool absorbs the rest)
    // and nav floors it at 0. Anyone (here the perp pool's LP) calls `Rebalance`: within its band,
    // the keeper tops the margin up by the deficit plus the margin it wants, and the deficit goes to
    // the pool when the position is closed. The holders lose it.
    let mut suite = no_breaker().build();
    suite.submit(order(Side::Long, 500_000_000_000)).unwrap();
    suite.advance(DAY);
    let fallen = suite.price * 85 / 100;
    suite.publish(fallen).unwrap();
    let position = suite.query_position().unwrap();
    let deficit =
        position.unrealized_pnl.unsigned_abs().u128() as i128 - position.margin.u128() as i128;
    assert!(deficit > 0, "set-up: not under water {position:?}");
    let alice = suite.alice.clone();
    let before = fair_value(&suite, &alice);
    let res = suite.rebalance().unwrap();
    let after = fair_value(&suite, &alice);
    println!(
        "deficit {deficit}, margin_added {:?}, executed {:?}, alice {before} -> {after}",
        attr(&res, "margin_added"),
        attr(&res, "executed")
    );
    assert!(
        after + ROUNDING >= before,
        "a permissionless rebalance took {} from the holders (deficit {deficit})",
        before - after
    );
}

#[test]
fn a_price_push_inside_a_round_trip_pays_no_more_than_the_move_it_reveals() {
    // A pull oracle: anyone may push a newer signed price. The price on chain is 50 s old (fresh
    // enough for share actions, max_age 60 s); the attacker has seen the newer one, 1% higher. In one
    // block: deposit at the old price, push the new one, redeem. Share actions price at the price on
    // chain, so this is the one gain left to such a round trip (README, "Known limits"): the
    // depositor's share of the move between the price on chain and the one pushed, never more (a
    // stale mark, a payout or a position under water adds nothing to it).
    let mut suite = no_breaker().build();
    suite.submit(order(Side::Long, 500_000_000_000)).unwrap();
    suite.advance(600);
    let price = suite.price;
    suite.publish(price).unwrap();
    suite.mark().unwrap();
    suite.advance(50);
    let bob = suite.bob.clone();
    let start = suite.balance(&bob);
    suite.deposit(&bob, NAV).unwrap();
    let share = suite.query_shares(&bob).unwrap().u128() as f64
        / suite.query_state().unwrap().total_shares.u128() as f64;
    let equity_before = fair_nav(&suite);
    let risen = price * 101 / 100;
    suite.publish(risen).unwrap();
    let revealed = fair_nav(&suite) - equity_before;
    let shares = suite.query_shares(&bob).unwrap().u128();
    suite.redeem(&bob, shares).unwrap();
    let gain = suite.balance(&bob) as i128 - start as i128;
    let bound = (share * revealed as f64).ceil() as i128 + ROUNDING as i128;
    assert!(gain > 0, "set-up: the push revealed no gain ({gain})");
    assert!(
        gain <= bound,
        "the attacker gained {gain}, more than its share {bound} of the move"
    );
}

#[test]
fn a_crash_marked_step_by_step_trips_the_breaker_like_a_jump() {
    // The breaker measures a newer price's move over at least an hour, from the last price folded
    // in. Eight sigmas of the warm-up's volatility over an hour are about 3.3%, so a crash of -22%
    // in eight seconds passes when anyone marks each -3% step: every step is "3% in an hour". In one
    // jump the same fall halts the market for the cooldown.
    let mut suite = SuiteBuilder::new().build();
    let start = suite.price;
    let mut price = start;
    for _ in 0..8 {
        suite.advance(1);
        price = price * 97 / 100;
        suite.publish(price).unwrap();
        suite.mark().unwrap();
    }
    let fall = 100 - price * 100 / start;
    let market = suite.query_market().unwrap();
    println!(
        "fell {fall}% in 8 s; halted_until {:?}, vol {:?}",
        market.halted_until, market.forecast_vol
    );
    // Orders adding exposure must wait for the cooldown, as after one jump of the same size.
    let res = suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
    assert_eq!(
        attr(&res, "decision").as_deref(),
        Some("rejected"),
        "an order adding exposure traded {:?} after a {fall}% crash in 8 s",
        attr(&res, "executed")
    );
}

#[test]
fn a_partial_reduction_of_a_position_under_water_does_not_pay_its_holders() {
    // The perp market settles a reduction's loss against the whole margin, then pays out the reduced
    // share of what margin is left, even when the position's loss exceeds its margin: cutting a
    // position under water in slices pulls collateral out of it, and the pool takes that much more
    // bad debt when the rest is liquidated. The vault floors the position at 0, so every slice
    // raises its nav. An outsider deposits while the long is under water and the signal says cut
    // it, has the keeper's `Rebalance` cut it in part, and redeems: the gain is the perp LPs' money.
    let mut suite = no_breaker().build();
    suite.submit(order(Side::Long, 500_000_000_000)).unwrap();
    suite.advance(DAY);
    let crashed = suite.price * 85 / 100;
    suite.publish(crashed).unwrap();
    let position = suite.query_position().unwrap();
    assert!(
        position.unrealized_pnl.unsigned_abs().u128() > position.margin.u128(),
        "set-up: not under water {position:?}"
    );
    // The signal source wants a smaller long.
    suite.set_signal("0.9").unwrap();
    let bob = suite.bob.clone();
    let start = suite.balance(&bob);
    suite.deposit(&bob, NAV).unwrap();
    let res = suite.rebalance().unwrap();
    let after = suite.query_position().unwrap();
    let shares = suite.query_shares(&bob).unwrap().u128();
    suite.redeem(&bob, shares).unwrap();
    let gain = suite.balance(&bob) as i128 - start as i128;
    println!(
        "rebalance cut {:?} of {}; bob gained {gain}; position margin {} -> {}, pnl {} -> {}",
        attr(&res, "executed"),
        position.notional,
        position.margin,
        after.margin,
        position.unrealized_pnl,
        after.unrealized_pnl
    );
    assert!(after.side.is_some(), "set-up: the cut closed the position");
    assert!(gain <= ROUNDING as i128, "the attacker gained {gain}");
}
