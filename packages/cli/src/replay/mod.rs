//! `ballast replay`: the real contracts over real price history.
//!
//! The oracle, the perp market and the vault run in cw-multi-test. Each row of the price file is a
//! block at the row's own time (00:00 UTC for a date; hourly bars are hourly blocks): the publisher
//! pushes the close, keepers liquidate, `Rebalance` and `Deleverage` as they would on chain (see
//! [`step`]). Every input is checked before anything is written: a bad flag, row or scenario is one
//! line on stderr and an empty `--out`.

mod decisions;
mod forecasts;
mod foreign_oracle;
mod output;
mod plots;
mod progress;
mod report;
pub mod scenario;
mod stats;
mod step;
mod world;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use cosmwasm_std::{Decimal, SignedDecimal, Uint128};

use ballast_types::vault::{DrawdownBrake, GarchModel};

use crate::prices::{PriceRow, oracle_mantissa, read_prices};
use output::Summary;
use world::{Setup, UNITS_PER_USDC, World};

/// The replay's flags, as typed.
#[derive(Debug, Clone)]
pub struct Options {
    /// The price file.
    pub prices: PathBuf,
    /// Output directory.
    pub out: PathBuf,
    /// Annualised volatility target.
    pub target_vol: String,
    /// EWMA decay per day.
    pub lambda: String,
    /// Largest gross notional over nav.
    pub max_leverage: String,
    /// The perp market's taker fee, a fraction of notional.
    pub taker_fee: String,
    /// The vault's annual management fee, a fraction of nav.
    pub management_fee: String,
    /// The vault's performance fee, a fraction of gains above the high-water mark.
    pub performance_fee: String,
    /// Notional at which price impact reaches 100%, USDC.
    pub depth: String,
    /// Starting capital, USDC.
    pub capital: String,
    /// Stress scenarios.
    pub scenarios: Vec<String>,
    /// `none` or `trend`: the signal a source sets before each Rebalance.
    pub signal: String,
    /// The drawdown brake's largest drawdown, or `none`.
    pub max_drawdown: String,
    /// The drawdown at which the brake starts.
    pub drawdown_start: String,
    /// The brake's peak half-life, days.
    pub peak_half_life_days: String,
    /// GARCH(1,1) parameters `OMEGA,ALPHA,BETA` for the market, instead of the EWMA.
    pub garch: Option<String>,
    /// The margin policy's redemption buffer, or `none`.
    pub redemption_buffer: String,
}

/// snake_case name of a serde enum value, as in the contracts' messages.
pub fn snake<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value)
        .map(|s| s.trim_matches('"').to_string())
        .unwrap_or_default()
}

fn decimal(flag: &str, text: &str) -> Result<Decimal, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("--{flag}: {text:?} is not a decimal number >= 0"))
}

fn usdc(flag: &str, text: &str) -> Result<Uint128, String> {
    let whole: u128 = text
        .trim()
        .parse()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("--{flag}: {text:?} is not a whole number of USDC > 0"))?;
    whole
        .checked_mul(UNITS_PER_USDC)
        .filter(|units| *units <= 10u128.pow(24))
        .map(Uint128::new)
        .ok_or_else(|| format!("--{flag}: {text} USDC is more than this replay handles (10^18)"))
}

/// `OMEGA,ALPHA,BETA` as a GARCH(1,1) model.
fn garch(text: &str) -> Result<GarchModel, String> {
    let parts: Vec<&str> = text.split(',').collect();
    let [omega, alpha, beta] = parts.as_slice() else {
        return Err(format!("--garch: {text:?} is not OMEGA,ALPHA,BETA"));
    };
    Ok(GarchModel {
        omega: decimal("garch", omega)?,
        alpha: decimal("garch", alpha)?,
        beta: decimal("garch", beta)?,
    })
}

/// The drawdown brake of the flags; `--max-drawdown none` turns it off.
fn brake(options: &Options) -> Result<Option<DrawdownBrake>, String> {
    if options.max_drawdown.trim() == "none" {
        return Ok(None);
    }
    let days: u64 = options.peak_half_life_days.trim().parse().map_err(|_| {
        format!(
            "--peak-half-life-days: {:?} is not a whole number of days",
            options.peak_half_life_days
        )
    })?;
    Ok(Some(DrawdownBrake {
        start: decimal("drawdown-start", &options.drawdown_start)?,
        max_drawdown: decimal("max-drawdown", &options.max_drawdown)?,
        peak_half_life: days.saturating_mul(world::DAY),
    }))
}

/// The edge of a full signal. Rebalance follows only a signal, so `--signal none` holds a long signal
/// of 1: a pure volatility target, with no view of the edge. Its Kelly cap, `0.5 * max_edge / vol^2`
/// of nav, must then stay out of the way: at the bound of 10 it binds only above 1,250% volatility
/// (against the 40% target). A real signal's edge is 30% a year at full strength.
fn max_edge(signal: &str) -> Decimal {
    match signal {
        "trend" | "column" => Decimal::percent(30),
        _ => Decimal::percent(1_000),
    }
}

/// The flags as a [`Setup`], every bound checked as the contracts will check it.
fn setup(options: &Options) -> Result<Setup, String> {
    let setup = Setup {
        target_vol: decimal("target-vol", &options.target_vol)?,
        lambda: decimal("lambda", &options.lambda)?,
        max_leverage: decimal("max-leverage", &options.max_leverage)?,
        taker_fee: decimal("taker-fee", &options.taker_fee)?,
        management_fee: decimal("management-fee", &options.management_fee)?,
        performance_fee: decimal("performance-fee", &options.performance_fee)?,
        depth: usdc("depth", &options.depth)?,
        capital: usdc("capital", &options.capital)?,
        drawdown_brake: brake(options)?,
        garch: options.garch.as_deref().map(garch).transpose()?,
        redemption_buffer: match options.redemption_buffer.trim() {
            "none" => None,
            text => Some(decimal("redemption-buffer", text)?),
        },
        max_edge: max_edge(&options.signal),
        warmup_returns: 30,
        foreign_oracle: false,
    };
    if let Some(model) = &setup.garch {
        model
            .validate()
            .map_err(|e| format!("--garch: {} is {}, must be {}", e.name, e.value, e.rule))?;
    }
    world::vault_params(&setup).validate().map_err(|e| {
        let flag = match e.name {
            "max_concentration" => "max-leverage".to_string(),
            "peak_half_life" => {
                return format!(
                    "--peak-half-life-days: {} must be in [1, 3650]",
                    options.peak_half_life_days.trim()
                );
            }
            name => name.replace('_', "-"),
        };
        format!("--{flag}: {} must be {}", e.value, e.rule)
    })?;
    if setup.taker_fee >= Decimal::percent(10) {
        return Err(format!(
            "--taker-fee: {} must be in [0, 0.1)",
            setup.taker_fee
        ));
    }
    Ok(setup)
}

/// Runs the replay and writes `replay.csv`, `summary.json`, `report.md` and the plots to `--out`.
/// Returns the summary's headline for stdout.
pub fn run(options: &Options) -> Result<String, String> {
    let started = Instant::now();
    let mut setup = setup(options)?;
    let path = options.prices.as_path();
    let file = read_prices(path).map_err(|e| e.to_string())?;
    let rows = &file.rows;
    let times: Vec<u64> = rows.iter().map(|r| r.time).collect();
    setup.warmup_returns = world::warmup_returns(&times);
    let (mantissas, rounded): (Vec<i64>, Vec<bool>) = rows
        .iter()
        .map(|row| oracle_mantissa(path, &file.close_column, row))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?
        .into_iter()
        .unzip();
    let scenarios = options
        .scenarios
        .iter()
        .map(|text| scenario::parse(text, rows))
        .collect::<Result<Vec<_>, _>>()?;
    let steps = scenario::schedule(rows, &mantissas, &scenarios, file.daily);
    setup.foreign_oracle = scenario::needs_foreign_oracle(&scenarios);

    let mut world = World::deploy(&setup, rows[0].time.saturating_sub(60))
        .map_err(|e| format!("deploying the contracts failed: {e}"))?;
    let signals = match options.signal.as_str() {
        "trend" => trend_signals(rows, &mantissas),
        "column" => column_signals(rows, path)?,
        _ => BTreeMap::new(),
    };
    let mut bar = progress::Progress::new(steps.len());
    let mut records = Vec::with_capacity(steps.len());
    for step in &steps {
        if let Some(signal) = signals.get(&step.time) {
            world
                .set_signal(*signal)
                .map_err(|e| format!("{}: setting the signal failed: {e}", step.label))?;
        }
        records.push(step::run(&mut world, step)?);
        bar.inc();
    }
    bar.finish();

    let out = options.out.as_path();
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let capital = setup.capital.u128() as f64 / UNITS_PER_USDC as f64;
    let mut summary = Summary::new(options, &setup, &records, capital);
    summary.daily = file.daily;
    summary.columns = output::Columns {
        time: file.time_column.clone(),
        close: file.close_column.clone(),
    };
    summary.rounded_closes = rounded.iter().filter(|r| **r).count();
    summary.forecast_tracking = forecasts::track(rows, &options.lambda)?;
    output::write_csv(&out.join("replay.csv"), &records, capital)?;
    let charts = plots::draw_all(out, &records, &summary)?;
    summary.wall_seconds = started.elapsed().as_secs_f64();
    report::write(&out.join("report.md"), options, &summary, &records, &charts)?;
    output::write_json(&out.join("summary.json"), &summary)?;
    Ok(summary.headline(&display(out)))
}

/// The price file's `signal` column by row time.
fn column_signals(rows: &[PriceRow], path: &Path) -> Result<BTreeMap<u64, SignedDecimal>, String> {
    rows.iter()
        .map(|row| {
            row.signal.map(|s| (row.time, s)).ok_or_else(|| {
                format!(
                    "{}: --signal column needs a \"signal\" column in the header",
                    path.display()
                )
            })
        })
        .collect()
}

/// Trend signal by row time: 1 while the 50-day average close is above the 200-day one, else 0; none
/// before 200 closes (the starting long signal of 1 holds until then).
fn trend_signals(rows: &[PriceRow], mantissas: &[i64]) -> BTreeMap<u64, SignedDecimal> {
    let average =
        |window: &[i64]| window.iter().map(|&m| m as f64).sum::<f64>() / window.len() as f64;
    (200..=rows.len())
        .map(|end| {
            let closes = &mantissas[end - 200..end];
            let long = average(&closes[150..]) > average(closes);
            let signal = if long {
                SignedDecimal::one()
            } else {
                SignedDecimal::zero()
            };
            (rows[end - 1].time, signal)
        })
        .collect()
}

fn display(path: &Path) -> String {
    path.display().to_string()
}
