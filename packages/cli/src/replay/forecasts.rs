//! Forecast tracking: how well the EWMA and GARCH(1,1) forecasts predict the volatility that follows.
//!
//! Off chain and off the contracts: both forecasts come from the fixed-point estimators of
//! `ballast_sizing` (the ones a market would run), fed the price file's closes row by row.
//!
//! - The forecast at row t is the annualised vol after observing close t (EWMA with the replay's
//!   lambda and a daily step; GARCH with maximum-likelihood parameters, `ballast fit-garch`).
//! - The realised vol over the next H returns is `sqrt(sum r_i^2 * Y / (t_{t+H} - t_t))` for the
//!   returns t+1..t+H: zero-mean, annualised by elapsed time, as the estimators annualise.
//! - Tracking error at horizon H: RMSE and mean absolute error of forecast minus realised over every
//!   row with at least [`WARMUP`] returns before it and H after it; bias is the mean difference.
//! - Two GARCH fits: **in sample** (fitted on the whole file, then scored on it: an advantage to
//!   GARCH) and **out of sample** (fitted on the first half of the returns, both models scored on the
//!   second half only).

use std::fmt::Write as _;

use ballast_sizing::{EwmaParams, Fixed, Forecaster, GarchParams, Model};
use serde::Serialize;

use crate::fit_garch::returns_of;
use crate::garch_fit::{self, Garch, Return, YEAR};
use crate::prices::PriceRow;

/// Returns ahead over which the realised vol is measured: about a month and a quarter of days.
pub const HORIZONS: [usize; 2] = [21, 63];
/// Returns observed before a forecast is scored (the vault's own warm-up before sizing).
pub const WARMUP: usize = 30;
/// Fewer returns than this and the tracking is left out (`null`).
pub const MIN_RETURNS: usize = 252;
const STEP_SECONDS: u64 = 86_400;

/// How far one model's forecasts were from the realised vol.
#[derive(Debug, Serialize)]
pub struct Errors {
    /// Root mean square of forecast - realised.
    pub rmse: f64,
    /// Mean of |forecast - realised|.
    pub mae: f64,
    /// Mean of forecast - realised (positive: the model over-forecasts).
    pub bias: f64,
}

/// Both models at one horizon.
#[derive(Debug, Serialize)]
pub struct Horizon {
    /// Returns ahead in the realised vol.
    pub returns: usize,
    /// Forecasts scored.
    pub points: usize,
    /// The EWMA's errors.
    pub ewma: Errors,
    /// The GARCH's errors.
    pub garch: Errors,
}

/// One GARCH fit and the scores it led to.
#[derive(Debug, Serialize)]
pub struct Evaluation {
    /// `in_sample` or `out_of_sample`.
    pub name: &'static str,
    /// Dates of the returns the GARCH was fitted on.
    pub fitted_from: String,
    /// Last date of the fit.
    pub fitted_to: String,
    /// First date scored.
    pub scored_from: String,
    /// GARCH omega, variance per day.
    pub omega: f64,
    /// GARCH alpha.
    pub alpha: f64,
    /// GARCH beta.
    pub beta: f64,
    /// One entry per horizon.
    pub horizons: Vec<Horizon>,
}

/// `forecast_tracking` in summary.json.
#[derive(Debug, Serialize)]
pub struct Tracking {
    /// What is measured, in one sentence.
    pub definition: &'static str,
    /// The EWMA's decay per day.
    pub lambda: f64,
    /// Returns observed before a forecast is scored.
    pub warmup_returns: usize,
    /// In-sample and out-of-sample fits.
    pub evaluations: Vec<Evaluation>,
}

const DEFINITION: &str = "forecast at row t (annualised, after close t) against the realised vol \
    sqrt(sum r^2 * 31536000 / seconds) of the next H returns; rmse, mae and bias of forecast minus realised";

/// The tracking figures of a price file, or None when it has fewer than [`MIN_RETURNS`] returns.
pub fn track(rows: &[PriceRow], lambda_text: &str) -> Result<Option<Tracking>, String> {
    let returns = returns_of(rows);
    if returns.len() < MIN_RETURNS {
        return Ok(None);
    }
    let lambda: Fixed = lambda_text
        .trim()
        .parse()
        .map_err(|_| format!("--lambda: {lambda_text:?} is not a number"))?;
    let ewma = EwmaParams::new(lambda, STEP_SECONDS).map_err(|e| format!("--lambda: {e}"))?;
    let ewma = forecasts(rows, Model::Ewma(ewma))?;
    let split = returns.len() / 2;
    let mut evaluations = Vec::new();
    for (name, fitted, scored_from) in [
        ("in_sample", &returns[..], WARMUP),
        ("out_of_sample", &returns[..split], split.max(WARMUP)),
    ] {
        let g = garch_fit::fit(fitted, STEP_SECONDS as f64)
            .map_err(|e| format!("forecast tracking ({name}): {e}"))?
            .params;
        let garch = forecasts(rows, Model::Garch(fixed_params(&g)?))?;
        let horizons = HORIZONS
            .iter()
            .map(|&h| {
                let (e, g, points) = score(&returns, &ewma, &garch, scored_from, h);
                Horizon {
                    returns: h,
                    points,
                    ewma: e,
                    garch: g,
                }
            })
            .collect();
        evaluations.push(Evaluation {
            name,
            fitted_from: rows[0].date.clone(),
            fitted_to: rows[fitted.len()].date.clone(),
            scored_from: rows[scored_from].date.clone(),
            omega: g.omega,
            alpha: g.alpha,
            beta: g.beta,
            horizons,
        });
    }
    Ok(Some(Tracking {
        definition: DEFINITION,
        lambda: lambda_text.trim().parse().unwrap_or(f64::NAN),
        warmup_returns: WARMUP,
        evaluations,
    }))
}

/// Fitted f64 parameters as the on-chain type.
fn fixed_params(g: &Garch) -> Result<GarchParams, String> {
    let fixed = |x: f64, name: &str| {
        Fixed::checked_from_num(x).ok_or_else(|| format!("GARCH {name} {x} does not fit I80F48"))
    };
    GarchParams::new(
        fixed(g.omega, "omega")?,
        fixed(g.alpha, "alpha")?,
        fixed(g.beta, "beta")?,
        STEP_SECONDS,
    )
    .map_err(|e| format!("fitted GARCH parameters: {e}"))
}

/// The fixed-point forecast after each row (index t = after close t; none after row 0).
fn forecasts(rows: &[PriceRow], model: Model) -> Result<Vec<Option<f64>>, String> {
    let mut f = Forecaster::new(model, rows[0].time, rows[0].close);
    let mut out = vec![None];
    for row in &rows[1..] {
        let located = |e: ballast_sizing::SizingError| format!("line {}: {e}", row.line);
        f.observe(row.time, row.close).map_err(located)?;
        out.push(f.vol().map_err(located)?.map(|v| v.to_num::<f64>()));
    }
    Ok(out)
}

/// Realised vol of returns[t..t + h] (the h returns after row t), annualised by elapsed time.
fn realised(returns: &[Return], t: usize, h: usize) -> f64 {
    let window = &returns[t..t + h];
    let seconds: f64 = window.iter().map(|r| r.seconds).sum();
    (window.iter().map(|r| r.r * r.r).sum::<f64>() * YEAR / seconds).sqrt()
}

/// Errors of both series over rows `from..=returns.len() - h`: (ewma, garch, points).
fn score(
    returns: &[Return],
    ewma: &[Option<f64>],
    garch: &[Option<f64>],
    from: usize,
    h: usize,
) -> (Errors, Errors, usize) {
    let mut pairs = Vec::new();
    for t in from..returns.len().saturating_sub(h) + 1 {
        if let (Some(e), Some(g)) = (ewma[t], garch[t]) {
            pairs.push((e, g, realised(returns, t, h)));
        }
    }
    let errors = |pick: fn(&(f64, f64, f64)) -> f64| {
        let n = pairs.len().max(1) as f64;
        let diffs: Vec<f64> = pairs.iter().map(|p| pick(p) - p.2).collect();
        Errors {
            rmse: (diffs.iter().map(|d| d * d).sum::<f64>() / n).sqrt(),
            mae: diffs.iter().map(|d| d.abs()).sum::<f64>() / n,
            bias: diffs.iter().sum::<f64>() / n,
        }
    };
    (errors(|p| p.0), errors(|p| p.1), pairs.len())
}

/// The report's section: one table row per fit and horizon.
pub fn markdown(tracking: Option<&Tracking>) -> String {
    let mut md = String::from("## Forecast tracking: EWMA against GARCH(1,1)\n\n");
    let Some(t) = tracking else {
        let _ = writeln!(
            md,
            "Not computed: the file has fewer than {MIN_RETURNS} returns.\n"
        );
        return md;
    };
    let _ = writeln!(
        md,
        "Each row's forecast (the fixed-point estimators of `ballast-sizing`, EWMA lambda {}) against \
         the realised volatility of the next H returns, sqrt(sum r^2 * Y / elapsed seconds); rows \
         after {} returns. Lower is better; bias > 0 means over-forecasting. In sample: GARCH \
         fitted on the whole file; out of sample: fitted on the first half, both scored on the second.\n",
        t.lambda, t.warmup_returns
    );
    let _ = writeln!(
        md,
        "| GARCH fit (omega, alpha, beta) | scored from | H | points | RMSE EWMA | RMSE GARCH | MAE EWMA | MAE GARCH | bias EWMA | bias GARCH |"
    );
    let _ = writeln!(md, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    let pct = |x: f64| format!("{:.1}%", x * 100.0);
    for e in &t.evaluations {
        for h in &e.horizons {
            let _ = writeln!(
                md,
                "| {} ({:.3e}, {:.4}, {:.4}) | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                e.name.replace('_', " "),
                e.omega,
                e.alpha,
                e.beta,
                e.scored_from,
                h.returns,
                h.points,
                pct(h.ewma.rmse),
                pct(h.garch.rmse),
                pct(h.ewma.mae),
                pct(h.garch.mae),
                pct(h.ewma.bias),
                pct(h.garch.bias),
            );
        }
    }
    md.push('\n');
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: f64 = 86_400.0;

    #[test]
    fn realised_vol_is_zero_mean_and_annualised_by_time() {
        // Two returns of 1% over two days: sqrt(2 * 0.0001 * 365 / 2).
        let returns = [
            Return {
                r: 0.01,
                seconds: DAY,
            },
            Return {
                r: -0.01,
                seconds: DAY,
            },
        ];
        let want = (0.0001f64 * 365.0).sqrt();
        assert!((realised(&returns, 0, 2) - want).abs() < 1e-15);
        // A three-day gap halves nothing but the time: sqrt(0.0002 * Y / (4 days)).
        let gap = [
            Return {
                r: 0.01,
                seconds: DAY,
            },
            Return {
                r: 0.01,
                seconds: 3.0 * DAY,
            },
        ];
        let want = (0.0002f64 * 365.0 / 4.0).sqrt();
        assert!((realised(&gap, 0, 2) - want).abs() < 1e-15);
    }

    #[test]
    fn score_compares_each_forecast_with_what_followed() {
        let returns = vec![
            Return {
                r: 0.01,
                seconds: DAY
            };
            5
        ];
        let rv = (0.0001f64 * 365.0).sqrt();
        // Rows 0..=5; the EWMA is 0.1 too high everywhere, the GARCH exact.
        let ewma: Vec<Option<f64>> = (0..6).map(|_| Some(rv + 0.1)).collect();
        let garch: Vec<Option<f64>> = (0..6).map(|_| Some(rv)).collect();
        let (e, g, points) = score(&returns, &ewma, &garch, 1, 2);
        // Rows 1, 2, 3 have two returns after them.
        assert_eq!(points, 3);
        assert!((e.rmse - 0.1).abs() < 1e-12 && (e.bias - 0.1).abs() < 1e-12);
        assert!(g.rmse < 1e-12 && g.mae < 1e-12);
    }
}
