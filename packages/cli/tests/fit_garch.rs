//! `ballast fit-garch` through the binary: fits on the BTC and WTI histories, checked against an
//! independent likelihood, and bad input refused with the file, line and reason.
#![allow(clippy::float_arithmetic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn repo_file(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(name)
}

fn ballast(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ballast"))
        .args(args)
        .output()
        .expect("run ballast")
}

fn fit_json(file: &Path) -> Value {
    let out = ballast(&["fit-garch", "--prices", file.to_str().unwrap(), "--json"]);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Closes of a `date,close` file with one row per calendar day.
fn closes(file: &Path) -> Vec<f64> {
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split_once(',').unwrap().1.parse().unwrap())
        .collect()
}

/// The textbook daily GARCH(1,1) Gaussian log-likelihood, written apart from the CLI: per-day
/// variance s2_1 = omega / (1 - alpha - beta), s2_{t+1} = omega + alpha r_t^2 + beta s2_t.
fn log_likelihood(closes: &[f64], omega: f64, alpha: f64, beta: f64) -> f64 {
    let mut s2 = omega / (1.0 - alpha - beta);
    let mut ll = 0.0;
    for w in closes.windows(2) {
        let r = (w[1] / w[0]).ln();
        ll -= 0.5 * ((2.0 * std::f64::consts::PI).ln() + s2.ln() + r * r / s2);
        s2 = omega + alpha * r * r + beta * s2;
    }
    ll
}

fn field(v: &Value, name: &str) -> f64 {
    v[name]
        .as_f64()
        .unwrap_or_else(|| panic!("{name} missing in {v}"))
}

#[test]
fn btc_fit_is_stationary_and_beats_nearby_parameters() {
    let file = repo_file("data/btc_usd_daily.csv");
    let v = fit_json(&file);
    let (omega, alpha, beta) = (field(&v, "omega"), field(&v, "alpha"), field(&v, "beta"));
    assert!(omega > 0.0 && alpha > 0.0 && beta > 0.0, "{v}");
    assert!(alpha + beta < 1.0, "{v}");
    assert_eq!(v["returns"], 5_800);
    let prices = closes(&file);
    let best = log_likelihood(&prices, omega, alpha, beta);
    // The printed likelihood is this model's, computed independently here.
    assert!(
        (field(&v, "log_likelihood") - best).abs() < 1e-6 * best.abs(),
        "{v} vs {best}"
    );
    let p = alpha + beta;
    let nearby = [
        (omega * 0.8, alpha, beta),
        (omega * 1.25, alpha, beta),
        (omega, alpha * 0.9, beta),
        (omega, alpha * 1.1, beta - alpha * 0.1),
        (omega, alpha, beta - (1.0 - p)),
        (omega, alpha + 0.02, beta - 0.02),
        (omega, alpha - 0.02, beta + 0.02 * (1.0 - p)),
        (2e-5, 0.12, 0.86),
        (1e-5, 0.1, 0.85),
    ];
    for (o, a, b) in nearby {
        let other = log_likelihood(&prices, o, a, b);
        assert!(other < best, "({o}, {a}, {b}) gives {other} >= {best}");
    }
}

#[test]
fn wti_fit_is_stationary() {
    let v = fit_json(&repo_file("data/wti_usd_daily.csv"));
    let (alpha, beta) = (field(&v, "alpha"), field(&v, "beta"));
    assert!(alpha > 0.0 && beta > 0.0 && alpha + beta < 1.0, "{v}");
    assert!(field(&v, "log_likelihood").is_finite());
    assert!(field(&v, "long_run_vol") > 0.0);
    assert_eq!(v["returns"], 8_320);
}

#[test]
fn text_output_names_every_figure() {
    let out = ballast(&[
        "fit-garch",
        "--prices",
        repo_file("data/btc_usd_daily.csv").to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for name in [
        "omega ",
        "alpha ",
        "beta ",
        "persistence ",
        "long_run_vol ",
        "log_likelihood ",
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(name)),
            "{name:?} missing in {text}"
        );
    }
    let beta: f64 = text
        .lines()
        .find_map(|l| l.strip_prefix("beta "))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(beta > 0.0 && beta < 1.0);
}

/// Writes `content` to a temp file, runs fit-garch, and checks one located error line and exit 1.
fn assert_refused(content: &str, extra: &[&str], line: Option<u32>, says: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("prices.csv");
    std::fs::write(&path, content).unwrap();
    let path = path.to_str().unwrap();
    let mut args = vec!["fit-garch", "--prices", path];
    args.extend_from_slice(extra);
    let out = ballast(&args);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let location = match line {
        Some(l) => format!("ballast: {path}:{l}: "),
        None => format!("ballast: {path}: "),
    };
    assert!(
        stderr.starts_with(&location),
        "{stderr:?} lacks {location:?}"
    );
    assert!(stderr.contains(says), "{stderr:?} lacks {says:?}");
}

fn daily_file(closes: impl Iterator<Item = String>) -> String {
    let mut text = String::from("date,close\n");
    for (i, c) in closes.enumerate() {
        let day = i % 28 + 1;
        let month = i / 28 % 12 + 1;
        let year = 2000 + i / (28 * 12);
        text += &format!("{year}-{month:02}-{day:02},{c}\n");
    }
    text
}

#[test]
fn a_bad_close_is_named_with_its_line() {
    assert_refused(
        "date,close\n2024-01-01,100\n2024-01-02,abc\n",
        &[],
        Some(3),
        "field \"close\": \"abc\" is not a decimal number",
    );
}

#[test]
fn a_negative_close_is_refused() {
    assert_refused(
        "date,close\n2024-01-01,100\n2024-01-02,-5\n",
        &[],
        Some(3),
        "field \"close\": price must be positive",
    );
}

#[test]
fn too_few_returns_are_refused() {
    let closes = (0..30).map(|i| format!("{}", 100 + i % 3));
    assert_refused(
        &daily_file(closes),
        &[],
        None,
        "needs at least 50 returns to fit GARCH(1,1), found 29",
    );
}

#[test]
fn flat_prices_are_refused() {
    let closes = (0..100).map(|_| "42.5".to_string());
    assert_refused(&daily_file(closes), &[], None, "no volatility to fit");
}

#[test]
fn a_zero_step_is_refused_by_flag() {
    let out = ballast(&[
        "fit-garch",
        "--prices",
        repo_file("data/btc_usd_daily.csv").to_str().unwrap(),
        "--step-seconds",
        "0",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "ballast: --step-seconds: 0 must be > 0\n"
    );
}

#[test]
fn a_missing_file_is_named() {
    let out = ballast(&["fit-garch", "--prices", "/nonexistent/p.csv"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("ballast: /nonexistent/p.csv: "),
        "{stderr}"
    );
}
