//! Reading a price file: a CSV with `date` (YYYY-MM-DD, meaning 00:00 UTC) and `close` columns.
//!
//! Every error names the file, the line and what is wrong, as `FILE:LINE: field "close": ...`.

use cosmwasm_std::SignedDecimal;
use std::fmt;
use std::path::Path;

use ballast_sizing::Price;

/// One row of a price file.
pub struct PriceRow {
    /// Line in the file, for errors found later.
    pub line: u64,
    /// The date as written.
    pub date: String,
    /// Unix seconds of 00:00 UTC on that date.
    pub time: u64,
    /// The close, exact as written.
    pub close: Price,
    /// The close as written, for errors found later.
    pub close_text: String,
    /// The `signal` column, in [-1, 1], when the file has one (`ballast replay --signal column`).
    pub signal: Option<SignedDecimal>,
}

/// Bad input, located in its file.
#[derive(Debug)]
pub struct InputError {
    file: String,
    line: Option<u64>,
    message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl InputError {
    /// An error at `line` of `path`.
    pub fn at(path: &Path, line: u64, message: String) -> Self {
        Self {
            file: path.display().to_string(),
            line: Some(line),
            message,
        }
    }
}

/// Exponent of prices pushed to the oracle: a close is published as `mantissa * 10^-8`, enough for
/// BTC's first fixings (0.05 -> 5,000,000) while 92 billion still fits the i64 mantissa.
pub const ORACLE_EXPO: i32 = -8;

/// The row's close as an oracle mantissa at [`ORACLE_EXPO`], exactly: an error naming the line and
/// the field when the close has more than 8 decimals or the mantissa does not fit an i64.
pub fn oracle_mantissa(path: &Path, row: &PriceRow) -> Result<i64, InputError> {
    let fail = |why: &str| {
        InputError::at(
            path,
            row.line,
            format!("field \"close\": {:?} {why}", row.close_text),
        )
    };
    let shift = row.close.expo() - ORACLE_EXPO;
    let mut mantissa = row.close.mantissa();
    if shift >= 0 {
        let scale = 10u128
            .checked_pow(shift.unsigned_abs())
            .ok_or_else(|| fail("is too large for an i64 mantissa at exponent -8"))?;
        mantissa = mantissa
            .checked_mul(scale)
            .ok_or_else(|| fail("is too large for an i64 mantissa at exponent -8"))?;
    } else {
        // Trailing zeros beyond the 8th decimal (0.050000000) are exact; other digits are not.
        for _ in 0..shift.unsigned_abs() {
            if !mantissa.is_multiple_of(10) {
                return Err(fail("has more than 8 decimals"));
            }
            mantissa /= 10;
        }
    }
    i64::try_from(mantissa).map_err(|_| fail("is too large for an i64 mantissa at exponent -8"))
}

/// Reads and checks every row: at least two, dates strictly increasing, closes positive.
pub fn read_prices(path: &Path) -> Result<Vec<PriceRow>, InputError> {
    let file = path.display().to_string();
    let error = |line: Option<u64>, message: String| InputError {
        file: file.clone(),
        line,
        message,
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(|e| error(None, csv_message(&e)))?;
    let headers = reader
        .headers()
        .map_err(|e| error(Some(1), csv_message(&e)))?
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| error(Some(1), format!("missing column \"{name}\" in the header")))
    };
    let (date_col, close_col) = (column("date")?, column("close")?);
    let signal_col = headers.iter().position(|h| h.trim() == "signal");

    let mut rows: Vec<PriceRow> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line());
            error(line, csv_message(&e))
        })?;
        let line = record.position().map(|p| p.line());
        let field = |col: usize, name: &str| {
            record
                .get(col)
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .ok_or_else(|| error(line, format!("field \"{name}\" is missing")))
        };
        let date = field(date_col, "date")?;
        let time = parse_date(date).ok_or_else(|| {
            error(
                line,
                format!("field \"date\": {date:?} is not a date YYYY-MM-DD"),
            )
        })?;
        let close_text = field(close_col, "close")?;
        let close: Price = close_text
            .parse()
            .map_err(|e| error(line, format!("field \"close\": {e}")))?;
        if let Some(previous) = rows.last()
            && time <= previous.time
        {
            return Err(error(
                line,
                format!(
                    "field \"date\": {date} is not after the previous row's {}",
                    previous.date
                ),
            ));
        }
        let signal = match signal_col {
            None => None,
            Some(col) => {
                let text = field(col, "signal")?;
                let value = text
                    .parse::<SignedDecimal>()
                    .ok()
                    .filter(|v| *v >= SignedDecimal::negative_one() && *v <= SignedDecimal::one())
                    .ok_or_else(|| {
                        error(
                            line,
                            format!("field \"signal\": {text:?} is not a number in [-1, 1]"),
                        )
                    })?;
                Some(value)
            }
        };
        rows.push(PriceRow {
            line: line.unwrap_or(0),
            date: date.to_string(),
            time,
            close,
            close_text: close_text.to_string(),
            signal,
        });
    }
    if rows.len() < 2 {
        return Err(error(
            None,
            format!("needs at least two price rows, found {}", rows.len()),
        ));
    }
    Ok(rows)
}

fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Io(io) => io.to_string(),
        _ => e.to_string(),
    }
}

/// Unix seconds of 00:00 UTC on a YYYY-MM-DD date from 1970 on; None if it is not a real date.
fn parse_date(text: &str) -> Option<u64> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = text.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
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
    let days = days_from_civil(i64::from(year), i64::from(month), i64::from(day));
    u64::try_from(days).ok()?.checked_mul(86_400)
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

#[cfg(test)]
mod tests {
    use super::{PriceRow, oracle_mantissa, parse_date};

    fn row(close: &str) -> PriceRow {
        PriceRow {
            line: 7,
            date: "2024-01-01".into(),
            time: 0,
            close: close.parse().unwrap(),
            close_text: close.into(),
            signal: None,
        }
    }

    fn mantissa(close: &str) -> Result<i64, String> {
        oracle_mantissa(std::path::Path::new("p.csv"), &row(close)).map_err(|e| e.to_string())
    }

    #[test]
    fn closes_convert_exactly_to_exponent_minus_8() {
        assert_eq!(mantissa("0.05"), Ok(5_000_000));
        assert_eq!(mantissa("64123.5"), Ok(6_412_350_000_000));
        assert_eq!(mantissa("0.00000001"), Ok(1));
        assert_eq!(mantissa("0.050000000"), Ok(5_000_000));
        assert_eq!(mantissa("1.5e-3"), Ok(150_000));
        assert_eq!(mantissa("92233720368.54775807"), Ok(i64::MAX));
    }

    #[test]
    fn a_ninth_decimal_is_refused_with_line_and_field() {
        assert_eq!(
            mantissa("0.123456789"),
            Err("p.csv:7: field \"close\": \"0.123456789\" has more than 8 decimals".into())
        );
    }

    #[test]
    fn a_close_beyond_i64_is_refused() {
        let err = mantissa("92233720368.54775808").unwrap_err();
        assert!(err.starts_with("p.csv:7: field \"close\": "), "{err}");
        assert!(
            err.ends_with("is too large for an i64 mantissa at exponent -8"),
            "{err}"
        );
        assert!(mantissa("1e300").is_err());
    }

    #[test]
    fn dates_map_to_midnight_utc() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("2010-07-17"), Some(1_279_324_800));
        assert_eq!(parse_date("2024-02-29"), Some(1_709_164_800));
    }

    #[test]
    fn impossible_dates_are_refused() {
        for text in [
            "2023-02-29",
            "2021-13-01",
            "2021-00-10",
            "2021-04-31",
            "1969-12-31",
            "21-1-1",
            "2021/01/01",
            "2021-01-1a",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }
}
