//! Delta-neutral mode in the vault's units: a leg's delta, the perp position's delta and the perp
//! order that brings net delta back to the band, at one oracle price.
//!
//! ```text
//! perp_delta = notional / price              (negative when short)
//! net_delta  = leg_delta + perp_delta
//! order      = hedge_order(leg_delta, perp_delta, band)     units, positive buys
//! notional   = |order| * price               rounded down: the vault never trades more than the plan
//! ```
//! Prices are base units of collateral per unit of the underlying (what the perp market quotes), so a
//! notional divided by the price is a quantity in units of the underlying. Deltas are in those units.

use crate::amount::{Notional, mul_div_u128};
use crate::decide::Side;
use crate::error::{Shown, SizingError, SizingResult, overflow};
use crate::math::Fixed;
use crate::options::{Leg, hedge_order};
use crate::vol::Price;

/// What one look at the market says about the hedge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HedgePlan {
    /// The oracle price, base units per unit of the underlying.
    pub price: Fixed,
    /// The leg's delta, units of the underlying.
    pub leg_delta: Fixed,
    /// The perp position's delta, units of the underlying (negative when short).
    pub perp_delta: Fixed,
    /// leg_delta + perp_delta.
    pub net_delta: Fixed,
    /// The perp trade to the nearest band edge, units (positive buys); zero inside the band.
    pub order: Fixed,
    /// |order| * price, base units, rounded down.
    pub notional: Notional,
    /// True when the order only shrinks the perp position (opposite side, not past flat).
    pub reduces: bool,
}

impl HedgePlan {
    /// The side of the order: long when it buys.
    pub fn side(&self) -> Side {
        if self.order.is_negative() {
            Side::Short
        } else {
            Side::Long
        }
    }
}

/// `mantissa * 10^expo` as [`Fixed`], rounded down; an error beyond the range.
pub fn price_to_fixed(price: Price) -> SizingResult<Fixed> {
    let power = 10u128
        .checked_pow(price.expo().unsigned_abs())
        .ok_or_else(|| overflow("price"))?;
    if price.expo() >= 0 {
        let whole = price
            .mantissa()
            .checked_mul(power)
            .ok_or_else(|| overflow("price"))?;
        Fixed::checked_from_num(whole).ok_or_else(|| overflow("price"))
    } else {
        crate::amount::ratio_floor(price.mantissa(), power)
    }
}

/// notional / price as a quantity of the underlying, rounded down; price > 0.
pub fn quantity_of(notional: Notional, price: Fixed) -> SizingResult<Fixed> {
    let price_bits = positive_bits("price", price)?;
    // (n / (p / 2^48)) * 2^48 = n * 2^96 / p, exact over the 256-bit product.
    mul_div_u128(notional.0, 1u128 << (2 * Fixed::FRAC_NBITS), price_bits)
        .and_then(|bits| i128::try_from(bits).ok())
        .map(Fixed::from_bits)
        .ok_or_else(|| overflow("quantity"))
}

/// |quantity| * price in base units, rounded down.
pub fn notional_of(quantity: Fixed, price: Fixed) -> SizingResult<Notional> {
    let price_bits = positive_bits("price", price)?;
    let quantity_bits = quantity.to_bits().unsigned_abs();
    mul_div_u128(quantity_bits, price_bits, 1u128 << (2 * Fixed::FRAC_NBITS))
        .map(Notional)
        .ok_or_else(|| overflow("notional"))
}

fn positive_bits(name: &'static str, value: Fixed) -> SizingResult<u128> {
    u128::try_from(value.to_bits())
        .ok()
        .filter(|bits| *bits > 0)
        .ok_or_else(|| SizingError::InvalidParameter {
            name,
            value: value.shown(),
            rule: "> 0",
        })
}

/// The hedge at `price`: the leg's delta, the perp position's (`perp` notional on `perp_side`, None
/// when flat), their sum, and the order to the nearest edge of `[-band, band]`.
pub fn plan(
    leg: &Leg,
    perp_side: Option<Side>,
    perp: Notional,
    price: Price,
    band: Fixed,
) -> SizingResult<HedgePlan> {
    let price = price_to_fixed(price)?;
    let leg_delta = leg.delta(price)?;
    let size = quantity_of(perp, price)?;
    let perp_delta = match perp_side {
        Some(Side::Short) => -size,
        _ => size,
    };
    let net_delta = leg_delta
        .checked_add(perp_delta)
        .ok_or_else(|| overflow("net_delta"))?;
    let order = hedge_order(leg_delta, perp_delta, band)?;
    let notional = notional_of(order, price)?;
    let opposite = match perp_side {
        Some(Side::Long) => order.is_negative(),
        Some(Side::Short) => order > Fixed::ZERO,
        None => false,
    };
    Ok(HedgePlan {
        price,
        leg_delta,
        perp_delta,
        net_delta,
        order,
        notional,
        reduces: opposite && notional <= perp,
    })
}

#[cfg(test)]
#[path = "hedge_tests.rs"]
mod tests;
