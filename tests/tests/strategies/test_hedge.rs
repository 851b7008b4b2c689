//! Delta-neutral mode: the manager registers a leg and a band in the strategies contract; anyone's
//! `Hedge` has it send the vault the orders that keep net delta inside the band, through the vault's
//! pipeline and caps like the manager's orders.

#![allow(clippy::float_arithmetic)]

use ballast_strategies::error::ContractError;
use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{DAY, Suite, SuiteBuilder, attr};
use ballast_types::Side;
use ballast_types::strategies::{self, HedgeLeg, OptionKind};
use ballast_types::vault::{Decision, ParamError, Reason};
use ballast_vault::error::ContractError as VaultError;
use cosmwasm_std::{Decimal, SignedDecimal, Uint128};
use cw_multi_test::AppResponse;

use crate::{assert_decision, executed};

/// Seconds in the 365-day year the vault annualises with.
const YEAR: f64 = 31_536_000.0;

fn signed(text: &str) -> SignedDecimal {
    text.parse().expect("signed decimal literal")
}

fn spot(size: &str) -> HedgeLeg {
    HedgeLeg::Spot { size: signed(size) }
}

/// A call struck at `strike`, `days` to expiry, 50% implied vol, `size` contracts.
fn call(suite: &Suite, strike: u64, days: u64, size: &str) -> HedgeLeg {
    HedgeLeg::Option {
        kind: OptionKind::Call,
        strike: Decimal::from_atomics(strike, 0).unwrap(),
        expiry: suite.now() + days * DAY,
        implied_vol: "0.5".parse().unwrap(),
        size: signed(size),
        rate: None,
    }
}

/// The oracle price in base units per unit of the underlying.
fn price(suite: &Suite) -> f64 {
    suite.price as f64 / 1e8
}

/// N(d1) in f64 at r = 0.
fn call_delta(spot: f64, strike: f64, years: f64, vol: f64) -> f64 {
    let d1 = ((spot / strike).ln() + vol * vol / 2.0 * years) / (vol * years.sqrt());
    0.5 * libm::erfc(-d1 / std::f64::consts::SQRT_2)
}

fn number(res: &AppResponse, key: &str) -> f64 {
    attr(res, key)
        .unwrap_or_else(|| panic!("{key} attribute"))
        .parse()
        .expect("a number")
}

fn manager_sets(suite: &mut Suite, leg: HedgeLeg, band: &str) {
    let manager = suite.manager.clone();
    suite.set_hedge(&manager, leg, band).unwrap();
}

#[test]
fn a_long_spot_leg_is_hedged_short_to_the_band_edge() {
    let mut suite = SuiteBuilder::new().build();
    manager_sets(&mut suite, spot("10000"), "1");
    let res = suite.hedge().unwrap();
    assert_eq!(attr(&res, "action").as_deref(), Some("hedge"));
    assert_eq!(attr(&res, "side").as_deref(), Some("short"));
    assert_eq!(attr(&res, "leg_delta").as_deref(), Some("10000"));
    assert_eq!(attr(&res, "perp_delta").as_deref(), Some("0"));
    assert_eq!(attr(&res, "net_delta").as_deref(), Some("10000"));
    assert_decision(&res, "accepted", "none");
    // To the nearest edge: net +1, so 9,999 units short at the oracle price.
    let expected = 9_999.0 * price(&suite);
    assert!((executed(&res) as f64 - expected).abs() <= 1.0, "{res:?}");
    let position = suite.query_position().unwrap();
    assert_eq!(position.side, Some(Side::Short));
    let net = suite.query_hedge().unwrap().net_delta;
    assert!(net > signed("0.9") && net <= signed("1"), "{net}");
}

#[test]
fn a_second_hedge_inside_the_band_does_nothing() {
    let mut suite = SuiteBuilder::new().build();
    manager_sets(&mut suite, spot("10000"), "1");
    suite.hedge().unwrap();
    let position = suite.query_position().unwrap();
    let res = suite.hedge().unwrap();
    assert_eq!(attr(&res, "action").as_deref(), Some("hedge"));
    assert_eq!(attr(&res, "executed").as_deref(), Some("0"));
    assert_eq!(attr(&res, "band").as_deref(), Some("1"));
    assert!(attr(&res, "decision").is_none());
    assert!(number(&res, "net_delta").abs() <= 1.0);
    assert_eq!(suite.query_position().unwrap(), position);
}

#[test]
fn a_hedge_below_the_minimum_order_is_not_sent() {
    let mut suite = SuiteBuilder::new().build();
    // 10 units at ~60,000 base units each: 600,000, below min_order (1,000,000).
    manager_sets(&mut suite, spot("10"), "0");
    let res = suite.hedge().unwrap();
    assert_eq!(attr(&res, "executed").as_deref(), Some("0"));
    assert_eq!(attr(&res, "binding_cap").as_deref(), Some("min_order"));
    assert!((number(&res, "requested") - 10.0 * price(&suite)).abs() <= 1.0);
    assert!(suite.query_position().unwrap().side.is_none());
    assert!(suite.query_hedge().unwrap().order.is_none());
}

#[test]
fn a_call_leg_is_hedged_by_size_times_n_of_d1() {
    let mut suite = SuiteBuilder::new().build();
    let spot_price = price(&suite);
    let strike = spot_price.round() as u64;
    let leg = call(&suite, strike, 30, "10000");
    manager_sets(&mut suite, leg, "0");
    let n_d1 = call_delta(spot_price, strike as f64, 30.0 * 86_400.0 / YEAR, 0.5);
    let res = suite.hedge().unwrap();
    assert!(
        (number(&res, "leg_delta") - 10_000.0 * n_d1).abs() < 1e-5,
        "{res:?}"
    );
    assert_eq!(attr(&res, "side").as_deref(), Some("short"));
    let expected = 10_000.0 * n_d1 * spot_price;
    assert!(
        (executed(&res) as f64 - expected).abs() <= 2.0,
        "{} vs {expected}",
        executed(&res)
    );
}

#[test]
fn a_written_put_is_hedged_short_by_its_delta() {
    let mut suite = SuiteBuilder::new().build();
    let spot_price = price(&suite);
    let strike = spot_price.round() as u64;
    let leg = HedgeLeg::Option {
        kind: OptionKind::Put,
        strike: Decimal::from_atomics(strike, 0).unwrap(),
        expiry: suite.now() + 30 * DAY,
        implied_vol: "0.5".parse().unwrap(),
        size: signed("-10000"),
        rate: Some(signed("0.05")),
    };
    manager_sets(&mut suite, leg, "0");
    // Short puts have positive delta: -10,000 * (N(d1) - 1).
    let years = 30.0 * 86_400.0 / YEAR;
    let d1 = ((spot_price / strike as f64).ln() + (0.05 + 0.125) * years) / (0.5 * years.sqrt());
    let put_delta = 0.5 * libm::erfc(-d1 / std::f64::consts::SQRT_2) - 1.0;
    let res = suite.hedge().unwrap();
    assert!(
        (number(&res, "leg_delta") + 10_000.0 * put_delta).abs() < 1e-5,
        "{res:?}"
    );
    assert_eq!(attr(&res, "side").as_deref(), Some("short"));
    let expected = -10_000.0 * put_delta * spot_price;
    assert!((executed(&res) as f64 - expected).abs() <= 2.0, "{res:?}");
}

#[test]
fn a_price_move_changes_the_delta_and_hedge_rebalances_to_the_band_edge() {
    let mut suite = SuiteBuilder::new().build();
    let strike = price(&suite).round() as u64;
    let leg = call(&suite, strike, 30, "10000");
    manager_sets(&mut suite, leg, "100");
    suite.hedge().unwrap();
    let before = suite.query_hedge().unwrap();
    assert!(before.order.is_none(), "{before:?}");
    // A day later the price is 2% higher: the call's delta rises and the hedge is short too little.
    let up = suite.price * 102 / 100;
    suite.next_day(up).unwrap();
    let moved = suite.query_hedge().unwrap();
    let n_d1 = call_delta(price(&suite), strike as f64, 29.0 * 86_400.0 / YEAR, 0.5);
    let leg_delta: f64 = moved.leg_delta.to_string().parse().unwrap();
    assert!((leg_delta - 10_000.0 * n_d1).abs() < 1e-5, "{moved:?}");
    assert!(moved.leg_delta > before.leg_delta);
    assert!(moved.net_delta > signed("100"), "{moved:?}");
    let request = moved.order.clone().expect("an order outside the band");
    assert_eq!(request.side, Side::Short);
    assert!(!request.reduce_only);
    let res = suite.hedge().unwrap();
    assert_eq!(Uint128::new(executed(&res)), moved.order_notional);
    assert_eq!(
        moved.preview.map(|p| p.executed),
        Some(moved.order_notional)
    );
    // Back at the upper edge, not at zero (the fill's price impact moves it by a hair).
    let net: f64 = suite
        .query_hedge()
        .unwrap()
        .net_delta
        .to_string()
        .parse()
        .unwrap();
    assert!((net - 100.0).abs() < 0.05, "{net}");
}

#[test]
fn an_over_hedge_is_bought_back_reduce_only() {
    let mut suite = SuiteBuilder::new().build();
    manager_sets(&mut suite, spot("10000"), "0");
    suite.hedge().unwrap();
    // The leg is halved: the perp short is now twice too large.
    manager_sets(&mut suite, spot("5000"), "10");
    let preview = suite.query_hedge().unwrap();
    let request = preview.order.expect("an order");
    assert_eq!((request.side, request.reduce_only), (Side::Long, true));
    let res = suite.hedge().unwrap();
    assert_eq!(attr(&res, "side").as_deref(), Some("long"));
    let net = suite.query_hedge().unwrap().net_delta;
    assert!(net >= signed("-10") && net < signed("-9.9"), "{net}");
}

#[test]
fn a_hedge_cut_by_a_cap_names_the_cap() {
    let mut suite = SuiteBuilder::new().build();
    // 100M units at ~60,000: about 6M USDC of notional, beyond the volatility target of a 1M vault.
    manager_sets(&mut suite, spot("100000000"), "0");
    let preview = suite.query_hedge().unwrap().preview.expect("a preview");
    assert_eq!(preview.decision, Decision::Scaled);
    let res = suite.hedge().unwrap();
    assert_decision(&res, "scaled", "vol_target");
    assert_eq!(Uint128::new(executed(&res)), preview.executed);
    assert!(executed(&res) < preview.requested.u128());
}

#[test]
fn a_stale_price_refuses_the_hedge_through_the_guard() {
    let mut suite = SuiteBuilder::new().build();
    manager_sets(&mut suite, spot("10000"), "0");
    suite.advance(120);
    let res = suite.hedge().unwrap();
    assert_decision(&res, "rejected", "stale_price");
    assert_eq!(executed(&res), 0);
    assert!(suite.query_position().unwrap().side.is_none());
    let preview = suite.query_hedge().unwrap().preview.expect("a preview");
    assert_eq!(preview.reason, Reason::StalePrice);
}

#[test]
fn an_expired_call_in_the_money_has_delta_one_per_contract() {
    let mut suite = SuiteBuilder::new().build();
    let strike = (price(&suite) * 0.8).round() as u64;
    let leg = call(&suite, strike, 1, "10000");
    manager_sets(&mut suite, leg, "0");
    let same = suite.price;
    suite.next_day(same).unwrap();
    suite.next_day(same).unwrap();
    let res = suite.hedge().unwrap();
    assert_eq!(attr(&res, "leg_delta").as_deref(), Some("10000"));
}

#[test]
fn only_the_manager_sets_a_hedge() {
    let mut suite = SuiteBuilder::new().build();
    let owner = suite.owner.clone();
    assert_err(
        suite.set_hedge(&owner, spot("1"), "0"),
        ContractError::Unauthorized { role: "manager" },
    );
}

#[test]
fn only_the_manager_clears_a_hedge() {
    let mut suite = SuiteBuilder::new().build();
    manager_sets(&mut suite, spot("1"), "0");
    let keeper = suite.keeper.clone();
    assert_err(
        suite.clear_hedge(&keeper),
        ContractError::Unauthorized { role: "manager" },
    );
}

#[test]
fn hedge_after_clear_hedge_is_refused() {
    let mut suite = SuiteBuilder::new().build();
    manager_sets(&mut suite, spot("10000"), "0");
    let manager = suite.manager.clone();
    let res = suite.clear_hedge(&manager).unwrap();
    assert_eq!(attr(&res, "action").as_deref(), Some("clear_hedge"));
    let no_hedge = || ContractError::NoHedge {
        market: "BTC-PERP".to_string(),
    };
    assert_err(suite.hedge(), no_hedge());
    assert_err(suite.clear_hedge(&manager), no_hedge());
}

/// `SetHedge` of `leg` by the manager fails with the parameter error naming `name`.
fn assert_refused(
    suite: &mut Suite,
    leg: HedgeLeg,
    name: &'static str,
    value: &str,
    rule: &'static str,
) {
    let manager = suite.manager.clone();
    assert_err(
        suite.set_hedge(&manager, leg, "0"),
        ContractError::Param(ParamError {
            name,
            value: value.to_string(),
            rule,
        }),
    );
}

/// A valid call with one field changed.
fn call_with(suite: &Suite, change: impl FnOnce(&mut HedgeLeg)) -> HedgeLeg {
    let mut leg = call(suite, 60_000, 30, "1");
    change(&mut leg);
    leg
}

#[test]
fn a_zero_strike_is_refused_by_name() {
    let mut suite = SuiteBuilder::new().build();
    let leg = call_with(&suite, |l| {
        if let HedgeLeg::Option { strike, .. } = l {
            *strike = Decimal::zero();
        }
    });
    assert_refused(&mut suite, leg, "strike", "0", "> 0");
}

#[test]
fn an_expiry_not_in_the_future_is_refused_by_name() {
    let mut suite = SuiteBuilder::new().build();
    let now = suite.now();
    let leg = call_with(&suite, |l| {
        if let HedgeLeg::Option { expiry, .. } = l {
            *expiry = now;
        }
    });
    assert_refused(
        &mut suite,
        leg,
        "expiry",
        &now.to_string(),
        "after the block time",
    );
}

#[test]
fn an_implied_vol_outside_zero_to_five_is_refused_by_name() {
    for vol in ["0", "5.5"] {
        let mut suite = SuiteBuilder::new().warm_up(0).build();
        let leg = call_with(&suite, |l| {
            if let HedgeLeg::Option { implied_vol, .. } = l {
                *implied_vol = vol.parse().unwrap();
            }
        });
        assert_refused(&mut suite, leg, "implied_vol", vol, "in (0, 5]");
    }
}

#[test]
fn a_rate_beyond_one_is_refused_by_name() {
    let mut suite = SuiteBuilder::new().warm_up(0).build();
    let leg = call_with(&suite, |l| {
        if let HedgeLeg::Option { rate, .. } = l {
            *rate = Some(signed("-1.5"));
        }
    });
    assert_refused(&mut suite, leg, "rate", "-1.5", "in [-1, 1]");
}

#[test]
fn a_zero_size_is_refused_by_name() {
    let mut suite = SuiteBuilder::new().warm_up(0).build();
    assert_refused(&mut suite, spot("0"), "size", "0", "not 0");
}

#[test]
fn a_hedge_on_an_unknown_market_is_refused() {
    let mut suite = SuiteBuilder::new().warm_up(0).build();
    let manager = suite.manager.clone();
    let msg = strategies::ExecuteMsg::SetHedge {
        market: "ETH-PERP".to_string(),
        leg: spot("1"),
        band: "0".parse().unwrap(),
    };
    assert_err(
        suite.strategies_exec(&manager, msg),
        ContractError::UnknownMarket {
            market: "ETH-PERP".to_string(),
        },
    );
}

#[test]
fn rebalance_cannot_undo_a_hedge() {
    // Alternating Rebalance (to the volatility target) and Hedge (back to delta-neutral) would make
    // anyone able to churn the vault's money into fees; a hedged market is the hedge's alone.
    let mut suite = SuiteBuilder::new().build();
    manager_sets(&mut suite, spot("10000"), "1");
    suite.hedge().unwrap();
    let hedged = suite.query_position().unwrap();
    let res = suite.rebalance();
    assert_err(
        res,
        VaultError::HedgedMarket {
            market: ballast_tests::suite::MARKET.to_string(),
        },
    );
    assert_eq!(suite.query_position().unwrap(), hedged);
}
