//! The decision chart: per period, the share of `Rebalance` outcomes, and a tick for each keeper
//! event (deleverage, liquidation, breaker trip).

use std::path::Path;

use plotters::prelude::*;

use super::plots::{GREY, HELD, PURPLE, RED_, SIZE, VAULT, error, pct, x_label, year};
use super::step::{Outcome, Record};

/// Outcomes stacked in the decision chart, bottom to top, with their colours.
const OUTCOMES: [(Outcome, RGBColor); 5] = [
    (Outcome::Failed, RED_),
    (Outcome::Rejected, HELD),
    (Outcome::Scaled, PURPLE),
    (Outcome::Accepted, VAULT),
    (Outcome::Hold, GREY),
];
/// Event rows above the stacked shares: (y, name).
const EVENTS: [(f64, &str); 3] = [
    (1.1, "deleverage"),
    (1.2, "liquidation"),
    (1.3, "breaker trip"),
];

/// Per period, the share of steps with each outcome (stacked bars), and above them a tick for
/// each deleverage, liquidation and breaker trip.
pub fn draw(path: &Path, x: (f64, f64), records: &[Record]) -> Result<(), String> {
    let fail = error(path);
    let root = BitMapBackend::new(path, SIZE).into_drawing_area();
    root.fill(&WHITE).map_err(|e| fail(e.to_string()))?;
    let title = "Rebalance outcomes per period (stacked shares) and keeper events";
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 24))
        .margin(12)
        .x_label_area_size(36)
        .y_label_area_size(110)
        .build_cartesian_2d(x.0..x.1, 0f64..1.75f64)
        .map_err(|e| fail(e.to_string()))?;
    chart
        .configure_mesh()
        .x_labels(12)
        .x_label_formatter(&x_label(x))
        .y_labels(36)
        .disable_y_mesh()
        .y_label_formatter(&|v| match EVENTS.iter().find(|e| (e.0 - v).abs() < 0.01) {
            Some(e) => e.1.to_string(),
            None if *v <= 1.0 + 1e-9 && (v * 4.0 - (v * 4.0).round()).abs() < 1e-6 => pct(v),
            None => String::new(),
        })
        .light_line_style(WHITE.mix(0.0))
        .draw()
        .map_err(|e| fail(e.to_string()))?;

    let bins = (records.len() / 5).clamp(1, 64);
    let width = (x.1 - x.0).max(1e-9) / bins as f64;
    let mut counts = vec![[0usize; 5]; bins];
    for r in records {
        let bin = (((year(r.time) - x.0) / width) as usize).min(bins - 1);
        let slot = OUTCOMES
            .iter()
            .position(|(o, _)| *o == r.outcome)
            .unwrap_or(0);
        counts[bin][slot] += 1;
    }
    let mut bars = Vec::new();
    for (i, bin) in counts.iter().enumerate() {
        let total = bin.iter().sum::<usize>().max(1) as f64;
        let left = x.0 + i as f64 * width;
        let mut bottom = 0.0;
        for (slot, (_, color)) in OUTCOMES.iter().enumerate() {
            let top = bottom + bin[slot] as f64 / total;
            bars.push(Rectangle::new(
                [(left, bottom), (left + width * 0.9, top)],
                color.filled(),
            ));
            bottom = top;
        }
    }
    chart.draw_series(bars).map_err(|e| fail(e.to_string()))?;
    for (slot, (outcome, color)) in OUTCOMES.iter().enumerate().rev() {
        let color = *color;
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(x.0, 0.0), (x.0, 0.0)],
                color,
            )))
            .map_err(|e| fail(e.to_string()))?
            .label(format!(
                "{} ({})",
                outcome.name(),
                counts.iter().map(|b| b[slot]).sum::<usize>()
            ))
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 14, y + 5)], color.filled()));
    }
    let ticks = records.iter().flat_map(|r| {
        let t = year(r.time);
        [
            (r.deleveraged, EVENTS[0].0, PURPLE),
            (r.liquidated, EVENTS[1].0, RED_),
            (r.tripped, EVENTS[2].0, BLACK),
        ]
        .into_iter()
        .filter(|e| e.0)
        .map(move |(_, y, color)| {
            PathElement::new([(t, y - 0.04), (t, y + 0.04)], color.stroke_width(2))
        })
    });
    chart.draw_series(ticks).map_err(|e| fail(e.to_string()))?;
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .label_font(("sans-serif", 14))
        .draw()
        .map_err(|e| fail(e.to_string()))?;
    root.present().map_err(|e| fail(e.to_string()))
}
