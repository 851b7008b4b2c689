//! `ballast replay` through the binary: the outputs of a short slice of the BTC history, the stress
//! scenarios, and bad input refused before anything is written.
#![allow(clippy::float_arithmetic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

fn replay(prices: &Path, out: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ballast"))
        .args(["replay", "--prices", prices.to_str().unwrap()])
        .args(["--out", out.to_str().unwrap()])
        .args(extra)
        .output()
        .expect("run ballast")
}

fn summary(out: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap()
}

fn csv_rows(out: &Path) -> Vec<csv::StringRecord> {
    let mut reader = csv::Reader::from_path(out.join("replay.csv")).unwrap();
    reader.records().map(Result::unwrap).collect()
}

const COLUMNS: [&str; 17] = [
    "date",
    "price",
    "forecast_vol",
    "target_notional",
    "executed_notional",
    "nav",
    "decision",
    "binding_cap",
    "traded_notional",
    "leverage",
    "unmanaged_nav",
    "depositor_value",
    "halted",
    "liquidated",
    "deleveraged",
    "event",
    "error",
];

#[test]
fn four_hundred_btc_days_write_every_output() {
    let dir = tempfile::tempdir().unwrap();
    let prices = btc_slice(dir.path(), 400);
    let out = dir.path().join("out");
    let res = replay(&prices, &out, &[]);
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    let stdout = String::from_utf8(res.stdout).unwrap();
    assert!(stdout.contains("replayed 400 days"), "{stdout}");

    let mut reader = csv::Reader::from_path(out.join("replay.csv")).unwrap();
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        COLUMNS
    );
    let rows = csv_rows(&out);
    assert_eq!(rows.len(), 400);
    assert_eq!(&rows[0][0], "2010-07-17");
    assert_eq!(&rows[0][1], "0.05");
    let decisions = ["accepted", "scaled", "rejected", "hold", "failed"];
    assert!(rows.iter().all(|r| decisions.contains(&&r[6])));

    let s = summary(&out);
    assert_eq!(s["days"], 400);
    assert_eq!(s["target_vol"], 0.4);
    for field in [
        "realized_vol",
        "unmanaged_vol",
        "vol_of_vol",
        "unmanaged_vol_of_vol",
        "max_drawdown",
        "unmanaged_max_drawdown",
        "final_nav",
        "wall_seconds",
    ] {
        assert!(s[field].as_f64().is_some(), "{field}: {}", s[field]);
    }
    let orders = &s["orders"];
    let counted: u64 = decisions.iter().map(|d| orders[d].as_u64().unwrap()).sum();
    assert_eq!(counted, 400);
    assert!(s["binding_caps"]["vol_target"].as_u64().unwrap() > 300);
    assert!(s["liquidations"].as_u64().is_some());
    // The vault aims at 40%; holding 2010-11 BTC was far wilder.
    let realized = s["realized_vol"].as_f64().unwrap();
    assert!((realized / 0.4 - 1.0).abs() < 0.15, "{realized}");
    assert!(s["unmanaged_vol"].as_f64().unwrap() > 1.0);
    assert!(s["vol_of_vol"].as_f64() < s["unmanaged_vol_of_vol"].as_f64());
    assert!(s["max_drawdown"].as_f64() < s["unmanaged_max_drawdown"].as_f64());

    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(report.contains("## Verdict"));
    for png in [
        "price",
        "volatility",
        "exposure",
        "nav",
        "drawdown",
        "decisions",
    ] {
        let bytes = std::fs::read(out.join(format!("{png}.png"))).unwrap();
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{png}.png");
        assert!(report.contains(&format!("]({png}.png)")), "{png}");
    }
}

#[test]
fn a_crash_trips_the_breaker_and_an_outage_refuses_orders() {
    let dir = tempfile::tempdir().unwrap();
    let prices = btc_slice(dir.path(), 120);
    let out = dir.path().join("out");
    let scenarios = [
        "--scenario",
        "crash:40@2010-10-20",
        "--scenario",
        "outage:2@2010-10-25",
        "--scenario",
        "stale@2010-11-01",
    ];
    let res = replay(&prices, &out, &scenarios);
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    let rows = csv_rows(&out);
    assert_eq!(rows.len(), 121);
    let crash = rows.iter().find(|r| &r[0] == "2010-10-20 12:00").unwrap();
    assert_eq!(&crash[15], "crash -40%");
    assert_eq!(&crash[12], "true", "halted after the crash");
    assert_eq!(&crash[7], "circuit_breaker");
    // Nothing trades on a missing or stale price: the order is refused, fails, or is not needed.
    for (date, event) in [
        ("2010-10-25", "outage"),
        ("2010-10-26", "outage"),
        ("2010-11-01", "stale"),
    ] {
        let day = rows.iter().find(|r| &r[0] == date).unwrap();
        assert_eq!(&day[15], event);
        assert!(
            ["failed", "rejected", "hold"].contains(&&day[6]),
            "{date}: {}",
            &day[6]
        );
        assert_eq!(day[8].parse::<f64>().unwrap(), 0.0, "{date} traded");
    }
    let s = summary(&out);
    assert!(s["breaker_trips"].as_u64().unwrap() >= 1);
    assert_eq!(s["intraday_steps"], 1);
    assert_eq!(s["days"], 120);
    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(report.contains("## Stress scenarios"));
}

#[test]
fn a_future_dated_price_is_refused_by_the_vaults_own_guard() {
    // Our oracle refuses a publish_time beyond 5 s ahead; the scenario publishes through a foreign
    // Pyth-style oracle that stores it, so the vault's `max_future_skew` guard is what refuses it.
    let dir = tempfile::tempdir().unwrap();
    let prices = btc_slice(dir.path(), 90);
    let out = dir.path().join("out");
    let res = replay(&prices, &out, &["--scenario", "future@2010-09-20"]);
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    let rows = csv_rows(&out);
    let at = rows.iter().position(|r| &r[0] == "2010-09-20").unwrap();
    let (day, next) = (&rows[at], &rows[at + 1]);
    assert_eq!(&day[15], "future");
    assert_eq!((&day[6], &day[7]), ("rejected", "future_price"), "{day:?}");
    assert_eq!(
        day[8].parse::<f64>().unwrap(),
        0.0,
        "traded on a future price"
    );
    // The next day's honest price is later than the future one: trading resumes.
    assert_ne!(&next[6], "failed", "{next:?}");
    assert_ne!(&next[7], "future_price", "{next:?}");
    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(report.contains("foreign"), "the report says which oracle");
}

/// Asserts a refusal: exit 1, one stderr line containing `says`, nothing written to `--out`.
fn assert_refused(content: &str, extra: &[&str], says: &str) {
    let dir = tempfile::tempdir().unwrap();
    let prices = dir.path().join("prices.csv");
    std::fs::write(&prices, content).unwrap();
    let out = dir.path().join("out");
    let res = replay(&prices, &out, extra);
    assert_eq!(res.status.code(), Some(1));
    assert!(res.stdout.is_empty());
    let stderr = String::from_utf8(res.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("ballast: "), "{stderr}");
    let located = says.replace("{file}", prices.to_str().unwrap());
    assert!(stderr.contains(&located), "{stderr:?} lacks {located:?}");
    assert!(!out.exists(), "--out was created");
}

const GOOD: &str = "date,close\n2024-01-01,100\n2024-01-02,101\n2024-01-03,99\n";

#[test]
fn a_close_that_rounds_to_zero_at_8_decimals_is_refused_with_file_line_and_field() {
    // A ninth decimal is rounded (tests/price_files.rs); a close that rounds to nothing is refused.
    assert_refused(
        "date,close\n2024-01-01,100\n2024-01-02,0.000000004\n",
        &[],
        "{file}:3: field \"close\": \"0.000000004\" rounds to 0 at 8 decimals",
    );
}

#[test]
fn a_close_too_large_for_the_oracle_is_refused() {
    assert_refused(
        "date,close\n2024-01-01,100\n2024-01-02,100000000000\n",
        &[],
        "{file}:3: field \"close\": \"100000000000\" is too large",
    );
}

#[test]
fn price_file_errors_are_those_of_vol() {
    assert_refused(
        "date,value\n2024-01-01,1\n2024-01-02,2\n",
        &[],
        "{file}:1: missing column \"close\"",
    );
    assert_refused(
        "date,close\n2024-01-01,1\n2024-01-01,2\n",
        &[],
        "{file}:3: field \"date\"",
    );
}

#[test]
fn a_target_out_of_bounds_is_named_by_its_flag() {
    assert_refused(
        GOOD,
        &["--target-vol", "3"],
        "--target-vol: 3 must be in (0, 2]",
    );
    assert_refused(
        GOOD,
        &["--lambda", "x"],
        "--lambda: \"x\" is not a decimal number",
    );
    assert_refused(
        GOOD,
        &["--capital", "0"],
        "--capital: \"0\" is not a whole number",
    );
}

#[test]
fn a_bad_scenario_is_refused() {
    assert_refused(
        GOOD,
        &["--scenario", "crash:30@2030-01-01"],
        "--scenario \"crash:30@2030-01-01\": \"2030-01-01\" is not a date of the price file",
    );
    assert_refused(
        GOOD,
        &["--scenario", "flood@2024-01-02"],
        "unknown scenario \"flood\"",
    );
}

#[test]
fn a_trend_signal_goes_flat_when_the_short_average_is_below_the_long_one() {
    let dir = tempfile::tempdir().unwrap();
    // 2011-2012: BTC's crash from $30 turns the 50-day average below the 200-day one.
    let prices = btc_slice(dir.path(), 600);
    let out = dir.path().join("out");
    let res = replay(&prices, &out, &["--signal", "trend"]);
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    assert_eq!(summary(&out)["signal"], "trend");
    // Some day after the first 200 has no exposure at all (leverage 0): the signal said flat.
    let leverage = COLUMNS.iter().position(|c| *c == "leverage").unwrap();
    let flat_days = csv_rows(&out)
        .iter()
        .skip(200)
        .filter(|row| row.get(leverage) == Some("0.0000"))
        .count();
    assert!(flat_days > 0, "the trend signal never went flat");
}

#[test]
fn the_drawdown_brake_cuts_the_2011_crash() {
    let dir = tempfile::tempdir().unwrap();
    // 2010-2012: BTC falls 93% from its June 2011 high.
    let prices = btc_slice(dir.path(), 600);
    let (braked, free) = (dir.path().join("braked"), dir.path().join("free"));
    for (out, extra) in [(&braked, vec![]), (&free, vec!["--max-drawdown", "none"])] {
        let res = replay(&prices, out, &extra);
        assert!(
            res.status.success(),
            "{}",
            String::from_utf8_lossy(&res.stderr)
        );
    }
    let (b, f) = (summary(&braked), summary(&free));
    assert!(b["binding_caps"]["drawdown"].as_u64().unwrap() > 0);
    assert!(f["binding_caps"].get("drawdown").is_none());
    let (dd_braked, dd_free) = (
        b["max_drawdown"].as_f64().unwrap(),
        f["max_drawdown"].as_f64().unwrap(),
    );
    assert!(dd_braked < dd_free - 0.05, "{dd_braked} vs {dd_free}");
}

#[test]
fn the_margin_policy_leaves_no_liquidation_where_the_5_sigma_margin_had_two() {
    let dir = tempfile::tempdir().unwrap();
    // 2010-2011: two single-day falls in the autumn of 2011 exceed the 5-sigma margin.
    let prices = btc_slice(dir.path(), 480);
    let (policy, minimal) = (dir.path().join("policy"), dir.path().join("minimal"));
    for (out, extra) in [
        (&policy, vec![]),
        (&minimal, vec!["--redemption-buffer", "none"]),
    ] {
        let res = replay(&prices, out, &extra);
        assert!(
            res.status.success(),
            "{}",
            String::from_utf8_lossy(&res.stderr)
        );
    }
    let (p, m) = (summary(&policy), summary(&minimal));
    assert_eq!(p["redemption_buffer"].as_f64(), Some(0.2));
    assert!(m["redemption_buffer"].is_null());
    assert_eq!(p["liquidations"].as_u64(), Some(0));
    assert_eq!(m["liquidations"].as_u64(), Some(2));
}

#[test]
fn a_redemption_buffer_out_of_bounds_is_named_by_its_flag() {
    assert_refused(
        GOOD,
        &["--redemption-buffer", "0.01"],
        "--redemption-buffer: 0.01 must be in [0.02, 1]",
    );
}

#[test]
fn a_brake_that_starts_past_its_end_is_named_by_its_flag() {
    assert_refused(
        GOOD,
        &["--drawdown-start", "0.6"],
        "--drawdown-start: 0.6 must be in [0, max_drawdown)",
    );
    assert_refused(
        GOOD,
        &["--peak-half-life-days", "0"],
        "--peak-half-life-days: 0 must be in [1, 3650]",
    );
}

/// A synthetic file: 60 days of +-2% to warm the estimator up, then 60 days of a steady 1% fall, with
/// a `signal` column that is `early` for the first 60 rows and `late` after.
fn falling_with_signal(dir: &Path, late: &str) -> PathBuf {
    let mut text = String::from("date,close,signal\n");
    let mut price = 100_000.0_f64;
    for day in 0..120 {
        if day > 0 {
            price *= if day < 60 {
                if day % 2 == 0 { 1.02 } else { 0.98 }
            } else {
                0.99
            };
        }
        let date = 1_704_067_200 + day * 86_400; // 2024-01-01 on
        let (y, m, d) = civil(date / 86_400);
        let signal = if day < 60 { "1" } else { late };
        text.push_str(&format!("{y:04}-{m:02}-{d:02},{price:.2},{signal}\n"));
    }
    let path = dir.join(format!("falling_{late}.csv"));
    std::fs::write(&path, text).unwrap();
    path
}

/// (year, month, day) of a day number since 1970-01-01.
fn civil(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + u64::from(m <= 2);
    (y, m, d)
}

#[test]
fn a_signal_column_of_minus_one_shorts_the_fall() {
    let dir = tempfile::tempdir().unwrap();
    let mut finals = vec![];
    for late in ["-1", "1"] {
        let prices = falling_with_signal(dir.path(), late);
        let out = dir.path().join(format!("out{late}"));
        let res = replay(
            &prices,
            &out,
            &["--signal", "column", "--max-drawdown", "none"],
        );
        assert!(
            res.status.success(),
            "{}",
            String::from_utf8_lossy(&res.stderr)
        );
        assert_eq!(summary(&out)["signal"], "column");
        finals.push(summary(&out)["final_nav"].as_f64().unwrap());
    }
    let capital = 1_000_000.0;
    assert!(finals[0] > capital, "short through the fall: {}", finals[0]);
    assert!(finals[1] < capital, "long through the fall: {}", finals[1]);
}

#[test]
fn a_signal_outside_the_unit_range_is_refused_with_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let prices = falling_with_signal(dir.path(), "1.5");
    let res = replay(&prices, &dir.path().join("out"), &["--signal", "column"]);
    assert!(!res.status.success());
    let stderr = String::from_utf8_lossy(&res.stderr);
    assert!(
        stderr.contains(":62: field \"signal\": \"1.5\" is not a number in [-1, 1]"),
        "{stderr}"
    );
    let res = replay(
        &btc_slice(dir.path(), 40),
        &dir.path().join("out"),
        &["--signal", "column"],
    );
    assert!(!res.status.success());
    assert!(
        String::from_utf8_lossy(&res.stderr).contains("needs a \"signal\" column"),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
}

#[test]
fn a_garch_market_forecasts_differently_on_chain() {
    let dir = tempfile::tempdir().unwrap();
    let prices = btc_slice(dir.path(), 200);
    let (ewma, garch) = (dir.path().join("ewma"), dir.path().join("garch"));
    let res = replay(&prices, &ewma, &[]);
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    let res = replay(&prices, &garch, &["--garch", "0.0001,0.2,0.75"]);
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    assert_eq!(summary(&ewma)["forecaster"], "ewma");
    assert_eq!(summary(&garch)["forecaster"], "garch(0.0001, 0.2, 0.75)");
    let vol = COLUMNS.iter().position(|c| *c == "forecast_vol").unwrap();
    let last = |out: &Path| csv_rows(out).last().unwrap().get(vol).unwrap().to_string();
    assert_ne!(last(&ewma), last(&garch));
    let res = replay(&prices, &garch, &["--garch", "0.0001,0.5,0.5"]);
    assert!(!res.status.success());
    assert!(
        String::from_utf8_lossy(&res.stderr)
            .contains("--garch: garch_persistence is 1, must be alpha + beta <= 0.9999"),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
}
