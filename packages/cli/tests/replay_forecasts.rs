//! `ballast replay`'s forecast tracking (EWMA against GARCH) through the binary: summary.json's
//! `forecast_tracking`, checked against the vault's own EWMA column of replay.csv, and its table in
//! report.md.
#![allow(clippy::float_arithmetic)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The first `rows` rows of the shipped BTC history, in `dir`.
fn btc_slice(dir: &Path, rows: usize) -> PathBuf {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/btc_usd_daily.csv");
    let text = std::fs::read_to_string(full).unwrap();
    let slice: Vec<&str> = text.lines().take(rows + 1).collect();
    let path = dir.join("btc.csv");
    std::fs::write(&path, slice.join("\n") + "\n").unwrap();
    path
}

fn replay(prices: &Path, out: &Path) -> Value {
    let status = Command::new(env!("CARGO_BIN_EXE_ballast"))
        .args(["replay", "--prices", prices.to_str().unwrap()])
        .args(["--out", out.to_str().unwrap()])
        .output()
        .expect("run ballast");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap()
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// (close, vault forecast_vol) of each row of replay.csv.
fn replay_rows(out: &Path) -> Vec<(f64, Option<f64>)> {
    let mut reader = csv::Reader::from_path(out.join("replay.csv")).unwrap();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[1].parse().unwrap(), r[2].parse().ok())
        })
        .collect()
}

#[test]
fn tracking_scores_both_models_at_both_horizons() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let summary = replay(&btc_slice(dir.path(), 400), &out);
    let t = &summary["forecast_tracking"];
    assert_eq!(num(&t["warmup_returns"]), 30.0);
    let evaluations = t["evaluations"].as_array().unwrap();
    let names: Vec<&str> = evaluations
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["in_sample", "out_of_sample"]);
    for e in evaluations {
        assert!(num(&e["alpha"]) + num(&e["beta"]) < 1.0, "{e}");
        let horizons = e["horizons"].as_array().unwrap();
        assert_eq!(horizons.len(), 2);
        for h in horizons {
            for model in ["ewma", "garch"] {
                let m = &h[model];
                let (rmse, mae, bias) = (num(&m["rmse"]), num(&m["mae"]), num(&m["bias"]));
                assert!(rmse >= mae && mae >= bias.abs() && rmse > 0.0, "{m}");
            }
        }
    }
    // 399 returns: in sample, rows 30..=399-H are scored; out of sample, rows 199..=399-H.
    let in_21 = &evaluations[0]["horizons"][0];
    assert_eq!(num(&in_21["returns"]), 21.0);
    assert_eq!(num(&in_21["points"]), (399 - 21 - 30 + 1) as f64);
    let out_63 = &evaluations[1]["horizons"][1];
    assert_eq!(num(&out_63["points"]), (399 - 63 - 199 + 1) as f64);
}

#[test]
fn ewma_errors_match_the_vaults_own_forecasts() {
    // The vault's forecast_vol column is the same EWMA on chain: recompute the in-sample 21-day
    // RMSE and MAE from replay.csv alone.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let summary = replay(&btc_slice(dir.path(), 400), &out);
    let rows = replay_rows(&out);
    let r: Vec<f64> = rows.windows(2).map(|w| (w[1].0 / w[0].0).ln()).collect();
    let (h, mut sq, mut abs, mut n) = (21, 0.0, 0.0, 0.0);
    for t in 30..=r.len() - h {
        let realised = (r[t..t + h].iter().map(|x| x * x).sum::<f64>() * 365.0 / h as f64).sqrt();
        let forecast = rows[t].1.expect("forecast_vol after the first return");
        sq += (forecast - realised).powi(2);
        abs += (forecast - realised).abs();
        n += 1.0;
    }
    let ewma = &summary["forecast_tracking"]["evaluations"][0]["horizons"][0]["ewma"];
    assert!(
        (num(&ewma["rmse"]) - (sq / n).sqrt()).abs() < 1e-5,
        "{ewma}"
    );
    assert!((num(&ewma["mae"]) - abs / n).abs() < 1e-5, "{ewma}");
}

#[test]
fn report_has_the_tracking_table() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    replay(&btc_slice(dir.path(), 400), &out);
    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(report.contains("## Forecast tracking: EWMA against GARCH(1,1)"));
    let rows = report
        .lines()
        .filter(|l| l.starts_with("| in sample (") || l.starts_with("| out of sample ("))
        .count();
    assert_eq!(rows, 4, "{report}");
}

#[test]
fn a_short_file_has_no_tracking() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let summary = replay(&btc_slice(dir.path(), 120), &out);
    assert_eq!(summary["forecast_tracking"], Value::Null);
    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(report.contains("Not computed: the file has fewer than 252 returns."));
}
