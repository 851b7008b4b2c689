//! `ballast vol` through the binary: the BTC reference, and every kind of bad input.
#![allow(clippy::float_arithmetic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

/// Writes `content` to a file in a fresh temp dir and runs `ballast vol` on it.
fn vol_of(content: &str) -> (Output, tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("prices.csv");
    std::fs::write(&path, content).unwrap();
    let path = path.to_str().unwrap().to_string();
    (ballast(&["vol", "--prices", &path]), dir, path)
}

/// Asserts a failure: non-zero exit, nothing on stdout, one stderr line with file, line and text.
fn assert_refused(content: &str, line: Option<u32>, says: &str) {
    let (out, _dir, path) = vol_of(content);
    assert!(!out.status.success(), "exit status {:?}", out.status);
    assert!(
        out.stdout.is_empty(),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "stderr: {stderr}");
    let location = match line {
        Some(l) => format!("{path}:{l}: "),
        None => format!("{path}: "),
    };
    assert!(stderr.contains(&location), "{stderr:?} lacks {location:?}");
    assert!(stderr.contains(says), "{stderr:?} lacks {says:?}");
}

#[test]
fn btc_history_matches_the_reference_series() {
    let out = ballast(&[
        "vol",
        "--prices",
        repo_file("data/btc_usd_daily.csv").to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let reference = std::fs::read_to_string(repo_file("data/btc_ewma_ref.csv")).unwrap();
    let mut got = stdout.lines();
    assert_eq!(got.next(), Some("date,vol"));
    let mut rows = 0;
    for (line, want) in got.zip(reference.lines().skip(1)) {
        let (date, vol) = line.split_once(',').unwrap();
        let (want_date, want_vol) = want.split_once(',').unwrap();
        assert_eq!(date, want_date);
        let digits = vol.trim_start_matches(['0', '.']).replace('.', "");
        assert!(
            digits.len() >= 12,
            "{vol} has fewer than 12 significant digits"
        );
        let (v, w): (f64, f64) = (vol.parse().unwrap(), want_vol.parse().unwrap());
        assert!((v - w).abs() / w <= 1e-9, "{date}: {v} vs {w}");
        rows += 1;
    }
    assert_eq!(rows, 5_800);
}

#[test]
fn extra_columns_are_ignored_and_order_does_not_matter() {
    let (out, _dir, _) = vol_of("close,volume,date\n100,5,2024-01-01\n110,6,2024-01-02\n");
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    // sqrt(ln(1.1)^2 * 365)
    let want = (1.1f64.ln().powi(2) * 365.0).sqrt();
    let line = stdout.lines().nth(1).unwrap();
    let vol: f64 = line.strip_prefix("2024-01-02,").unwrap().parse().unwrap();
    assert!((vol - want).abs() / want < 1e-12);
}

#[test]
fn lambda_and_step_change_the_series() {
    let prices = "date,close\n2024-01-01,100\n2024-01-02,110\n2024-01-04,99\n";
    let (default, dir, path) = vol_of(prices);
    let other = ballast(&[
        "vol",
        "--prices",
        &path,
        "--lambda",
        "0.5",
        "--step-seconds",
        "172800",
    ]);
    drop(dir);
    let last = |o: &Output| {
        String::from_utf8(o.stdout.clone())
            .unwrap()
            .lines()
            .last()
            .unwrap()
            .to_string()
    };
    // v2 = a v1 + (1 - a) r2^2 Y / D with a = lambda^(D / tau), D = 2 days.
    let v1 = 1.1f64.ln().powi(2) * 365.0;
    let r2 = (99.0f64 / 110.0).ln();
    let expect = |lambda: f64, tau_days: f64| {
        let a = lambda.powf(2.0 / tau_days);
        (a * v1 + (1.0 - a) * r2 * r2 * 365.0 / 2.0).sqrt()
    };
    for (out, want) in [(&default, expect(0.94, 1.0)), (&other, expect(0.5, 2.0))] {
        let vol: f64 = last(out).split_once(',').unwrap().1.parse().unwrap();
        assert!((vol - want).abs() / want < 1e-12, "{vol} vs {want}");
    }
}

#[test]
fn missing_column_is_named() {
    assert_refused(
        "date,value\n2024-01-01,1\n2024-01-02,2\n",
        Some(1),
        "missing column \"close\"",
    );
}

#[test]
fn unparsable_close_is_named_with_its_line() {
    assert_refused(
        "date,close\n2024-01-01,1\n2024-01-02,abc\n",
        Some(3),
        "field \"close\"",
    );
}

#[test]
fn unparsable_date_is_named_with_its_line() {
    assert_refused(
        "date,close\n2024-01-01,1\n2024-02-30,2\n",
        Some(3),
        "field \"date\"",
    );
}

#[test]
fn zero_price_is_refused() {
    assert_refused(
        "date,close\n2024-01-01,1\n2024-01-02,0\n",
        Some(3),
        "price must be positive",
    );
}

#[test]
fn negative_price_is_refused() {
    assert_refused(
        "date,close\n2024-01-01,-1\n2024-01-02,2\n",
        Some(2),
        "price must be positive",
    );
}

#[test]
fn repeated_date_is_refused() {
    assert_refused(
        "date,close\n2024-01-01,1\n2024-01-02,2\n2024-01-02,3\n",
        Some(4),
        "is not after the previous row's 2024-01-02",
    );
}

#[test]
fn decreasing_date_is_refused() {
    assert_refused(
        "date,close\n2024-01-05,1\n2024-01-02,2\n",
        Some(3),
        "not after",
    );
}

#[test]
fn one_row_is_refused() {
    assert_refused(
        "date,close\n2024-01-01,1\n",
        None,
        "at least two price rows, found 1",
    );
}

#[test]
fn empty_file_is_refused() {
    assert_refused("", Some(1), "missing column \"date\"");
}

#[test]
fn missing_field_is_named() {
    assert_refused(
        "date,close\n2024-01-01,1\n2024-01-02\n",
        Some(3),
        "field \"close\" is missing",
    );
}

#[test]
fn missing_file_is_named() {
    let out = ballast(&["vol", "--prices", "/nonexistent/prices.csv"]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("/nonexistent/prices.csv"), "{stderr}");
}

#[test]
fn lambda_out_of_range_is_named() {
    let out = ballast(&[
        "vol",
        "--prices",
        repo_file("data/btc_usd_daily.csv").to_str().unwrap(),
        "--lambda",
        "1.5",
    ]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "ballast: --lambda: 1.5 must be in (0, 1)\n"
    );
}
