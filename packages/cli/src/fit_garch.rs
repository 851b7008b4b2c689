//! `ballast fit-garch`: maximum-likelihood GARCH(1,1) parameters of a price file, for the on-chain
//! forecaster (`ballast_sizing::GarchParams`): omega, alpha, beta, and what they imply.

use std::fmt::Write;
use std::path::Path;

use crate::garch_fit::{self, Return, YEAR};
use crate::prices::{PriceRow, read_prices};

/// The log returns of a price file and the seconds each spans.
pub fn returns_of(rows: &[PriceRow]) -> Vec<Return> {
    rows.windows(2)
        .map(|w| Return {
            r: (close(&w[1]) / close(&w[0])).ln(),
            seconds: (w[1].time - w[0].time) as f64,
        })
        .collect()
}

/// The close as f64 (the CLI may use floats; the chain never sees these).
fn close(row: &PriceRow) -> f64 {
    row.close_text.parse().unwrap_or(f64::NAN)
}

/// The report, as text or JSON; one line saying what is wrong otherwise.
pub fn run(path: &Path, step_seconds: u64, json: bool) -> Result<String, String> {
    if step_seconds == 0 {
        return Err("--step-seconds: 0 must be > 0".into());
    }
    let rows = read_prices(path).map_err(|e| e.to_string())?.rows;
    let returns = returns_of(&rows);
    let tau = step_seconds as f64;
    let fit = garch_fit::fit(&returns, tau).map_err(|e| format!("{}: {e}", path.display()))?;
    let g = fit.params;
    let long_run_vol = g.long_run_variance(tau).sqrt();
    if json {
        let value = serde_json::json!({
            "prices": path.display().to_string(),
            "returns": returns.len(),
            "first_date": rows[0].date,
            "last_date": rows[rows.len() - 1].date,
            "step_seconds": step_seconds,
            "omega": g.omega,
            "alpha": g.alpha,
            "beta": g.beta,
            "persistence": g.persistence(),
            "long_run_vol": long_run_vol,
            "half_life_steps": half_life(g.persistence()),
            "log_likelihood": fit.log_likelihood,
            "evaluations": fit.evaluations,
        });
        return serde_json::to_string_pretty(&value)
            .map(|s| s + "\n")
            .map_err(|e| e.to_string());
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "GARCH(1,1) by Gaussian maximum likelihood on {} log returns of {} ({} to {}), step {} s",
        returns.len(),
        path.display(),
        rows[0].date,
        rows[rows.len() - 1].date,
        step_seconds
    );
    let _ = writeln!(
        out,
        "omega           {:.15}   variance of a log return per step",
        g.omega
    );
    let _ = writeln!(out, "alpha           {:.9}", g.alpha);
    let _ = writeln!(out, "beta            {:.9}", g.beta);
    let _ = writeln!(out, "persistence     {:.9}   alpha + beta", g.persistence());
    let _ = writeln!(
        out,
        "half_life       {:.1}   steps for a shock to halve",
        half_life(g.persistence())
    );
    let _ = writeln!(
        out,
        "long_run_vol    {long_run_vol:.6}   annualised, sqrt(omega * {} / (1 - alpha - beta))",
        YEAR / tau
    );
    let _ = writeln!(out, "log_likelihood  {:.6}", fit.log_likelihood);
    Ok(out)
}

/// Steps for a variance shock to decay by half: ln(1/2) / ln(persistence).
fn half_life(persistence: f64) -> f64 {
    0.5f64.ln() / persistence.ln()
}
