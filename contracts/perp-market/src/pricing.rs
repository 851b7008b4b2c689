//! Price impact, fill price and fee of a trade.
//!
//! The impact curve: a trade of `x` from a still market moves the price by `(x / depth)^impact_exponent`
//! and costs `C(x) = x * (x / depth)^impact_exponent` (notional times impact). The taker pays the impact:
//! a buy (long side) fills at `oracle * (1 + impact)`, a sell at `oracle * (1 - impact)`. The fee is
//! `notional * taker_fee`, rounded up, and goes to the pool.
//!
//! **Recent flow.** Impact is priced on the flow of the trade's direction, not on the trade alone, so
//! that an order split into pieces pays what the whole order pays. Each market keeps, per direction
//! (buys, sells), the notional recently traded ([`crate::state::Flow`]). A trade of `s` after a flow of
//! `r` costs `C(r + s) - C(r)`, so its impact is `(C(r + s) - C(r)) / s` (for a linear curve exactly
//! `(2r + s) / depth`), and `r + s` becomes the flow. Pieces within one block telescope to `C(total)`.
//! - The flow decays linearly to zero over [`FLOW_WINDOW`] (300 s) after the last trade in its
//!   direction, rounded up (toward the pool): like a book that refills after a market order. Five
//!   minutes is some 50 blocks, so pieces spread over a few blocks still pay nearly all of it (pieces
//!   6 s apart keep 98% of the earlier flow); spreading them over the whole window leaves the attacker
//!   carrying five minutes of price risk that one order would not. A constant, not a market parameter,
//!   so the stored parameters and `AddMarket` are unchanged.
//! - The flow is per market and direction, not per trader: k addresses cannot split an order either.
//!   Someone else's recent trade in the same direction makes a trade dearer, as it would on a book.
//! - Every trade counts toward its own direction, whether it opens or reduces a position: a reduction
//!   split into pieces pays like one. The two directions never net: a sell neither lowers the buy flow
//!   nor earns a rebate from it, so the impact is never negative and a round trip pays twice.
//!   A liquidation closes at the oracle price without impact and adds no flow.
//! - A trade is refused when `r + s` reaches the depth, or when its impact would reach 100% (on a
//!   linear curve, `2r + s >= depth`). The `Quote` query reads the same flow at the same block time,
//!   so it reports the impact the trade will charge; `PositionTerms` reports both directions' flow,
//!   which a risk vault sizes its orders and margin against.
//!
//! A linear curve (exponent 1) is computed exactly in `Decimal256` (rounded down at 10^-18); any other
//! exponent goes through `ballast-sizing`'s fixed-point `pow` (accurate to a few 10^-15), crossing at
//! `ballast_types::convert`. Both errors are far below one base unit of any trade a depth allows.

use ballast_sizing::pow;
use ballast_types::Side;
use ballast_types::convert::{decimal_to_fixed, fixed_to_decimal};
use ballast_types::perp::MarketParams;
use cosmwasm_std::{Decimal, Decimal256, Uint128, Uint256};

use crate::error::{ContractError, ContractResult};
use crate::position::to_decimal;
use crate::state::Flow;

/// Seconds over which a direction's flow decays linearly to zero.
pub const FLOW_WINDOW: u64 = 300;

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

/// `flow` as of `now`: decayed linearly to zero over [`FLOW_WINDOW`] since its last trade, rounded up.
pub fn recent_flow(flow: &Flow, now: u64) -> ContractResult<Uint128> {
    // Block time never goes back; if it did, the flow would count as not decayed at all.
    let elapsed = now.saturating_sub(flow.time);
    let Some(left) = FLOW_WINDOW.checked_sub(elapsed).filter(|left| *left > 0) else {
        return Ok(Uint128::zero());
    };
    let (window, left) = (Uint256::from(FLOW_WINDOW), Uint256::from(left));
    // Rounded up: a larger flow charges more impact, toward the pool.
    let decayed = Uint256::from(flow.notional)
        .checked_mul(left)?
        .checked_add(window.checked_sub(Uint256::one())?)?
        .checked_div(window)?;
    Ok(Uint128::try_from(decayed)?)
}

/// `(x / depth)^impact_exponent` for `x < depth`: the impact of a trade of `x` from a still market.
fn curve(params: &MarketParams, x: Uint128) -> ContractResult<Decimal256> {
    let ratio = Decimal::checked_from_ratio(x, params.depth)?;
    if params.impact_exponent == Decimal::one() {
        return Ok(Decimal256::from(ratio));
    }
    let curve = pow(
        decimal_to_fixed(ratio)?,
        decimal_to_fixed(params.impact_exponent)?,
    )?;
    Ok(Decimal256::from(fixed_to_decimal(curve)?))
}

/// `C(x) = x * curve(x)`, base units: what a flow of `x` has paid in impact.
fn cost(params: &MarketParams, x: Uint128) -> ContractResult<Decimal256> {
    Ok(to_decimal(x)?.checked_mul(curve(params, x)?)?)
}

/// Impact of a trade of `notional` after a flow of `recent` in its direction:
/// `(C(recent + notional) - C(recent)) / notional`; an error when `recent + notional` reaches the
/// depth or the impact would reach 100%.
pub fn impact(
    params: &MarketParams,
    recent: Uint128,
    notional: Uint128,
) -> ContractResult<Decimal256> {
    if notional.is_zero() {
        return Ok(Decimal256::zero());
    }
    let too_large = || ContractError::ImpactTooLarge {
        notional,
        recent_flow: recent,
        depth: params.depth,
    };
    let total = recent.checked_add(notional)?;
    if total >= params.depth {
        return Err(too_large());
    }
    let impact = if params.impact_exponent == Decimal::one() {
        // ((r + s)^2 - r^2) / (s * depth) = (2r + s) / depth, in one rounding.
        let marginal = recent.checked_mul(Uint128::new(2))?.checked_add(notional)?;
        Decimal256::checked_from_ratio(marginal, params.depth)?
    } else if recent.is_zero() {
        curve(params, notional)?
    } else {
        let (after, before) = (cost(params, total)?, cost(params, recent)?);
        // C rises with x; pow's last digits might not, and a trade never earns impact back.
        let paid = after.checked_sub(before).unwrap_or_default();
        paid.checked_div(to_decimal(notional)?)?
    };
    if impact >= Decimal256::one() {
        return Err(too_large());
    }
    Ok(impact)
}

/// Fill price, impact and fee of a trade of `notional` on `side` at `oracle_price`, after a flow of
/// `recent` in the trade's direction ([`recent_flow`]).
pub fn quote(
    params: &MarketParams,
    side: Side,
    oracle_price: Decimal256,
    recent: Uint128,
    notional: Uint128,
) -> ContractResult<Quote> {
    let impact = impact(params, recent, notional)?;
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
