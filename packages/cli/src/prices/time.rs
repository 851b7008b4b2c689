//! The time of a price row, as people write it, in unix seconds (UTC):
//!
//! - `YYYY-MM-DD`: 00:00 UTC of that day.
//! - ISO 8601 date-times: `2024-01-02T13:00`, `2024-01-02 13:00:00.250`, with `Z` or an offset
//!   (`+02:00`, `+0200`, `-05`); no zone written means UTC. Fractions of a second are dropped.
//! - Unix time, a whole number: seconds below [`MILLIS_FROM`], milliseconds from it on (10^11 seconds
//!   is the year 5138; 10^11 milliseconds is 1973-03-03, so the two ranges do not meet in any real
//!   file). Numbers below [`UNIX_MIN`] are refused: a row number or a `20240102` is likelier there than
//!   a time before 1973-03-03. Microseconds and nanoseconds (from [`UNIX_MAX`] on) are refused too.
//!
//! Nothing before 1970 is read. Anything else (`01/02/2024`: January or February?) is refused.

/// Seconds in a day.
pub const DAY: u64 = 86_400;
/// Unix numbers from 10^11 on are milliseconds, below it seconds.
pub const MILLIS_FROM: u64 = 100_000_000_000;
/// Unix numbers below 10^8 (1973-03-03 in seconds) are refused.
pub const UNIX_MIN: u64 = 100_000_000;
/// Unix numbers from 10^14 (5138 in milliseconds) on are refused.
pub const UNIX_MAX: u64 = 100_000_000_000_000;

const FORMS: &str = "write YYYY-MM-DD, an ISO 8601 date-time (2024-01-02T13:00:00Z; an offset \
    such as +02:00, or none for UTC) or unix seconds or milliseconds";

/// Unix seconds of a written time, or why it is not one.
pub fn parse(text: &str) -> Result<u64, String> {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return unix(text);
    }
    date_time(text).ok_or_else(|| format!("{text:?} is not a time: {FORMS}"))
}

fn unix(text: &str) -> Result<u64, String> {
    let n: u64 = text
        .parse()
        .map_err(|_| format!("{text:?} is too large for unix milliseconds"))?;
    match n {
        n if n < UNIX_MIN => Err(format!(
            "{text:?} is below 10^8: too early for unix seconds (1973-03-03); a row number? {FORMS}"
        )),
        n if n < MILLIS_FROM => Ok(n),
        n if n < UNIX_MAX => Ok(n / 1_000),
        _ => Err(format!(
            "{text:?} is 10^14 or more: unix microseconds and nanoseconds are not read; {FORMS}"
        )),
    }
}

/// The digits of `text[range]` as a number; None unless they are all ASCII digits.
fn number(text: &str, range: std::ops::Range<usize>) -> Option<u64> {
    let part = text.get(range)?;
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

/// `YYYY-MM-DD[(T| )HH:MM[:SS[.fff]][zone]]` as unix seconds.
fn date_time(text: &str) -> Option<u64> {
    let day = date(text.get(..10)?)?;
    let rest = &text[10..];
    if rest.is_empty() {
        return Some(day);
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let (hour, minute) = (number(rest, 0..2)?, number(rest, 3..5)?);
    if rest.get(2..3)? != ":" || hour > 23 || minute > 59 {
        return None;
    }
    let mut rest = &rest[5..];
    let mut second = 0;
    if let Some(after) = rest.strip_prefix(':') {
        second = number(after, 0..2).filter(|s| *s <= 59)?;
        rest = &after[2..];
        if let Some(fraction) = rest.strip_prefix(['.', ',']) {
            let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return None;
            }
            rest = &fraction[digits..];
        }
    }
    let local = day + hour * 3_600 + minute * 60 + second;
    let (sign, offset) = zone(rest)?;
    if sign < 0 {
        local.checked_add(offset)
    } else {
        local.checked_sub(offset)
    }
}

/// A zone suffix as (sign, seconds east of UTC): none or `Z` is UTC.
fn zone(text: &str) -> Option<(i8, u64)> {
    if text.is_empty() || text == "Z" || text == "z" {
        return Some((1, 0));
    }
    let sign = match text.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let rest = &text[1..];
    let (hours, minutes) = match rest.len() {
        2 => (number(rest, 0..2)?, 0),
        4 => (number(rest, 0..2)?, number(rest, 2..4)?),
        5 if rest.get(2..3)? == ":" => (number(rest, 0..2)?, number(rest, 3..5)?),
        _ => return None,
    };
    (hours <= 23 && minutes <= 59).then_some((sign, hours * 3_600 + minutes * 60))
}

/// Unix seconds of 00:00 UTC on a YYYY-MM-DD date from 1970 on; None if it is not a real date.
pub fn date(text: &str) -> Option<u64> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let (year, month, day) = (
        number(text, 0..4)?,
        number(text, 5..7)?,
        number(text, 8..10)?,
    );
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let last = *month_days.get(usize::try_from(month).ok()?.checked_sub(1)?)?;
    if year < 1970 || day == 0 || day > last {
        return None;
    }
    let days = days_from_civil(i64::try_from(year).ok()?, month as i64, day as i64);
    u64::try_from(days).ok()?.checked_mul(DAY)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// (year, month, day) of a day count since 1970-01-01 (Hinnant's inverse).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

/// `YYYY-MM-DD` of a unix time.
pub fn date_label(time: u64) -> String {
    let (y, m, d) = civil_from_days(time / DAY);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `HH:MM` of a unix time, UTC.
pub fn clock_label(time: u64) -> String {
    let seconds = time % DAY;
    format!("{:02}:{:02}", seconds / 3_600, seconds / 60 % 60)
}

/// `YYYY-MM-DDTHH:MM:SSZ` of a unix time.
pub fn date_time_label(time: u64) -> String {
    format!(
        "{}T{}:{:02}Z",
        date_label(time),
        clock_label(time),
        time % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const JAN_2_2024: u64 = 1_704_153_600;

    #[test]
    fn dates_map_to_midnight_utc() {
        assert_eq!(parse("1970-01-01"), Ok(0));
        assert_eq!(parse("2010-07-17"), Ok(1_279_324_800));
        assert_eq!(parse("2024-02-29"), Ok(1_709_164_800));
        assert_eq!(parse("2024-01-02"), Ok(JAN_2_2024));
    }

    #[test]
    fn date_times_are_utc_unless_they_say_otherwise() {
        let one_pm = JAN_2_2024 + 13 * 3_600;
        for text in [
            "2024-01-02T13:00:00",
            "2024-01-02T13:00",
            "2024-01-02 13:00:00",
            "2024-01-02t13:00:00z",
            "2024-01-02T13:00:00Z",
            "2024-01-02T13:00:00.999Z",
            "2024-01-02T15:00:00+02:00",
            "2024-01-02T15:00:00+0200",
            "2024-01-02 15:00:00+02",
            "2024-01-02T08:00:00-05:00",
            "2024-01-02 13:00:00+00:00",
        ] {
            assert_eq!(parse(text), Ok(one_pm), "{text}");
        }
        // An offset may cross midnight.
        assert_eq!(
            parse("2024-01-02T01:00:00+03:00"),
            Ok(JAN_2_2024 - 2 * 3_600)
        );
    }

    #[test]
    fn unix_numbers_are_seconds_or_milliseconds_by_magnitude() {
        assert_eq!(parse("1704153600"), Ok(JAN_2_2024));
        assert_eq!(parse("1704153600000"), Ok(JAN_2_2024));
        assert_eq!(parse("1704153600999"), Ok(JAN_2_2024));
        assert_eq!(parse("100000000"), Ok(UNIX_MIN));
        assert_eq!(parse("99999999999"), Ok(MILLIS_FROM - 1));
        assert_eq!(parse("100000000000"), Ok(MILLIS_FROM / 1_000));
        let row_number = parse("7").unwrap_err();
        assert!(row_number.contains("a row number?"), "{row_number}");
        assert!(parse("20240102").unwrap_err().contains("below 10^8"));
        let micros = parse("1704153600000000").unwrap_err();
        assert!(micros.contains("microseconds"), "{micros}");
        assert!(parse("99999999999999999999999").is_err());
    }

    #[test]
    fn anything_else_is_refused() {
        for text in [
            "2023-02-29",
            "2021-13-01",
            "2021-00-10",
            "2021-04-31",
            "1969-12-31",
            "21-1-1",
            "2021/01/01",
            "01/02/2024",
            "2021-01-1a",
            "2024-01-02T24:00:00",
            "2024-01-02T13:60",
            "2024-01-02T13:00:60",
            "2024-01-02T13",
            "2024-01-02T13:00:00.",
            "2024-01-02T13:00:00+2",
            "2024-01-02T13:00:00+24:00",
            "2024-01-02T13:00:00 UTC",
            "2024-01-02X13:00",
            "1970-01-01T00:30:00+01:00",
            "",
            "-1704153600",
            "1704153600.5",
        ] {
            assert!(parse(text).is_err(), "{text}");
        }
        assert!(
            parse("2021/01/01")
                .unwrap_err()
                .contains("is not a time: write YYYY-MM-DD")
        );
    }

    #[test]
    fn labels_round_trip() {
        for time in [0, JAN_2_2024, 1_709_164_800, 951_782_400, 4_102_444_799] {
            let label = date_time_label(time);
            assert_eq!(parse(&label), Ok(time), "{label}");
            assert_eq!(parse(&date_label(time)), Ok(time - time % DAY));
        }
        assert_eq!(
            date_time_label(JAN_2_2024 + 13 * 3_600 + 5),
            "2024-01-02T13:00:05Z"
        );
        assert_eq!(clock_label(JAN_2_2024 + 43_200), "12:00");
    }
}
