//! Realised volatility, volatility of volatility and drawdowns of a value series, in f64.
//!
//! Realised volatility follows DESIGN section 4 ("Realised volatility in reports"): the sample
//! variance of log returns times the number of returns per year actually observed, returns / (span
//! in seconds / 31,536,000). A calendar-day series annualises at 365 returns a year and a weekday
//! series at about 252, without being told which it is.

/// Seconds in the year of the volatility convention.
pub const YEAR: f64 = 31_536_000.0;
/// Returns in the rolling window of the volatility of volatility: about a quarter of trading days.
pub const VOL_WINDOW: usize = 63;

/// A value series at increasing times: (unix seconds, value > 0).
pub type Series = [(u64, f64)];

/// Sample variance (n - 1) of `xs`; None for fewer than two.
fn sample_variance(xs: &[f64]) -> Option<f64> {
    if xs.len() < 2 {
        return None;
    }
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    Some(xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0))
}

/// Log returns of consecutive points. A value at or below zero (a vault wiped out) is floored at a
/// millionth of a unit so that the loss shows as a large finite return.
fn log_returns(series: &Series) -> Vec<f64> {
    series
        .windows(2)
        .map(|w| (w[1].1.max(1e-6) / w[0].1.max(1e-6)).ln())
        .collect()
}

/// Annualised realised volatility of `series` between its first and last point.
pub fn realized_vol(series: &Series) -> Option<f64> {
    let returns = log_returns(series);
    annualised(&returns, span(series)?)
}

fn span(series: &Series) -> Option<f64> {
    let (first, last) = (series.first()?.0, series.last()?.0);
    (last > first).then(|| (last - first) as f64)
}

fn annualised(returns: &[f64], span_seconds: f64) -> Option<f64> {
    let per_year = returns.len() as f64 / (span_seconds / YEAR);
    Some((sample_variance(returns)? * per_year).sqrt())
}

/// Realised volatility over each window of [`VOL_WINDOW`] returns ending at each point: (time,
/// vol) from the 63rd return on.
pub fn rolling_vol(series: &Series) -> Vec<(u64, f64)> {
    let returns = log_returns(series);
    (VOL_WINDOW..=returns.len())
        .filter_map(|end| {
            let window = &returns[end - VOL_WINDOW..end];
            let seconds = (series[end].0 - series[end - VOL_WINDOW].0) as f64;
            annualised(window, seconds).map(|v| (series[end].0, v))
        })
        .collect()
}

/// Sample standard deviation of the rolling volatility: how much the realised risk itself moves.
pub fn vol_of_vol(series: &Series) -> Option<f64> {
    let vols: Vec<f64> = rolling_vol(series).into_iter().map(|(_, v)| v).collect();
    sample_variance(&vols).map(f64::sqrt)
}

/// Drawdown at each point: value / running peak - 1, in [-1, 0].
pub fn drawdowns(series: &Series) -> Vec<(u64, f64)> {
    let mut peak = f64::MIN;
    series
        .iter()
        .map(|&(t, v)| {
            peak = peak.max(v);
            (t, if peak > 0.0 { v / peak - 1.0 } else { 0.0 })
        })
        .collect()
}

/// The deepest drawdown, as a positive fraction (0.25 = a quarter of the peak lost).
pub fn max_drawdown(series: &Series) -> f64 {
    drawdowns(series)
        .into_iter()
        .map(|(_, d)| -d)
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: u64 = 86_400;

    fn daily(values: &[f64]) -> Vec<(u64, f64)> {
        values
            .iter()
            .enumerate()
            .map(|(i, &v)| (u64::try_from(i).unwrap() * DAY, v))
            .collect()
    }

    #[test]
    fn alternating_returns_annualise_at_365_a_year() {
        // +r, -r, ...: sample variance r^2 * n / (n - 1), 365 returns a year.
        let r: f64 = 0.02;
        let values: Vec<f64> = (0..11)
            .map(|i| if i % 2 == 0 { 1.0 } else { r.exp() })
            .collect();
        let want = (r * r * 10.0 / 9.0 * 365.0).sqrt();
        let got = realized_vol(&daily(&values)).unwrap();
        assert!((got - want).abs() < 1e-12, "{got} vs {want}");
    }

    #[test]
    fn weekday_series_annualise_by_returns_observed() {
        // Five prices a week, none at weekends.
        let r: f64 = 0.01;
        let mut series = Vec::new();
        let mut value = 1.0;
        for week in 0..20u64 {
            for day in 0..5u64 {
                series.push((week * 7 * DAY + day * DAY, value));
                value *= if series.len() % 2 == 0 {
                    r.exp()
                } else {
                    (-r).exp()
                };
            }
        }
        let returns = log_returns(&series);
        let span_years = (series.last().unwrap().0 - series[0].0) as f64 / YEAR;
        let want = (sample_variance(&returns).unwrap() * returns.len() as f64 / span_years).sqrt();
        assert!((realized_vol(&series).unwrap() - want).abs() < 1e-12);
        // 99 returns over 137 days (19 weeks and Monday to Friday): about 264 a year, not 365.
        let per_year = returns.len() as f64 / span_years;
        assert_eq!(returns.len(), 99);
        assert!((per_year - 99.0 * 365.0 / 137.0).abs() < 1e-9, "{per_year}");
    }

    #[test]
    fn constant_vol_has_no_vol_of_vol() {
        let values: Vec<f64> = (0..200)
            .map(|i| if i % 2 == 0 { 1.0 } else { 1.01 })
            .collect();
        let series = daily(&values);
        assert_eq!(rolling_vol(&series).len(), 200 - 1 - VOL_WINDOW + 1);
        assert!(vol_of_vol(&series).unwrap() < 1e-3);
    }

    #[test]
    fn drawdown_is_from_the_running_peak() {
        let series = daily(&[1.0, 2.0, 1.5, 3.0, 1.5, 2.0]);
        assert!((max_drawdown(&series) - 0.5).abs() < 1e-12);
        assert_eq!(drawdowns(&series)[2].1, -0.25);
    }

    #[test]
    fn too_short_a_series_has_no_vol() {
        assert_eq!(realized_vol(&daily(&[1.0, 2.0])), None);
        assert_eq!(realized_vol(&daily(&[1.0])), None);
    }
}
