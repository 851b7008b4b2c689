//! The vault's risk parameters and market configuration.

use cosmwasm_std::{Decimal, Uint128};
use cw_schema::Schemaifier;
use schemars::JsonSchema;
use serde::Serialize;

use crate::pyth::PriceIdentifier;
use crate::venue::Venue;

/// Risk parameters that apply to every market.
#[derive(Serialize, Clone, Debug, PartialEq, JsonSchema, Schemaifier)]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct VaultParams {
    /// Annualised volatility the vault targets for its whole book, e.g. 0.4.
    pub target_vol: Decimal,
    /// Largest gross notional over all markets as a multiple of nav, e.g. 3.
    pub max_leverage: Decimal,
    /// Largest share of nav one market's position may hold (notional / nav), e.g. 2.
    pub max_concentration: Decimal,
    /// Share of full Kelly allowed, e.g. 0.5.
    pub kelly_fraction: Decimal,
    /// Annualised expected return of an order whose signal is 1 (Kelly's edge), e.g. 0.3.
    pub max_edge: Decimal,
    /// VaR confidence level: one of 0.9, 0.95, 0.975, 0.99, 0.995, 0.999.
    pub var_confidence: Decimal,
    /// Largest VaR of one market's position as a share of nav, e.g. 0.1.
    pub var_budget: Decimal,
    /// VaR horizon, seconds.
    pub var_horizon: u64,
    /// Largest price impact an order may pay, e.g. 0.01.
    pub max_slippage: Decimal,
    /// Standard deviations between a position and its liquidation price, e.g. 3.
    pub liq_sigmas: Decimal,
    /// Horizon of that move, seconds.
    pub liq_horizon: u64,
    /// Smallest order worth executing after the caps, base units.
    pub min_order: Uint128,
    /// Oracle guards and the circuit breaker.
    pub guards: OracleGuards,
    /// The volatility estimator.
    pub estimator: Estimator,
    /// Deleverage is allowed once exposure exceeds the caps by more than this share, e.g. 0.05.
    pub deleverage_tolerance: Decimal,
    /// Rebalance trades only when the target differs from the position by more than this share.
    pub rebalance_threshold: Decimal,
    /// Virtual share offset exponent d: shares = assets * (supply + 10^d) / (nav + 1).
    pub share_offset_decimals: u32,
    /// Annual management fee as a share of nav, paid in new shares, e.g. 0.02.
    pub management_fee: Decimal,
    /// Share of the gain above the high-water mark paid in new shares, e.g. 0.2.
    pub performance_fee: Decimal,
    /// Seconds between a proposal and the moment anyone may apply it.
    pub timelock: u64,
    /// Shrinks the volatility budget as the share price falls below its recent peak; None: no brake.
    #[serde(default)]
    pub drawdown_brake: Option<DrawdownBrake>,
    /// The margin policy: the share of nav kept idle for redeems, e.g. 0.2, with the rest posted as
    /// margin to the open positions by notional, on venues that return margin on request (pulled back
    /// when a redeem needs it). None: post only what keeps each position `liq_sigmas` from
    /// liquidation.
    #[serde(default)]
    pub redemption_buffer: Option<Decimal>,
}

/// The drawdown brake: the volatility target is scaled by `(max_drawdown - drawdown) / (max_drawdown -
/// start)`, clamped to [0, 1], where drawdown is the fall of the share price from its peak.
#[derive(Serialize, Clone, Debug, PartialEq, JsonSchema, Schemaifier)]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct DrawdownBrake {
    /// Drawdown at which the brake starts to shrink the budget, e.g. 0.25.
    pub start: Decimal,
    /// Drawdown at which the budget is zero (only reductions trade), e.g. 0.5.
    pub max_drawdown: Decimal,
    /// Seconds in which the gap between an old peak and the share price halves, e.g. 63,072,000 (two
    /// years): a vault at the bottom of its budget trades again as the peak is forgotten.
    pub peak_half_life: u64,
}

/// Oracle guards: how fresh and how tight a price must be, and the jump circuit breaker.
#[derive(Serialize, Clone, Debug, PartialEq, JsonSchema, Schemaifier)]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct OracleGuards {
    /// Oldest oracle price accepted for orders that add exposure, seconds.
    pub max_age: u64,
    /// Oldest oracle price accepted for reduce-only orders and deleverage, seconds (>= max_age:
    /// congestion must not trap a position).
    pub reduce_max_age: u64,
    /// How far in the future a publish_time may be (clock skew), seconds.
    pub max_future_skew: u64,
    /// Widest confidence interval accepted, conf / price, e.g. 0.01.
    pub max_confidence: Decimal,
    /// A move of more than this many standard deviations (for the elapsed time) halts the market.
    pub breaker_sigmas: Decimal,
    /// A move of more than this |log return| halts the market whatever the volatility.
    pub breaker_max_move: Decimal,
    /// How long a tripped breaker halts the market, seconds.
    pub breaker_cooldown: u64,
    /// Oldest mark of another market an order may rely on, seconds.
    pub max_mark_age: u64,
}

/// The EWMA volatility estimator of every market.
#[derive(Serialize, Clone, Debug, PartialEq, JsonSchema, Schemaifier)]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct Estimator {
    /// EWMA decay per `vol_step`, in (0, 1), e.g. 0.94.
    pub lambda: Decimal,
    /// The EWMA reference step, seconds (86,400 for daily).
    pub vol_step: u64,
    /// Returns a market must have seen before orders that add exposure are sized on it.
    pub min_observations: u32,
}

/// One market the vault may trade.
#[derive(Serialize, Clone, Debug, PartialEq, JsonSchema, Schemaifier)]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct MarketConfig {
    /// The perp market's id.
    pub market: String,
    /// The oracle feed of its price (the same feed the perp market uses).
    pub feed_id: PriceIdentifier,
    /// Share of the volatility budget given to this market, e.g. 1 for a single market.
    pub weight: Decimal,
    /// Largest notional of this market's position, base units.
    pub max_notional: Uint128,
    /// Where its orders go; absent: the vault's `ballast-perp` market.
    #[serde(default)]
    pub venue: Venue,
    /// Forecast this market's volatility with GARCH(1,1) instead of the vault's EWMA; `ballast
    /// fit-garch` estimates the parameters from a price file. None: the EWMA of `estimator`.
    #[serde(default)]
    pub garch: Option<GarchModel>,
}

/// GARCH(1,1): `h' = omega + alpha * r^2 + beta * h` per `estimator.vol_step`, annualised like the EWMA.
#[derive(Serialize, Clone, Debug, PartialEq, JsonSchema, Schemaifier)]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct GarchModel {
    /// Variance added per step, e.g. 0.0000545 (daily, for BTC).
    pub omega: Decimal,
    /// Weight of the last squared return, e.g. 0.235.
    pub alpha: Decimal,
    /// Weight of the last variance, e.g. 0.764; alpha + beta <= 0.9999.
    pub beta: Decimal,
}

/// A parameter outside its hard bounds.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{name} is {value}, must be {rule}")]
pub struct ParamError {
    /// The parameter, as in messages.
    pub name: &'static str,
    /// The value received.
    pub value: String,
    /// The bound it broke, e.g. `in (0, 20]`.
    pub rule: &'static str,
}

/// Largest number of markets a vault may hold: deposits and redeems may mark them all.
pub const MAX_MARKETS: u32 = 64;
/// Seconds in a day, for bounds.
const DAY: u64 = 86_400;

/// `Ok` when `ok`, else the [`ParamError`] naming the parameter, its value and the rule it broke.
pub(crate) fn check(
    ok: bool,
    name: &'static str,
    value: impl ToString,
    rule: &'static str,
) -> Result<(), ParamError> {
    if ok {
        Ok(())
    } else {
        Err(ParamError {
            name,
            value: value.to_string(),
            rule,
        })
    }
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap_or(Decimal::zero())
}

fn in_open_closed(d: Decimal, lo: &str, hi: &str) -> bool {
    d > dec(lo) && d <= dec(hi)
}

impl VaultParams {
    /// Checks every hard bound; the first one broken is the error.
    pub fn validate(&self) -> Result<(), ParamError> {
        check(
            in_open_closed(self.target_vol, "0", "2"),
            "target_vol",
            self.target_vol,
            "in (0, 2]",
        )?;
        check(
            in_open_closed(self.max_leverage, "0", "20"),
            "max_leverage",
            self.max_leverage,
            "in (0, 20]",
        )?;
        check(
            in_open_closed(self.max_concentration, "0", "20"),
            "max_concentration",
            self.max_concentration,
            "in (0, 20]",
        )?;
        check(
            in_open_closed(self.kelly_fraction, "0", "1"),
            "kelly_fraction",
            self.kelly_fraction,
            "in (0, 1]",
        )?;
        check(
            self.max_edge <= dec("10"),
            "max_edge",
            self.max_edge,
            "in [0, 10]",
        )?;
        check(
            crate::convert::var_quantile(self.var_confidence).is_ok(),
            "var_confidence",
            self.var_confidence,
            "one of 0.9, 0.95, 0.975, 0.99, 0.995, 0.999",
        )?;
        check(
            in_open_closed(self.var_budget, "0", "1"),
            "var_budget",
            self.var_budget,
            "in (0, 1]",
        )?;
        check(
            self.var_horizon > 0 && self.var_horizon <= 30 * DAY,
            "var_horizon",
            self.var_horizon,
            "in (0, 2592000] seconds",
        )?;
        check(
            in_open_closed(self.max_slippage, "0", "0.5"),
            "max_slippage",
            self.max_slippage,
            "in (0, 0.5]",
        )?;
        check(
            self.liq_sigmas <= dec("20"),
            "liq_sigmas",
            self.liq_sigmas,
            "in [0, 20]",
        )?;
        check(
            self.liq_horizon <= 30 * DAY,
            "liq_horizon",
            self.liq_horizon,
            "in [0, 2592000] seconds",
        )?;
        check(
            self.guards.max_age > 0 && self.guards.max_age <= 3_600,
            "max_age",
            self.guards.max_age,
            "in (0, 3600] seconds",
        )?;
        check(
            self.guards.reduce_max_age >= self.guards.max_age && self.guards.reduce_max_age <= DAY,
            "reduce_max_age",
            self.guards.reduce_max_age,
            "in [max_age, 86400] seconds",
        )?;
        check(
            self.guards.max_future_skew <= 60,
            "max_future_skew",
            self.guards.max_future_skew,
            "in [0, 60] seconds",
        )?;
        check(
            in_open_closed(self.guards.max_confidence, "0", "0.05"),
            "max_confidence",
            self.guards.max_confidence,
            "in (0, 0.05]",
        )?;
        check(
            in_open_closed(self.guards.breaker_sigmas, "0", "100"),
            "breaker_sigmas",
            self.guards.breaker_sigmas,
            "in (0, 100]",
        )?;
        check(
            in_open_closed(self.guards.breaker_max_move, "0", "5"),
            "breaker_max_move",
            self.guards.breaker_max_move,
            "in (0, 5]",
        )?;
        check(
            self.guards.breaker_cooldown <= 7 * DAY,
            "breaker_cooldown",
            self.guards.breaker_cooldown,
            "in [0, 604800] seconds",
        )?;
        check(
            self.estimator.lambda > Decimal::zero() && self.estimator.lambda < Decimal::one(),
            "lambda",
            self.estimator.lambda,
            "in (0, 1)",
        )?;
        check(
            self.estimator.vol_step > 0 && self.estimator.vol_step <= 30 * DAY,
            "vol_step",
            self.estimator.vol_step,
            "in (0, 2592000] seconds",
        )?;
        check(
            (2..=10_000).contains(&self.estimator.min_observations),
            "min_observations",
            self.estimator.min_observations,
            "in [2, 10000]",
        )?;
        check(
            self.guards.max_mark_age > 0 && self.guards.max_mark_age <= DAY,
            "max_mark_age",
            self.guards.max_mark_age,
            "in (0, 86400] seconds",
        )?;
        check(
            self.deleverage_tolerance <= Decimal::one(),
            "deleverage_tolerance",
            self.deleverage_tolerance,
            "in [0, 1]",
        )?;
        check(
            self.rebalance_threshold < Decimal::one(),
            "rebalance_threshold",
            self.rebalance_threshold,
            "in [0, 1)",
        )?;
        check(
            self.share_offset_decimals <= 18,
            "share_offset_decimals",
            self.share_offset_decimals,
            "in [0, 18]",
        )?;
        check(
            self.management_fee <= dec("0.05"),
            "management_fee",
            self.management_fee,
            "in [0, 0.05]",
        )?;
        check(
            self.performance_fee <= dec("0.3"),
            "performance_fee",
            self.performance_fee,
            "in [0, 0.3]",
        )?;
        check(
            self.timelock >= 3_600 && self.timelock <= 30 * DAY,
            "timelock",
            self.timelock,
            "in [3600, 2592000] seconds",
        )?;
        if let Some(brake) = &self.drawdown_brake {
            brake.validate()?;
        }
        if let Some(buffer) = self.redemption_buffer {
            check(
                buffer >= dec("0.02") && buffer <= Decimal::one(),
                "redemption_buffer",
                buffer,
                "in [0.02, 1]",
            )?;
        }
        Ok(())
    }
}

impl DrawdownBrake {
    /// Checks the brake's bounds.
    pub fn validate(&self) -> Result<(), ParamError> {
        check(
            in_open_closed(self.max_drawdown, "0.01", "1"),
            "max_drawdown",
            self.max_drawdown,
            "in (0.01, 1]",
        )?;
        check(
            self.start < self.max_drawdown,
            "drawdown_start",
            self.start,
            "in [0, max_drawdown)",
        )?;
        check(
            self.peak_half_life >= DAY && self.peak_half_life <= 3_650 * DAY,
            "peak_half_life",
            self.peak_half_life,
            "in [86400, 315360000] seconds",
        )?;
        Ok(())
    }
}

impl MarketConfig {
    /// Checks the market's bounds.
    pub fn validate(&self) -> Result<(), ParamError> {
        check(
            !self.market.is_empty() && self.market.len() <= 64,
            "market",
            &self.market,
            "1 to 64 characters",
        )?;
        check(
            self.feed_id.is_valid(),
            "feed_id",
            &self.feed_id.0,
            "64 hex characters",
        )?;
        check(
            in_open_closed(self.weight, "0", "10"),
            "weight",
            self.weight,
            "in (0, 10]",
        )?;
        check(
            !self.max_notional.is_zero(),
            "max_notional",
            self.max_notional,
            "> 0",
        )?;
        if let Some(garch) = &self.garch {
            garch.validate()?;
        }
        self.venue.validate()
    }
}

impl GarchModel {
    /// Checks the model's bounds: omega in [1e-12, 1] and a persistence of at most 0.9999, so the
    /// fixed-point forecaster (steps of 2^-48) can represent both and the long-run variance stays finite.
    pub fn validate(&self) -> Result<(), ParamError> {
        check(
            self.omega >= dec("0.000000000001") && self.omega <= Decimal::one(),
            "garch_omega",
            self.omega,
            "in [0.000000000001, 1]",
        )?;
        let persistence = self.alpha.checked_add(self.beta).unwrap_or(Decimal::MAX);
        check(
            persistence <= dec("0.9999"),
            "garch_persistence",
            persistence,
            "alpha + beta <= 0.9999",
        )?;
        Ok(())
    }
}

crate::json_struct!(VaultParams { target_vol, max_leverage, max_concentration, kelly_fraction, max_edge, var_confidence, var_budget, var_horizon, max_slippage, liq_sigmas, liq_horizon, min_order, guards, estimator, deleverage_tolerance, rebalance_threshold, share_offset_decimals, management_fee, performance_fee, timelock, drawdown_brake = default, redemption_buffer = default });
crate::json_struct!(DrawdownBrake {
    start,
    max_drawdown,
    peak_half_life
});
crate::json_struct!(OracleGuards {
    max_age,
    reduce_max_age,
    max_future_skew,
    max_confidence,
    breaker_sigmas,
    breaker_max_move,
    breaker_cooldown,
    max_mark_age
});
crate::json_struct!(Estimator {
    lambda,
    vol_step,
    min_observations
});
crate::json_struct!(MarketConfig { market, feed_id, weight, max_notional, venue = default, garch = default });
crate::json_struct!(GarchModel { omega, alpha, beta });
