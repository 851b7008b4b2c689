//! The caps of the order pipeline (DESIGN section 3, step 4). Each is a pure function that returns the
//! largest notional it allows, as a [`Cap`]; `limit: None` means the bound exceeds any `Uint128` amount
//! (or the cap has nothing to say, e.g. a zero variance), so it cannot bind.
//!
//! All caps but [`liquidity`] bound the absolute notional of the market's position *after* the order;
//! the liquidity cap bounds the size of the order itself, since price impact is paid per trade.

use crate::amount::{Collateral, Notional, mul_div_floor, mul_floor, ratio_floor};
use crate::error::{SizingError, SizingResult, invalid, overflow};
use crate::math::{self, Fixed, widening_mul};
use crate::vol::SECONDS_PER_YEAR;

/// Which rule produced a limit. Serialised by the contracts in snake_case as the `binding_cap`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CapKind {
    /// nav * weight * target_vol / forecast_vol.
    VolTarget,
    /// max_leverage * nav less the other markets' gross notional.
    GrossLeverage,
    /// A fixed per-market notional limit.
    MarketNotional,
    /// A share of nav per market.
    Concentration,
    /// Fractional Kelly from the order's signal.
    Kelly,
    /// Parametric value-at-risk budget.
    Var,
    /// Price impact from the market's depth and recent flow within max slippage (limits the order,
    /// not the position).
    Liquidity,
    /// Distance to the liquidation price in standard deviations.
    LiquidationDistance,
    /// The volatility target scaled by signal strength.
    Signal,
    /// The volatility target scaled down by the vault's drawdown (see [`crate::drawdown`]).
    Drawdown,
    /// A reduce-only order is limited to the open position it reduces.
    ReduceOnly,
    /// The order, after the caps, is below the minimum order size.
    MinOrder,
}

impl CapKind {
    /// True for caps that bound the order's size rather than the resulting position.
    pub fn limits_order(self) -> bool {
        matches!(self, CapKind::Liquidity)
    }
}

/// A limit from one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cap {
    /// The rule.
    pub kind: CapKind,
    /// The largest notional it allows; None when no amount can reach it.
    pub limit: Option<Notional>,
}

impl Cap {
    fn new(kind: CapKind, limit: Option<u128>) -> Self {
        Self {
            kind,
            limit: limit.map(Notional),
        }
    }
}

fn require(ok: bool, name: &'static str, value: Fixed, rule: &'static str) -> SizingResult<()> {
    if ok {
        Ok(())
    } else {
        Err(invalid(name, value, rule))
    }
}

fn non_negative(name: &'static str, value: Fixed) -> SizingResult<()> {
    require(!value.is_negative(), name, value, ">= 0")
}

/// Volatility target: `nav * weight * target_vol / forecast_vol`.
///
/// The notional whose forecast volatility contributes `weight * target_vol` of nav. A forecast of zero
/// (a price that never moved) gives no bound; the other caps still apply.
pub fn vol_target(
    nav: Collateral,
    weight: Fixed,
    target_vol: Fixed,
    forecast_vol: Fixed,
) -> SizingResult<Cap> {
    non_negative("weight", weight)?;
    non_negative("target_vol", target_vol)?;
    non_negative("forecast_vol", forecast_vol)?;
    if forecast_vol.is_zero() {
        return Ok(Cap::new(CapKind::VolTarget, None));
    }
    let budget = weight
        .checked_mul(target_vol)
        .ok_or_else(|| overflow("vol_target"))?;
    let limit = mul_div_floor(nav.0, budget, forecast_vol)?;
    Ok(Cap::new(CapKind::VolTarget, limit))
}

/// The signal in the order's direction: `signal` for a long, `-signal` for a short; in [-1, 1].
fn strength(signal: Fixed, long: bool) -> SizingResult<Fixed> {
    require(
        signal >= Fixed::NEG_ONE && signal <= Fixed::ONE,
        "signal",
        signal,
        "in [-1, 1]",
    )?;
    // Within [-1, 1] the negation cannot overflow.
    Ok(if long { signal } else { -signal })
}

/// The volatility target as a share of nav, `weight * target_vol / forecast_vol`; None for a zero
/// forecast (no bound).
pub fn vol_target_ratio(
    weight: Fixed,
    target_vol: Fixed,
    forecast_vol: Fixed,
) -> SizingResult<Option<Fixed>> {
    non_negative("weight", weight)?;
    non_negative("target_vol", target_vol)?;
    non_negative("forecast_vol", forecast_vol)?;
    if forecast_vol.is_zero() {
        return Ok(None);
    }
    weight
        .checked_mul(target_vol)
        .and_then(|budget| budget.checked_div(forecast_vol))
        .map(Some)
        .ok_or_else(|| overflow("vol_target"))
}

/// The VaR cap as a share of nav, `var_budget / (z * vol * sqrt(horizon_years))`; None when the
/// denominator is zero (no bound).
pub fn var_ratio(
    var_budget: Fixed,
    z: Fixed,
    vol: Fixed,
    horizon_years: Fixed,
) -> SizingResult<Option<Fixed>> {
    non_negative("var_budget", var_budget)?;
    let per_unit = var_per_unit(z, vol, horizon_years)?;
    if per_unit.is_zero() {
        return Ok(None);
    }
    var_budget
        .checked_div(per_unit)
        .map(Some)
        .ok_or_else(|| overflow("var"))
}

/// Signal scaling: `vol_target_limit * |signal|` when the signal points the order's way, else 0.
///
/// `signal` is in [-1, 1], positive for long; `long` is the side of the order.
pub fn signal(vol_target_limit: Option<Notional>, signal: Fixed, long: bool) -> SizingResult<Cap> {
    let strength = strength(signal, long)?;
    if strength <= Fixed::ZERO {
        return Ok(Cap::new(CapKind::Signal, Some(0)));
    }
    let limit = match vol_target_limit {
        Some(Notional(target)) => mul_floor(target, strength)?,
        None => None,
    };
    Ok(Cap::new(CapKind::Signal, limit))
}

/// Gross leverage: `max_leverage * nav - other_gross`, and 0 when the other markets already use it all.
///
/// `other_gross` is the summed absolute notional of every other market's position.
pub fn gross_leverage(
    nav: Collateral,
    max_leverage: Fixed,
    other_gross: Notional,
) -> SizingResult<Cap> {
    non_negative("max_leverage", max_leverage)?;
    let bits = u128::try_from(max_leverage.to_bits()).map_err(|_| overflow("gross_leverage"))?;
    // floor(nav * max_leverage) as 256 bits: it may exceed u128 and still fit once the other markets
    // are subtracted, so the subtraction comes before the range check.
    let (hi, lo) = widening_mul(nav.0, bits);
    let shift = Fixed::FRAC_NBITS;
    let total_hi = hi >> shift;
    let total_lo = (hi << (128 - shift)) | (lo >> shift);
    let (rest_lo, borrow) = total_lo.overflowing_sub(other_gross.0);
    let limit = match total_hi.checked_sub(u128::from(borrow)) {
        // Other markets over the limit leave no headroom here: the limit is 0, not negative.
        None => Some(0),
        Some(0) => Some(rest_lo),
        Some(_) => None,
    };
    Ok(Cap::new(CapKind::GrossLeverage, limit))
}

/// Per-market notional: the fixed limit `max_notional` set by governance for this market.
pub fn market_notional(max_notional: Notional) -> Cap {
    Cap::new(CapKind::MarketNotional, Some(max_notional.0))
}

/// Concentration: `max_share * nav`, the largest share of nav one market's position may hold.
pub fn concentration(nav: Collateral, max_share: Fixed) -> SizingResult<Cap> {
    non_negative("max_concentration", max_share)?;
    Ok(Cap::new(
        CapKind::Concentration,
        mul_floor(nav.0, max_share)?,
    ))
}

/// The edge of an order from its signal: `signal * max_edge` on the long side, `-signal * max_edge`
/// on the short side (annualised expected return; negative when the signal opposes the order).
pub fn signal_edge(signal: Fixed, max_edge: Fixed, long: bool) -> SizingResult<Fixed> {
    non_negative("max_edge", max_edge)?;
    strength(signal, long)?
        .checked_mul(max_edge)
        .ok_or_else(|| overflow("signal_edge"))
}

/// Kelly: `kelly_fraction * edge / variance * nav`.
///
/// The continuous-time Kelly fraction of nav, edge / variance, scaled down by `kelly_fraction`
/// (0.5 is half Kelly). No edge (zero or negative) allows no exposure; a zero variance gives no bound.
pub fn kelly(
    nav: Collateral,
    kelly_fraction: Fixed,
    edge: Fixed,
    variance: Fixed,
) -> SizingResult<Cap> {
    non_negative("kelly_fraction", kelly_fraction)?;
    non_negative("variance", variance)?;
    if edge <= Fixed::ZERO {
        return Ok(Cap::new(CapKind::Kelly, Some(0)));
    }
    if variance.is_zero() {
        return Ok(Cap::new(CapKind::Kelly, None));
    }
    let num = kelly_fraction
        .checked_mul(edge)
        .ok_or_else(|| overflow("kelly"))?;
    Ok(Cap::new(
        CapKind::Kelly,
        mul_div_floor(nav.0, num, variance)?,
    ))
}

/// Years in `seconds`, for horizons: `seconds / 31,536,000`.
pub fn years(seconds: u64) -> SizingResult<Fixed> {
    let s = Fixed::checked_from_num(seconds).ok_or_else(|| overflow("years"))?;
    s.checked_div_int(i128::from(SECONDS_PER_YEAR))
        .ok_or_else(|| overflow("years"))
}

/// Loss at the VaR confidence per unit of notional over the horizon: `z * vol * sqrt(horizon_years)`.
fn var_per_unit(z: Fixed, vol: Fixed, horizon_years: Fixed) -> SizingResult<Fixed> {
    non_negative("z", z)?;
    non_negative("vol", vol)?;
    non_negative("var_horizon", horizon_years)?;
    let sqrt_horizon = math::sqrt(horizon_years)?;
    z.checked_mul(vol)
        .and_then(|zv| zv.checked_mul(sqrt_horizon))
        .ok_or_else(|| overflow("var"))
}

/// Parametric VaR: the largest notional with `notional * z * vol * sqrt(horizon) <= var_budget * nav`,
/// i.e. `var_budget * nav / (z * vol * sqrt(horizon_years))`.
///
/// `z` is [`crate::normal_quantile`] of the confidence level. A zero denominator gives no bound.
pub fn var(
    nav: Collateral,
    var_budget: Fixed,
    z: Fixed,
    vol: Fixed,
    horizon_years: Fixed,
) -> SizingResult<Cap> {
    non_negative("var_budget", var_budget)?;
    let per_unit = var_per_unit(z, vol, horizon_years)?;
    if per_unit.is_zero() {
        return Ok(Cap::new(CapKind::Var, None));
    }
    Ok(Cap::new(
        CapKind::Var,
        mul_div_floor(nav.0, var_budget, per_unit)?,
    ))
}

/// Liquidity: the largest order whose impact `(size / depth)^exponent` stays within `max_slippage`,
/// i.e. `depth * max_slippage^(1 / exponent)`, rounded down. For an exponent other than 1 the power goes
/// through ln and exp, exact to about 1e-11 rather than to the last bit, and a small share keeps few
/// significant bits, so the share is cut by 2^-30 of itself (a billionth of the order) and four steps
/// of the fixed type: a rounding can never let the slippage past the limit. Zero depth allows nothing.
pub fn liquidity(depth: Notional, max_slippage: Fixed, exponent: Fixed) -> SizingResult<Cap> {
    require(
        max_slippage > Fixed::ZERO && max_slippage <= Fixed::ONE,
        "max_slippage",
        max_slippage,
        "in (0, 1]",
    )?;
    require(exponent > Fixed::ZERO, "impact_exponent", exponent, "> 0")?;
    let inverse = Fixed::ONE
        .checked_div(exponent)
        .ok_or_else(|| overflow("liquidity"))?;
    let mut share = math::pow(max_slippage, inverse)?;
    if exponent != Fixed::ONE {
        let rounding = share
            .checked_shr(30)
            .and_then(|r| r.checked_add(Fixed::DELTA.checked_mul_int(4)?))
            .ok_or_else(|| overflow("liquidity"))?;
        share = share
            .checked_sub(rounding)
            .unwrap_or(Fixed::ZERO)
            .max(Fixed::ZERO);
    }
    Ok(Cap::new(CapKind::Liquidity, mul_floor(depth.0, share)?))
}

/// Liquidity on a venue that prices impact on the recent flow of the order's direction
/// ([`crate::impact`]): the largest order `s` whose average slippage `(C(recent + s) - C(recent)) / s`
/// stays within `max_slippage`, where `C(x) = x * (x / depth)^exponent`.
///
/// - `recent = 0`: [`liquidity`]'s `depth * max_slippage^(1 / exponent)`.
/// - exponent 1: the average slippage is `(2 * recent + s) / depth`, so
///   `floor(depth * max_slippage) - 2 * recent`, at least 0.
/// - any other exponent: [`crate::impact::limit_after_flow`], a bisection below the flow-free limit
///   that never lets the slippage exceed `max_slippage` and is within 2^-24 of that limit of the exact
///   answer.
///
/// A flow at or past the depth allows nothing (the venue refuses any trade there).
pub fn liquidity_with_flow(
    depth: Notional,
    recent: Notional,
    max_slippage: Fixed,
    exponent: Fixed,
) -> SizingResult<Cap> {
    let flow_free = liquidity(depth, max_slippage, exponent)?;
    if recent.0 == 0 {
        return Ok(flow_free);
    }
    let limit = match flow_free.limit {
        Some(_) if recent.0 >= depth.0 => 0,
        // The share is at most 1, so the flow-free limit is at most the depth: always bounded.
        None => return Err(overflow("liquidity")),
        Some(Notional(0)) => 0,
        // pow(max_slippage, 1) is exact: the flow-free limit is floor(depth * max_slippage).
        Some(Notional(free)) if exponent == Fixed::ONE => {
            free.saturating_sub(recent.0.saturating_mul(2))
        }
        Some(Notional(free)) => {
            crate::impact::limit_after_flow(recent, depth, max_slippage, exponent, free)?
        }
    };
    Ok(Cap::new(CapKind::Liquidity, Some(limit)))
}

/// The smallest nav at which a cap of `ratio * nav` still covers `notional`: `ceil(notional / ratio)`.
///
/// A withdrawal must leave nav at or above this for every nav-proportional cap (volatility target with
/// `ratio = weight * target_vol / forecast_vol`, leverage, concentration, VaR). A zero ratio means no
/// nav is enough for a non-zero notional (`None`).
pub fn nav_floor(notional: Notional, ratio: Fixed) -> SizingResult<Option<u128>> {
    non_negative("ratio", ratio)?;
    if notional.0 == 0 {
        return Ok(Some(0));
    }
    if ratio.is_zero() {
        return Ok(None);
    }
    // floor(n / r) and one more unit unless r divides exactly (checked by multiplying back).
    let floor = mul_div_floor(notional.0, Fixed::ONE, ratio)?;
    Ok(floor.and_then(|f| match mul_floor(f, ratio) {
        Ok(Some(back)) if back >= notional.0 => Some(f),
        _ => f.checked_add(1),
    }))
}

/// Price impact of an order on the venue's curve, `(size / depth)^exponent`, as a share of the
/// price: the cost [`liquidity`] bounds. Zero depth is an error (no trade can be priced).
pub fn price_impact(size: Notional, depth: Notional, exponent: Fixed) -> SizingResult<Fixed> {
    require(exponent > Fixed::ZERO, "impact_exponent", exponent, "> 0")?;
    if depth.0 == 0 {
        return Err(SizingError::InvalidParameter {
            name: "depth",
            value: "0".to_string(),
            rule: "> 0",
        });
    }
    if size.0 == 0 {
        return Ok(Fixed::ZERO);
    }
    math::pow(ratio_floor(size.0, depth.0)?, exponent)
}

/// Margin per unit of notional that keeps a position's liquidation price `liq_sigmas` standard
/// deviations of the move over `horizon_years` away, and meets the venue's initial margin:
/// `max(maintenance_margin + liq_sigmas * vol * sqrt(horizon_years), initial_margin)`.
///
/// With isolated margin m per unit of notional, the position is liquidated after a fractional move of
/// `m - maintenance_margin`; requiring that to be >= k = liq_sigmas * vol * sqrt(horizon) gives
/// `m >= maintenance_margin + k`.
pub fn margin_ratio(
    maintenance_margin: Fixed,
    initial_margin: Fixed,
    vol: Fixed,
    liq_sigmas: Fixed,
    horizon_years: Fixed,
) -> SizingResult<Fixed> {
    non_negative("maintenance_margin", maintenance_margin)?;
    non_negative("initial_margin", initial_margin)?;
    non_negative("vol", vol)?;
    non_negative("liq_sigmas", liq_sigmas)?;
    non_negative("liq_horizon", horizon_years)?;
    let sqrt_horizon = math::sqrt(horizon_years)?;
    let k = liq_sigmas
        .checked_mul(vol)
        .and_then(|sv| sv.checked_mul(sqrt_horizon))
        .ok_or_else(|| overflow("liquidation_distance"))?;
    let buffer = maintenance_margin
        .checked_add(k)
        .ok_or_else(|| overflow("liquidation_distance"))?;
    Ok(buffer.max(initial_margin))
}

/// Liquidation distance: the largest notional N that `equity` can back at [`margin_ratio`], so that
/// its liquidation price is at least `liq_sigmas * vol * sqrt(horizon_years)` away:
/// `N <= equity / max(maintenance_margin + liq_sigmas * vol * sqrt(horizon_years), initial_margin)`.
///
/// `equity` is what the vault can post for this market: the position's equity plus idle collateral.
pub fn liquidation_distance(
    equity: Collateral,
    maintenance_margin: Fixed,
    initial_margin: Fixed,
    vol: Fixed,
    liq_sigmas: Fixed,
    horizon_years: Fixed,
) -> SizingResult<Cap> {
    let ratio = margin_ratio(
        maintenance_margin,
        initial_margin,
        vol,
        liq_sigmas,
        horizon_years,
    )?;
    if ratio.is_zero() {
        return Ok(Cap::new(CapKind::LiquidationDistance, None));
    }
    Ok(Cap::new(
        CapKind::LiquidationDistance,
        mul_div_floor(equity.0, Fixed::ONE, ratio)?,
    ))
}

#[cfg(test)]
#[path = "caps_tests.rs"]
mod tests;
