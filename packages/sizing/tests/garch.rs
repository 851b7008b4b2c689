//! The GARCH(1,1) estimator against f64: the BTC history and a series with gaps.
#![allow(clippy::float_arithmetic, clippy::as_conversions)]

mod common;

use ballast_sizing::{Fixed, GarchParams};
use common::*;

const TOLERANCE: f64 = 1e-9;

/// Parameters near a maximum-likelihood fit of the BTC history (`ballast fit-garch`).
fn btc_params() -> GarchParams {
    GarchParams::new(
        Fixed::lit("0.00005"),
        Fixed::lit("0.12"),
        Fixed::lit("0.86"),
        86_400,
    )
    .unwrap()
}

fn compare(obs: &[(u64, String)], params: &GarchParams) -> f64 {
    let f64_obs: Vec<(u64, f64)> = obs.iter().map(|(t, p)| (*t, p.parse().unwrap())).collect();
    let want = garch_f64(
        &f64_obs,
        params.omega().to_num(),
        params.alpha().to_num(),
        params.beta().to_num(),
        params.step_seconds() as f64,
    );
    let got = garch_fixed(obs, params);
    assert_eq!(got.len(), want.len());
    got.iter()
        .zip(&want)
        .map(|(g, w)| (g.to_num::<f64>() - w).abs() / w)
        .fold(0.0, f64::max)
}

#[test]
fn btc_history_matches_f64_at_every_row() {
    let daily = load_daily("data/btc_usd_daily.csv");
    let obs: Vec<(u64, String)> = daily.iter().map(|(_, t, p)| (*t, p.clone())).collect();
    let worst = compare(&obs, &btc_params());
    assert!(worst <= TOLERANCE, "worst relative error {worst:e}");
}

#[test]
fn irregular_gaps_match_f64() {
    let params = GarchParams::new(
        Fixed::lit("0.000004"),
        Fixed::lit("0.07"),
        Fixed::lit("0.9"),
        86_400,
    )
    .unwrap();
    let worst = compare(&gappy_series(), &params);
    assert!(worst <= TOLERANCE, "worst relative error {worst:e}");
}

#[test]
fn wti_history_matches_f64_with_weekends() {
    let daily = load_daily("data/wti_usd_daily.csv");
    let obs: Vec<(u64, String)> = daily.iter().map(|(_, t, p)| (*t, p.clone())).collect();
    let params = GarchParams::new(
        Fixed::lit("0.000003"),
        Fixed::lit("0.06"),
        Fixed::lit("0.93"),
        86_400,
    )
    .unwrap();
    let worst = compare(&obs, &params);
    assert!(worst <= TOLERANCE, "worst relative error {worst:e}");
}
