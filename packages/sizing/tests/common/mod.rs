//! Shared by the accuracy tests and the `accuracy` example: f64 references and the data files.
#![allow(clippy::float_arithmetic, clippy::as_conversions, dead_code)]

use ballast_sizing::{Fixed, Price};
use std::path::PathBuf;

/// One step of I80F48.
pub const STEP: f64 = 1.0 / (1u64 << 48) as f64;

/// The error measure of the foundation issue: relative error, unless the result is so close to
/// zero that the type's step dominates; then absolute error in units of 4 steps, scaled to 1e-12.
/// A value <= 1e-12 passes.
pub fn error(got: Fixed, want: f64) -> f64 {
    let got = got.to_num::<f64>();
    let abs = (got - want).abs();
    let rel = if want == 0.0 { abs } else { abs / want.abs() };
    rel.min(abs / (4.0 * STEP) * 1e-12)
}

/// The standard normal CDF in f64: 0.5 * erfc(-x / sqrt 2), erfc from libm (musl's, about 1 ulp).
pub fn normal_cdf_f64(x: f64) -> f64 {
    0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
}

pub fn repo_file(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(name)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// (date, unix seconds, price text) of every row of a `date,close` file.
pub fn load_daily(name: &str) -> Vec<(String, u64, String)> {
    let text = std::fs::read_to_string(repo_file(name)).expect("data file");
    text.lines()
        .skip(1)
        .map(|line| {
            let (date, close) = line.split_once(',').expect("two columns");
            let parts: Vec<i64> = date.split('-').map(|p| p.parse().unwrap()).collect();
            let t = days_from_civil(parts[0], parts[1], parts[2]) * 86_400;
            (date.to_string(), t as u64, close.to_string())
        })
        .collect()
}

/// (date, vol) of the reference series.
pub fn load_reference(name: &str) -> Vec<(String, f64)> {
    let text = std::fs::read_to_string(repo_file(name)).expect("reference file");
    text.lines()
        .skip(1)
        .map(|line| {
            let (date, vol) = line.split_once(',').expect("two columns");
            (date.to_string(), vol.parse().unwrap())
        })
        .collect()
}

/// DESIGN section 4 in f64: the annualised vol after each observation from the second on.
pub fn ewma_f64(obs: &[(u64, f64)], lambda: f64, tau: f64) -> Vec<f64> {
    let year = 31_536_000.0;
    let mut out = Vec::new();
    let mut v: Option<f64> = None;
    for w in obs.windows(2) {
        let (t0, p0) = w[0];
        let (t1, p1) = w[1];
        let d = (t1 - t0) as f64;
        let r = (p1 / p0).ln();
        let sample = r * r * year / d;
        v = Some(match v {
            None => sample,
            Some(prev) => {
                let a = lambda.powf(d / tau);
                a * prev + (1.0 - a) * sample
            }
        });
        out.push(v.unwrap().sqrt());
    }
    out
}

/// Runs the fixed-point estimator over (time, price text) and returns each vol from the second on.
pub fn ewma_fixed(obs: &[(u64, String)], lambda: Fixed, tau: u64) -> Vec<Fixed> {
    let params = ballast_sizing::EwmaParams::new(lambda, tau).unwrap();
    let first: Price = obs[0].1.parse().unwrap();
    let mut state = ballast_sizing::VolState::new(obs[0].0, first);
    obs[1..]
        .iter()
        .map(|(t, p)| {
            state.observe(&params, *t, p.parse().unwrap()).unwrap();
            state.vol().unwrap().unwrap()
        })
        .collect()
}

/// A deterministic price series with weekends, holidays, a six-day outage and intraday
/// (fractional-day) updates: 1,500 observations of a random walk from a small LCG.
pub fn gappy_series() -> Vec<(u64, String)> {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut t: u64 = 1_600_000_000;
    let mut price: f64 = 2_000.0;
    let mut out = Vec::new();
    for i in 0..1_500u64 {
        let gap = match i % 10 {
            4 => 3 * 86_400,                // a weekend
            9 if i % 70 == 9 => 6 * 86_400, // an outage
            7 => 3_600 * (1 + (i % 17)),    // intraday updates
            8 => 2 * 86_400 + 43_200,       // a holiday and a half day
            _ => 86_400,
        };
        t += gap;
        let u = next() - 0.5;
        price *= (u * 0.08).exp();
        out.push((t, format!("{price:.6}")));
    }
    out
}

/// GARCH(1,1) of `ballast_sizing::garch` in f64: the annualised vol after each observation from the
/// second on, starting from the long-run variance, gaps weighted as beta^k and (1 - beta^k)/(1 - beta).
pub fn garch_f64(obs: &[(u64, f64)], omega: f64, alpha: f64, beta: f64, tau: f64) -> Vec<f64> {
    let year = 31_536_000.0;
    let w = omega * year / tau;
    let mut h = w / (1.0 - alpha - beta);
    obs.windows(2)
        .map(|pair| {
            let (t0, p0) = pair[0];
            let (t1, p1) = pair[1];
            let d = (t1 - t0) as f64;
            let r = (p1 / p0).ln();
            let b = beta.powf(d / tau);
            let g = (1.0 - b) / (1.0 - beta);
            h = b * h + g * (alpha * r * r * year / d + w);
            h.sqrt()
        })
        .collect()
}

/// Runs the fixed-point GARCH over (time, price text) and returns each vol from the second on.
pub fn garch_fixed(obs: &[(u64, String)], params: &ballast_sizing::GarchParams) -> Vec<Fixed> {
    let first: Price = obs[0].1.parse().unwrap();
    let mut state = ballast_sizing::GarchState::new(obs[0].0, first);
    obs[1..]
        .iter()
        .map(|(t, p)| {
            state.observe(params, *t, p.parse().unwrap()).unwrap();
            state.vol().unwrap().unwrap()
        })
        .collect()
}
