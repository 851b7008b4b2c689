//! `ballast vol`: the fixed-point EWMA volatility of a price file, as `date,vol` with 15 decimals
//! (the type resolves 2^-48, about 3.6e-15).

use std::fmt::Write;
use std::path::Path;

use ballast_sizing::{EwmaParams, Fixed, VolState};

use crate::prices::read_prices;

/// The whole output, or one line saying what is wrong; nothing is printed for a file that fails.
pub fn run(path: &Path, lambda: &str, step_seconds: u64) -> Result<String, String> {
    let lambda: Fixed = lambda
        .parse()
        .map_err(|_| format!("--lambda: {lambda:?} is not a number"))?;
    let params = EwmaParams::new(lambda, step_seconds).map_err(|e| format!("--{}", flag(e)))?;
    let rows = read_prices(path).map_err(|e| e.to_string())?.rows;
    let mut state = VolState::new(rows[0].time, rows[0].close);
    let mut out = String::from("date,vol\n");
    for row in &rows[1..] {
        let located =
            |e: ballast_sizing::SizingError| format!("{}:{}: {e}", path.display(), row.line);
        state
            .observe(&params, row.time, row.close)
            .map_err(located)?;
        let vol = state.vol().map_err(located)?.unwrap_or(Fixed::ZERO);
        writeln!(out, "{},{vol:.15}", row.date).map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// An invalid parameter as the flag a user typed: `lambda is 1.5, ...` becomes `lambda: ...`.
fn flag(e: ballast_sizing::SizingError) -> String {
    match e {
        ballast_sizing::SizingError::InvalidParameter { name, value, rule } => {
            format!("{}: {value} must be {rule}", name.replace('_', "-"))
        }
        other => other.to_string(),
    }
}
