//! Tests of every cap: where it binds, where it does not, and the edge values (zero nav or depth,
//! zero or negative edge, zero or huge vol, the largest `Uint128` amounts). Limits round down, and the
//! inputs are ratios exact in binary (0.5, 0.25) wherever the floor must be unambiguous.

use super::*;

const MAX: u128 = u128::MAX;
const NAV: Collateral = Collateral(1_000_000);
const ZERO: Fixed = Fixed::ZERO;
const EIGHTH: Fixed = Fixed::lit("0.125");
const QUARTER: Fixed = Fixed::lit("0.25");
const HALF: Fixed = Fixed::lit("0.5");
const ONE: Fixed = Fixed::ONE;
const TWO: Fixed = Fixed::lit("2");

#[path = "caps_risk_tests.rs"]
mod risk;

fn fx(decimal: &str) -> Fixed {
    Fixed::lit(decimal)
}

fn bound(kind: CapKind, limit: u128) -> SizingResult<Cap> {
    Ok(Cap {
        kind,
        limit: Some(Notional(limit)),
    })
}

fn unbounded(kind: CapKind) -> SizingResult<Cap> {
    Ok(Cap { kind, limit: None })
}

fn invalid<T>(name: &'static str, value: &str, rule: &'static str) -> SizingResult<T> {
    Err(SizingError::InvalidParameter {
        name,
        value: value.to_string(),
        rule,
    })
}

fn overflowed<T>(op: &'static str) -> SizingResult<T> {
    Err(SizingError::Overflow { op })
}

// vol_target

#[test]
fn vol_target_is_nav_times_weight_times_target_over_forecast() {
    // 1_000_000 * 1 * 0.25 / 0.5 = 500_000
    let cap = vol_target(NAV, ONE, QUARTER, HALF);
    assert_eq!(cap, bound(CapKind::VolTarget, 500_000));
}

#[test]
fn vol_target_halves_when_forecast_doubles() {
    // 1_000_000 * 1 * 0.25 / 1 = 250_000
    let cap = vol_target(NAV, ONE, QUARTER, ONE);
    assert_eq!(cap, bound(CapKind::VolTarget, 250_000));
}

#[test]
fn vol_target_scales_with_weight() {
    // 1_000_000 * 0.5 * 0.25 / 0.5 = 250_000
    let cap = vol_target(NAV, HALF, QUARTER, HALF);
    assert_eq!(cap, bound(CapKind::VolTarget, 250_000));
}

#[test]
fn vol_target_rounds_down() {
    // 10 * 1 * 1 / 3 = 3.33.. -> 3
    let cap = vol_target(Collateral(10), ONE, ONE, fx("3"));
    assert_eq!(cap, bound(CapKind::VolTarget, 3));
}

#[test]
fn vol_target_with_zero_forecast_gives_no_bound() {
    let cap = vol_target(NAV, ONE, QUARTER, ZERO);
    assert_eq!(cap, unbounded(CapKind::VolTarget));
}

#[test]
fn vol_target_with_huge_forecast_allows_nothing() {
    // 1_000_000 * 0.25 / 6e23 < 1
    let cap = vol_target(NAV, ONE, QUARTER, Fixed::MAX);
    assert_eq!(cap, bound(CapKind::VolTarget, 0));
}

#[test]
fn vol_target_with_smallest_forecast_gives_no_bound_not_overflow() {
    // 1e30 * 0.25 / 2^-48 is about 7e43, beyond u128
    let cap = vol_target(Collateral(10u128.pow(30)), ONE, QUARTER, Fixed::DELTA);
    assert_eq!(cap, unbounded(CapKind::VolTarget));
}

#[test]
fn vol_target_with_zero_nav_allows_nothing() {
    let cap = vol_target(Collateral(0), ONE, QUARTER, HALF);
    assert_eq!(cap, bound(CapKind::VolTarget, 0));
}

#[test]
fn vol_target_with_zero_target_allows_nothing() {
    let cap = vol_target(NAV, ONE, ZERO, HALF);
    assert_eq!(cap, bound(CapKind::VolTarget, 0));
}

#[test]
fn vol_target_keeps_largest_nav_when_target_equals_forecast() {
    let cap = vol_target(Collateral(MAX), ONE, HALF, HALF);
    assert_eq!(cap, bound(CapKind::VolTarget, MAX));
}

#[test]
fn largest_uint128_nav_gives_no_bound_not_overflow() {
    // MAX * 0.5 / 0.25 = 2 * MAX, beyond u128: no amount can reach it
    let cap = vol_target(Collateral(MAX), ONE, HALF, QUARTER);
    assert_eq!(cap, unbounded(CapKind::VolTarget));
}

#[test]
fn vol_target_refuses_negative_weight() {
    let cap = vol_target(Collateral(1), fx("-1"), QUARTER, HALF);
    assert_eq!(cap, invalid("weight", "-1", ">= 0"));
}

#[test]
fn vol_target_refuses_negative_target() {
    let cap = vol_target(Collateral(1), ONE, fx("-0.25"), HALF);
    assert_eq!(cap, invalid("target_vol", "-0.25", ">= 0"));
}

#[test]
fn vol_target_refuses_negative_forecast() {
    let cap = vol_target(Collateral(1), ONE, QUARTER, fx("-0.5"));
    assert_eq!(cap, invalid("forecast_vol", "-0.5", ">= 0"));
}

#[test]
fn vol_target_budget_overflow_is_an_error() {
    let cap = vol_target(Collateral(1), Fixed::MAX, TWO, HALF);
    assert_eq!(cap, overflowed("vol_target"));
}

// signal

#[test]
fn signal_scales_vol_target_by_strength() {
    // 1_000 * 0.5 = 500
    let cap = signal(Some(Notional(1_000)), HALF, true);
    assert_eq!(cap, bound(CapKind::Signal, 500));
}

#[test]
fn full_signal_keeps_vol_target() {
    let cap = signal(Some(Notional(1_000)), ONE, true);
    assert_eq!(cap, bound(CapKind::Signal, 1_000));
}

#[test]
fn short_signal_scales_short_order() {
    // 1_000 * |-0.25| = 250
    let cap = signal(Some(Notional(1_000)), fx("-0.25"), false);
    assert_eq!(cap, bound(CapKind::Signal, 250));
}

#[test]
fn signal_against_long_order_allows_nothing() {
    let cap = signal(Some(Notional(1_000)), fx("-0.5"), true);
    assert_eq!(cap, bound(CapKind::Signal, 0));
}

#[test]
fn signal_against_short_order_allows_nothing() {
    let cap = signal(Some(Notional(1_000)), HALF, false);
    assert_eq!(cap, bound(CapKind::Signal, 0));
}

#[test]
fn zero_signal_allows_nothing_on_either_side() {
    let long = signal(Some(Notional(1_000)), ZERO, true);
    let short = signal(Some(Notional(1_000)), ZERO, false);
    assert_eq!(
        (long, short),
        (bound(CapKind::Signal, 0), bound(CapKind::Signal, 0))
    );
}

#[test]
fn signal_rounds_down() {
    // 7 * 0.5 = 3.5 -> 3
    let cap = signal(Some(Notional(7)), HALF, true);
    assert_eq!(cap, bound(CapKind::Signal, 3));
}

#[test]
fn signal_without_vol_target_bound_gives_no_bound() {
    let cap = signal(None, HALF, true);
    assert_eq!(cap, unbounded(CapKind::Signal));
}

#[test]
fn opposing_signal_without_vol_target_bound_still_allows_nothing() {
    let cap = signal(None, fx("-0.5"), true);
    assert_eq!(cap, bound(CapKind::Signal, 0));
}

#[test]
fn signal_on_largest_target_does_not_overflow() {
    // (2^128 - 1) * 0.5 = 2^127 - 0.5 -> 2^127 - 1
    let cap = signal(Some(Notional(MAX)), HALF, true);
    assert_eq!(cap, bound(CapKind::Signal, MAX >> 1));
}

#[test]
fn signal_above_one_is_invalid() {
    let cap = signal(Some(Notional(1_000)), fx("1.5"), true);
    assert_eq!(cap, invalid("signal", "1.5", "in [-1, 1]"));
}

#[test]
fn signal_below_minus_one_is_invalid() {
    let cap = signal(Some(Notional(1_000)), fx("-1.5"), false);
    assert_eq!(cap, invalid("signal", "-1.5", "in [-1, 1]"));
}

// gross_leverage

#[test]
fn gross_leverage_is_max_leverage_times_nav_less_other_markets() {
    // 3 * 1_000_000 - 1_200_000 = 1_800_000
    let cap = gross_leverage(NAV, fx("3"), Notional(1_200_000));
    assert_eq!(cap, bound(CapKind::GrossLeverage, 1_800_000));
}

#[test]
fn gross_leverage_rounds_down() {
    // 0.5 * 7 - 0 = 3.5 -> 3
    let cap = gross_leverage(Collateral(7), HALF, Notional(0));
    assert_eq!(cap, bound(CapKind::GrossLeverage, 3));
}

#[test]
fn gross_leverage_used_up_by_other_markets_allows_nothing() {
    let cap = gross_leverage(NAV, fx("3"), Notional(3_000_000));
    assert_eq!(cap, bound(CapKind::GrossLeverage, 0));
}

#[test]
fn other_markets_over_gross_leverage_give_zero_not_negative() {
    let cap = gross_leverage(NAV, fx("3"), Notional(5_000_000));
    assert_eq!(cap, bound(CapKind::GrossLeverage, 0));
}

#[test]
fn gross_leverage_with_zero_nav_allows_nothing() {
    let cap = gross_leverage(Collateral(0), fx("3"), Notional(0));
    assert_eq!(cap, bound(CapKind::GrossLeverage, 0));
}

#[test]
fn zero_max_leverage_allows_nothing() {
    let cap = gross_leverage(NAV, ZERO, Notional(0));
    assert_eq!(cap, bound(CapKind::GrossLeverage, 0));
}

#[test]
fn gross_leverage_keeps_largest_nav_at_leverage_one() {
    let cap = gross_leverage(Collateral(MAX), ONE, Notional(0));
    assert_eq!(cap, bound(CapKind::GrossLeverage, MAX));
}

#[test]
fn gross_leverage_beyond_u128_gives_no_bound_not_overflow() {
    let cap = gross_leverage(Collateral(MAX), TWO, Notional(0));
    assert_eq!(cap, unbounded(CapKind::GrossLeverage));
}

#[test]
fn gross_leverage_beyond_u128_less_other_markets_is_exact() {
    // floor(1.5 * (2^128 - 1)) - (2^128 - 1) = (1.5 * 2^128 - 2) - (2^128 - 1) = 2^127 - 1:
    // the total exceeds u128 but the headroom does not, so it must bind.
    let cap = gross_leverage(Collateral(MAX), fx("1.5"), Notional(MAX));
    assert_eq!(cap, bound(CapKind::GrossLeverage, MAX >> 1));
}

#[test]
fn negative_max_leverage_is_invalid() {
    let cap = gross_leverage(NAV, fx("-1"), Notional(0));
    assert_eq!(cap, invalid("max_leverage", "-1", ">= 0"));
}

// market_notional

#[test]
fn market_notional_is_the_governance_limit() {
    assert_eq!(
        Ok(market_notional(Notional(5_000))),
        bound(CapKind::MarketNotional, 5_000)
    );
}

#[test]
fn zero_market_notional_allows_nothing() {
    assert_eq!(
        Ok(market_notional(Notional(0))),
        bound(CapKind::MarketNotional, 0)
    );
}

#[test]
fn largest_market_notional_is_still_a_bound() {
    assert_eq!(
        Ok(market_notional(Notional(MAX))),
        bound(CapKind::MarketNotional, MAX)
    );
}

// concentration

#[test]
fn concentration_is_share_of_nav() {
    // 1_000_000 * 0.25 = 250_000
    let cap = concentration(NAV, QUARTER);
    assert_eq!(cap, bound(CapKind::Concentration, 250_000));
}

#[test]
fn concentration_rounds_down() {
    // 3 * 0.5 = 1.5 -> 1
    let cap = concentration(Collateral(3), HALF);
    assert_eq!(cap, bound(CapKind::Concentration, 1));
}

#[test]
fn concentration_with_zero_nav_allows_nothing() {
    let cap = concentration(Collateral(0), QUARTER);
    assert_eq!(cap, bound(CapKind::Concentration, 0));
}

#[test]
fn concentration_keeps_largest_nav_at_full_share() {
    let cap = concentration(Collateral(MAX), ONE);
    assert_eq!(cap, bound(CapKind::Concentration, MAX));
}

#[test]
fn concentration_beyond_u128_gives_no_bound_not_overflow() {
    let cap = concentration(Collateral(MAX), TWO);
    assert_eq!(cap, unbounded(CapKind::Concentration));
}

#[test]
fn negative_concentration_is_invalid() {
    let cap = concentration(NAV, fx("-0.25"));
    assert_eq!(cap, invalid("max_concentration", "-0.25", ">= 0"));
}

// signal_edge

#[test]
fn signal_edge_on_long_is_signal_times_max_edge() {
    // 0.5 * 0.25 = 0.125
    assert_eq!(signal_edge(HALF, QUARTER, true), Ok(EIGHTH));
}

#[test]
fn signal_edge_on_short_is_negated() {
    assert_eq!(signal_edge(fx("-0.5"), QUARTER, false), Ok(EIGHTH));
}

#[test]
fn signal_edge_against_the_order_is_negative() {
    assert_eq!(signal_edge(HALF, QUARTER, false), Ok(fx("-0.125")));
}

#[test]
fn negative_max_edge_is_invalid() {
    let edge = signal_edge(HALF, fx("-0.25"), true);
    assert_eq!(edge, invalid("max_edge", "-0.25", ">= 0"));
}

#[test]
fn largest_edge_on_a_short_does_not_overflow() {
    assert_eq!(signal_edge(ONE, Fixed::MAX, false), Ok(-Fixed::MAX));
}

#[test]
fn signal_edge_refuses_a_signal_outside_the_unit_range() {
    // Fixed::MIN on a short would negate past MAX; the range check refuses it first.
    assert_eq!(
        signal_edge(Fixed::MIN, ONE, false),
        Err(SizingError::InvalidParameter {
            name: "signal",
            value: Fixed::MIN.to_string(),
            rule: "in [-1, 1]",
        })
    );
}
