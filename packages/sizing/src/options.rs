//! Delta-neutral mode: the Black-Scholes delta of a European option, the net delta of a leg the
//! vault holds, and the perp order that keeps net delta inside a band.
//!
//! ```text
//! d1 = (ln(S / K) + (r + sigma^2 / 2) * T) / (sigma * sqrt(T))
//! delta_call = N(d1)          delta_put = N(d1) - 1
//! ```
//! S is the spot price, K the strike (same unit), T the time to expiry in years, sigma the implied
//! volatility (annualised, 0.5 = 50%) and r the continuously compounded annual rate. At expiry
//! (T = 0) or with no volatility, sigma * sqrt(T) = 0 and delta is the limit of the formula: a step at
//! the forward, 1 when S * e^(rT) > K, 0 below, 1/2 exactly at it (a call; a put is one less).
//!
//! A delta is per unit of the underlying; a leg's delta is its signed quantity (in units of the
//! underlying, negative when short) times that. A spot holding has delta 1 per unit.

use crate::error::{SizingResult, invalid, overflow};
use crate::math::{self, Fixed, Wide};
use crate::normal::normal_cdf_wide;

/// Call or put.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKind {
    /// The right to buy at the strike.
    Call,
    /// The right to sell at the strike.
    Put,
}

/// A European option on the market's underlying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EuropeanOption {
    /// Call or put.
    pub kind: OptionKind,
    /// Strike, in the unit of the spot price; > 0.
    pub strike: Fixed,
    /// Time to expiry in years (365-day years), >= 0.
    pub years: Fixed,
    /// Implied volatility, annualised (0.5 = 50%), >= 0.
    pub implied_vol: Fixed,
    /// Continuously compounded annual rate (0.05 = 5%); any sign.
    pub rate: Fixed,
}

/// What the vault holds beside its perp position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leg {
    /// Units of the underlying held outright (negative: short); delta 1 per unit.
    Spot {
        /// Signed quantity, units of the underlying.
        quantity: Fixed,
    },
    /// Options on the underlying (negative quantity: written).
    Option {
        /// Signed number of options, each on one unit of the underlying.
        quantity: Fixed,
        /// The contract.
        option: EuropeanOption,
    },
}

/// Checks that a price is > 0.
fn positive(name: &'static str, value: Fixed) -> SizingResult<()> {
    if value <= Fixed::ZERO {
        return Err(invalid(name, value, "> 0"));
    }
    Ok(())
}

/// Checks that a value is >= 0.
fn non_negative(name: &'static str, value: Fixed) -> SizingResult<()> {
    if value.is_negative() {
        return Err(invalid(name, value, ">= 0"));
    }
    Ok(())
}

/// The delta step where sigma * sqrt(T) = 0: N(+inf) = 1 above the forward, N(-inf) = 0 below, and
/// N(0) = 1/2 at it, the limit of d1 = sigma * sqrt(T) / 2 as it goes to zero.
fn step(moneyness: Wide) -> Wide {
    if moneyness > Wide::ZERO {
        Wide::ONE
    } else if moneyness < Wide::ZERO {
        Wide::ZERO
    } else {
        const HALF: Wide = Wide::lit("0.5");
        HALF
    }
}

/// N(d1) at internal precision: the call delta.
fn call_delta_wide(spot: Fixed, o: &EuropeanOption) -> SizingResult<Wide> {
    positive("spot", spot)?;
    positive("strike", o.strike)?;
    non_negative("years", o.years)?;
    non_negative("implied_vol", o.implied_vol)?;
    let (years, vol, rate) = (
        math::widen(o.years)?,
        math::widen(o.implied_vol)?,
        math::widen(o.rate)?,
    );
    let log_moneyness = math::sub(math::ln_wide(spot)?, math::ln_wide(o.strike)?, "delta")?;
    // ln(S/K) + rT: the sign of ln(F/K), the forward's moneyness.
    let forward = math::add(log_moneyness, math::mul(rate, years, "delta")?, "delta")?;
    let vol_root_t = math::mul(vol, math::sqrt_wide(years)?, "delta")?;
    if vol_root_t == Wide::ZERO {
        return Ok(step(forward));
    }
    let half_var = math::mul(vol_root_t, vol_root_t, "delta")?
        .checked_div_int(2)
        .ok_or_else(|| overflow("delta"))?;
    let numerator = math::add(forward, half_var, "delta")?;
    // A quotient beyond the internal range (about 1.4e14) puts N(d1) at 0 or 1 exactly.
    match numerator.checked_div(vol_root_t) {
        Some(d1) => normal_cdf_wide(d1),
        None => Ok(step(numerator)),
    }
}

/// Black-Scholes delta per unit of the underlying: N(d1) for a call, N(d1) - 1 for a put, rounded to
/// the nearest step. Errors name a non-positive spot or strike, or a negative time or volatility.
pub fn bs_delta(spot: Fixed, option: &EuropeanOption) -> SizingResult<Fixed> {
    let call = call_delta_wide(spot, option)?;
    let delta = match option.kind {
        OptionKind::Call => call,
        OptionKind::Put => math::sub(call, Wide::ONE, "delta")?,
    };
    math::narrow(delta)
}

impl Leg {
    /// The leg's delta in units of the underlying: quantity for spot, quantity * delta for options.
    pub fn delta(&self, spot: Fixed) -> SizingResult<Fixed> {
        match self {
            Leg::Spot { quantity } => Ok(*quantity),
            Leg::Option { quantity, option } => quantity
                .checked_mul(bs_delta(spot, option)?)
                .ok_or_else(|| overflow("leg_delta")),
        }
    }
}

/// The sum of the legs' deltas, units of the underlying.
pub fn net_delta(legs: &[Leg], spot: Fixed) -> SizingResult<Fixed> {
    legs.iter().try_fold(Fixed::ZERO, |sum, leg| {
        sum.checked_add(leg.delta(spot)?)
            .ok_or_else(|| overflow("net_delta"))
    })
}

/// The perp order (signed, units of the underlying; positive buys) that brings net delta back
/// inside [-band, +band]: zero while `legs_delta + perp_position` is inside the band, otherwise the
/// trade to the **nearest edge** of the band, not to zero. Trading only to the edge is the least
/// turnover that restores the band (the Whalley-Wilmott rule under proportional costs); a band of 0
/// hedges to exactly zero every time.
pub fn hedge_order(legs_delta: Fixed, perp_position: Fixed, band: Fixed) -> SizingResult<Fixed> {
    non_negative("delta_band", band)?;
    let net = legs_delta
        .checked_add(perp_position)
        .ok_or_else(|| overflow("hedge_order"))?;
    let edge = if net > band {
        band
    } else if net < -band {
        -band
    } else {
        return Ok(Fixed::ZERO);
    };
    edge.checked_sub(net).ok_or_else(|| overflow("hedge_order"))
}

#[cfg(test)]
#[path = "options_tests.rs"]
mod tests;
