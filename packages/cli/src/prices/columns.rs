//! Which columns of a price file's header hold the time, the close and the signal.
//!
//! Header names are compared without case, spaces around them, a byte-order mark, or the difference
//! between `_`, `-`, `.` and a space (`Adj Close`, `adj_close` and `Adj. Close` are one name).
//!
//! - Time: `date`, `time`, `timestamp` or `datetime`. With none of them, an unnamed first column
//!   (pandas' `to_csv` writes its index so) holds the time. Two named time columns are refused: a
//!   date and a time of day in two columns is not read.
//! - Close: `close`, `adj close` (also `adjclose`, `adjusted close`) or `price`. When a file has both
//!   `close` and `adj close` (Yahoo's export), the adjusted close is read: its returns are those a
//!   holder earned, with no jump on a split or a dividend's ex-date, which a perp's holder does not
//!   suffer either (the venue rebases on a split; the carry is in the funding). A `price` next to
//!   either of them is refused, as is any name written twice.
//! - Signal: `signal`, for `ballast replay --signal column`.

use csv::StringRecord;

/// The columns a file's rows are read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    /// Index of the time column.
    pub time: usize,
    /// Its name as written (or `(unnamed column 1)`), for errors and the report.
    pub time_name: String,
    /// Index of the close column.
    pub close: usize,
    /// Its name as written.
    pub close_name: String,
    /// Index of the `signal` column, if any.
    pub signal: Option<usize>,
    /// Name of the `signal` column as written.
    pub signal_name: String,
}

/// The name of the first column when pandas leaves it unnamed.
pub const UNNAMED: &str = "(unnamed column 1)";

const TIME_NAMES: [&str; 4] = ["date", "time", "timestamp", "datetime"];
const CLOSE_NAMES: [&str; 1] = ["close"];
const ADJUSTED_NAMES: [&str; 3] = ["adj close", "adjclose", "adjusted close"];
const PRICE_NAMES: [&str; 1] = ["price"];

/// A header name reduced to what is compared.
fn normal(name: &str) -> String {
    let name = name.trim_start_matches('\u{feff}').to_lowercase();
    let spaced = name.replace(['_', '-', '.'], " ");
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Indices of the columns whose name is one of `names`.
fn matching(headers: &StringRecord, names: &[&str]) -> Vec<usize> {
    headers
        .iter()
        .enumerate()
        .filter(|(_, h)| names.contains(&normal(h).as_str()))
        .map(|(i, _)| i)
        .collect()
}

/// `"a" and "b"` (or `"a", "b" and "c"`): the names of `indices`.
fn names(headers: &StringRecord, indices: &[usize]) -> String {
    let quoted: Vec<String> = indices
        .iter()
        .map(|&i| format!("{:?}", headers.get(i).unwrap_or("").trim()))
        .collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => quoted.join(""),
    }
}

/// The columns of `headers`, or what is missing or ambiguous (the caller adds file and line 1).
pub fn find(headers: &StringRecord) -> Result<Columns, String> {
    let name = |i: usize| headers.get(i).unwrap_or("").trim().to_string();
    let times = matching(headers, &TIME_NAMES);
    let (time, time_name) = match times.as_slice() {
        [one] => (*one, name(*one)),
        [] if headers.len() >= 2 && normal(headers.get(0).unwrap_or("x")).is_empty() => {
            (0, UNNAMED.to_string())
        }
        [] => {
            return Err(
                "missing column \"date\" (or \"time\", \"timestamp\", \"datetime\", or \
                        an unnamed first column as pandas writes its index) in the header"
                    .into(),
            );
        }
        _ => {
            return Err(format!(
                "columns {} each name a time: keep one (a date and a time of day in two columns \
                 is not read)",
                names(headers, &times)
            ));
        }
    };

    let (closes, adjusted, prices) = (
        matching(headers, &CLOSE_NAMES),
        matching(headers, &ADJUSTED_NAMES),
        matching(headers, &PRICE_NAMES),
    );
    for group in [&closes, &adjusted, &prices] {
        if group.len() > 1 {
            return Err(format!(
                "columns {} have the same name: keep one",
                names(headers, group)
            ));
        }
    }
    let close = match (closes.first(), adjusted.first(), prices.first()) {
        (_, Some(&adj), None) => adj,
        (Some(&close), None, None) | (None, None, Some(&close)) => close,
        (None, None, None) => {
            return Err(
                "missing column \"close\" (or \"adj close\", \"adj_close\", \"price\") \
                        in the header"
                    .into(),
            );
        }
        _ => {
            let both: Vec<usize> = [&closes, &adjusted, &prices]
                .into_iter()
                .flatten()
                .copied()
                .collect();
            return Err(format!(
                "columns {} could each be the close: keep one (only \"close\" with \"adj close\" \
                 is read, as the adjusted close)",
                names(headers, &both)
            ));
        }
    };
    let signals = matching(headers, &["signal"]);
    if signals.len() > 1 {
        return Err(format!(
            "columns {} have the same name: keep one",
            names(headers, &signals)
        ));
    }
    Ok(Columns {
        time,
        time_name,
        close,
        close_name: name(close),
        signal: signals.first().copied(),
        signal_name: signals.first().map(|&i| name(i)).unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(header: &str) -> Result<(usize, usize), String> {
        let headers = StringRecord::from(header.split(',').collect::<Vec<_>>());
        find(&headers).map(|c| (c.time, c.close))
    }

    #[test]
    fn names_match_without_case_or_punctuation() {
        assert_eq!(cols("Date,Open,High,Low,Close,Volume"), Ok((0, 4)));
        assert_eq!(cols("timestamp,open,high,low,close,volume"), Ok((0, 4)));
        assert_eq!(cols("open, CLOSE ,DateTime"), Ok((2, 1)));
        assert_eq!(cols("\u{feff}Time,Price"), Ok((0, 1)));
        assert_eq!(cols("date,adj_close"), Ok((0, 1)));
        assert_eq!(cols("date,Adj. Close"), Ok((0, 1)));
    }

    #[test]
    fn the_adjusted_close_is_preferred() {
        assert_eq!(
            cols("Date,Open,High,Low,Close,Adj Close,Volume"),
            Ok((0, 5))
        );
        assert_eq!(cols("Date,Adj Close,Close"), Ok((0, 1)));
    }

    #[test]
    fn an_unnamed_first_column_is_the_time_only_without_a_named_one() {
        assert_eq!(cols(",Open,Close"), Ok((0, 2)));
        assert_eq!(cols(",date,close"), Ok((1, 2)));
        let headers = StringRecord::from(vec!["", "close"]);
        assert_eq!(find(&headers).unwrap().time_name, UNNAMED);
    }

    #[test]
    fn ambiguous_or_missing_columns_are_refused() {
        for (header, says) in [
            (
                "date,time,close",
                "columns \"date\" and \"time\" each name a time",
            ),
            ("timestamp,datetime,close", "each name a time"),
            (
                "date,close,price",
                "\"close\" and \"price\" could each be the close",
            ),
            ("date,Adj Close,price", "could each be the close"),
            (
                "date,close,Close",
                "columns \"close\" and \"Close\" have the same name",
            ),
            ("date,value", "missing column \"close\""),
            ("day,close", "missing column \"date\""),
            ("", "missing column \"date\""),
            ("date,close,signal,Signal", "have the same name"),
        ] {
            let err = cols(header).unwrap_err();
            assert!(err.contains(says), "{header}: {err}");
        }
    }
}
