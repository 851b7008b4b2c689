//! Tests of the impact cost after recent flow and of the liquidity cap that counts it: exact values on
//! round figures, the rules at the edges, and properties against an f64 model of the curve (the cap's
//! slippage never exceeds the limit, the cost never falls short of the curve's and adds up over slices).
#![allow(clippy::float_arithmetic, clippy::as_conversions)]

use super::*;
use crate::caps::{CapKind, liquidity, liquidity_with_flow, price_impact};
use crate::error::SizingError;
use proptest::prelude::*;

const ONE: Fixed = Fixed::ONE;
const HALF: Fixed = Fixed::lit("0.5");
const TWO: Fixed = Fixed::lit("2");
const PERCENT: Fixed = Fixed::lit("0.01");

fn n(x: u128) -> Notional {
    Notional(x)
}

fn cap(depth: u128, recent: u128, max_slippage: Fixed, exponent: Fixed) -> u128 {
    let cap = liquidity_with_flow(n(depth), n(recent), max_slippage, exponent).unwrap();
    assert_eq!(cap.kind, CapKind::Liquidity);
    cap.limit.unwrap().0
}

/// `x * (x / depth)^exponent` in f64.
fn curve(x: f64, depth: f64, exponent: f64) -> f64 {
    x * libm::pow(x / depth, exponent)
}

/// The exact limit in f64: the largest s with `(C(r + s) - C(r)) / s <= m`, by bisection.
fn exact_limit(recent: f64, depth: f64, m: f64, exponent: f64) -> f64 {
    let fits =
        |s: f64| curve(recent + s, depth, exponent) - curve(recent, depth, exponent) <= m * s;
    let (mut low, mut high) = (0.0, depth);
    for _ in 0..200 {
        let mid = (low + high) / 2.0;
        if fits(mid) {
            low = mid;
        } else {
            high = mid;
        }
    }
    low
}

// cost

#[test]
fn a_still_market_costs_what_it_did_before_flow() {
    // r = 0: size times the flow-free impact, rounded down, to the unit.
    for (size, exponent) in [(123_456_789, ONE), (98_765, HALF), (5_000_000, TWO)] {
        let impact = price_impact(n(size), n(1_000_000_000), exponent).unwrap();
        let before = mul_floor(size, impact).unwrap().unwrap();
        assert_eq!(cost(n(0), n(size), n(1_000_000_000), exponent), Ok(before));
    }
}

#[test]
fn a_linear_curve_charges_twice_the_flow_plus_the_size_over_depth() {
    // 50 * (2 * 100 + 50) / 1000 = 12.5 -> 13, rounded up toward the venue
    assert_eq!(cost(n(100), n(50), n(1_000), ONE), Ok(13));
    // 100k after 200k at 10M depth: 100k * 500k / 10M = 5,000, i.e. 5% of the slice
    let (r, s, d) = (200_000_000_000, 100_000_000_000, 10_000_000_000_000);
    assert_eq!(cost(n(r), n(s), n(d), ONE), Ok(5_000_000_000));
}

#[test]
fn a_quadratic_curve_charges_the_difference_of_cubes() {
    // C(x) = x^3 / depth^2: C(2e11) - C(1e11) = 8e9 - 1e9 at depth 1e12, plus the rounding bound
    // ceil((1e12 + 2e11) / 2^36) = 18.
    let c = cost(
        n(100_000_000_000),
        n(100_000_000_000),
        n(1_000_000_000_000),
        TWO,
    )
    .unwrap();
    assert!((7_000_000_016..=7_000_000_019).contains(&c), "{c}");
}

#[test]
fn slices_of_an_order_pay_what_the_order_pays() {
    let d = 10_000_000_000_000;
    for exponent in [ONE, HALF, TWO] {
        let whole = cost(n(0), n(300_000_000_000), n(d), exponent).unwrap();
        let mut flow = 0;
        let mut paid = 0;
        for _ in 0..3 {
            paid += cost(n(flow), n(100_000_000_000), n(d), exponent).unwrap();
            flow += 100_000_000_000;
        }
        assert!(
            paid >= whole && paid - whole <= 500,
            "{exponent}: {paid} vs {whole}"
        );
    }
}

#[test]
fn nothing_costs_nothing_and_a_bad_curve_is_an_error() {
    assert_eq!(cost(n(5), n(0), n(1_000), HALF), Ok(0));
    let zero_depth = Err(SizingError::InvalidParameter {
        name: "depth",
        value: "0".into(),
        rule: "> 0",
    });
    assert_eq!(cost(n(0), n(1), n(0), ONE), zero_depth);
    assert!(matches!(
        cost(n(0), n(1), n(1_000), Fixed::ZERO),
        Err(SizingError::InvalidParameter {
            name: "impact_exponent",
            ..
        })
    ));
}

#[test]
fn an_absurd_flow_overflows_instead_of_wrapping() {
    assert_eq!(
        cost(n(u128::MAX), n(1), n(1_000), ONE),
        Err(SizingError::Overflow { op: "impact_cost" })
    );
}

// liquidity_with_flow

#[test]
fn without_flow_the_cap_is_the_closed_form() {
    for exponent in [ONE, HALF, TWO, Fixed::lit("1.5")] {
        let free = liquidity(n(10_000_000_000_000), PERCENT, exponent).unwrap();
        let with = liquidity_with_flow(n(10_000_000_000_000), n(0), PERCENT, exponent).unwrap();
        assert_eq!(with, free);
    }
}

#[test]
fn a_linear_curve_leaves_depth_times_slippage_less_twice_the_flow() {
    // 0.25 * 1M - 2 * 50k = 150k; its average slippage (2 * 50k + 150k) / 1M is the limit, 25%
    assert_eq!(cap(1_000_000, 50_000, Fixed::lit("0.25"), ONE), 150_000);
    // A flow of half the allowance or more leaves nothing.
    assert_eq!(cap(1_000_000, 125_000, Fixed::lit("0.25"), ONE), 0);
    assert_eq!(cap(1_000_000, 400_000, Fixed::lit("0.25"), ONE), 0);
}

#[test]
fn the_thin_market_allows_one_slice_per_window() {
    // 10M depth at 1%: 100k from a still market, then nothing while that 100k is recent flow.
    let d = 10_000_000_000_000;
    assert_eq!(cap(d, 0, PERCENT, ONE), 100_000_000_000);
    assert_eq!(cap(d, 100_000_000_000, PERCENT, ONE), 0);
    // Half decayed: 100k - 2 * 25k = 50k.
    assert_eq!(cap(d, 25_000_000_000, PERCENT, ONE), 50_000_000_000);
}

#[test]
fn a_flow_at_the_depth_allows_nothing_on_any_curve() {
    for exponent in [ONE, HALF, TWO] {
        assert_eq!(cap(1_000_000, 1_000_000, HALF, exponent), 0);
        assert_eq!(cap(1_000_000, u128::MAX, HALF, exponent), 0);
    }
    // Zero depth allows nothing, flow or not.
    assert_eq!(cap(0, 5, HALF, TWO), 0);
}

#[test]
fn a_non_linear_curve_is_searched_to_within_its_step() {
    let (d, r) = (1_000_000_000_000u128, 20_000_000_000u128);
    for exponent in [HALF, TWO, Fixed::lit("1.5")] {
        let found = cap(d, r, PERCENT, exponent);
        let e = exponent.to_num::<f64>();
        let exact = exact_limit(r as f64, d as f64, 0.01, e);
        let free = liquidity(n(d), PERCENT, exponent).unwrap().limit.unwrap().0;
        let step = (free >> SEARCH_STEPS) as f64 + 2.0;
        assert!(found as f64 <= exact, "{exponent}: {found} > {exact}");
        // Below it by the search's step and by what the cost's error bound (15 units here) takes
        // at the slope of the slack, some 5 parts in 10^7.
        assert!(
            found as f64 >= exact - step - exact * 1e-6,
            "{exponent}: {found} << {exact}"
        );
        // The cost of the cap is within the slippage allowed.
        let c = cost(n(r), n(found), n(d), exponent).unwrap();
        assert!(c <= mul_floor(found, PERCENT).unwrap().unwrap());
    }
}

#[test]
fn a_flow_past_the_marginal_limit_allows_nothing_on_a_curve() {
    // Quadratic: the marginal slippage at r is 3 (r / depth)^2; at r = 10% of depth, 3%.
    assert_eq!(cap(1_000_000_000_000, 100_000_000_000, PERCENT, TWO), 0);
}

#[test]
fn the_cap_checks_its_parameters() {
    for (m, e, name) in [
        (Fixed::ZERO, ONE, "max_slippage"),
        (Fixed::lit("1.5"), ONE, "max_slippage"),
        (PERCENT, Fixed::ZERO, "impact_exponent"),
    ] {
        let res = liquidity_with_flow(n(1_000), n(10), m, e);
        assert!(
            matches!(res, Err(SizingError::InvalidParameter { name: got, .. }) if got == name),
            "{res:?}"
        );
    }
}

fn exponent_strategy() -> impl Strategy<Value = Fixed> {
    prop_oneof![
        2 => Just(ONE),
        1 => prop::sample::select(vec![HALF, TWO, Fixed::lit("1.5"), Fixed::lit("0.75")]),
        1 => (30u32..300).prop_map(|hundredths| Fixed::from_num(hundredths) / 100),
    ]
}

fn slippage_strategy() -> impl Strategy<Value = Fixed> {
    (1u32..=1_000).prop_map(|tenths_of_bp| Fixed::from_num(tenths_of_bp) / 100_000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    /// The cap never lets the average slippage exceed the limit: exactly on a linear curve, through
    /// the rounded-up cost and the f64 curve on any other.
    #[test]
    fn the_cap_keeps_slippage_within_the_limit(
        depth in 1_000_000u128..100_000_000_000_000_000_000,
        flow_share in 0u32..=1_000,
        m in slippage_strategy(),
        exponent in exponent_strategy(),
    ) {
        let recent = depth / 1_000 * u128::from(flow_share) / 20;
        let s = cap(depth, recent, m, exponent);
        prop_assert!(s <= liquidity(n(depth), m, exponent).unwrap().limit.unwrap().0);
        if s == 0 {
            return Ok(());
        }
        if exponent == ONE {
            // (2r + s) / depth <= m, in integers: 2r + s <= floor(depth * m)
            prop_assert!(2 * recent + s <= mul_floor(depth, m).unwrap().unwrap());
        } else if recent > 0 {
            prop_assert!(cost(n(recent), n(s), n(depth), exponent).unwrap() <= mul_floor(s, m).unwrap().unwrap());
        }
        let (r, sf, d, e) = (recent as f64, s as f64, depth as f64, exponent.to_num::<f64>());
        let paid = curve(r + sf, d, e) - curve(r, d, e);
        let tolerance = curve(r + sf, d, e) * 1e-12;
        prop_assert!(paid <= m.to_num::<f64>() * sf + tolerance, "{paid} > {m} * {s}");
    }

    /// The cost is never below the curve's (what the venue charges) and adds up over two slices.
    #[test]
    fn the_cost_covers_the_curve_and_is_split_proof(
        depth in 1_000_000u128..100_000_000_000_000_000_000,
        shares in (0u32..500, 1u32..250, 1u32..250),
        exponent in exponent_strategy(),
    ) {
        let unit = depth / 1_000;
        let (r, a, b) = (unit * u128::from(shares.0), unit * u128::from(shares.1), unit * u128::from(shares.2));
        let whole = cost(n(r), n(a + b), n(depth), exponent).unwrap();
        let first = cost(n(r), n(a), n(depth), exponent).unwrap();
        let second = cost(n(r + a), n(b), n(depth), exponent).unwrap();
        // Each piece rounds up by at most a unit, or the error bound of a non-linear curve.
        let rounding = 3 + 2 * ((depth + r + a + b) >> 35) + ((r + a + b) >> 46);
        prop_assert!((first + second).abs_diff(whole) <= rounding, "{first} + {second} vs {whole}");
        if r > 0 {
            let (rf, sf, d, e) = (r as f64, (a + b) as f64, depth as f64, exponent.to_num::<f64>());
            let exact = curve(rf + sf, d, e) - curve(rf, d, e);
            prop_assert!(whole as f64 >= exact - curve(rf + sf, d, e) * 1e-13, "{whole} < {exact}");
        }
    }
}
