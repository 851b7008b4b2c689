//! Every cap binding in turn: each test tightens one cap below the volatility target and sends an
//! order larger than all of them; the order is scaled to exactly that cap's limit.

use ballast_tests::suite::{Suite, SuiteBuilder, order, with_signal};
use ballast_types::Side;
use ballast_types::vault::{OrderRequest, Reason};
use cosmwasm_std::{Decimal, Uint128};

use crate::{assert_decision, executed, limit_of};

const HUGE: u128 = 50_000_000_000_000;

/// Submits `request`, asserts it was scaled by `cap` to the cap's limit as previewed, returns it.
fn scaled_by(suite: &mut Suite, request: OrderRequest, cap: Reason, name: &str) -> u128 {
    let preview = suite.query_preview(request.clone()).unwrap();
    let limit = limit_of(&preview, cap).expect("cap is bounded").u128();
    let res = suite.submit(request).unwrap();
    assert_decision(&res, "scaled", name);
    assert_eq!(executed(&res), limit);
    limit
}

#[test]
fn vol_target_binds_by_default() {
    let mut suite = SuiteBuilder::new().build();
    let limit = scaled_by(
        &mut suite,
        order(Side::Long, HUGE),
        Reason::VolTarget,
        "vol_target",
    );
    // nav 1M * 0.4 / ~0.38 forecast: a little over 1M.
    assert!(
        (900_000_000_000..1_200_000_000_000).contains(&limit),
        "{limit}"
    );
}

#[test]
fn gross_leverage_binds() {
    let mut suite = SuiteBuilder::new()
        .params(|p| p.max_leverage = Decimal::percent(50))
        .build();
    let limit = scaled_by(
        &mut suite,
        order(Side::Long, HUGE),
        Reason::GrossLeverage,
        "gross_leverage",
    );
    assert_eq!(limit, 500_000_000_000);
}

#[test]
fn market_notional_binds() {
    let mut suite = SuiteBuilder::new()
        .market(|m| m.max_notional = Uint128::new(300_000_000_000))
        .build();
    let limit = scaled_by(
        &mut suite,
        order(Side::Long, HUGE),
        Reason::MarketNotional,
        "market_notional",
    );
    assert_eq!(limit, 300_000_000_000);
}

#[test]
fn concentration_binds() {
    let mut suite = SuiteBuilder::new()
        .params(|p| p.max_concentration = Decimal::percent(40))
        .build();
    let limit = scaled_by(
        &mut suite,
        order(Side::Long, HUGE),
        Reason::Concentration,
        "concentration",
    );
    // 0.4 * 1M; 0.4 passes through binary fixed point and the limit rounds down, by a unit at most.
    assert!(400_000_000_000 - limit <= 1, "{limit}");
}

#[test]
fn kelly_binds_with_a_small_edge() {
    let mut suite = SuiteBuilder::new()
        .params(|p| p.max_edge = Decimal::percent(10))
        .build();
    scaled_by(
        &mut suite,
        with_signal(Side::Long, HUGE, "0.5"),
        Reason::Kelly,
        "kelly",
    );
}

#[test]
fn signal_scales_the_target_down() {
    let mut suite = SuiteBuilder::new()
        .params(|p| p.max_edge = Decimal::percent(200))
        .build();
    let preview = suite.query_preview(order(Side::Long, HUGE)).unwrap();
    let target = limit_of(&preview, Reason::VolTarget).unwrap().u128();
    let limit = scaled_by(
        &mut suite,
        with_signal(Side::Long, HUGE, "0.2"),
        Reason::Signal,
        "signal",
    );
    assert!(limit.abs_diff(target / 5) <= 1, "{limit} vs {target} / 5");
}

#[test]
fn signal_against_the_side_rejects() {
    let mut suite = SuiteBuilder::new().build();
    let res = suite.submit(with_signal(Side::Short, HUGE, "0.5")).unwrap();
    assert_decision(&res, "rejected", "signal");
    assert_eq!(executed(&res), 0);
}

#[test]
fn var_binds() {
    let mut suite = SuiteBuilder::new()
        .params(|p| p.var_budget = Decimal::percent(2))
        .build();
    scaled_by(&mut suite, order(Side::Long, HUGE), Reason::Var, "var");
}

#[test]
fn liquidity_binds_in_a_thin_market() {
    let mut suite = SuiteBuilder::new()
        .venue(|v| v.depth = Uint128::new(10_000_000_000_000))
        .build();
    let limit = scaled_by(
        &mut suite,
        order(Side::Long, HUGE),
        Reason::Liquidity,
        "liquidity",
    );
    // 10M depth * 1% slippage, rounded down
    assert!(100_000_000_000 - limit <= 1, "{limit}");
}

#[test]
fn liquidation_distance_binds() {
    let mut suite = SuiteBuilder::new()
        .params(|p| {
            p.liq_sigmas = Decimal::from_ratio(20u8, 1u8);
            p.liq_horizon = 30 * 86_400;
        })
        .build();
    scaled_by(
        &mut suite,
        order(Side::Long, HUGE),
        Reason::LiquidationDistance,
        "liquidation_distance",
    );
}

#[test]
fn an_order_below_min_order_is_rejected() {
    let mut suite = SuiteBuilder::new().build();
    let res = suite.submit(order(Side::Long, 999_999)).unwrap();
    assert_decision(&res, "rejected", "min_order");
    assert_eq!(suite.query_position().unwrap().notional, Uint128::zero());
}

#[test]
fn an_order_within_every_cap_is_accepted_whole() {
    let mut suite = SuiteBuilder::new().build();
    let res = suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
    assert_decision(&res, "accepted", "none");
    assert_eq!(executed(&res), 100_000_000_000);
}

#[test]
fn splitting_an_order_does_not_beat_the_cap() {
    let mut suite = SuiteBuilder::new().build();
    let preview = suite.query_preview(order(Side::Long, HUGE)).unwrap();
    let target = limit_of(&preview, Reason::VolTarget).unwrap().u128();
    for _ in 0..4 {
        suite.submit(order(Side::Long, target / 3)).unwrap();
    }
    let notional = suite.query_position().unwrap().notional.u128();
    assert!(notional <= target + 1, "{notional} > {target}");
    let res = suite.submit(order(Side::Long, target / 3)).unwrap();
    assert_decision(&res, "rejected", "vol_target");
}
