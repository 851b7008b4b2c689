//! Turning a generated [`ParamChange`] into a parameter set: one field scaled up or down, so that a
//! proposal or a guardian's `Tighten` loosens as often as it tightens. Fees and the share offset are
//! left alone: the value invariants assume no fee (the offset is checked in its own scenario).

use ballast_types::vault::{MarketConfig, VaultParams};
use cosmwasm_std::{Decimal, Uint128};

use super::data::ParamChange;

/// Number of fields a [`ParamChange`] can name.
pub const PARAM_FIELDS: usize = 25;

/// The VaR confidence levels the vault accepts, lowest first.
const VAR_LEVELS: [&str; 6] = ["0.9", "0.95", "0.975", "0.99", "0.995", "0.999"];

fn scale_decimal(d: Decimal, percent: u32) -> Decimal {
    let scaled = d
        .checked_mul(Decimal::percent(u64::from(percent)))
        .unwrap_or(d);
    if scaled != d {
        return scaled;
    }
    // A zero stays zero when scaled: step it instead.
    let step = Decimal::permille(1);
    if percent > 100 {
        d.checked_add(step).unwrap_or(d)
    } else {
        d.checked_sub(step).unwrap_or(d)
    }
}

fn scale_u64(v: u64, percent: u32) -> u64 {
    let scaled = u128::from(v) * u128::from(percent) / 100;
    let scaled = u64::try_from(scaled).unwrap_or(u64::MAX);
    match (scaled == v, percent > 100) {
        (false, _) => scaled,
        (true, true) => v.saturating_add(1),
        (true, false) => v.saturating_sub(1),
    }
}

fn scale_u32(v: u32, percent: u32) -> u32 {
    u32::try_from(scale_u64(u64::from(v), percent)).unwrap_or(u32::MAX)
}

fn scale_uint(v: Uint128, percent: u32) -> Uint128 {
    let scaled = v.multiply_ratio(percent, 100u32);
    match (scaled == v, percent > 100) {
        (false, _) => scaled,
        (true, true) => v.saturating_add(Uint128::one()),
        (true, false) => v.saturating_sub(Uint128::one()),
    }
}

fn next_var_level(current: Decimal, up: bool) -> Decimal {
    let levels: Vec<Decimal> = VAR_LEVELS
        .iter()
        .map(|s| s.parse().expect("level literal"))
        .collect();
    let at = levels.iter().position(|l| *l == current).unwrap_or(3);
    let next = if up {
        (at + 1).min(levels.len() - 1)
    } else {
        at.saturating_sub(1)
    };
    levels[next]
}

/// `params` with the field `change` names scaled by its percentage.
pub fn changed(params: &VaultParams, change: ParamChange) -> VaultParams {
    let mut p = params.clone();
    let pc = change.percent;
    match change.field {
        0 => p.target_vol = scale_decimal(p.target_vol, pc),
        1 => p.max_leverage = scale_decimal(p.max_leverage, pc),
        2 => p.max_concentration = scale_decimal(p.max_concentration, pc),
        3 => p.kelly_fraction = scale_decimal(p.kelly_fraction, pc),
        4 => p.max_edge = scale_decimal(p.max_edge, pc),
        5 => p.var_confidence = next_var_level(p.var_confidence, pc > 100),
        6 => p.var_budget = scale_decimal(p.var_budget, pc),
        7 => p.var_horizon = scale_u64(p.var_horizon, pc),
        8 => p.max_slippage = scale_decimal(p.max_slippage, pc),
        9 => p.liq_sigmas = scale_decimal(p.liq_sigmas, pc),
        10 => p.liq_horizon = scale_u64(p.liq_horizon, pc),
        11 => p.min_order = scale_uint(p.min_order, pc),
        12 => p.guards.max_age = scale_u64(p.guards.max_age, pc),
        13 => p.guards.reduce_max_age = scale_u64(p.guards.reduce_max_age, pc),
        14 => p.guards.max_future_skew = scale_u64(p.guards.max_future_skew, pc),
        15 => p.guards.max_confidence = scale_decimal(p.guards.max_confidence, pc),
        16 => p.guards.breaker_sigmas = scale_decimal(p.guards.breaker_sigmas, pc),
        17 => p.guards.breaker_max_move = scale_decimal(p.guards.breaker_max_move, pc),
        18 => p.guards.breaker_cooldown = scale_u64(p.guards.breaker_cooldown, pc),
        19 => p.estimator.min_observations = scale_u32(p.estimator.min_observations, pc),
        20 => p.guards.max_mark_age = scale_u64(p.guards.max_mark_age, pc),
        21 => p.deleverage_tolerance = scale_decimal(p.deleverage_tolerance, pc),
        22 => p.timelock = scale_u64(p.timelock, pc),
        23 => p.estimator.lambda = scale_decimal(p.estimator.lambda, pc),
        _ => p.rebalance_threshold = scale_decimal(p.rebalance_threshold, pc),
    }
    p
}

/// `config` with its weight and notional limit scaled.
pub fn changed_market(
    config: &MarketConfig,
    weight_percent: u32,
    notional_percent: u32,
) -> MarketConfig {
    MarketConfig {
        weight: scale_decimal(config.weight, weight_percent),
        max_notional: scale_uint(config.max_notional, notional_percent),
        ..config.clone()
    }
}
