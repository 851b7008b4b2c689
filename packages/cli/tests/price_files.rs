//! `ballast replay` on price files as people have them, through the binary: a Yahoo export, a pandas
//! `to_csv` with its index unnamed, an exchange's unix-millisecond bars, hourly FX with weekend gaps,
//! closes with float noise; and what is still refused, named by file, line and field.
#![allow(clippy::float_arithmetic)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const JAN_1_2024: u64 = 1_704_067_200;
const DAY: u64 = 86_400;
const HOUR: u64 = 3_600;

fn replay(prices: &Path, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ballast"))
        .args(["replay", "--prices", prices.to_str().unwrap()])
        .args(["--out", out.to_str().unwrap()])
        .output()
        .expect("run ballast")
}

/// Writes `content` as `name` in `dir`, replays it into `dir/out`, and returns summary.json and
/// the rows of replay.csv.
fn replayed(dir: &Path, name: &str, content: &str) -> (Value, Vec<csv::StringRecord>, String) {
    let prices = write(dir, name, content);
    let out = dir.join("out");
    let res = replay(&prices, &out);
    assert!(
        res.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&res.stderr)
    );
    let summary = serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap());
    let rows = csv::Reader::from_path(out.join("replay.csv"))
        .unwrap()
        .records()
        .map(Result::unwrap)
        .collect();
    (
        summary.unwrap(),
        rows,
        String::from_utf8(res.stdout).unwrap(),
    )
}

fn write(dir: &Path, name: &str, content: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

/// `n` closes from 100 on, each a pseudo-random step of about `size` (log), always the same.
fn closes(n: usize, size: f64) -> Vec<f64> {
    let mut state: u64 = 42;
    let mut price = 100.0_f64;
    (0..n)
        .map(|i| {
            if i > 0 {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let u = (state >> 11) as f64 / (1u64 << 53) as f64; // [0, 1)
                price *= (size * (2.0 * u - 1.0) * 3f64.sqrt()).exp();
            }
            price
        })
        .collect()
}

/// `YYYY-MM-DD` and `HH:MM:SS` of a unix time.
fn civil(time: u64) -> (String, String) {
    let z = time / DAY + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + u64::from(m <= 2);
    let s = time % DAY;
    (
        format!("{y:04}-{m:02}-{d:02}"),
        format!("{:02}:{:02}:{:02}", s / HOUR, s / 60 % 60, s % 60),
    )
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// Every row replayed, one block per row, labelled by date, and the vault traded.
fn assert_daily(summary: &Value, rows: &[csv::StringRecord], n: usize, first: &str) {
    assert_eq!(summary["days"], n);
    assert_eq!(summary["daily"], true);
    assert_eq!(rows.len(), n);
    assert_eq!(&rows[0][0], first);
    assert!(num(&summary["orders"]["accepted"]) > 0.0, "{summary}");
    assert!(num(&summary["realized_vol"]) > 0.0);
}

#[test]
fn a_yahoo_export_replays_from_its_close() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("Date,Open,High,Low,Close,Volume\n");
    for (i, c) in closes(80, 0.03).iter().enumerate() {
        let (date, _) = civil(JAN_1_2024 + i as u64 * DAY);
        writeln!(
            text,
            "{date},{c:.4},{:.4},{:.4},{c:.4},123456",
            c * 1.01,
            c * 0.99
        )
        .unwrap();
    }
    let (s, rows, stdout) = replayed(dir.path(), "BTC-USD.csv", &text);
    assert_daily(&s, &rows, 80, "2024-01-01");
    // The same saved on Windows, with a byte-order mark.
    let windows = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let (w, _, _) = replayed(dir.path(), "BTC-USD-windows.csv", &windows);
    assert_eq!(w["final_nav"], s["final_nav"]);
    assert_eq!(w["columns"]["time"], "Date");
    assert_eq!(s["columns"]["time"], "Date");
    assert_eq!(s["columns"]["close"], "Close");
    assert_eq!(s["rounded_closes"], 0);
    assert!(stdout.contains("replayed 80 days"), "{stdout}");
}

#[test]
fn a_yahoo_export_with_both_closes_replays_the_adjusted_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("Date,Open,High,Low,Close,Adj Close,Volume\n");
    for (i, c) in closes(60, 0.03).iter().enumerate() {
        let (date, _) = civil(JAN_1_2024 + i as u64 * DAY);
        // A 2-for-1 split on day 30 in the raw close: the adjusted close has none.
        let raw = if i < 30 { c * 2.0 } else { *c };
        writeln!(
            text,
            "{date},{raw:.2},{raw:.2},{raw:.2},{raw:.2},{c:.2},1000"
        )
        .unwrap();
    }
    let (s, rows, _) = replayed(dir.path(), "SPY.csv", &text);
    assert_daily(&s, &rows, 60, "2024-01-01");
    assert_eq!(s["columns"]["close"], "Adj Close");
    assert_eq!(&rows[0][1], "100");
    assert_eq!(
        s["breaker_trips"], 0,
        "the split is not in the adjusted close"
    );
}

#[test]
fn a_pandas_to_csv_with_its_index_unnamed_replays() {
    let dir = tempfile::tempdir().unwrap();
    let (mut plain, mut zoned) = (
        String::from(",Open,High,Low,Close,Volume\n"),
        String::from(",close\n"),
    );
    for (i, c) in closes(60, 0.03).iter().enumerate() {
        let (date, _) = civil(JAN_1_2024 + i as u64 * DAY);
        writeln!(plain, "{date},{c},{c},{c},{c},10.0").unwrap();
        // A tz-aware DatetimeIndex: midnight in UTC, so still a daily file.
        writeln!(zoned, "{date} 00:00:00+00:00,{c}").unwrap();
    }
    let (s, rows, _) = replayed(dir.path(), "pandas.csv", &plain);
    assert_daily(&s, &rows, 60, "2024-01-01");
    assert_eq!(s["columns"]["time"], "(unnamed column 1)");
    let (z, zoned_rows, _) = replayed(dir.path(), "pandas_tz.csv", &zoned);
    assert_daily(&z, &zoned_rows, 60, "2024-01-01");
    assert_eq!(z["final_nav"], s["final_nav"]);
}

#[test]
fn an_exchange_export_in_unix_milliseconds_replays() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("timestamp,open,high,low,close,volume\n");
    for (i, c) in closes(60, 0.03).iter().enumerate() {
        let ms = (JAN_1_2024 + i as u64 * DAY) * 1_000;
        writeln!(text, "{ms},{c:.2},{c:.2},{c:.2},{c:.2},5.5").unwrap();
    }
    let (s, rows, _) = replayed(dir.path(), "binance.csv", &text);
    assert_daily(&s, &rows, 60, "2024-01-01");
    assert_eq!(s["columns"]["time"], "timestamp");
    assert_eq!(s["last_date"], "2024-02-29");
}

/// Annualised realised vol of `values` at `times`: sample variance times the returns observed a year.
fn realised(times: &[u64], values: &[f64]) -> f64 {
    let r: Vec<f64> = values.windows(2).map(|w| (w[1] / w[0]).ln()).collect();
    let n = r.len() as f64;
    let mean = r.iter().sum::<f64>() / n;
    let variance = r.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
    let years = (times[times.len() - 1] - times[0]) as f64 / 31_536_000.0;
    (variance * n / years).sqrt()
}

#[test]
fn hourly_fx_with_weekend_gaps_replays_one_block_per_bar() {
    let dir = tempfile::tempdir().unwrap();
    // Ten weeks of EUR/USD-like bars, Monday 00:00 to Friday 23:00 UTC, none at weekends, moving
    // about 0.5% an hour: some 40% a year over the hours the market is open. 2024-01-01 is a Monday;
    // (days since 1970 + 4) % 7 is 0 on a Sunday, 6 on a Saturday.
    let times: Vec<u64> = (0..70 * 24)
        .map(|h| JAN_1_2024 + h * HOUR)
        .filter(|t| !matches!((t / DAY + 4) % 7, 0 | 6))
        .collect();
    let mut text = String::from("time,open,high,low,close\n");
    let cs = closes(times.len(), 0.005);
    for (t, c) in times.iter().zip(&cs) {
        let (date, clock) = civil(*t);
        writeln!(text, "{date}T{clock}Z,{c:.5},{c:.5},{c:.5},{c:.5}").unwrap();
    }
    let (s, rows, stdout) = replayed(dir.path(), "eurusd_1h.csv", &text);
    let n = times.len();
    assert_eq!(n, 50 * 24, "ten weeks of five days");
    assert_eq!(s["daily"], false);
    assert_eq!(s["days"], n);
    assert_eq!(rows.len(), n);
    assert!(stdout.contains(&format!("replayed {n} rows")), "{stdout}");
    assert_eq!(&rows[0][0], "2024-01-01T00:00:00Z");
    assert_eq!(&rows[1][0], "2024-01-01T01:00:00Z");
    // Friday 23:00, then Monday 00:00: the weekend is one gap of 49 hours.
    let friday = rows
        .iter()
        .position(|r| &r[0] == "2024-01-05T23:00:00Z")
        .unwrap();
    assert_eq!(&rows[friday + 1][0], "2024-01-08T00:00:00Z");
    // The vault waits for a month of hourly returns, not 30 hours, then sizes from them.
    assert_eq!(s["warmup_returns"], 720);
    let first = rows.iter().position(|r| &r[6] == "accepted").unwrap();
    assert_eq!(first, 720);
    // From then on, the vault's realised vol (annualised by the returns observed a year, about
    // 24 * 5 * 52) is on target, and its forecast (by calendar time) tracks the asset's.
    let nav: Vec<f64> = rows[first..]
        .iter()
        .map(|r| r[5].parse().unwrap())
        .collect();
    let vault = realised(&times[first..], &nav);
    assert!((vault / 0.4 - 1.0).abs() < 0.15, "vault: {vault}");
    let asset = realised(&times[first..], &cs[first..]);
    let forecasts: Vec<f64> = rows[first..]
        .iter()
        .map(|r| r[2].parse().unwrap())
        .collect();
    let forecast = forecasts.iter().sum::<f64>() / forecasts.len() as f64;
    assert!(
        (forecast / asset - 1.0).abs() < 0.15,
        "{forecast} vs {asset}"
    );
}

#[test]
fn closes_with_float_noise_are_rounded_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("date,close\n");
    let cs = closes(50, 0.03);
    for (i, c) in cs.iter().enumerate() {
        let (date, _) = civil(JAN_1_2024 + i as u64 * DAY);
        // What `print(float)` writes: up to 17 significant digits.
        let close = if i == 1 {
            "0.08388999999999999".to_string()
        } else {
            format!("{}", c / 1_000.0)
        };
        writeln!(text, "{date},{close}").unwrap();
    }
    let noisy = text
        .lines()
        .skip(1)
        .filter(|l| {
            l.split(',')
                .nth(1)
                .unwrap()
                .split('.')
                .nth(1)
                .unwrap_or("")
                .len()
                > 8
        })
        .count();
    assert!(noisy > 40, "{noisy} noisy closes");
    let (s, rows, stdout) = replayed(dir.path(), "noise.csv", &text);
    assert_daily(&s, &rows, 50, "2024-01-01");
    assert_eq!(s["rounded_closes"], noisy);
    assert_eq!(&rows[1][1], "0.08389");
    assert!(
        stdout.contains(&format!("{noisy} closes of column \"close\" rounded")),
        "{stdout}"
    );
    let report = std::fs::read_to_string(dir.path().join("out/report.md")).unwrap();
    assert!(
        report.contains(&format!("{noisy} close(s) had more than 8 decimals")),
        "{report}"
    );
}

/// Asserts a refusal: exit 1, one stderr line naming `{file}:LINE: ...`, nothing written.
fn assert_refused(content: &str, says: &str) {
    let dir = tempfile::tempdir().unwrap();
    let prices = write(dir.path(), "prices.csv", content);
    let out = dir.path().join("out");
    let res = replay(&prices, &out);
    assert_eq!(res.status.code(), Some(1), "{content}");
    assert!(res.stdout.is_empty());
    let stderr = String::from_utf8(res.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let located = says.replace("{file}", prices.to_str().unwrap());
    assert!(stderr.contains(&located), "{stderr:?} lacks {located:?}");
    assert!(!out.exists(), "--out was created");
}

#[test]
fn what_is_still_ambiguous_is_refused_with_file_line_and_field() {
    assert_refused(
        "Date,Close\n2024-01-01,1\n01/02/2024,2\n",
        "{file}:3: field \"Date\": \"01/02/2024\" is not a time: write YYYY-MM-DD",
    );
    assert_refused(
        "date,time,close\n2024-01-01,00:00,1\n2024-01-02,00:00,2\n",
        "{file}:1: columns \"date\" and \"time\" each name a time",
    );
    assert_refused(
        "date,close,price\n2024-01-01,1,1\n2024-01-02,2,2\n",
        "{file}:1: columns \"close\" and \"price\" could each be the close",
    );
    assert_refused(
        "Date,Close\n2024-01-01,1\n2024-01-02,\n",
        "{file}:3: field \"Close\" is missing",
    );
    assert_refused(
        "Date,Close\n2024-01-01,1\n2024-01-02,null\n",
        "{file}:3: field \"Close\": ",
    );
    // Two bars within one second: the same block time, so the second is not after the first.
    assert_refused(
        "timestamp,close\n1704067200000,1\n1704067201000,2\n1704067201500,3\n",
        "{file}:4: field \"timestamp\": 1704067201500 is not after the previous row's 1704067201000",
    );
    assert_refused(
        "time,close\n2024-01-02T10:00:00+02:00,1\n2024-01-02T07:30:00Z,2\n",
        "{file}:3: field \"time\": 2024-01-02T07:30:00Z is not after",
    );
    // Windows line endings: the line is still the line.
    assert_refused(
        "Date,Close\r\n2024-01-01,1\r\n2024-01-02,2\r\n2024-01-03,x\r\n",
        "{file}:4: field \"Close\": \"x\" is not a decimal number",
    );
    // pandas' default index of row numbers is not a time.
    assert_refused(
        ",close\n0,1\n1,2\n",
        "{file}:2: field \"(unnamed column 1)\": \"0\" is below 10^8",
    );
}
