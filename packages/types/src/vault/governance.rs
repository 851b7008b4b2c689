//! Which way each limit tightens, so the guardian can tighten at once and never loosen.

use cosmwasm_std::Decimal;

use super::{DrawdownBrake, GarchModel, MarketConfig, ParamError, VaultParams};

/// The guardian tried to move a limit the loose way, or a setting it may not touch at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the guardian cannot loosen {name}: from {from} to {to}")]
pub struct LoosenError {
    /// The parameter.
    pub name: &'static str,
    /// Its current value.
    pub from: String,
    /// The value asked for.
    pub to: String,
}

fn lower<T: PartialOrd + ToString>(name: &'static str, from: T, to: T) -> Result<(), LoosenError> {
    if to <= from {
        Ok(())
    } else {
        Err(LoosenError {
            name,
            from: from.to_string(),
            to: to.to_string(),
        })
    }
}

fn higher<T: PartialOrd + ToString>(name: &'static str, from: T, to: T) -> Result<(), LoosenError> {
    if to >= from {
        Ok(())
    } else {
        Err(LoosenError {
            name,
            from: from.to_string(),
            to: to.to_string(),
        })
    }
}

fn same<T: PartialEq + ToString>(name: &'static str, from: T, to: T) -> Result<(), LoosenError> {
    if to == from {
        Ok(())
    } else {
        Err(LoosenError {
            name,
            from: from.to_string(),
            to: to.to_string(),
        })
    }
}

/// Accepts `new` when no limit is looser than in `current`. Lower is tighter for sizes, ages and
/// tolerances; higher is tighter for confidence, horizons, sigmas, cooldowns and minimums. Settings
/// without a safe direction (estimator, fees, offset, timelock) must stay as they are.
pub fn check_tightening(current: &VaultParams, new: &VaultParams) -> Result<(), LoosenError> {
    let (c, n) = (current, new);
    lower("target_vol", c.target_vol, n.target_vol)?;
    lower("max_leverage", c.max_leverage, n.max_leverage)?;
    lower(
        "max_concentration",
        c.max_concentration,
        n.max_concentration,
    )?;
    lower("kelly_fraction", c.kelly_fraction, n.kelly_fraction)?;
    lower("max_edge", c.max_edge, n.max_edge)?;
    higher("var_confidence", c.var_confidence, n.var_confidence)?;
    lower("var_budget", c.var_budget, n.var_budget)?;
    higher("var_horizon", c.var_horizon, n.var_horizon)?;
    lower("max_slippage", c.max_slippage, n.max_slippage)?;
    higher("liq_sigmas", c.liq_sigmas, n.liq_sigmas)?;
    higher("liq_horizon", c.liq_horizon, n.liq_horizon)?;
    higher("min_order", c.min_order, n.min_order)?;
    lower("max_age", c.guards.max_age, n.guards.max_age)?;
    lower(
        "reduce_max_age",
        c.guards.reduce_max_age,
        n.guards.reduce_max_age,
    )?;
    lower(
        "max_future_skew",
        c.guards.max_future_skew,
        n.guards.max_future_skew,
    )?;
    lower(
        "max_confidence",
        c.guards.max_confidence,
        n.guards.max_confidence,
    )?;
    lower(
        "breaker_sigmas",
        c.guards.breaker_sigmas,
        n.guards.breaker_sigmas,
    )?;
    lower(
        "breaker_max_move",
        c.guards.breaker_max_move,
        n.guards.breaker_max_move,
    )?;
    higher(
        "breaker_cooldown",
        c.guards.breaker_cooldown,
        n.guards.breaker_cooldown,
    )?;
    same("lambda", c.estimator.lambda, n.estimator.lambda)?;
    same("vol_step", c.estimator.vol_step, n.estimator.vol_step)?;
    higher(
        "min_observations",
        c.estimator.min_observations,
        n.estimator.min_observations,
    )?;
    lower("max_mark_age", c.guards.max_mark_age, n.guards.max_mark_age)?;
    lower(
        "deleverage_tolerance",
        c.deleverage_tolerance,
        n.deleverage_tolerance,
    )?;
    same(
        "rebalance_threshold",
        c.rebalance_threshold,
        n.rebalance_threshold,
    )?;
    same(
        "share_offset_decimals",
        c.share_offset_decimals,
        n.share_offset_decimals,
    )?;
    same("management_fee", c.management_fee, n.management_fee)?;
    same("performance_fee", c.performance_fee, n.performance_fee)?;
    same("timelock", c.timelock, n.timelock)?;
    // Neither way only tightens: a larger buffer leaves positions less margin, a smaller one leaves
    // redeems less idle.
    same(
        "redemption_buffer",
        display(c.redemption_buffer),
        display(n.redemption_buffer),
    )?;
    check_brake_tightening(c.drawdown_brake.as_ref(), n.drawdown_brake.as_ref())
}

fn display(value: Option<Decimal>) -> String {
    value.map_or_else(|| "none".to_string(), |v| v.to_string())
}

/// Adding a brake tightens, removing one loosens; a brake tightens with an earlier start, a smaller
/// largest drawdown and a longer memory of the peak.
fn check_brake_tightening(
    current: Option<&DrawdownBrake>,
    new: Option<&DrawdownBrake>,
) -> Result<(), LoosenError> {
    match (current, new) {
        (_, None) if current.is_some() => Err(LoosenError {
            name: "drawdown_brake",
            from: "set".to_string(),
            to: "none".to_string(),
        }),
        (Some(c), Some(n)) => {
            lower("drawdown_start", c.start, n.start)?;
            lower("max_drawdown", c.max_drawdown, n.max_drawdown)?;
            higher("peak_half_life", c.peak_half_life, n.peak_half_life)
        }
        _ => Ok(()),
    }
}

/// Accepts a market change that only lowers its weight or notional limit.
pub fn check_market_tightening(
    current: &MarketConfig,
    new: &MarketConfig,
) -> Result<(), LoosenError> {
    same("market", current.market.as_str(), new.market.as_str())?;
    same(
        "feed_id",
        current.feed_id.0.as_str(),
        new.feed_id.0.as_str(),
    )?;
    same(
        "forecaster",
        forecaster_name(current.garch.as_ref()),
        forecaster_name(new.garch.as_ref()),
    )?;
    lower::<Decimal>("weight", current.weight, new.weight)?;
    lower("max_notional", current.max_notional, new.max_notional)?;
    same("venue", venue_json(&current.venue), venue_json(&new.venue))?;
    Ok(())
}

/// `ewma`, or `garch(omega, alpha, beta)`: the volatility model of a market, as errors name it.
fn forecaster_name(garch: Option<&GarchModel>) -> String {
    match garch {
        None => "ewma".to_string(),
        Some(g) => format!("garch({}, {}, {})", g.omega, g.alpha, g.beta),
    }
}

/// Hard bounds first, then the direction: what the guardian's `Tighten` checks.
pub fn validate_tightening(current: &VaultParams, new: &VaultParams) -> Result<(), TightenError> {
    new.validate()?;
    check_tightening(current, new)?;
    Ok(())
}

/// Why a guardian's change was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TightenError {
    /// Out of hard bounds.
    #[error(transparent)]
    Bound(#[from] ParamError),
    /// A loosening.
    #[error(transparent)]
    Loosen(#[from] LoosenError),
}

/// A venue as its JSON, to compare and report it.
fn venue_json(venue: &crate::venue::Venue) -> String {
    cosmwasm_std::to_json_string(venue).unwrap_or_else(|_| venue.name().to_string())
}
