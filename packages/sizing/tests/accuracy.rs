//! ln, exp, pow, sqrt and the normal CDF against f64 over the ranges real prices and returns cover.
#![allow(clippy::float_arithmetic, clippy::as_conversions)]

mod common;

use ballast_sizing::{Fixed, SizingError, exp, ln, normal_cdf, pow, sqrt};
use common::{error, normal_cdf_f64};
use proptest::prelude::*;

const TOLERANCE: f64 = 1e-12;
/// The normal CDF's bound: absolute error against f64 (issue 9).
const CDF_TOLERANCE: f64 = 1e-9;

/// A positive fixed value spread log-uniformly over [2^lo, 2^hi].
fn log_uniform(lo: f64, hi: f64) -> impl Strategy<Value = Fixed> {
    (lo..hi).prop_map(|e| Fixed::from_num(2f64.powf(e)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5_000))]

    #[test]
    fn ln_is_within_tolerance(x in log_uniform(-40.0, 78.0)) {
        let e = error(ln(x).unwrap(), x.to_num::<f64>().ln());
        prop_assert!(e <= TOLERANCE, "ln({x}) error {e:e}");
    }

    #[test]
    fn ln_near_one_is_within_tolerance(d in -1e-3f64..1e-3) {
        let x = Fixed::from_num(1.0 + d);
        let e = error(ln(x).unwrap(), x.to_num::<f64>().ln());
        prop_assert!(e <= TOLERANCE, "ln({x}) error {e:e}");
    }

    #[test]
    fn exp_is_within_tolerance(x in -35.0f64..54.0) {
        let x = Fixed::from_num(x);
        let e = error(exp(x).unwrap(), x.to_num::<f64>().exp());
        prop_assert!(e <= TOLERANCE, "exp({x}) error {e:e}");
    }

    #[test]
    fn sqrt_is_within_tolerance(x in log_uniform(-40.0, 78.0)) {
        let e = error(sqrt(x).unwrap(), x.to_num::<f64>().sqrt());
        prop_assert!(e <= TOLERANCE, "sqrt({x}) error {e:e}");
    }

    #[test]
    fn pow_is_within_tolerance(x in log_uniform(-14.0, 14.0), y in -4.0f64..4.0) {
        let y = Fixed::from_num(y);
        let want = x.to_num::<f64>().powf(y.to_num::<f64>());
        let e = error(pow(x, y).unwrap(), want);
        prop_assert!(e <= TOLERANCE, "pow({x}, {y}) error {e:e}");
    }

    #[test]
    fn pow_of_decay_factors_is_within_tolerance(lambda in 0.5f64..0.9999, days in 0.0f64..30.0) {
        let (x, y) = (Fixed::from_num(lambda), Fixed::from_num(days));
        let want = x.to_num::<f64>().powf(y.to_num::<f64>());
        let e = error(pow(x, y).unwrap(), want);
        prop_assert!(e <= TOLERANCE, "pow({x}, {y}) error {e:e}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5_000))]

    #[test]
    fn normal_cdf_is_within_1e9_of_f64(x in -10.0f64..10.0) {
        let x = Fixed::from_num(x);
        let got = normal_cdf(x).unwrap().to_num::<f64>();
        let want = normal_cdf_f64(x.to_num::<f64>());
        prop_assert!((got - want).abs() <= CDF_TOLERANCE, "N({x}) = {got}, f64 {want}");
    }

    #[test]
    fn normal_cdf_is_monotone(x in -10.0f64..10.0, dx in 0.0f64..0.5) {
        let (a, b) = (Fixed::from_num(x), Fixed::from_num(x + dx));
        prop_assert!(normal_cdf(a).unwrap() <= normal_cdf(b).unwrap());
    }
}

#[test]
fn normal_cdf_dense_grid_is_within_1e9_of_f64() {
    // 400,001 points, one every 5e-5 over [-10, 10]; the worst error is far below the bound
    // (the accuracy report prints it).
    let mut worst = (0.0f64, 0.0f64);
    for i in 0..=400_000 {
        let x = Fixed::from_num(-10.0 + f64::from(i) * 5e-5);
        let got = normal_cdf(x).unwrap().to_num::<f64>();
        let e = (got - normal_cdf_f64(x.to_num::<f64>())).abs();
        if e > worst.0 {
            worst = (e, x.to_num::<f64>());
        }
    }
    assert!(
        worst.0 <= CDF_TOLERANCE,
        "worst {:e} at {}",
        worst.0,
        worst.1
    );
    // Far tighter in fact: f64's own rounding (1.1e-16 near 1) plus half a step.
    assert!(worst.0 <= 4e-15, "worst {:e} at {}", worst.0, worst.1);
}

#[test]
fn ln_of_zero_and_negative_are_errors() {
    assert!(matches!(
        ln(Fixed::ZERO),
        Err(SizingError::LnOfNonPositive { .. })
    ));
    assert!(matches!(
        ln(Fixed::NEG_ONE),
        Err(SizingError::LnOfNonPositive { .. })
    ));
}

#[test]
fn ln_covers_the_whole_positive_range() {
    let smallest = ln(Fixed::DELTA).unwrap().to_num::<f64>();
    assert!((smallest - (-48.0 * 2f64.ln())).abs() < 1e-12);
    let largest = ln(Fixed::MAX).unwrap().to_num::<f64>();
    assert!((largest - Fixed::MAX.to_num::<f64>().ln()).abs() < 1e-12);
}

#[test]
fn exp_beyond_range_is_an_overflow_error() {
    assert_eq!(
        exp(Fixed::from_num(55)),
        Err(SizingError::Overflow { op: "exp" })
    );
    assert_eq!(exp(Fixed::MAX), Err(SizingError::Overflow { op: "exp" }));
}

#[test]
fn exp_far_below_zero_rounds_to_zero() {
    // e^-40 = 4.2e-18 is below half a step (1.8e-15): its nearest value is 0.
    assert_eq!(exp(Fixed::from_num(-40)), Ok(Fixed::ZERO));
    assert_eq!(exp(Fixed::MIN), Ok(Fixed::ZERO));
}

#[test]
fn exp_inverts_ln() {
    for x in ["0.05", "1", "2.5", "64123.25", "1000000"] {
        let x: Fixed = x.parse().unwrap();
        let back = exp(ln(x).unwrap()).unwrap();
        assert!(error(back, x.to_num::<f64>()) <= TOLERANCE, "{x} -> {back}");
    }
}

#[test]
fn sqrt_of_negative_is_an_error() {
    assert!(matches!(
        sqrt(Fixed::from_num(-4)),
        Err(SizingError::SqrtOfNegative { .. })
    ));
}

#[test]
fn sqrt_of_max_does_not_overflow() {
    let s = sqrt(Fixed::MAX).unwrap().to_num::<f64>();
    assert!((s / Fixed::MAX.to_num::<f64>().sqrt() - 1.0).abs() < 1e-12);
}

#[test]
fn pow_domain_errors_are_values() {
    assert!(matches!(
        pow(Fixed::NEG_ONE, Fixed::lit("0.5")),
        Err(SizingError::PowUndefined { .. })
    ));
    assert!(matches!(
        pow(Fixed::ZERO, Fixed::ZERO),
        Err(SizingError::PowUndefined { .. })
    ));
    assert!(matches!(
        pow(Fixed::ZERO, Fixed::NEG_ONE),
        Err(SizingError::PowUndefined { .. })
    ));
    assert_eq!(pow(Fixed::ZERO, Fixed::lit("0.5")), Ok(Fixed::ZERO));
}

#[test]
fn pow_overflow_is_an_error_and_underflow_is_zero() {
    let big = Fixed::from_num(1_000_000);
    assert_eq!(
        pow(big, Fixed::from_num(5)),
        Err(SizingError::Overflow { op: "exp" })
    );
    assert_eq!(pow(big, Fixed::from_num(-5)), Ok(Fixed::ZERO));
    assert_eq!(
        pow(Fixed::from_num(2), Fixed::MAX),
        Err(SizingError::Overflow { op: "pow" })
    );
    assert_eq!(pow(Fixed::lit("0.5"), Fixed::MAX), Ok(Fixed::ZERO));
}

#[test]
fn pow_keeps_huge_exponents_of_values_near_one() {
    // (1 + 2^-30)^(2^29) is about e^0.5. Rounding ln x to a step first would cost 2^29 * 2^-49,
    // about 1e-6; at internal precision the product stays within 1e-13.
    let x = Fixed::ONE + Fixed::from_num(2f64.powi(-30));
    let y = Fixed::from_num(1u64 << 29);
    let want = (2f64.powi(29) * 2f64.powi(-30).ln_1p()).exp();
    let got = pow(x, y).unwrap().to_num::<f64>();
    assert!((got - want).abs() < 1e-13, "{got} vs {want}");
}

#[test]
fn pow_with_exponent_one_or_zero_is_exact() {
    let x = Fixed::from_num(1234.5678);
    assert_eq!(pow(x, Fixed::ONE), Ok(x));
    assert_eq!(pow(x, Fixed::ZERO), Ok(Fixed::ONE));
}
