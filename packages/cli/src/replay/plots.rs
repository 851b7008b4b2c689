//! The replay's PNG plots, drawn with plotters' bitmap backend. Text is rendered by ab_glyph with
//! DejaVu Sans embedded in the binary (the `dejavu` crate), so no system font or font library is
//! needed.

use std::path::Path;
use std::sync::Once;

use plotters::prelude::*;

use super::output::{Summary, series};
use super::stats;
use super::step::Record;
use crate::prices::time;

pub(super) const SIZE: (u32, u32) = (1200, 520);
pub(super) const VAULT: RGBColor = RGBColor(31, 119, 180);
pub(super) const HELD: RGBColor = RGBColor(255, 127, 14);
const TARGET: RGBColor = RGBColor(44, 160, 44);
pub(super) const GREY: RGBColor = RGBColor(150, 150, 150);
pub(super) const RED_: RGBColor = RGBColor(214, 39, 40);
pub(super) const PURPLE: RGBColor = RGBColor(148, 103, 189);

/// One line of a chart.
struct Line {
    name: &'static str,
    color: RGBColor,
    points: Vec<(f64, f64)>,
}

/// A chart's frame: title, y axis name and range, and how y labels read.
struct Frame<'a> {
    title: &'a str,
    y_desc: &'a str,
    y: (f64, f64),
    y_label: &'a dyn Fn(&f64) -> String,
    legend: SeriesLabelPosition,
}

/// Seconds in the mean Gregorian year, the x axis' unit.
const AXIS_YEAR: f64 = 31_556_952.0;

/// Unix seconds as a fractional calendar year.
pub(super) fn year(time: u64) -> f64 {
    1970.0 + time as f64 / AXIS_YEAR
}

/// How the x axis over `x` (fractional years) reads: years over a long span, dates over months,
/// dates and hours over a few days of intraday rows.
pub(super) fn x_label(x: (f64, f64)) -> impl Fn(&f64) -> String {
    let span = x.1 - x.0;
    move |v: &f64| {
        let seconds = ((v - 1970.0) * AXIS_YEAR).max(0.0) as u64;
        if span >= 3.0 {
            format!("{v:.0}")
        } else if span >= 20.0 / 365.0 {
            time::date_label(seconds)
        } else {
            format!(
                "{} {}",
                &time::date_label(seconds)[5..],
                time::clock_label(seconds)
            )
        }
    }
}

fn fonts() {
    static FONTS: Once = Once::new();
    FONTS.call_once(|| {
        // Only fails on a malformed font file, which the embedded one is not.
        let _ = plotters::style::register_font(
            "sans-serif",
            FontStyle::Normal,
            dejavu::sans::regular(),
        );
    });
}

pub(super) fn error(path: &Path) -> impl Fn(String) -> String + '_ {
    move |e| format!("{}: drawing failed: {e}", path.display())
}

/// Draws `lines` over the records' time span, clamping y into the frame.
fn draw_lines(path: &Path, x: (f64, f64), frame: &Frame, lines: &[Line]) -> Result<(), String> {
    let fail = error(path);
    let pad = (frame.y.1 - frame.y.0) * 0.02;
    let root = BitMapBackend::new(path, SIZE).into_drawing_area();
    root.fill(&WHITE).map_err(|e| fail(e.to_string()))?;
    let mut chart = ChartBuilder::on(&root)
        .caption(frame.title, ("sans-serif", 24))
        .margin(12)
        .x_label_area_size(36)
        .y_label_area_size(70)
        // Padded, so that a line on the frame's edge stays inside the plotting area.
        .build_cartesian_2d(x.0..x.1, frame.y.0 - pad..frame.y.1 + pad)
        .map_err(|e| fail(e.to_string()))?;
    chart
        .configure_mesh()
        .x_labels(12)
        .x_label_formatter(&x_label(x))
        .y_labels(8)
        .y_label_formatter(frame.y_label)
        .y_desc(frame.y_desc)
        .light_line_style(WHITE.mix(0.0))
        .draw()
        .map_err(|e| fail(e.to_string()))?;
    for line in lines {
        let color = line.color;
        // Thin strokes keep a dense daily series crisp; two pixels for short ones.
        let width = if line.points.len() > 1_500 { 1 } else { 2 };
        let clamped = line
            .points
            .iter()
            .filter(|(_, y)| y.is_finite())
            .map(|&(t, y)| (t, y.clamp(frame.y.0, frame.y.1)));
        chart
            .draw_series(LineSeries::new(clamped, color.stroke_width(width)))
            .map_err(|e| fail(e.to_string()))?
            .label(line.name)
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 20, y)], color.stroke_width(3)));
    }
    chart
        .configure_series_labels()
        .position(frame.legend.clone())
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .label_font(("sans-serif", 16))
        .draw()
        .map_err(|e| fail(e.to_string()))?;
    root.present().map_err(|e| fail(e.to_string()))
}

pub(super) fn pct(v: &f64) -> String {
    let x = (v * 100.0).round();
    // No "-0%" at the top of the drawdown axis.
    format!("{:.0}%", if x == 0.0 { 0.0 } else { x })
}

/// 10^v as a compact number: 0.01, 1, 1k, 1M.
fn power_of_ten(v: &f64) -> String {
    let x = 10f64.powf(*v);
    match x {
        x if x >= 1e9 => format!("{:.0}G", x / 1e9),
        x if x >= 1e6 => format!("{:.0}M", x / 1e6),
        x if x >= 1e3 => format!("{:.0}k", x / 1e3),
        x if x >= 1.0 => format!("{x:.0}"),
        x => format!("{x:.2}"),
    }
}

/// min and max of the finite values, padded a little.
fn bounds<'a>(values: impl Iterator<Item = &'a f64>) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((f64::MAX, f64::MIN), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    if lo > hi {
        return (0.0, 1.0);
    }
    let pad = ((hi - lo) * 0.03).max(1e-9);
    (lo - pad, hi + pad)
}

/// Every plot of the replay; returns (file name, what it shows) for the report.
pub fn draw_all(
    out: &Path,
    records: &[Record],
    summary: &Summary,
) -> Result<Vec<(&'static str, &'static str)>, String> {
    fonts();
    let daily: Vec<&Record> = records.iter().filter(|r| !r.intraday).collect();
    let x = (
        year(records.first().map_or(0, |r| r.time)),
        year(records.last().map_or(1, |r| r.time)),
    );
    let at = |r: &Record, v: f64| (year(r.time), v);
    let (nav, held) = series(records, summary.capital_usdc);
    let on_years = |s: &[(u64, f64)]| s.iter().map(|&(t, v)| (year(t), v)).collect::<Vec<_>>();

    let log_price: Vec<(f64, f64)> = records.iter().map(|r| at(r, r.price.log10())).collect();
    let frame = Frame {
        title: "Price (log scale)",
        y_desc: "price",
        y: bounds(log_price.iter().map(|p| &p.1)),
        y_label: &power_of_ten,
        legend: SeriesLabelPosition::UpperLeft,
    };
    let price_line = Line {
        name: "close",
        color: BLACK,
        points: log_price,
    };
    draw_lines(&out.join("price.png"), x, &frame, &[price_line])?;

    let target = summary.target_vol;
    let forecast: Vec<_> = daily
        .iter()
        .filter_map(|r| r.forecast_vol.map(|v| at(r, v)))
        .collect();
    let cap = (target * 4.0).max(1.0);
    let frame = Frame {
        title: "Forecast vs realised volatility (rolling 63 days) against the target",
        y_desc: &format!("annualised volatility (clipped at {:.0}%)", cap * 100.0),
        y: (0.0, cap),
        y_label: &pct,
        legend: SeriesLabelPosition::UpperRight,
    };
    let vol_lines = [
        Line {
            name: "asset: realised",
            color: GREY,
            points: on_years(&stats::rolling_vol(&held)),
        },
        Line {
            name: "asset: EWMA forecast (vault)",
            color: HELD,
            points: forecast,
        },
        Line {
            name: "vault nav: realised",
            color: VAULT,
            points: on_years(&stats::rolling_vol(&nav)),
        },
        Line {
            name: "target",
            color: TARGET,
            points: vec![(x.0, target), (x.1, target)],
        },
    ];
    draw_lines(&out.join("volatility.png"), x, &frame, &vol_lines)?;

    let per_nav = |r: &Record, v: f64| (r.nav > 0.0).then(|| at(r, v / r.nav));
    let targets: Vec<_> = daily.iter().filter_map(|r| per_nav(r, r.target?)).collect();
    let held_exposure: Vec<_> = daily
        .iter()
        .filter_map(|r| per_nav(r, r.position))
        .collect();
    let top = bounds(targets.iter().chain(&held_exposure).map(|p| &p.1)).1;
    let frame = Frame {
        title: "Exposure: Rebalance's target vs the position held, per unit of nav",
        y_desc: "notional / nav",
        y: (0.0, top.min(summary.max_leverage * 1.1).max(0.1)),
        y_label: &|v| format!("{v:.1}x"),
        legend: SeriesLabelPosition::UpperLeft,
    };
    let exposure = [
        Line {
            name: "target",
            color: TARGET,
            points: targets,
        },
        Line {
            name: "executed (position)",
            color: VAULT,
            points: held_exposure,
        },
    ];
    draw_lines(&out.join("exposure.png"), x, &frame, &exposure)?;

    let log_nav = on_years(&nav)
        .into_iter()
        .map(|(t, v)| (t, v.max(1e-6).log10()));
    let log_held = on_years(&held).into_iter().map(|(t, v)| (t, v.log10()));
    let (log_nav, log_held): (Vec<_>, Vec<_>) = (log_nav.collect(), log_held.collect());
    let frame = Frame {
        title: "Nav of the vault against holding the asset (log scale)",
        y_desc: "USDC",
        y: bounds(log_nav.iter().chain(&log_held).map(|p| &p.1)),
        y_label: &power_of_ten,
        legend: SeriesLabelPosition::UpperLeft,
    };
    let navs = [
        Line {
            name: "vault",
            color: VAULT,
            points: log_nav,
        },
        Line {
            name: "holding the asset",
            color: HELD,
            points: log_held,
        },
    ];
    draw_lines(&out.join("nav.png"), x, &frame, &navs)?;

    let frame = Frame {
        title: "Drawdown from the running peak",
        y_desc: "drawdown",
        y: (-1.0, 0.0),
        y_label: &pct,
        legend: SeriesLabelPosition::LowerRight,
    };
    let drawdowns = [
        Line {
            name: "holding the asset",
            color: HELD,
            points: on_years(&stats::drawdowns(&held)),
        },
        Line {
            name: "vault",
            color: VAULT,
            points: on_years(&stats::drawdowns(&nav)),
        },
    ];
    draw_lines(&out.join("drawdown.png"), x, &frame, &drawdowns)?;

    super::decisions::draw(&out.join("decisions.png"), x, records)?;
    Ok(vec![
        ("price.png", "the price, log scale"),
        (
            "volatility.png",
            "forecast and realised volatility against the target",
        ),
        (
            "exposure.png",
            "target vs executed exposure, per unit of nav",
        ),
        ("nav.png", "the vault's nav against holding the asset"),
        ("drawdown.png", "drawdowns of both"),
        (
            "decisions.png",
            "what the keepers' calls came to, day by day",
        ),
    ])
}
