//! `replay.csv` and `summary.json`: the row-by-row record and the figures that judge it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use super::step::{Outcome, Record};
use super::world::Setup;
use super::{Options, stats};

/// Reasons that are caps (the rest are guards: stale or future prices, the breaker, a halt...).
const CAPS: [&str; 12] = [
    "vol_target",
    "gross_leverage",
    "market_notional",
    "concentration",
    "kelly",
    "var",
    "liquidity",
    "liquidation_distance",
    "signal",
    "drawdown",
    "reduce_only",
    "min_order",
];

/// How the keepers' `Rebalance` calls came out.
#[derive(Debug, Default, Serialize)]
pub struct Orders {
    /// Traded in full.
    pub accepted: u64,
    /// Traded, cut by a cap.
    pub scaled: u64,
    /// Refused by a guard or a cap, with the reason on chain.
    pub rejected: u64,
    /// Within the rebalance threshold: no order.
    pub hold: u64,
    /// The transaction failed (the venue could not mark the position).
    pub failed: u64,
}

/// The price file's columns that were read, as written in its header.
#[derive(Debug, Default, Serialize)]
pub struct Columns {
    /// The time column (`(unnamed column 1)` for a pandas index).
    pub time: String,
    /// The close column.
    pub close: String,
}

/// `summary.json`.
#[derive(Debug, Serialize)]
pub struct Summary {
    /// The price file.
    pub prices: String,
    /// The columns read from it.
    pub columns: Columns,
    /// Closes with more than 8 decimals, rounded half to even to the oracle's exponent -8.
    pub rounded_closes: usize,
    /// Every row is at 00:00 UTC: rows are days and labelled by their dates.
    pub daily: bool,
    /// First row's label: its date, or `YYYY-MM-DDTHH:MM:SSZ` in a file with times of day.
    pub first_date: String,
    /// Last row's label.
    pub last_date: String,
    /// Rows of the price file replayed (days in a daily file).
    pub days: usize,
    /// Intraday updates added by scenarios.
    pub intraday_steps: usize,
    /// Volatility target.
    pub target_vol: f64,
    /// EWMA decay per day.
    pub lambda: f64,
    /// Returns the vault observed before sizing: 30 days' worth at the file's spacing of rows.
    pub warmup_returns: u32,
    /// Gross leverage cap.
    pub max_leverage: f64,
    /// Perp taker fee.
    pub taker_fee: f64,
    /// Perp depth, USDC.
    pub depth_usdc: f64,
    /// Starting capital, USDC.
    pub capital_usdc: f64,
    /// Stress scenarios as given.
    pub scenarios: Vec<String>,
    /// The signal Rebalance followed: `none`, `trend` or `column`.
    pub signal: String,
    /// The market's volatility model on chain: `ewma` or `garch(omega, alpha, beta)`.
    pub forecaster: String,
    /// The oracle deployed: `ballast-oracle`, or `foreign` (stores any publish_time) for `future@DATE`.
    pub oracle: String,
    /// The margin policy's share of nav kept idle; null: only the liquidation-distance margin posted.
    pub redemption_buffer: Option<f64>,
    /// Annualised realised volatility of the vault's daily nav log returns.
    pub realized_vol: Option<f64>,
    /// realized_vol / target_vol - 1.
    pub realized_vs_target: Option<f64>,
    /// The same of holding the asset.
    pub unmanaged_vol: Option<f64>,
    /// Standard deviation of the vault's rolling 63-return realised volatility.
    pub vol_of_vol: Option<f64>,
    /// The same of holding the asset.
    pub unmanaged_vol_of_vol: Option<f64>,
    /// Deepest fall of the vault's nav from a peak, a fraction.
    pub max_drawdown: f64,
    /// The same of holding the asset.
    pub unmanaged_max_drawdown: f64,
    /// The vault's nav at the end, USDC.
    pub final_nav: f64,
    /// Holding the asset with the same capital, USDC.
    pub unmanaged_final_nav: f64,
    /// What the depositor's shares redeem for at the end, vault fees deducted, USDC.
    pub depositor_final_value: f64,
    /// Average |position| / nav over the days after the first order.
    pub mean_leverage: f64,
    /// How the keepers' rebalances came out.
    pub orders: Orders,
    /// Per cap, the days it bound (cut the order, or set the target).
    pub binding_caps: BTreeMap<String, u64>,
    /// Per guard, the days it refused the rebalance.
    pub guards: BTreeMap<String, u64>,
    /// Liquidations of the vault's position by keepers.
    pub liquidations: u64,
    /// Successful `Deleverage` calls.
    pub deleverages: u64,
    /// Times the jump circuit breaker halted the market.
    pub breaker_trips: u64,
    /// Total notional traded, USDC.
    pub traded_usdc: f64,
    /// Seconds the replay took, outputs and plots included.
    pub wall_seconds: f64,
    /// EWMA against GARCH(1,1): tracking error of each forecast against the realised vol that
    /// followed (null for files under 252 returns); see `forecasts.rs`.
    pub forecast_tracking: Option<super::forecasts::Tracking>,
}

/// Values at times: (unix seconds, value).
pub type Points = Vec<(u64, f64)>;

/// (time, nav) and (time, holding the asset) at each row of the file (intraday steps left out).
pub fn series(records: &[Record], capital: f64) -> (Points, Points) {
    let daily: Vec<&Record> = records.iter().filter(|r| !r.intraday).collect();
    let first_price = daily.first().map_or(1.0, |r| r.price);
    let nav = daily.iter().map(|r| (r.time, r.nav)).collect();
    let held = daily
        .iter()
        .map(|r| (r.time, capital * r.price / first_price))
        .collect();
    (nav, held)
}

impl Summary {
    /// The figures of a finished replay (`wall_seconds` is set by the caller).
    pub fn new(options: &Options, setup: &Setup, records: &[Record], capital: f64) -> Self {
        let f = |d: cosmwasm_std::Decimal| d.to_string().parse().unwrap_or(f64::NAN);
        let (nav, held) = series(records, capital);
        let mut orders = Orders::default();
        let (mut binding_caps, mut guards) = (BTreeMap::new(), BTreeMap::new());
        for r in records {
            *match r.outcome {
                Outcome::Accepted => &mut orders.accepted,
                Outcome::Scaled => &mut orders.scaled,
                Outcome::Rejected => &mut orders.rejected,
                Outcome::Hold => &mut orders.hold,
                Outcome::Failed => &mut orders.failed,
            } += 1;
            let map = if CAPS.contains(&r.binding_cap.as_str()) {
                &mut binding_caps
            } else {
                &mut guards
            };
            *map.entry(r.binding_cap.clone()).or_insert(0) += 1;
        }
        let count = |pick: fn(&Record) -> bool| records.iter().filter(|r| pick(r)).count() as u64;
        let trading: Vec<f64> = records
            .iter()
            .skip_while(|r| r.position == 0.0)
            .filter(|r| r.nav > 0.0 && !r.intraday)
            .map(|r| r.position / r.nav)
            .collect();
        let realized_vol = stats::realized_vol(&nav);
        let target_vol = f(setup.target_vol);
        Summary {
            prices: options.prices.display().to_string(),
            columns: Columns::default(),
            rounded_closes: 0,
            daily: true,
            first_date: records.first().map(|r| r.label.clone()).unwrap_or_default(),
            last_date: records.last().map(|r| r.label.clone()).unwrap_or_default(),
            days: nav.len(),
            intraday_steps: records.len() - nav.len(),
            target_vol,
            lambda: f(setup.lambda),
            warmup_returns: setup.warmup_returns,
            max_leverage: f(setup.max_leverage),
            taker_fee: f(setup.taker_fee),
            depth_usdc: setup.depth.u128() as f64 / 1e6,
            capital_usdc: capital,
            scenarios: options.scenarios.clone(),
            signal: options.signal.clone(),
            forecaster: match &setup.garch {
                None => "ewma".to_string(),
                Some(g) => format!("garch({}, {}, {})", g.omega, g.alpha, g.beta),
            },
            oracle: if setup.foreign_oracle {
                "foreign".to_string()
            } else {
                "ballast-oracle".to_string()
            },
            redemption_buffer: setup.redemption_buffer.map(f),
            realized_vol,
            realized_vs_target: realized_vol.map(|v| v / target_vol - 1.0),
            unmanaged_vol: stats::realized_vol(&held),
            vol_of_vol: stats::vol_of_vol(&nav),
            unmanaged_vol_of_vol: stats::vol_of_vol(&held),
            max_drawdown: stats::max_drawdown(&nav),
            unmanaged_max_drawdown: stats::max_drawdown(&held),
            final_nav: nav.last().map_or(f64::NAN, |p| p.1),
            unmanaged_final_nav: held.last().map_or(f64::NAN, |p| p.1),
            depositor_final_value: records.last().map_or(f64::NAN, |r| r.depositor_value),
            mean_leverage: trading.iter().sum::<f64>() / trading.len().max(1) as f64,
            orders,
            binding_caps,
            guards,
            liquidations: count(|r| r.liquidated),
            deleverages: count(|r| r.deleveraged),
            breaker_trips: count(|r| r.tripped),
            traded_usdc: records.iter().map(|r| r.traded).sum(),
            wall_seconds: 0.0,
            forecast_tracking: None,
        }
    }

    /// A few lines for stdout.
    pub fn headline(&self, out: &str) -> String {
        let pct = |x: Option<f64>| x.map_or("n/a".into(), |v| format!("{:.1}%", v * 100.0));
        let mut text = String::new();
        let _ = writeln!(
            text,
            "replayed {} {} ({} to {}) in {:.1} s; outputs in {out}/",
            self.days,
            if self.daily { "days" } else { "rows" },
            self.first_date,
            self.last_date,
            self.wall_seconds
        );
        if self.rounded_closes > 0 {
            let _ = writeln!(
                text,
                "{} closes of column {:?} rounded half to even to 8 decimals (the oracle's exponent)",
                self.rounded_closes, self.columns.close
            );
        }
        let _ = writeln!(
            text,
            "realized vol {} (target {}), holding {}",
            pct(self.realized_vol),
            pct(Some(self.target_vol)),
            pct(self.unmanaged_vol)
        );
        let _ = writeln!(
            text,
            "vol of vol {} vs {}; max drawdown {} vs {}; final nav {:.0} vs {:.0} USDC",
            pct(self.vol_of_vol),
            pct(self.unmanaged_vol_of_vol),
            pct(Some(self.max_drawdown)),
            pct(Some(self.unmanaged_max_drawdown)),
            self.final_nav,
            self.unmanaged_final_nav
        );
        text
    }
}

/// `summary.json`, pretty-printed.
pub fn write_json(path: &Path, summary: &Summary) -> Result<(), String> {
    let text = serde_json::to_string_pretty(summary).map_err(|e| e.to_string())?;
    std::fs::write(path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))
}

/// The contract's own words at the end of a failure chain: `... error: insufficient margin: ...`.
pub fn short_error(message: &str) -> &str {
    message
        .rsplit_once("error: ")
        .map_or(message, |(_, last)| last)
        .trim()
}

/// `replay.csv`: one line per step.
pub fn write_csv(path: &Path, records: &[Record], capital: f64) -> Result<(), String> {
    let fail = |e: csv::Error| format!("{}: {e}", path.display());
    let opt = |x: Option<f64>, digits: usize| x.map_or(String::new(), |v| format!("{v:.digits$}"));
    let first_price = records
        .iter()
        .find(|r| !r.intraday)
        .map_or(1.0, |r| r.price);
    let mut csv = csv::Writer::from_path(path).map_err(fail)?;
    csv.write_record([
        "date",
        "price",
        "forecast_vol",
        "target_notional",
        "executed_notional",
        "nav",
        "decision",
        "binding_cap",
        "traded_notional",
        "leverage",
        "unmanaged_nav",
        "depositor_value",
        "halted",
        "liquidated",
        "deleveraged",
        "event",
        "error",
    ])
    .map_err(fail)?;
    for r in records {
        let leverage = (r.nav > 0.0).then(|| r.position / r.nav);
        csv.write_record([
            r.label.clone(),
            r.price_text.clone(),
            opt(r.forecast_vol, 6),
            opt(r.target, 6),
            format!("{:.6}", r.position),
            format!("{:.6}", r.nav),
            r.outcome.name().to_string(),
            r.binding_cap.clone(),
            format!("{:.6}", r.traded),
            opt(leverage, 4),
            format!("{:.6}", capital * r.price / first_price),
            format!("{:.6}", r.depositor_value),
            r.halted.to_string(),
            r.liquidated.to_string(),
            r.deleveraged.to_string(),
            r.event.clone(),
            r.error
                .as_deref()
                .map(short_error)
                .unwrap_or("")
                .to_string(),
        ])
        .map_err(fail)?;
    }
    csv.flush().map_err(|e| format!("{}: {e}", path.display()))
}
