//! One step of the replay, as keepers would run it on chain: the publisher pushes the price, a
//! keeper liquidates the vault's position if the venue allows it, a keeper calls `Rebalance`, and a
//! keeper calls `Deleverage` (which refuses when exposure is within the caps).

use cosmwasm_std::{Decimal, Uint128};

use ballast_types::vault::CapLimit;

use super::output::short_error;
use super::scenario::{FUTURE_SECONDS, Publish, STALE_SECONDS, Step};
use super::world::{BINDING_CAP, DECISION, EXECUTED, UNITS_PER_USDC, World};

/// What the keeper's `Rebalance` came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Traded the full size to the target.
    Accepted,
    /// Traded less: a cap cut the order.
    Scaled,
    /// Refused by a guard or cap: the reason is on chain.
    Rejected,
    /// Within `rebalance_threshold` of the target: no order.
    Hold,
    /// The transaction failed (the venue could not mark the position, for one).
    Failed,
}

impl Outcome {
    /// As written in `replay.csv`.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Accepted => "accepted",
            Outcome::Scaled => "scaled",
            Outcome::Rejected => "rejected",
            Outcome::Hold => "hold",
            Outcome::Failed => "failed",
        }
    }
}

/// Everything recorded about one step.
#[derive(Debug, Clone)]
pub struct Record {
    /// The step's label (a date).
    pub label: String,
    /// Unix seconds.
    pub time: u64,
    /// The step's price, in quote units.
    pub price: f64,
    /// The same, exact, as published.
    pub price_text: String,
    /// The vault's forecast volatility after the step.
    pub forecast_vol: Option<f64>,
    /// The notional `Rebalance` aimed at, USDC.
    pub target: Option<f64>,
    /// The position's notional after the step, USDC.
    pub position: f64,
    /// Notional traded by the vault in the step, USDC.
    pub traded: f64,
    /// The vault's nav after the step, USDC.
    pub nav: f64,
    /// What the depositor's shares would redeem for, vault fees deducted, USDC.
    pub depositor_value: f64,
    /// `Rebalance`'s outcome.
    pub outcome: Outcome,
    /// The cap or guard that cut or refused the order; for an accepted order or a hold, the cap
    /// that set the target (`vol_target` unless another is tighter).
    pub binding_cap: String,
    /// The market is halted by the jump circuit breaker after this step.
    pub halted: bool,
    /// The breaker tripped at this step.
    pub tripped: bool,
    /// A keeper liquidated the vault's position.
    pub liquidated: bool,
    /// A keeper's `Deleverage` cut the position.
    pub deleveraged: bool,
    /// Not a row of the price file.
    pub intraday: bool,
    /// What a scenario did here.
    pub event: String,
    /// The failure's message, when `outcome` is `Failed`.
    pub error: Option<String>,
}

/// An oracle mantissa at exponent -8 as an exact decimal: 5000000 -> 0.05.
fn exact_price(mantissa: i64) -> String {
    let (whole, fraction) = (mantissa / 100_000_000, mantissa % 100_000_000);
    let fraction = format!("{fraction:08}");
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        whole.to_string()
    } else {
        format!("{whole}.{fraction}")
    }
}

/// Base units as USDC.
fn usdc(amount: Uint128) -> f64 {
    amount.u128() as f64 / UNITS_PER_USDC as f64
}

fn ratio(d: Decimal) -> f64 {
    d.to_string().parse().unwrap_or(f64::NAN)
}

fn parse_units(text: Option<String>) -> Option<f64> {
    text.and_then(|t| t.parse::<Uint128>().ok()).map(usdc)
}

/// The tightest position cap of a preview (the liquidity cap limits an order, not a position).
fn tightest(caps: &[CapLimit]) -> Option<String> {
    caps.iter()
        .filter(|c| c.cap != ballast_types::vault::Reason::Liquidity)
        .filter_map(|c| c.limit.map(|l| (l, c.cap)))
        .min_by_key(|(l, _)| *l)
        .map(|(_, cap)| crate::replay::snake(&cap))
}

/// The vault error `Deleverage` returns when there is nothing to cut. cw-multi-test passes contract
/// errors on as text, so the message is the only way to tell it from a real failure.
fn nothing_to_deleverage(message: &str) -> bool {
    message.contains("is within the tolerance of its limit")
}

/// Runs one step and records it. Only a failure of the publisher (which the scenarios never cause)
/// is an error; the keepers' failures are outcomes.
pub fn run(world: &mut World, step: &Step) -> Result<Record, String> {
    world.set_time(step.time);
    let now = i64::try_from(step.time).map_err(|e| e.to_string())?;
    let publish_time = match step.publish {
        Publish::Fresh => Some(now),
        Publish::Skipped => None,
        Publish::Stale => Some(now - STALE_SECONDS),
        Publish::Future => Some(now + FUTURE_SECONDS),
    };
    if let Some(publish_time) = publish_time {
        world
            .publish(step.mantissa, publish_time)
            .map_err(|e| format!("{}: publishing the price failed: {e}", step.label))?;
    }
    let halted_before = world.market().ok().and_then(|m| m.halted_until);

    let liquidated = match world.position() {
        Ok(position) if position.liquidatable => world.liquidate().is_ok(),
        _ => false,
    };

    let mut traded = 0.0;
    let (outcome, reason, target, mut error) = match world.rebalance() {
        Ok(res) => {
            let target = parse_units(world.vault_attr(&res, "target"));
            traded += parse_units(world.vault_attr(&res, EXECUTED)).unwrap_or(0.0);
            let outcome = match world.vault_attr(&res, DECISION).as_deref() {
                Some("accepted") => Outcome::Accepted,
                Some("scaled") => Outcome::Scaled,
                Some("rejected") => Outcome::Rejected,
                _ => Outcome::Hold,
            };
            (outcome, world.vault_attr(&res, BINDING_CAP), target, None)
        }
        Err(e) => {
            let message = e.to_string();
            // Contract errors reach us as text (cw-multi-test); name the two the venue causes.
            let reason = if message.contains("cannot mark") {
                "venue_unavailable"
            } else if message.contains("insufficient margin") {
                "venue_insufficient_margin"
            } else {
                "error"
            };
            (
                Outcome::Failed,
                Some(reason.to_string()),
                None,
                Some(message),
            )
        }
    };
    let deleveraged = match world.deleverage() {
        Ok(res) => {
            let executed = parse_units(world.vault_attr(&res, EXECUTED)).unwrap_or(0.0);
            traded += executed;
            executed > 0.0
        }
        Err(e) => {
            // "Nothing to deleverage" is the normal answer; any other failure is recorded, unless
            // Rebalance failed already (for the same reason, as a rule).
            let message = e.to_string();
            if !nothing_to_deleverage(&message) && error.is_none() {
                error = Some(format!("Deleverage: {}", short_error(&message)));
            }
            false
        }
    };

    if world.charges_fees {
        // Crystallises the performance fee daily, as a keeper would; a failure leaves it due.
        let _ = world.accrue_fees();
    }
    let market = world.market().ok();
    let nav = world.state().map(|s| usdc(s.nav)).unwrap_or(f64::NAN);
    let halted_until = market.as_ref().and_then(|m| m.halted_until);
    let tripped = halted_until != halted_before && halted_until.is_some_and(|u| u > step.time);
    // An order that went through (or a hold) names the cap that set its target. When a guard
    // refuses opening orders (a reduce passed on a breaker trip, say), the guard is named.
    let binding_cap = match reason.as_deref() {
        Some("none") | None if tripped => "circuit_breaker".to_string(),
        Some("none") | None => world
            .preview_long()
            .ok()
            .and_then(|p| tightest(&p.caps).or_else(|| Some(crate::replay::snake(&p.reason))))
            .unwrap_or_else(|| "none".into()),
        Some(other) => other.to_string(),
    };
    Ok(Record {
        label: step.label.clone(),
        time: step.time,
        price: step.mantissa as f64 * 1e-8,
        price_text: exact_price(step.mantissa),
        forecast_vol: market.as_ref().and_then(|m| m.forecast_vol).map(ratio),
        target,
        position: market.as_ref().map_or(f64::NAN, |m| usdc(m.mark.notional)),
        traded,
        nav,
        depositor_value: world.depositor_value().map(usdc).unwrap_or(f64::NAN),
        outcome,
        binding_cap,
        halted: halted_until.is_some_and(|until| until > step.time),
        tripped,
        liquidated,
        deleveraged,
        intraday: step.intraday,
        event: step.event.clone(),
        error,
    })
}
