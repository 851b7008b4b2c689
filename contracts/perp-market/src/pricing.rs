//! Price impact, fill price and fee of a trade.
//!
//! `impact = (notional / depth)^impact_exponent`, so a trade as large as the market's depth would move
//! the price by 100%; such a trade is refused. The taker pays the impact: a buy (long side) fills at
//! `oracle * (1 + impact)`, a sell at `oracle * (1 - impact)`. The fee is `notional * taker_fee`,
//! rounded up, and goes to the pool.
//!
//! A linear curve (exponent 1) is computed exactly in `Decimal256` (rounded down at 10^-18); any other
//! exponent goes through `ballast-sizing`'s fixed-point `pow` (accurate to a few 10^-15), crossing at
//! `ballast_types::convert`. Both errors are far below one base unit of any trade a depth allows.

use ballast_sizing::pow;
use ballast_types::Side;
use ballast_types::convert::{decimal_to_fixed, fixed_to_decimal};
use ballast_types::perp::MarketParams;
use cosmwasm_std::{Decimal, Decimal256, Uint128};

use crate::error::{ContractError, ContractResult};

/// Price and cost of a trade.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// Oracle price.
    pub oracle_price: Decimal256,
    /// Price impact, a share of the oracle price, in [0, 1).
    pub impact: Decimal256,
    /// The taker's price.
    pub fill_price: Decimal256,
    /// Taker fee, base units, rounded up.
    pub fee: Uint128,
}

/// Impact of a trade of `notional`; an error when it would reach 100%.
pub fn impact(params: &MarketParams, notional: Uint128) -> ContractResult<Decimal256> {
    if notional.is_zero() {
        return Ok(Decimal256::zero());
    }
    let too_large = || ContractError::ImpactTooLarge {
        notional,
        depth: params.depth,
    };
    if notional >= params.depth {
        return Err(too_large());
    }
    let ratio = Decimal::checked_from_ratio(notional, params.depth)?;
    let impact = if params.impact_exponent == Decimal::one() {
        Decimal256::from(ratio)
    } else {
        let curve = pow(
            decimal_to_fixed(ratio)?,
            decimal_to_fixed(params.impact_exponent)?,
        )?;
        Decimal256::from(fixed_to_decimal(curve)?)
    };
    if impact >= Decimal256::one() {
        return Err(too_large());
    }
    Ok(impact)
}

/// Fill price, impact and fee of a trade of `notional` on `side` at `oracle_price`.
pub fn quote(
    params: &MarketParams,
    side: Side,
    oracle_price: Decimal256,
    notional: Uint128,
) -> ContractResult<Quote> {
    let impact = impact(params, notional)?;
    let factor = match side {
        Side::Long => Decimal256::one().checked_add(impact)?,
        Side::Short => Decimal256::one().checked_sub(impact)?,
    };
    Ok(Quote {
        oracle_price,
        impact,
        fill_price: oracle_price.checked_mul(factor)?,
        // Rounded up: the fee is owed to the pool.
        fee: notional.checked_mul_ceil(params.taker_fee)?,
    })
}
