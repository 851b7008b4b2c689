//! `report.md`: what a person reads in a minute: the verdict, the figures, what the keepers did, the
//! scenarios' events, the plots and the settings.

use std::fmt::Write as _;
use std::path::Path;

use super::Options;
use super::output::{Summary, short_error};
use super::step::{Outcome, Record};

fn pct(x: Option<f64>) -> String {
    x.map_or("n/a".into(), |v| format!("{:.1}%", v * 100.0))
}

/// 1234567.8 -> "1,234,568".
fn money(x: f64) -> String {
    if !x.is_finite() {
        return "n/a".into();
    }
    let digits = format!("{:.0}", x.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if x < 0.0 { format!("-{out}") } else { out }
}

/// The command line that reproduces the run.
fn command(o: &Options) -> String {
    let mut cmd = format!(
        "ballast replay --prices {} --target-vol {} --lambda {} --max-leverage {} --taker-fee {} \
         --depth {} --capital {} --out {}",
        o.prices.display(),
        o.target_vol,
        o.lambda,
        o.max_leverage,
        o.taker_fee,
        o.depth,
        o.capital,
        o.out.display()
    );
    for s in &o.scenarios {
        let _ = write!(cmd, " --scenario {s}");
    }
    if o.signal != "none" {
        let _ = write!(cmd, " --signal {}", o.signal);
    }
    let _ = write!(
        cmd,
        " --max-drawdown {} --drawdown-start {} --peak-half-life-days {}",
        o.max_drawdown, o.drawdown_start, o.peak_half_life_days
    );
    if let Some(garch) = &o.garch {
        let _ = write!(cmd, " --garch {garch}");
    }
    cmd
}

fn verdict(s: &Summary) -> String {
    let mut lines = Vec::new();
    if let (Some(v), Some(off)) = (s.realized_vol, s.realized_vs_target) {
        let judged = if off.abs() <= 0.15 {
            "within"
        } else {
            "outside"
        };
        lines.push(format!(
            "- Realised volatility **{}** against a target of {}: {:+.1}%, {judged} the 15% band.",
            pct(Some(v)),
            pct(Some(s.target_vol)),
            off * 100.0
        ));
    }
    if let (Some(v), Some(u)) = (s.vol_of_vol, s.unmanaged_vol_of_vol) {
        lines.push(format!(
            "- Volatility of volatility **{}** against {} for holding the asset ({:.0}% lower).",
            pct(Some(v)),
            pct(Some(u)),
            (1.0 - v / u) * 100.0
        ));
    }
    lines.push(format!(
        "- Maximum drawdown **{}** against {} for holding the asset.",
        pct(Some(s.max_drawdown)),
        pct(Some(s.unmanaged_max_drawdown))
    ));
    lines.push(format!(
        "- {} liquidation(s), {} deleverage(s), {} circuit-breaker trip(s).",
        s.liquidations, s.deleverages, s.breaker_trips
    ));
    lines.join("\n")
}

fn counts(map: &std::collections::BTreeMap<String, u64>) -> String {
    if map.is_empty() {
        return "none".into();
    }
    map.iter()
        .map(|(k, v)| format!("`{k}` {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Scenario steps and the row after each: what the stress did and how the vault came out of it.
fn scenario_rows(records: &[Record]) -> String {
    let mut text = String::new();
    let mut shown = vec![false; records.len()];
    for (i, r) in records.iter().enumerate() {
        if !r.event.is_empty() {
            shown[i] = true;
            if let Some(next) = shown.get_mut(i + 1) {
                *next = true;
            }
        }
    }
    for (r, _) in records.iter().zip(&shown).filter(|(_, s)| **s) {
        let mut what = vec![
            if r.event.is_empty() {
                "next row"
            } else {
                &r.event
            }
            .to_string(),
        ];
        for (flag, name) in [(r.tripped, "breaker tripped"), (r.liquidated, "liquidated")] {
            if flag {
                what.push(name.to_string());
            }
        }
        let error = r.error.as_deref().map(short_error).unwrap_or("");
        let _ = writeln!(
            text,
            "| {} | {} | {} | `{}` | {} | {} | {} |",
            r.label,
            what.join(", "),
            r.outcome.name(),
            r.binding_cap,
            if r.halted { "yes" } else { "" },
            money(r.nav),
            error.replace('|', "/")
        );
    }
    text
}

/// "3: 2011-09-09, 2011-10-18, ..." for the steps where `pick` holds.
fn dates(records: &[Record], pick: fn(&Record) -> bool) -> String {
    let picked: Vec<&str> = records
        .iter()
        .filter(|r| pick(r))
        .map(|r| r.label.as_str())
        .collect();
    match picked.len() {
        0 => "none".into(),
        n if n <= 12 => format!("{n}: {}", picked.join(", ")),
        n => format!("{n}: {}, ... (all in replay.csv)", picked[..12].join(", ")),
    }
}

/// Writes the report.
pub fn write(
    path: &Path,
    options: &Options,
    s: &Summary,
    records: &[Record],
    charts: &[(&str, &str)],
) -> Result<(), String> {
    let mut md = String::new();
    let w = &mut md;
    let _ = writeln!(w, "# Ballast replay: {}\n", s.prices);
    let contracts = if s.oracle == "foreign" {
        "the real perp market and vault contracts and a foreign Pyth-style oracle that stores any \
         publish_time (ours refuses one more than 5 s ahead, so `future@DATE` could not reach the vault)"
    } else {
        "the real oracle, perp market and vault contracts"
    };
    let _ = writeln!(
        w,
        "{} {}, {} to {}, replayed through {contracts} (cw-multi-test) in {:.1} s.\n",
        s.days,
        if s.daily { "days" } else { "rows" },
        s.first_date,
        s.last_date,
        s.wall_seconds
    );
    let _ = writeln!(
        w,
        "Times from column `{}`, closes from column `{}`; {} close(s) had more than 8 decimals and \
         were rounded half to even to the oracle's exponent -8.\n",
        s.columns.time, s.columns.close, s.rounded_closes
    );
    let _ = writeln!(w, "```sh\n{}\n```\n", command(options));
    let _ = writeln!(w, "## Verdict\n\n{}\n", verdict(s));
    let _ = writeln!(w, "| | vault | holding the asset |\n|---|---:|---:|");
    let rows = [
        (
            "realised volatility, annualised",
            s.realized_vol,
            s.unmanaged_vol,
        ),
        (
            "volatility of volatility (sd of rolling 63-day vol)",
            s.vol_of_vol,
            s.unmanaged_vol_of_vol,
        ),
        (
            "maximum drawdown",
            Some(s.max_drawdown),
            Some(s.unmanaged_max_drawdown),
        ),
    ];
    for (name, vault, held) in rows {
        let _ = writeln!(w, "| {name} | {} | {} |", pct(vault), pct(held));
    }
    let _ = writeln!(
        w,
        "| final nav, USDC (from {}) | {} | {} |\n| mean exposure, notional / nav | {:.2}x | 1.00x |\n",
        money(s.capital_usdc),
        money(s.final_nav),
        money(s.unmanaged_final_nav),
        s.mean_leverage
    );

    let o = &s.orders;
    let _ = writeln!(w, "## What the keepers did\n");
    let _ = writeln!(
        w,
        "- `Rebalance`, once per step: {} accepted, {} scaled, {} rejected, {} held (within the \
         rebalance threshold), {} failed.",
        o.accepted, o.scaled, o.rejected, o.hold, o.failed
    );
    let _ = writeln!(w, "- Binding caps (steps): {}.", counts(&s.binding_caps));
    let _ = writeln!(w, "- Guards that refused (steps): {}.", counts(&s.guards));
    let _ = writeln!(
        w,
        "- {} liquidation(s) by keepers, {} `Deleverage` cut(s), {} breaker trip(s); {} USDC traded.\n",
        s.liquidations,
        s.deleverages,
        s.breaker_trips,
        money(s.traded_usdc)
    );
    let _ = writeln!(w, "- Liquidations {}.", dates(records, |r| r.liquidated));
    let _ = writeln!(w, "- Breaker trips {}.", dates(records, |r| r.tripped));
    let _ = writeln!(w, "- Deleverages {}.\n", dates(records, |r| r.deleveraged));
    let scenarios = scenario_rows(records);
    if !scenarios.is_empty() {
        let _ = writeln!(w, "## Stress scenarios\n");
        let _ = writeln!(
            w,
            "| step | what | rebalance | reason | halted | nav, USDC | error |"
        );
        let _ = writeln!(w, "|---|---|---|---|---|---:|---|\n{scenarios}");
    }
    if let Some(r) = records.iter().find(|r| r.outcome == Outcome::Failed) {
        let error = r.error.as_deref().map(short_error).unwrap_or("");
        let _ = writeln!(w, "First failed `Rebalance` ({}): `{error}`\n", r.label);
    }
    w.push_str(&super::forecasts::markdown(s.forecast_tracking.as_ref()));
    let _ = writeln!(w, "## Plots\n");
    for (file, what) in charts {
        let _ = writeln!(w, "**{what}**\n\n![{what}]({file})\n");
    }
    let _ = writeln!(w, "{}", SETTINGS.trim_start());
    std::fs::write(path, md).map_err(|e| format!("{}: {e}", path.display()))
}

const SETTINGS: &str = r#"
## How to read it

- Each row of the price file is a block at the row's time (00:00 UTC for a date; an hourly file is
  hourly blocks). The publisher pushes the close (Pyth-style, mantissa at exponent -8, publish_time
  = block time), a keeper liquidates the vault's position if the perp market allows it, a keeper
  calls `Rebalance`, then `Deleverage` (refused when exposure is within the caps). `Rebalance`
  follows only a signal: the keeper, as signal source, sets a long signal of 1 when the vault is
  deployed (`--signal trend` and `column` then set their own).
- `target_notional` is what `Rebalance` aimed at: the tightest position cap, normally the volatility
  target `nav * target_vol / forecast_vol`. `executed_notional` is the position held after the step.
- `decision` is `Rebalance`'s: `accepted`, `scaled` (a cap cut the order), `rejected` (a guard or cap
  refused it, reason in `binding_cap`), `hold` (within the 5% rebalance threshold: no order) or
  `failed` (the transaction failed, e.g. the venue refused a stale price). For accepted orders and holds,
  `binding_cap` is the cap that set the target.
- Realised volatility: sample variance of the row-to-row log returns of nav times the returns per year
  observed (returns / (span in seconds / 31,536,000)); volatility of volatility: the standard
  deviation of that measure over rolling windows of 63 returns. Holding the asset means the same
  capital in the asset on the first day, never rebalanced.

## Settings

| setting | value | why |
|---|---|---|
| volatility target, EWMA lambda, max leverage, taker fee, depth, capital | the flags above | |
| EWMA | lambda per day of elapsed time (rows at any interval); 30 days of returns observed before sizing (`warmup_returns` in summary.json: 30 in a daily file, 720 in an hourly one) | the seed return weighs 17% after 30 days |
| signal's edge, Kelly fraction | `max_edge` 10 with `--signal none`, else 30%; half Kelly | without a view of the edge the Kelly cap stays above the volatility target |
| rebalance threshold, deleverage tolerance | 5%, 5% | trade only on a real change |
| VaR | 99%, one day, 10% of nav | a loose backstop behind the target |
| liquidation distance | 5 daily sigmas beyond 5% maintenance | margin posted when a position grows; daily returns are fat-tailed |
| margin policy | `--redemption-buffer` (default 20% of nav idle; the rest posted as the position's margin, pulled back for redeems) | a position is liquidated only by a move the whole vault could not cover |
| oracle guards | max age 60 s (600 s to reduce), 5 s skew, conf <= 1% | |
| jump breaker | 8 sigmas or 25% log move, halts 1 hour | the next row an hour or more later trades again |
| perp market | linear impact over depth, 10% initial, 5% maintenance margin, 5% liquidation fee | |
| perp pool | a million times the capital | it always pays the vault's profits |
"#;
