//! Tests of the caps from risk estimates: Kelly, VaR, liquidity and liquidation distance, and the
//! horizon in years they take.

use super::*;
use crate::normal::normal_quantile;

// kelly

#[test]
fn kelly_is_fraction_times_edge_over_variance_times_nav() {
    // 0.5 * 0.125 / 0.25 * 1_000_000 = 250_000
    let cap = kelly(NAV, HALF, EIGHTH, QUARTER);
    assert_eq!(cap, bound(CapKind::Kelly, 250_000));
}

#[test]
fn kelly_halves_when_variance_doubles() {
    // 0.5 * 0.125 / 0.5 * 1_000_000 = 125_000
    let cap = kelly(NAV, HALF, EIGHTH, HALF);
    assert_eq!(cap, bound(CapKind::Kelly, 125_000));
}

#[test]
fn kelly_rounds_down() {
    // 1 * 1 / 3 * 10 = 3.33.. -> 3
    let cap = kelly(Collateral(10), ONE, ONE, fx("3"));
    assert_eq!(cap, bound(CapKind::Kelly, 3));
}

#[test]
fn kelly_with_zero_edge_allows_nothing() {
    let cap = kelly(NAV, HALF, ZERO, QUARTER);
    assert_eq!(cap, bound(CapKind::Kelly, 0));
}

#[test]
fn kelly_with_negative_edge_allows_nothing() {
    let cap = kelly(NAV, HALF, fx("-0.125"), QUARTER);
    assert_eq!(cap, bound(CapKind::Kelly, 0));
}

#[test]
fn kelly_with_zero_variance_gives_no_bound() {
    let cap = kelly(NAV, HALF, EIGHTH, ZERO);
    assert_eq!(cap, unbounded(CapKind::Kelly));
}

#[test]
fn kelly_with_negative_edge_and_zero_variance_allows_nothing() {
    let cap = kelly(NAV, HALF, fx("-0.125"), ZERO);
    assert_eq!(cap, bound(CapKind::Kelly, 0));
}

#[test]
fn kelly_with_huge_variance_allows_nothing() {
    let cap = kelly(NAV, HALF, EIGHTH, Fixed::MAX);
    assert_eq!(cap, bound(CapKind::Kelly, 0));
}

#[test]
fn kelly_with_zero_fraction_allows_nothing() {
    let cap = kelly(NAV, ZERO, EIGHTH, QUARTER);
    assert_eq!(cap, bound(CapKind::Kelly, 0));
}

#[test]
fn kelly_with_zero_nav_allows_nothing() {
    let cap = kelly(Collateral(0), HALF, EIGHTH, QUARTER);
    assert_eq!(cap, bound(CapKind::Kelly, 0));
}

#[test]
fn kelly_keeps_largest_nav_at_full_kelly_one() {
    // 1 * 0.25 / 0.25 = 1
    let cap = kelly(Collateral(MAX), ONE, QUARTER, QUARTER);
    assert_eq!(cap, bound(CapKind::Kelly, MAX));
}

#[test]
fn kelly_beyond_u128_gives_no_bound_not_overflow() {
    // 1 * 0.5 / 0.25 = 2 times the largest nav
    let cap = kelly(Collateral(MAX), ONE, HALF, QUARTER);
    assert_eq!(cap, unbounded(CapKind::Kelly));
}

#[test]
fn negative_kelly_fraction_is_invalid() {
    let cap = kelly(Collateral(1), fx("-0.5"), EIGHTH, QUARTER);
    assert_eq!(cap, invalid("kelly_fraction", "-0.5", ">= 0"));
}

#[test]
fn negative_variance_is_invalid() {
    let cap = kelly(Collateral(1), HALF, EIGHTH, fx("-0.25"));
    assert_eq!(cap, invalid("variance", "-0.25", ">= 0"));
}

#[test]
fn kelly_numerator_overflow_is_an_error() {
    let cap = kelly(Collateral(1), Fixed::MAX, TWO, QUARTER);
    assert_eq!(cap, overflowed("kelly"));
}

// years

#[test]
fn a_year_of_seconds_is_one_year() {
    assert_eq!(years(31_536_000), Ok(ONE));
}

#[test]
fn half_a_year_of_seconds_is_half_a_year() {
    assert_eq!(years(15_768_000), Ok(HALF));
}

#[test]
fn zero_seconds_is_zero_years() {
    assert_eq!(years(0), Ok(ZERO));
}

#[test]
fn a_day_is_a_365th_rounded_down() {
    // floor(86_400 * 2^48 / 31_536_000) = floor(2^48 / 365) = 771_164_319_755
    assert_eq!(years(86_400), Ok(Fixed::from_bits(771_164_319_755)));
}

#[test]
fn largest_u64_seconds_do_not_overflow() {
    // (2^64 - 1) / 31_536_000 = 584_942_417_355.07..
    let y = years(u64::MAX).expect("u64 seconds fit");
    assert_eq!(y.int(), Fixed::from_num(584_942_417_355u64));
}

// var

#[test]
fn var_is_budget_times_nav_over_z_vol_sqrt_horizon() {
    // 0.25 * 1_000_000 / (2 * 0.5 * sqrt(0.25)) = 250_000 / 0.5 = 500_000
    let cap = var(NAV, QUARTER, TWO, HALF, QUARTER);
    assert_eq!(cap, bound(CapKind::Var, 500_000));
}

#[test]
fn var_halves_when_vol_doubles() {
    // 250_000 / (2 * 1 * 0.5) = 250_000
    let cap = var(NAV, QUARTER, TWO, ONE, QUARTER);
    assert_eq!(cap, bound(CapKind::Var, 250_000));
}

#[test]
fn var_halves_when_horizon_quadruples() {
    // 250_000 / (2 * 0.5 * sqrt(1)) = 250_000
    let cap = var(NAV, QUARTER, TWO, HALF, ONE);
    assert_eq!(cap, bound(CapKind::Var, 250_000));
}

#[test]
fn var_rounds_down() {
    // 1 * 10 / (3 * 1 * 1) = 3.33.. -> 3
    let cap = var(Collateral(10), ONE, fx("3"), ONE, ONE);
    assert_eq!(cap, bound(CapKind::Var, 3));
}

#[test]
#[allow(clippy::float_arithmetic)]
fn daily_var_at_99_percent_matches_float_reference() {
    // 0.02 * 1e9 / (z(0.99) * 0.8 * sqrt(1 / 365)) = 205_310_794.09..
    let z = normal_quantile(fx("0.99")).expect("0.99 is a listed level");
    let horizon = years(86_400).expect("a day");
    let cap = var(Collateral(1_000_000_000), fx("0.02"), z, fx("0.8"), horizon).expect("valid");
    let reference = 0.02 * 1e9 / (2.326_347_874_040_840_8 * 0.8 * (1.0_f64 / 365.0).sqrt());
    let limit = cap.limit.expect("a bound").0;
    assert!(
        (Fixed::from_num(limit).to_num::<f64>() - reference).abs() < 1.0,
        "{limit} vs {reference}"
    );
}

#[test]
fn var_with_zero_vol_gives_no_bound() {
    let cap = var(NAV, QUARTER, TWO, ZERO, QUARTER);
    assert_eq!(cap, unbounded(CapKind::Var));
}

#[test]
fn var_with_zero_horizon_gives_no_bound() {
    let cap = var(NAV, QUARTER, TWO, HALF, ZERO);
    assert_eq!(cap, unbounded(CapKind::Var));
}

#[test]
fn var_with_huge_vol_allows_nothing() {
    // 250_000 / (2 * 1e12 * 0.5) < 1
    let vol = Fixed::from_num(1_000_000_000_000u64);
    let cap = var(NAV, QUARTER, TWO, vol, QUARTER);
    assert_eq!(cap, bound(CapKind::Var, 0));
}

#[test]
fn var_with_vol_beyond_fixed_range_is_overflow_error() {
    let cap = var(NAV, QUARTER, TWO, Fixed::MAX, QUARTER);
    assert_eq!(cap, overflowed("var"));
}

#[test]
fn var_with_zero_budget_allows_nothing() {
    let cap = var(NAV, ZERO, TWO, HALF, QUARTER);
    assert_eq!(cap, bound(CapKind::Var, 0));
}

#[test]
fn var_beyond_u128_gives_no_bound_not_overflow() {
    // 1 * MAX / 0.5 = 2 * MAX
    let cap = var(Collateral(MAX), ONE, TWO, HALF, QUARTER);
    assert_eq!(cap, unbounded(CapKind::Var));
}

#[test]
fn negative_var_budget_is_invalid() {
    let cap = var(Collateral(1), fx("-0.25"), TWO, HALF, QUARTER);
    assert_eq!(cap, invalid("var_budget", "-0.25", ">= 0"));
}

#[test]
fn negative_z_is_invalid() {
    let cap = var(Collateral(1), QUARTER, fx("-2"), HALF, QUARTER);
    assert_eq!(cap, invalid("z", "-2", ">= 0"));
}

#[test]
fn negative_var_vol_is_invalid() {
    let cap = var(Collateral(1), QUARTER, TWO, fx("-0.5"), QUARTER);
    assert_eq!(cap, invalid("vol", "-0.5", ">= 0"));
}

#[test]
fn negative_var_horizon_is_invalid() {
    let cap = var(Collateral(1), QUARTER, TWO, HALF, fx("-0.25"));
    assert_eq!(cap, invalid("var_horizon", "-0.25", ">= 0"));
}

// liquidity

#[test]
fn linear_impact_allows_depth_times_max_slippage() {
    // (size / 1_000_000)^1 <= 0.25 -> 250_000
    let cap = liquidity(Notional(1_000_000), QUARTER, ONE);
    assert_eq!(cap, bound(CapKind::Liquidity, 250_000));
}

#[test]
fn quadratic_impact_allows_depth_times_root_of_slippage() {
    // (size / 1_000_000)^2 <= 0.25 -> 1_000_000 * 0.5 = 500_000, less the 2^-30 margin for the
    // power's rounding -> 499_999
    let cap = liquidity(Notional(1_000_000), QUARTER, TWO);
    assert_eq!(cap, bound(CapKind::Liquidity, 499_999));
}

#[test]
fn square_root_impact_allows_depth_times_slippage_squared() {
    // (size / 1_000_000)^0.5 <= 0.25 -> 1_000_000 * 0.0625 = 62_500, less the 2^-30 margin -> 62_499
    let cap = liquidity(Notional(1_000_000), QUARTER, HALF);
    assert_eq!(cap, bound(CapKind::Liquidity, 62_499));
}

#[test]
fn liquidity_rounds_down() {
    // 7 * 0.5 = 3.5 -> 3
    let cap = liquidity(Notional(7), HALF, ONE);
    assert_eq!(cap, bound(CapKind::Liquidity, 3));
}

#[test]
fn zero_depth_allows_nothing() {
    let cap = liquidity(Notional(0), QUARTER, ONE);
    assert_eq!(cap, bound(CapKind::Liquidity, 0));
}

#[test]
fn full_slippage_allows_whole_depth() {
    // the whole depth, less the 2^-30 margin for the power's rounding
    let cap = liquidity(Notional(1_000_000), ONE, HALF);
    assert_eq!(cap, bound(CapKind::Liquidity, 999_999));
}

#[test]
fn largest_depth_does_not_overflow() {
    // (2^128 - 1) * 0.5 -> 2^127 - 1
    let cap = liquidity(Notional(MAX), HALF, ONE);
    assert_eq!(cap, bound(CapKind::Liquidity, MAX >> 1));
}

#[test]
fn tiny_impact_exponent_allows_nothing() {
    // 0.5^(2^48) underflows to zero
    let cap = liquidity(Notional(1_000_000), HALF, Fixed::DELTA);
    assert_eq!(cap, bound(CapKind::Liquidity, 0));
}

#[test]
fn zero_max_slippage_is_invalid() {
    let cap = liquidity(Notional(1_000_000), ZERO, ONE);
    assert_eq!(cap, invalid("max_slippage", "0", "in (0, 1]"));
}

#[test]
fn max_slippage_above_one_is_invalid() {
    let cap = liquidity(Notional(1_000_000), fx("1.5"), ONE);
    assert_eq!(cap, invalid("max_slippage", "1.5", "in (0, 1]"));
}

#[test]
fn zero_impact_exponent_is_invalid() {
    let cap = liquidity(Notional(1_000_000), QUARTER, ZERO);
    assert_eq!(cap, invalid("impact_exponent", "0", "> 0"));
}

#[test]
fn negative_impact_exponent_is_invalid() {
    let cap = liquidity(Notional(1_000_000), QUARTER, fx("-1"));
    assert_eq!(cap, invalid("impact_exponent", "-1", "> 0"));
}

// liquidation_distance

#[test]
fn liquidation_distance_is_equity_over_margin_plus_sigma_move() {
    // k = 0.5 * 0.5 * sqrt(1) = 0.25; 1_000_000 / (0.25 + 0.25) = 2_000_000
    let cap = liquidation_distance(NAV, QUARTER, ZERO, HALF, HALF, ONE);
    assert_eq!(cap, bound(CapKind::LiquidationDistance, 2_000_000));
}

#[test]
fn liquidation_distance_rounds_down() {
    // k = 1 * 0.5 * 1 = 0.5; 1_000_000 / 0.75 = 1_333_333.33.. -> 1_333_333
    let cap = liquidation_distance(NAV, QUARTER, ZERO, HALF, ONE, ONE);
    assert_eq!(cap, bound(CapKind::LiquidationDistance, 1_333_333));
}

#[test]
fn liquidation_distance_with_zero_vol_is_equity_over_margin() {
    // 1_000_000 / 0.25 = 4_000_000
    let cap = liquidation_distance(NAV, QUARTER, ZERO, ZERO, TWO, ONE);
    assert_eq!(cap, bound(CapKind::LiquidationDistance, 4_000_000));
}

#[test]
fn liquidation_distance_without_margin_or_move_gives_no_bound() {
    let cap = liquidation_distance(NAV, ZERO, ZERO, ZERO, TWO, ONE);
    assert_eq!(cap, unbounded(CapKind::LiquidationDistance));
}

#[test]
fn liquidation_distance_with_zero_equity_allows_nothing() {
    let cap = liquidation_distance(Collateral(0), QUARTER, ZERO, HALF, HALF, ONE);
    assert_eq!(cap, bound(CapKind::LiquidationDistance, 0));
}

#[test]
fn liquidation_distance_with_huge_vol_allows_nothing() {
    // 1_000_000 / (0.25 + 1 * 1e12 * 1) < 1
    let vol = Fixed::from_num(1_000_000_000_000u64);
    let cap = liquidation_distance(NAV, QUARTER, ZERO, vol, ONE, ONE);
    assert_eq!(cap, bound(CapKind::LiquidationDistance, 0));
}

#[test]
fn liquidation_distance_keeps_largest_equity_at_unit_denominator() {
    let cap = liquidation_distance(Collateral(MAX), HALF, ZERO, HALF, ONE, ONE);
    assert_eq!(cap, bound(CapKind::LiquidationDistance, MAX));
}

#[test]
fn liquidation_distance_beyond_u128_gives_no_bound_not_overflow() {
    // MAX / 0.5 = 2 * MAX
    let cap = liquidation_distance(Collateral(MAX), HALF, ZERO, ZERO, ONE, ONE);
    assert_eq!(cap, unbounded(CapKind::LiquidationDistance));
}

#[test]
fn initial_margin_binds_when_above_the_sigma_buffer() {
    // mm + k = 0.25 + 0.5 * 0.5 * 1 = 0.5 < initial 1: 1_000_000 / 1 = 1_000_000
    let cap = liquidation_distance(NAV, QUARTER, ONE, HALF, HALF, ONE);
    assert_eq!(cap, bound(CapKind::LiquidationDistance, 1_000_000));
}

#[test]
fn margin_ratio_is_the_larger_requirement() {
    // 0.25 + 0.5 * 0.5 * sqrt(0.25) = 0.375, above the initial 0.25
    assert_eq!(
        margin_ratio(QUARTER, QUARTER, HALF, HALF, QUARTER),
        Ok(fx("0.375"))
    );
    assert_eq!(margin_ratio(QUARTER, ONE, HALF, HALF, QUARTER), Ok(ONE));
}

#[test]
fn negative_initial_margin_is_invalid() {
    let cap = liquidation_distance(Collateral(1), QUARTER, fx("-0.5"), HALF, ONE, ONE);
    assert_eq!(cap, invalid("initial_margin", "-0.5", ">= 0"));
}

#[test]
fn negative_maintenance_margin_is_invalid() {
    let cap = liquidation_distance(Collateral(1), fx("-0.25"), ZERO, HALF, ONE, ONE);
    assert_eq!(cap, invalid("maintenance_margin", "-0.25", ">= 0"));
}

#[test]
fn negative_liquidation_vol_is_invalid() {
    let cap = liquidation_distance(Collateral(1), QUARTER, ZERO, fx("-0.5"), ONE, ONE);
    assert_eq!(cap, invalid("vol", "-0.5", ">= 0"));
}

#[test]
fn negative_liq_sigmas_is_invalid() {
    let cap = liquidation_distance(Collateral(1), QUARTER, ZERO, HALF, fx("-1"), ONE);
    assert_eq!(cap, invalid("liq_sigmas", "-1", ">= 0"));
}

#[test]
fn negative_liq_horizon_is_invalid() {
    let cap = liquidation_distance(Collateral(1), QUARTER, ZERO, HALF, ONE, fx("-1"));
    assert_eq!(cap, invalid("liq_horizon", "-1", ">= 0"));
}

// price_impact

#[test]
fn impact_is_the_share_of_depth_to_the_exponent() {
    // (250 / 1000)^1 = 0.25; (250 / 1000)^0.5 = 0.5
    assert_eq!(
        price_impact(Notional(250), Notional(1_000), ONE),
        Ok(QUARTER)
    );
    assert_eq!(price_impact(Notional(250), Notional(1_000), HALF), Ok(HALF));
}

#[test]
fn impact_of_nothing_is_zero_and_zero_depth_is_an_error() {
    assert_eq!(price_impact(Notional(0), Notional(1_000), ONE), Ok(ZERO));
    assert_eq!(
        price_impact(Notional(1), Notional(0), ONE),
        invalid("depth", "0", "> 0")
    );
}

#[test]
fn impact_inverts_the_liquidity_cap() {
    // The liquidity limit at 1% slippage, exponent 2, pays 1% (to the step).
    let depth = Notional(1_000_000_000);
    let limit = liquidity(depth, fx("0.01"), TWO).unwrap().limit.unwrap();
    let impact = price_impact(limit, depth, TWO).unwrap();
    assert!(
        impact <= fx("0.01") && fx("0.01") - impact < fx("0.000001"),
        "{impact}"
    );
}

// nav_floor

#[test]
fn nav_floor_is_the_notional_over_the_ratio() {
    // 1,000 notional at a 0.5 ratio needs 2,000 of nav; 1,000 at 0.125 needs 8,000.
    assert_eq!(nav_floor(Notional(1_000), HALF), Ok(Some(2_000)));
    assert_eq!(nav_floor(Notional(1_000), EIGHTH), Ok(Some(8_000)));
}

#[test]
fn nav_floor_rounds_up() {
    // 1,000 / 3 = 333.3.. -> 334, and 3 * 334 >= 1,000
    let floor = nav_floor(Notional(1_000), fx("3")).unwrap().unwrap();
    assert_eq!(floor, 334);
}

#[test]
fn nav_floor_of_nothing_is_zero_and_a_zero_ratio_has_none() {
    assert_eq!(nav_floor(Notional(0), ZERO), Ok(Some(0)));
    assert_eq!(nav_floor(Notional(1), ZERO), Ok(None));
}

// ratios used for withdrawals

#[test]
fn vol_target_ratio_matches_the_cap() {
    // 1 * 0.25 / 0.5 = 0.5 of nav
    assert_eq!(vol_target_ratio(ONE, QUARTER, HALF), Ok(Some(HALF)));
    assert_eq!(vol_target_ratio(ONE, QUARTER, ZERO), Ok(None));
}

#[test]
fn var_ratio_matches_the_cap() {
    // 0.25 / (2 * 0.5 * 1) = 0.25 of nav, the same share vol_target's cap gives
    assert_eq!(var_ratio(QUARTER, TWO, HALF, ONE), Ok(Some(QUARTER)));
    let cap = var(NAV, QUARTER, TWO, HALF, ONE);
    assert_eq!(cap, bound(CapKind::Var, 250_000));
    assert_eq!(var_ratio(QUARTER, TWO, ZERO, ONE), Ok(None));
}
