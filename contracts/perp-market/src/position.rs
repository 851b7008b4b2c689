//! Arithmetic of a position: notional, PnL, equity, maintenance margin and liquidation price.
//!
//! A position holds `size` = |quantity| units at an average `entry_price`; prices are base units of
//! collateral per unit of quantity, so `size * price` is a notional in base units. Every amount that
//! leaves this module rounds toward the pool: notionals and profits down, losses and margin
//! requirements up (at the 10^-18 step of `Decimal256`, then to whole base units).

use ballast_types::Side;
use cosmwasm_std::{Decimal, Decimal256, Int256, SignedDecimal256, Uint128, Uint256};

use crate::error::ContractResult;
use crate::state::Position;

/// An amount in base units as a decimal.
pub fn to_decimal(amount: Uint128) -> ContractResult<Decimal256> {
    Ok(Decimal256::from_atomics(Uint256::from(amount), 0)?)
}

/// Quantity bought by `notional` at `price`, rounded down.
pub fn quantity(notional: Uint128, price: Decimal256) -> ContractResult<Decimal256> {
    Ok(to_decimal(notional)?.checked_div(price)?)
}

/// `size * price` in base units, rounded down.
pub fn notional(size: Decimal256, price: Decimal256) -> ContractResult<Uint128> {
    Ok(Uint128::try_from(size.checked_mul(price)?.to_uint_floor())?)
}

/// Profit (positive) or loss (negative) of `size` units of `side` bought at `entry` and sold at
/// `exit`, base units. A profit rounds down and a loss rounds up: toward the pool.
pub fn pnl(
    side: Side,
    size: Decimal256,
    entry: Decimal256,
    exit: Decimal256,
) -> ContractResult<Int256> {
    let (diff, price_rose) = if exit >= entry {
        (exit.checked_sub(entry)?, true)
    } else {
        (entry.checked_sub(exit)?, false)
    };
    let magnitude = size.checked_mul(diff)?;
    let gains = match side {
        Side::Long => price_rose,
        Side::Short => !price_rose,
    };
    if gains {
        Ok(Int256::try_from(magnitude.to_uint_floor())?)
    } else {
        let loss = Int256::try_from(magnitude.to_uint_ceil())?;
        Ok(Int256::zero().checked_sub(loss)?)
    }
}

impl Position {
    /// Signed quantity, positive long.
    pub fn quantity(&self) -> ContractResult<SignedDecimal256> {
        let magnitude = SignedDecimal256::try_from(self.size)?;
        Ok(match self.side {
            Side::Long => magnitude,
            Side::Short => SignedDecimal256::zero().checked_sub(magnitude)?,
        })
    }

    /// Notional at `price`, base units, rounded down.
    pub fn notional(&self, price: Decimal256) -> ContractResult<Uint128> {
        notional(self.size, price)
    }

    /// Notional at the entry price: the position's share of its side's open interest.
    pub fn entry_notional(&self) -> ContractResult<Uint128> {
        notional(self.size, self.entry_price)
    }

    /// `size * entry_price`, unrounded (at the 10^-18 step): the position's share of its side's
    /// [`crate::state::SideTotals::cost`].
    pub fn entry_cost(&self) -> ContractResult<Decimal256> {
        Ok(self.size.checked_mul(self.entry_price)?)
    }

    /// PnL if the whole position closed at `price`, without impact; rounded toward the pool.
    pub fn unrealized_pnl(&self, price: Decimal256) -> ContractResult<Int256> {
        pnl(self.side, self.size, self.entry_price, price)
    }

    /// Margin plus unrealized PnL at `price`, base units.
    pub fn equity(&self, price: Decimal256) -> ContractResult<Int256> {
        let margin = Int256::from(self.margin.u128());
        Ok(margin.checked_add(self.unrealized_pnl(price)?)?)
    }

    /// `maintenance_margin * size * price`, base units, rounded up.
    pub fn maintenance(&self, price: Decimal256, ratio: Decimal) -> ContractResult<Uint256> {
        let notional = self.size.checked_mul(price)?;
        Ok(notional
            .checked_mul(Decimal256::from(ratio))?
            .to_uint_ceil())
    }

    /// True when equity at `price` is below the maintenance margin: the position may be liquidated.
    pub fn is_liquidatable(&self, price: Decimal256, ratio: Decimal) -> ContractResult<bool> {
        let maintenance = Int256::try_from(self.maintenance(price, ratio)?)?;
        Ok(self.equity(price)? < maintenance)
    }

    /// Price at which equity equals the maintenance margin, with q = size, E = entry, m = margin,
    /// r = maintenance ratio:
    /// long `(q*E - m) / (q*(1 - r))`, short `(m + q*E) / (q*(1 + r))`.
    /// None when the formula gives no positive price (a long whose margin covers its whole entry
    /// notional cannot be liquidated by a falling price).
    pub fn liquidation_price(&self, ratio: Decimal) -> ContractResult<Option<Decimal256>> {
        let ratio = Decimal256::from(ratio);
        let margin = to_decimal(self.margin)?;
        let entry_notional = self.size.checked_mul(self.entry_price)?;
        let (numerator, factor) = match self.side {
            Side::Long => {
                if margin >= entry_notional {
                    return Ok(None);
                }
                (
                    entry_notional.checked_sub(margin)?,
                    Decimal256::one().checked_sub(ratio)?,
                )
            }
            Side::Short => (
                entry_notional.checked_add(margin)?,
                Decimal256::one().checked_add(ratio)?,
            ),
        };
        let denominator = self.size.checked_mul(factor)?;
        if denominator.is_zero() {
            return Ok(None);
        }
        let price = numerator.checked_div(denominator)?;
        Ok(if price.is_zero() { None } else { Some(price) })
    }
}
