//! Black-Scholes delta against f64 (erfc from libm), its edge cases, leg deltas and the band hedge.

#![allow(clippy::float_arithmetic)]

use super::*;
use crate::error::SizingError;
use proptest::prelude::*;

fn fx(decimal: &str) -> Fixed {
    decimal.parse().unwrap()
}

fn option(kind: OptionKind, strike: &str, years: &str, vol: &str, rate: &str) -> EuropeanOption {
    EuropeanOption {
        kind,
        strike: fx(strike),
        years: fx(years),
        implied_vol: fx(vol),
        rate: fx(rate),
    }
}

fn call(strike: &str, years: &str, vol: &str) -> EuropeanOption {
    option(OptionKind::Call, strike, years, vol, "0")
}

/// Black-Scholes delta in f64 from the same inputs.
fn delta_f64(spot: f64, o: &EuropeanOption) -> f64 {
    let (k, t, v, r) = (
        o.strike.to_num::<f64>(),
        o.years.to_num::<f64>(),
        o.implied_vol.to_num::<f64>(),
        o.rate.to_num::<f64>(),
    );
    let d1 = ((spot / k).ln() + (r + v * v / 2.0) * t) / (v * t.sqrt());
    let n = 0.5 * libm::erfc(-d1 / std::f64::consts::SQRT_2);
    match o.kind {
        OptionKind::Call => n,
        OptionKind::Put => n - 1.0,
    }
}

#[test]
fn at_the_money_call_delta_is_n_of_half_sigma_root_t() {
    // S = K, r = 0: d1 = sigma * sqrt(T) / 2 = 0.5 * 1 / 2 = 0.25; N(0.25) = 0.598706325682923...
    let delta = bs_delta(fx("100"), &call("100", "1", "0.5")).unwrap();
    assert!(
        (delta - fx("0.5987063256829237")).abs() <= Fixed::DELTA * 2,
        "{delta}"
    );
}

#[test]
fn delta_matches_f64_over_a_grid() {
    let mut worst = 0.0f64;
    for spot in ["50", "90", "99.5", "100", "101", "120", "250"] {
        for years in ["0.002", "0.0833", "0.5", "1", "3"] {
            for vol in ["0.05", "0.2", "0.8", "1.5"] {
                for rate in ["-0.01", "0", "0.05"] {
                    for kind in [OptionKind::Call, OptionKind::Put] {
                        let o = option(kind, "100", years, vol, rate);
                        let got = bs_delta(fx(spot), &o).unwrap().to_num::<f64>();
                        let want = delta_f64(fx(spot).to_num::<f64>(), &o);
                        worst = worst.max((got - want).abs());
                    }
                }
            }
        }
    }
    assert!(worst <= 1e-12, "worst absolute error {worst:e}");
}

#[test]
fn put_delta_is_call_delta_minus_one() {
    for spot in ["80", "100", "133.7"] {
        let c = bs_delta(
            fx(spot),
            &option(OptionKind::Call, "100", "0.25", "0.6", "0.03"),
        )
        .unwrap();
        let p = bs_delta(
            fx(spot),
            &option(OptionKind::Put, "100", "0.25", "0.6", "0.03"),
        )
        .unwrap();
        assert_eq!(c - p, Fixed::ONE, "spot {spot}");
        assert!(p < Fixed::ZERO && p > -Fixed::ONE);
    }
}

#[test]
fn at_expiry_delta_is_a_step_at_the_strike() {
    let expired = |spot: &str, kind| bs_delta(fx(spot), &option(kind, "100", "0", "0.5", "0"));
    assert_eq!(expired("100.01", OptionKind::Call), Ok(Fixed::ONE));
    assert_eq!(expired("99.99", OptionKind::Call), Ok(Fixed::ZERO));
    assert_eq!(expired("100", OptionKind::Call), Ok(fx("0.5")));
    assert_eq!(expired("100.01", OptionKind::Put), Ok(Fixed::ZERO));
    assert_eq!(expired("99.99", OptionKind::Put), Ok(-Fixed::ONE));
    assert_eq!(expired("100", OptionKind::Put), Ok(fx("-0.5")));
}

#[test]
fn without_volatility_delta_steps_at_the_forward() {
    // S = 100, K = 104, r = 5%, T = 1: forward 105.13 > 104, so the call is surely exercised.
    let o = option(OptionKind::Call, "104", "1", "0", "0.05");
    assert_eq!(bs_delta(fx("100"), &o), Ok(Fixed::ONE));
    // K = 106 is above the forward.
    let o = option(OptionKind::Call, "106", "1", "0", "0.05");
    assert_eq!(bs_delta(fx("100"), &o), Ok(Fixed::ZERO));
}

#[test]
fn a_vanishing_volatility_tends_to_the_step_without_error() {
    // sigma * sqrt(T) of one step: d1 is beyond the internal range, N(d1) is exactly 1 or 0.
    let tiny = EuropeanOption {
        implied_vol: Fixed::DELTA,
        ..call("100", "1", "0.5")
    };
    assert_eq!(bs_delta(fx("100.5"), &tiny), Ok(Fixed::ONE));
    assert_eq!(bs_delta(fx("99.5"), &tiny), Ok(Fixed::ZERO));
    // At the money d1 = sigma * sqrt(T) / 2, so the delta is 1/2.
    assert_eq!(bs_delta(fx("100"), &tiny), Ok(fx("0.5")));
}

#[test]
fn deep_in_and_out_of_the_money_saturate() {
    assert_eq!(
        bs_delta(fx("1000"), &call("100", "0.01", "0.3")),
        Ok(Fixed::ONE)
    );
    assert_eq!(
        bs_delta(fx("10"), &call("100", "0.01", "0.3")),
        Ok(Fixed::ZERO)
    );
}

#[test]
fn bad_inputs_are_refused_by_name() {
    let named = |r: SizingResult<Fixed>| match r {
        Err(SizingError::InvalidParameter { name, .. }) => name,
        other => panic!("expected InvalidParameter, got {other:?}"),
    };
    assert_eq!(named(bs_delta(fx("0"), &call("100", "1", "0.5"))), "spot");
    assert_eq!(
        named(bs_delta(fx("100"), &call("-1", "1", "0.5"))),
        "strike"
    );
    assert_eq!(
        named(bs_delta(fx("100"), &call("100", "-0.1", "0.5"))),
        "years"
    );
    assert_eq!(
        named(bs_delta(fx("100"), &call("100", "1", "-0.5"))),
        "implied_vol"
    );
}

#[test]
fn spot_leg_has_delta_one_per_unit() {
    let leg = Leg::Spot {
        quantity: fx("-2.5"),
    };
    assert_eq!(leg.delta(fx("123")), Ok(fx("-2.5")));
}

#[test]
fn option_leg_delta_is_quantity_times_delta() {
    let o = call("100", "1", "0.5");
    let leg = Leg::Option {
        quantity: fx("-10"),
        option: o,
    };
    let per_unit = bs_delta(fx("100"), &o).unwrap();
    assert_eq!(leg.delta(fx("100")), Ok(per_unit * fx("-10")));
}

#[test]
fn net_delta_sums_the_legs() {
    // Short 10 ATM calls (about -5.99) and long 4 units spot.
    let legs = [
        Leg::Option {
            quantity: fx("-10"),
            option: call("100", "1", "0.5"),
        },
        Leg::Spot { quantity: fx("4") },
    ];
    let net = net_delta(&legs, fx("100")).unwrap().to_num::<f64>();
    assert!(
        (net - (-10.0 * 0.598_706_325_682_923_7 + 4.0)).abs() < 1e-12,
        "{net}"
    );
}

#[test]
fn inside_the_band_no_hedge_trades() {
    assert_eq!(hedge_order(fx("1.5"), fx("-1"), fx("0.5")), Ok(Fixed::ZERO));
    assert_eq!(hedge_order(fx("-0.5"), fx("0"), fx("0.5")), Ok(Fixed::ZERO));
}

#[test]
fn above_the_band_the_hedge_sells_to_the_upper_edge() {
    // Net 3 - 1 = 2 against a band of 0.5: sell 1.5, to net +0.5.
    assert_eq!(hedge_order(fx("3"), fx("-1"), fx("0.5")), Ok(fx("-1.5")));
}

#[test]
fn below_the_band_the_hedge_buys_to_the_lower_edge() {
    // Net -6 against a band of 1: buy 5, to net -1.
    assert_eq!(hedge_order(fx("-6"), fx("0"), fx("1")), Ok(fx("5")));
}

#[test]
fn a_zero_band_hedges_to_exactly_zero() {
    assert_eq!(
        hedge_order(fx("2.25"), fx("0.5"), Fixed::ZERO),
        Ok(fx("-2.75"))
    );
}

#[test]
fn a_negative_band_is_refused() {
    assert!(matches!(
        hedge_order(fx("1"), fx("0"), fx("-0.1")),
        Err(SizingError::InvalidParameter {
            name: "delta_band",
            ..
        })
    ));
}

#[test]
fn hedge_overflow_is_an_error() {
    assert_eq!(
        hedge_order(Fixed::MAX, Fixed::ONE, Fixed::ZERO),
        Err(SizingError::Overflow { op: "hedge_order" })
    );
}

fn delta_strategy() -> impl Strategy<Value = Fixed> {
    (-1_000_000i64..1_000_000).prop_map(|n| Fixed::from_num(n) / 1_000)
}

fn band_strategy() -> impl Strategy<Value = Fixed> {
    (0i64..5_000).prop_map(|n| Fixed::from_num(n) / 1_000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn the_hedge_lands_inside_the_band_with_the_least_trade(
        legs in delta_strategy(),
        perp in delta_strategy(),
        band in band_strategy(),
    ) {
        let order = hedge_order(legs, perp, band).unwrap();
        let before = legs + perp;
        let after = before + order;
        prop_assert!(after.abs() <= band, "net {after} outside {band}");
        // The least trade: none when already inside, else exactly the distance to the band.
        let excess = (before.abs() - band).max(Fixed::ZERO);
        prop_assert_eq!(order.abs(), excess);
    }

    #[test]
    fn call_delta_is_in_unit_interval_and_rises_with_spot(
        spot in 1u32..100_000,
        bump in 1u32..1_000,
        years_days in 0u32..1_000,
        vol_pct in 0u32..300,
    ) {
        let o = EuropeanOption {
            kind: OptionKind::Call,
            strike: Fixed::from_num(20_000),
            years: Fixed::from_num(years_days) / 365,
            implied_vol: Fixed::from_num(vol_pct) / 100,
            rate: Fixed::ZERO,
        };
        let low = bs_delta(Fixed::from_num(spot), &o).unwrap();
        let high = bs_delta(Fixed::from_num(spot + bump), &o).unwrap();
        prop_assert!(low >= Fixed::ZERO && high <= Fixed::ONE);
        prop_assert!(low <= high, "delta({spot}) = {low} > delta({}) = {high}", spot + bump);
    }
}
