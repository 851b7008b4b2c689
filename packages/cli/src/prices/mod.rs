//! Reading a price file: a CSV with a time column and a close column, as exchanges, Yahoo and
//! pandas write them (see [`columns`] for the header, [`time`] for the times).
//!
//! Every error names the file, the line and the field, as `FILE:LINE: field "Close": ...`.

pub mod columns;
pub mod time;

use cosmwasm_std::SignedDecimal;
use std::fmt;
use std::path::Path;

use ballast_sizing::Price;

/// One row of a price file.
pub struct PriceRow {
    /// Line in the file, for errors found later.
    pub line: u64,
    /// The row's time as the outputs show it: `YYYY-MM-DD` in a [`PriceFile::daily`] file,
    /// `YYYY-MM-DDTHH:MM:SSZ` otherwise.
    pub date: String,
    /// Unix seconds.
    pub time: u64,
    /// The close, exact as written.
    pub close: Price,
    /// The close as written, for errors found later.
    pub close_text: String,
    /// The `signal` column, in [-1, 1], when the file has one (`ballast replay --signal column`).
    pub signal: Option<SignedDecimal>,
}

/// The rows of a price file and where they were read from.
pub struct PriceFile {
    /// At least two, times strictly increasing.
    pub rows: Vec<PriceRow>,
    /// The time column's name as written.
    pub time_column: String,
    /// The close column's name as written.
    pub close_column: String,
    /// Every row is at 00:00 UTC: a daily file, whose rows are labelled by their dates.
    pub daily: bool,
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

/// The row's close as an oracle mantissa at [`ORACLE_EXPO`], and whether it had to be rounded:
/// digits beyond the 8th decimal (float noise such as `0.08388999999999999`) are rounded half to
/// even. An error naming the line and the `column` when the close rounds to zero or the mantissa
/// does not fit an i64.
pub fn oracle_mantissa(
    path: &Path,
    column: &str,
    row: &PriceRow,
) -> Result<(i64, bool), InputError> {
    let fail = |why: &str| {
        InputError::at(
            path,
            row.line,
            format!("field {column:?}: {:?} {why}", row.close_text),
        )
    };
    let too_large = || fail("is too large for an i64 mantissa at exponent -8");
    let shift = row.close.expo() - ORACLE_EXPO;
    let mantissa = row.close.mantissa();
    let (mantissa, rounded) = if shift >= 0 {
        let scale = 10u128
            .checked_pow(shift.unsigned_abs())
            .ok_or_else(too_large)?;
        (mantissa.checked_mul(scale).ok_or_else(too_large)?, false)
    } else {
        round_half_even(mantissa, shift.unsigned_abs())
    };
    if mantissa == 0 {
        return Err(fail("rounds to 0 at 8 decimals (the oracle's exponent -8)"));
    }
    let mantissa = i64::try_from(mantissa).map_err(|_| too_large())?;
    Ok((mantissa, rounded))
}

/// `mantissa / 10^digits` rounded half to even, and whether anything was dropped.
fn round_half_even(mantissa: u128, digits: u32) -> (u128, bool) {
    // u128 is below 10^39: dropping 39 digits or more leaves less than half a unit.
    let Some(divisor) = 10u128.checked_pow(digits) else {
        return (0, mantissa != 0);
    };
    let (quotient, remainder) = (mantissa / divisor, mantissa % divisor);
    let half = divisor / 2;
    let up = remainder > half || (remainder == half && quotient % 2 == 1);
    (quotient + u128::from(up), remainder != 0)
}

/// Reads and checks every row: at least two, times strictly increasing, closes positive.
pub fn read_prices(path: &Path) -> Result<PriceFile, InputError> {
    let file = path.display().to_string();
    let error = |line: Option<u64>, message: String| InputError {
        file: file.clone(),
        line,
        message,
    };
    let bytes = std::fs::read(path).map_err(|e| error(None, e.to_string()))?;
    let lines = Lines::of(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(bytes.as_slice());
    let headers = reader
        .headers()
        .map_err(|e| error(Some(1), csv_message(&e)))?
        .clone();
    let cols = columns::find(&headers).map_err(|e| error(Some(1), e))?;

    let mut rows: Vec<PriceRow> = Vec::new();
    let mut time_texts: Vec<String> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| lines.at(p.byte()));
            error(line, csv_message(&e))
        })?;
        let line = record.position().map(|p| lines.at(p.byte()));
        let field = |col: usize, name: &str| {
            record
                .get(col)
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .ok_or_else(|| error(line, format!("field {name:?} is missing")))
        };
        let time_text = field(cols.time, &cols.time_name)?;
        let time = time::parse(time_text)
            .map_err(|why| error(line, format!("field {:?}: {why}", cols.time_name)))?;
        let close_text = field(cols.close, &cols.close_name)?;
        let close: Price = close_text
            .parse()
            .map_err(|e| error(line, format!("field {:?}: {e}", cols.close_name)))?;
        if let (Some(previous), Some(previous_text)) = (rows.last(), time_texts.last())
            && time <= previous.time
        {
            return Err(error(
                line,
                format!(
                    "field {:?}: {time_text} is not after the previous row's {previous_text}",
                    cols.time_name
                ),
            ));
        }
        let signal = match cols.signal {
            None => None,
            Some(col) => {
                let name = &cols.signal_name;
                let text = field(col, name)?;
                let value = text
                    .parse::<SignedDecimal>()
                    .ok()
                    .filter(|v| *v >= SignedDecimal::negative_one() && *v <= SignedDecimal::one())
                    .ok_or_else(|| {
                        error(
                            line,
                            format!("field {name:?}: {text:?} is not a number in [-1, 1]"),
                        )
                    })?;
                Some(value)
            }
        };
        time_texts.push(time_text.to_string());
        rows.push(PriceRow {
            line: line.unwrap_or(0),
            date: String::new(),
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
    let daily = rows.iter().all(|r| r.time % time::DAY == 0);
    for row in &mut rows {
        row.date = if daily {
            time::date_label(row.time)
        } else {
            time::date_time_label(row.time)
        };
    }
    Ok(PriceFile {
        rows,
        time_column: cols.time_name,
        close_column: cols.close_name,
        daily,
    })
}

/// Line numbers of byte offsets. The csv crate's own line count lags one line per record in a file
/// with CRLF endings (Windows, Excel: rust-csv issue 395), so lines are counted here.
struct Lines<'a> {
    bytes: &'a [u8],
    newlines: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn of(bytes: &'a [u8]) -> Self {
        let newlines = (0..bytes.len()).filter(|&i| bytes[i] == b'\n').collect();
        Self { bytes, newlines }
    }

    /// The line of the record that starts at `byte`: a record's position may point at the end of
    /// the terminator before it, which is skipped.
    fn at(&self, byte: u64) -> u64 {
        let mut p = usize::try_from(byte).map_or(self.bytes.len(), |b| b.min(self.bytes.len()));
        while self
            .bytes
            .get(p)
            .is_some_and(|b| matches!(b, b'\r' | b'\n'))
        {
            p += 1;
        }
        1 + self.newlines.partition_point(|&n| n < p) as u64
    }
}

fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Io(io) => io.to_string(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{PriceRow, oracle_mantissa, round_half_even};

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

    fn mantissa(close: &str) -> Result<(i64, bool), String> {
        oracle_mantissa(std::path::Path::new("p.csv"), "Close", &row(close))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn closes_convert_exactly_to_exponent_minus_8() {
        assert_eq!(mantissa("0.05"), Ok((5_000_000, false)));
        assert_eq!(mantissa("64123.5"), Ok((6_412_350_000_000, false)));
        assert_eq!(mantissa("0.00000001"), Ok((1, false)));
        assert_eq!(mantissa("0.050000000"), Ok((5_000_000, false)));
        assert_eq!(mantissa("1.5e-3"), Ok((150_000, false)));
        assert_eq!(mantissa("92233720368.54775807"), Ok((i64::MAX, false)));
    }

    #[test]
    fn a_ninth_decimal_is_rounded_half_to_even() {
        assert_eq!(mantissa("0.08388999999999999"), Ok((8_389_000, true)));
        assert_eq!(mantissa("0.123456789"), Ok((12_345_679, true)));
        assert_eq!(mantissa("0.123456784"), Ok((12_345_678, true)));
        assert_eq!(mantissa("0.000000025"), Ok((2, true)));
        assert_eq!(mantissa("0.000000035"), Ok((4, true)));
        assert_eq!(mantissa("0.0000000250000001"), Ok((3, true)));
        assert_eq!(mantissa("1.23456789e-2"), Ok((1_234_568, true)));
        assert_eq!(round_half_even(u128::MAX, 39), (0, true));
        assert_eq!(round_half_even(15, 1), (2, true));
        assert_eq!(round_half_even(25, 1), (2, true));
        assert_eq!(round_half_even(20, 1), (2, false));
    }

    #[test]
    fn a_close_that_rounds_to_zero_is_refused_with_line_and_field() {
        assert_eq!(
            mantissa("0.000000004"),
            Err(
                "p.csv:7: field \"Close\": \"0.000000004\" rounds to 0 at 8 decimals (the \
                 oracle's exponent -8)"
                    .into()
            )
        );
        assert!(mantissa("1e-300").is_err());
    }

    #[test]
    fn a_close_beyond_i64_is_refused() {
        let err = mantissa("92233720368.54775808").unwrap_err();
        assert!(err.starts_with("p.csv:7: field \"Close\": "), "{err}");
        assert!(
            err.ends_with("is too large for an i64 mantissa at exponent -8"),
            "{err}"
        );
        assert!(mantissa("1e300").is_err());
    }
}
