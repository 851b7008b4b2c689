//! The EWMA estimator against f64: the shipped BTC reference series, and a series with gaps.
#![allow(clippy::float_arithmetic, clippy::as_conversions)]

mod common;

use ballast_sizing::{EwmaParams, Fixed, Price, SizingError, VolState};
use common::*;

const TOLERANCE: f64 = 1e-9;

fn rel(got: Fixed, want: f64) -> f64 {
    (got.to_num::<f64>() - want).abs() / want.abs()
}

#[test]
fn btc_series_reproduces_the_reference_at_every_row() {
    let daily = load_daily("data/btc_usd_daily.csv");
    let reference = load_reference("data/btc_ewma_ref.csv");
    let obs: Vec<(u64, String)> = daily.iter().map(|(_, t, p)| (*t, p.clone())).collect();
    let vols = ewma_fixed(&obs, Fixed::lit("0.94"), 86_400);
    assert_eq!(vols.len(), reference.len());
    for ((vol, (date, want)), (row_date, _, _)) in vols.iter().zip(&reference).zip(&daily[1..]) {
        assert_eq!(date, row_date);
        let e = rel(*vol, *want);
        assert!(e <= TOLERANCE, "{date}: {vol} vs {want} ({e:e})");
    }
}

#[test]
fn irregular_gaps_match_f64() {
    let obs = gappy_series();
    let f64_obs: Vec<(u64, f64)> = obs.iter().map(|(t, p)| (*t, p.parse().unwrap())).collect();
    let want = ewma_f64(&f64_obs, 0.94, 86_400.0);
    let got = ewma_fixed(&obs, Fixed::lit("0.94"), 86_400);
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        let e = rel(*g, *w);
        assert!(e <= TOLERANCE, "row {i}: {g} vs {w} ({e:e})");
    }
}

#[test]
fn first_return_seeds_the_variance() {
    let params = EwmaParams::new(Fixed::lit("0.94"), 86_400).unwrap();
    let mut state = VolState::new(0, "100".parse().unwrap());
    assert_eq!(state.vol(), Ok(None));
    state
        .observe(&params, 86_400, "110".parse().unwrap())
        .unwrap();
    // v_1 = ln(1.1)^2 * 365
    let want = (1.1f64.ln().powi(2) * 365.0).sqrt();
    assert!(rel(state.vol().unwrap().unwrap(), want) < 1e-12);
    assert_eq!(state.returns, 1);
}

#[test]
fn observation_not_after_the_last_is_refused_and_state_kept() {
    let params = EwmaParams::new(Fixed::lit("0.94"), 86_400).unwrap();
    let mut state = VolState::new(1_000, "100".parse().unwrap());
    let before = state;
    assert_eq!(
        state.observe(&params, 1_000, "101".parse().unwrap()),
        Err(SizingError::TimeNotIncreasing {
            previous: 1_000,
            time: 1_000
        })
    );
    assert_eq!(state, before);
}

#[test]
fn parameters_out_of_range_are_named() {
    for lambda in ["0", "1", "-0.5", "1.5"] {
        assert!(matches!(
            EwmaParams::new(lambda.parse().unwrap(), 86_400),
            Err(SizingError::InvalidParameter { name: "lambda", .. })
        ));
    }
    assert!(matches!(
        EwmaParams::new(Fixed::lit("0.94"), 0),
        Err(SizingError::InvalidParameter {
            name: "step_seconds",
            ..
        })
    ));
}

#[test]
fn prices_parse_exactly() {
    let p: Price = "0.05".parse().unwrap();
    assert_eq!((p.mantissa(), p.expo()), (5, -2));
    let p: Price = "64123.50".parse().unwrap();
    assert_eq!((p.mantissa(), p.expo()), (6_412_350, -2));
    let p: Price = "1.5e3".parse().unwrap();
    assert_eq!((p.mantissa(), p.expo()), (15, 2));
}

#[test]
fn bad_prices_are_refused_by_kind() {
    for text in ["0", "0.000", "-3", "-0.1"] {
        assert!(
            matches!(
                text.parse::<Price>(),
                Err(SizingError::NonPositivePrice { .. })
            ),
            "{text}"
        );
    }
    for text in ["", ".", "abc", "1.2.3", "1e", "1,5", " 1"] {
        assert!(
            matches!(
                text.parse::<Price>(),
                Err(SizingError::InvalidDecimal { .. })
            ),
            "{text}"
        );
    }
}

#[test]
fn a_huge_move_in_one_second_is_an_error_not_a_wrap() {
    let params = EwmaParams::new(Fixed::lit("0.94"), 86_400).unwrap();
    let state = VolState::new(0, "1".parse().unwrap());
    // ln(1e300)^2 * 31,536,000 = 1.5e13 fits the internal range (1.4e14); ln(1e2000)^2 * Y does not.
    assert!(state.observed(&params, 1, "1e300".parse().unwrap()).is_ok());
    assert!(matches!(
        state.observed(&params, 1, "1e2000".parse().unwrap()),
        Err(SizingError::Overflow { .. })
    ));
}
