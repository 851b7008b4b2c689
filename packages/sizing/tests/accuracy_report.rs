//! Prints the worst errors of ln, exp, pow, sqrt, the normal CDF and the EWMA and GARCH estimators
//! against f64 references.
//!
//! `cargo test --release -p ballast-sizing --test accuracy_report` (a report, not a pass/fail test: the
//! assertions are in accuracy.rs and estimator.rs; `cargo test` runs it too).
//!
//! "error" is the measure the tests hold to <= 1e-12 (relative, or absolute in units of 4 steps
//! where the result is near zero); "worst relative" is the plain relative error, for the record.
#![allow(clippy::float_arithmetic, clippy::as_conversions)]

mod common;

use ballast_sizing::{Fixed, GarchParams, exp, ln, normal_cdf, pow, sqrt};
use common::*;

struct Worst {
    name: &'static str,
    error: f64,
    relative: f64,
    at: String,
}

impl Worst {
    fn new(name: &'static str) -> Self {
        Self {
            name,
            error: 0.0,
            relative: 0.0,
            at: String::new(),
        }
    }

    fn record(&mut self, got: Fixed, want: f64, at: impl FnOnce() -> String) {
        let e = error(got, want);
        let r = (got.to_num::<f64>() - want).abs() / want.abs();
        self.relative = self.relative.max(r);
        if e > self.error {
            self.error = e;
            self.at = at();
        }
    }

    fn print(&self) {
        println!(
            "{:<22} {:>12.3e} {:>15.3e}   {}",
            self.name, self.error, self.relative, self.at
        );
    }
}

fn main() {
    let n = 200_000;
    let grid = |lo: f64, hi: f64| (0..n).map(move |i| lo + (hi - lo) * i as f64 / n as f64);

    let mut w = Worst::new("ln [2^-40, 2^78]");
    for e in grid(-40.0, 78.0) {
        let x = Fixed::from_num(2f64.powf(e));
        w.record(ln(x).unwrap(), x.to_num::<f64>().ln(), || x.to_string());
    }
    println!(
        "{:<22} {:>12} {:>15}   at",
        "function", "error", "worst relative"
    );
    w.print();

    let mut w = Worst::new("exp [-35, 54]");
    for x in grid(-35.0, 54.0) {
        let x = Fixed::from_num(x);
        w.record(exp(x).unwrap(), x.to_num::<f64>().exp(), || x.to_string());
    }
    w.print();

    let mut w = Worst::new("sqrt [2^-40, 2^78]");
    for e in grid(-40.0, 78.0) {
        let x = Fixed::from_num(2f64.powf(e));
        w.record(sqrt(x).unwrap(), x.to_num::<f64>().sqrt(), || x.to_string());
    }
    w.print();

    let mut w = Worst::new("pow [2^-14,2^14]^[-4,4]");
    for (i, e) in grid(-14.0, 14.0).enumerate() {
        let x = Fixed::from_num(2f64.powf(e));
        let y = Fixed::from_num(-4.0 + 8.0 * ((i * 7919) % n) as f64 / n as f64);
        let want = x.to_num::<f64>().powf(y.to_num::<f64>());
        w.record(pow(x, y).unwrap(), want, || format!("{x} ^ {y}"));
    }
    w.print();

    // Absolute error: the bound for N(x) is 1e-9 absolute.
    let mut worst = (0.0f64, String::new());
    for x in grid(-10.0, 10.0) {
        let x = Fixed::from_num(x);
        let got = normal_cdf(x).unwrap().to_num::<f64>();
        let e = (got - normal_cdf_f64(x.to_num::<f64>())).abs();
        if e > worst.0 {
            worst = (e, x.to_string());
        }
    }
    println!(
        "{:<22} {:>12.3e} {:>15}   {} (absolute)",
        "normal_cdf [-10, 10]", worst.0, "", worst.1
    );

    let daily = load_daily("data/btc_usd_daily.csv");
    let reference = load_reference("data/btc_ewma_ref.csv");
    let obs: Vec<(u64, String)> = daily.iter().map(|(_, t, p)| (*t, p.clone())).collect();
    let vols = ewma_fixed(&obs, Fixed::lit("0.94"), 86_400);
    let mut w = Worst::new("EWMA vs btc_ewma_ref");
    for (v, (date, want)) in vols.iter().zip(&reference) {
        w.record(*v, *want, || date.clone());
    }
    w.print();

    let gappy = gappy_series();
    let f64_obs: Vec<(u64, f64)> = gappy
        .iter()
        .map(|(t, p)| (*t, p.parse().unwrap()))
        .collect();
    let want = ewma_f64(&f64_obs, 0.94, 86_400.0);
    let got = ewma_fixed(&gappy, Fixed::lit("0.94"), 86_400);
    let mut w = Worst::new("EWMA gaps vs f64");
    for (i, (g, v)) in got.iter().zip(&want).enumerate() {
        w.record(*g, *v, || format!("row {i}"));
    }
    w.print();

    let f64_daily: Vec<(u64, f64)> = obs.iter().map(|(t, p)| (*t, p.parse().unwrap())).collect();
    let garch = GarchParams::new(
        Fixed::lit("0.00005"),
        Fixed::lit("0.12"),
        Fixed::lit("0.86"),
        86_400,
    )
    .unwrap();
    let want = garch_f64(
        &f64_daily,
        garch.omega().to_num(),
        garch.alpha().to_num(),
        garch.beta().to_num(),
        86_400.0,
    );
    let mut w = Worst::new("GARCH BTC vs f64");
    for (i, (g, v)) in garch_fixed(&obs, &garch).iter().zip(&want).enumerate() {
        w.record(*g, *v, || daily[i + 1].0.clone());
    }
    w.print();
}
