//! Stress scenarios laid over a price file, and the schedule of oracle updates they give.
//!
//! DATE is the time of a row of the price file, written as a price file may write it (`2024-01-02`,
//! `2024-01-02T13:00:00Z`, unix seconds...).
//!
//! - `outage:N@DATE`: no price is published for N days (of calendar time) from DATE on.
//! - `stale@DATE`: that row's price carries a publish_time [`STALE_SECONDS`] old.
//! - `future@DATE`: that row's price carries a publish_time [`FUTURE_SECONDS`] ahead. Our oracle
//!   refuses a publish_time more than 5 s ahead of the block (a stored one would freeze the feed), so
//!   a replay with this scenario deploys a foreign Pyth-style oracle that stores it
//!   ([`needs_foreign_oracle`]): the vault's own `max_future_skew` guard is what refuses it.
//! - `crash:P@DATE`: the price falls P% in one update halfway to the next row (at noon in a daily
//!   file, [`CRASH_OFFSET`] after the last row); the next row recovers.

use cosmwasm_std::{Decimal, Uint128};

use crate::prices::{PriceRow, time};

/// Age of a stale price: past the vault's `max_age` (60 s) and `reduce_max_age` (600 s), within the
/// perp market's own 3,600 s, so it is the vault's guard that refuses it.
pub const STALE_SECONDS: i64 = 1_800;
/// How far ahead a future price is: far beyond the vault's 5 s of clock skew (and our oracle's).
pub const FUTURE_SECONDS: i64 = 1_800;
/// When a crash happens at the latest: noon of its day, halfway to the next row in a daily file.
pub const CRASH_OFFSET: u64 = 43_200;

/// One scenario from `--scenario`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scenario {
    /// No price published for `days` days from `time` on.
    Outage { days: u64, time: u64 },
    /// A stale publish_time on the day at `time`.
    Stale { time: u64 },
    /// A publish_time in the future on the day at `time`.
    Future { time: u64 },
    /// A drop of `percent` at noon of the day at `time`.
    Crash { percent: Decimal, time: u64 },
}

const FORMS: &str = "outage:N@DATE, stale@DATE, future@DATE or crash:P@DATE";

/// Parses one `--scenario` value; DATE must be a row of the price file.
pub fn parse(text: &str, rows: &[PriceRow]) -> Result<Scenario, String> {
    let fail = |why: String| format!("--scenario {text:?}: {why}");
    let (kind, date) = text
        .split_once('@')
        .ok_or_else(|| fail(format!("expected {FORMS}")))?;
    let written = time::parse(date).ok();
    let time = rows
        .iter()
        .find(|r| r.date == date || Some(r.time) == written)
        .map(|r| r.time)
        .ok_or_else(|| fail(format!("{date:?} is not a date of the price file")))?;
    let (name, arg) = match kind.split_once(':') {
        Some((name, arg)) => (name, Some(arg)),
        None => (kind, None),
    };
    match (name, arg) {
        ("outage", Some(n)) => match n.parse::<u64>() {
            Ok(days) if days > 0 => Ok(Scenario::Outage { days, time }),
            _ => Err(fail(format!(
                "N must be a whole number of days > 0, got {n:?}"
            ))),
        },
        ("crash", Some(p)) => match p.parse::<Decimal>() {
            Ok(percent) if percent > Decimal::zero() && percent < Decimal::percent(10_000) => {
                Ok(Scenario::Crash { percent, time })
            }
            _ => Err(fail(format!(
                "P must be a percentage in (0, 100), got {p:?}"
            ))),
        },
        ("stale", None) => Ok(Scenario::Stale { time }),
        ("future", None) => Ok(Scenario::Future { time }),
        _ => Err(fail(format!("unknown scenario {kind:?}: expected {FORMS}"))),
    }
}

/// Whether the replay needs the foreign oracle: a `future@DATE` scenario publishes a price that
/// `ballast-oracle` refuses to store.
pub fn needs_foreign_oracle(scenarios: &[Scenario]) -> bool {
    scenarios
        .iter()
        .any(|s| matches!(s, Scenario::Future { .. }))
}

/// How an update reaches the oracle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Publish {
    /// Published at its own time.
    Fresh,
    /// Not published (an outage).
    Skipped,
    /// Published with a stale publish_time.
    Stale,
    /// Published with a publish_time in the future.
    Future,
}

/// One step of the replay: a row of the file, or an intraday update a scenario adds.
#[derive(Debug, Clone)]
pub struct Step {
    /// The row's date, or `DATE 12:00` for a crash.
    pub label: String,
    /// Unix seconds: the block time of this step.
    pub time: u64,
    /// The price, oracle mantissa at exponent -8.
    pub mantissa: i64,
    /// How it is published.
    pub publish: Publish,
    /// An update between the file's rows, left out of the daily statistics.
    pub intraday: bool,
    /// What a scenario did here, empty when nothing.
    pub event: String,
}

/// The steps of a replay: one per row, scenarios applied, crashes inserted after their row. In a
/// `daily` file a crash is labelled `DATE 12:00`.
pub fn schedule(
    rows: &[PriceRow],
    mantissas: &[i64],
    scenarios: &[Scenario],
    daily: bool,
) -> Vec<Step> {
    let mut steps = Vec::with_capacity(rows.len() + scenarios.len());
    for (i, (row, &mantissa)) in rows.iter().zip(mantissas).enumerate() {
        let mut step = Step {
            label: row.date.clone(),
            time: row.time,
            mantissa,
            publish: Publish::Fresh,
            intraday: false,
            event: String::new(),
        };
        for scenario in scenarios {
            match *scenario {
                Scenario::Outage { days, time }
                    if (time..time + days * 86_400).contains(&row.time) =>
                {
                    step.publish = Publish::Skipped;
                    step.event = "outage".into();
                }
                Scenario::Stale { time } if time == row.time => {
                    step.publish = Publish::Stale;
                    step.event = "stale".into();
                }
                Scenario::Future { time } if time == row.time => {
                    step.publish = Publish::Future;
                    step.event = "future".into();
                }
                _ => {}
            }
        }
        steps.push(step);
        for scenario in scenarios {
            if let Scenario::Crash { percent, time } = *scenario
                && time == row.time
            {
                // Before the next row, so that its block (and its price) comes after the crash.
                let offset = rows.get(i + 1).map_or(CRASH_OFFSET, |next| {
                    ((next.time - row.time) / 2).clamp(1, CRASH_OFFSET)
                });
                let at = row.time + offset;
                steps.push(Step {
                    label: if daily {
                        format!("{} {}", row.date, time::clock_label(at))
                    } else {
                        time::date_time_label(at)
                    },
                    time: at,
                    mantissa: crashed(mantissa, percent),
                    publish: Publish::Fresh,
                    intraday: true,
                    event: format!("crash -{percent}%"),
                });
            }
        }
    }
    steps
}

/// `mantissa * (1 - percent / 100)`, rounded down, at least 1.
fn crashed(mantissa: i64, percent: Decimal) -> i64 {
    let kept = Decimal::one() - percent / Uint128::new(100);
    let price = Uint128::new(u128::try_from(mantissa).unwrap_or(0)).mul_floor(kept);
    i64::try_from(price.u128()).unwrap_or(i64::MAX).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<PriceRow> {
        ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04"]
            .iter()
            .enumerate()
            .map(|(i, date)| PriceRow {
                line: u64::try_from(i).unwrap() + 2,
                date: date.to_string(),
                time: 1_704_067_200 + u64::try_from(i).unwrap() * 86_400,
                close: "100".parse().unwrap(),
                close_text: "100".into(),
                signal: None,
            })
            .collect()
    }

    #[test]
    fn every_form_parses() {
        let rows = rows();
        let day2 = rows[1].time;
        assert_eq!(
            parse("outage:2@2024-01-02", &rows),
            Ok(Scenario::Outage {
                days: 2,
                time: day2
            })
        );
        assert_eq!(
            parse("stale@2024-01-02", &rows),
            Ok(Scenario::Stale { time: day2 })
        );
        assert_eq!(
            parse("future@2024-01-02", &rows),
            Ok(Scenario::Future { time: day2 })
        );
        assert_eq!(
            parse("crash:12.5@2024-01-02", &rows),
            Ok(Scenario::Crash {
                percent: "12.5".parse().unwrap(),
                time: day2
            })
        );
    }

    #[test]
    fn bad_scenarios_say_what_is_wrong() {
        let rows = rows();
        for (text, says) in [
            ("crash:30", "expected outage:N@DATE"),
            (
                "crash:30@2030-01-01",
                "\"2030-01-01\" is not a date of the price file",
            ),
            ("crash:100@2024-01-02", "P must be a percentage in (0, 100)"),
            ("crash:x@2024-01-02", "P must be a percentage"),
            (
                "outage:0@2024-01-02",
                "N must be a whole number of days > 0",
            ),
            ("outage@2024-01-02", "unknown scenario \"outage\""),
            ("stale:3@2024-01-02", "unknown scenario \"stale:3\""),
            ("flood@2024-01-02", "unknown scenario \"flood\""),
        ] {
            let err = parse(text, &rows).unwrap_err();
            assert!(err.starts_with(&format!("--scenario {text:?}: ")), "{err}");
            assert!(err.contains(says), "{err} lacks {says}");
        }
    }

    #[test]
    fn only_a_future_price_needs_the_foreign_oracle() {
        let rows = rows();
        let others = [
            "outage:1@2024-01-02",
            "stale@2024-01-03",
            "crash:5@2024-01-01",
        ]
        .map(|text| parse(text, &rows).unwrap());
        assert!(!needs_foreign_oracle(&others));
        let mut all = others.to_vec();
        all.push(parse("future@2024-01-04", &rows).unwrap());
        assert!(needs_foreign_oracle(&all));
    }

    #[test]
    fn schedule_applies_scenarios() {
        let rows = rows();
        let scenarios = [
            parse("outage:2@2024-01-02", &rows).unwrap(),
            parse("crash:30@2024-01-01", &rows).unwrap(),
        ];
        let steps = schedule(&rows, &[100, 100, 100, 100], &scenarios, true);
        let publish: Vec<_> = steps.iter().map(|s| s.publish).collect();
        use Publish::*;
        assert_eq!(publish, [Fresh, Fresh, Skipped, Skipped, Fresh]);
        assert!(steps[1].intraday);
        assert_eq!(steps[1].mantissa, 70);
        assert_eq!(steps[1].time, rows[0].time + CRASH_OFFSET);
        assert_eq!(steps[1].label, "2024-01-01 12:00");
    }

    #[test]
    fn a_crash_between_hourly_rows_comes_before_the_next_row() {
        let rows: Vec<PriceRow> = (0..3u64)
            .map(|i| PriceRow {
                line: i + 2,
                date: time::date_time_label(1_704_067_200 + i * 3_600),
                time: 1_704_067_200 + i * 3_600,
                close: "100".parse().unwrap(),
                close_text: "100".into(),
                signal: None,
            })
            .collect();
        let crash = parse("crash:10@2024-01-01T01:00:00Z", &rows).unwrap();
        // The same row named by unix seconds, or with an offset.
        assert_eq!(parse("crash:10@1704070800", &rows), Ok(crash.clone()));
        assert_eq!(
            parse("crash:10@2024-01-01T03:00+02:00", &rows),
            Ok(crash.clone())
        );
        let steps = schedule(&rows, &[100, 100, 100], &[crash], false);
        assert_eq!(steps.len(), 4);
        assert_eq!(steps[2].time, rows[1].time + 1_800);
        assert_eq!(steps[2].label, "2024-01-01T01:30:00Z");
        assert!(steps[2].intraday && steps[2].time < steps[3].time);
    }
}
