//! The drawdown brake in the vault: the share price's peak, decayed and kept in storage, and the
//! share of the volatility budget the drawdown from it leaves (the math is `ballast_sizing::drawdown`).

use cosmwasm_std::{Decimal, Decimal256, StdError, Uint128, Uint256};

use ballast_sizing::{Fixed, drawdown};
use ballast_types::convert::{decimal_to_fixed, fixed_to_decimal};
use ballast_types::vault::DrawdownBrake;

use crate::error::ContractResult;
use crate::state::Peak;

/// What the brake reads before an order: the stored peak and the share supply.
pub struct BrakeInputs {
    /// The peak as last stored; None before the first order under the brake.
    pub peak: Option<Peak>,
    /// Shares outstanding.
    pub supply: Uint128,
    /// The virtual share offset, 10^d.
    pub virtual_shares: Uint128,
}

/// The brake at this nav.
pub struct Brake {
    /// The peak after this share price, to store.
    pub peak: Peak,
    /// Share of the volatility budget left, in [0, 1].
    pub scale: Fixed,
}

/// The decayed peak after the share price at `nav`, and the budget the drawdown from it leaves.
pub fn at(
    brake: &DrawdownBrake,
    inputs: &BrakeInputs,
    nav: Uint128,
    now: u64,
) -> ContractResult<Brake> {
    let price = unit_price(nav, inputs.supply, inputs.virtual_shares)?;
    let peak = match &inputs.peak {
        None => price,
        // Within a block nothing decays: the stored peak stays exactly as it is, however many calls.
        Some(stored) if now <= stored.time => stored.per_unit.max(price),
        Some(stored) => fixed_to_decimal(drawdown::decayed_peak(
            decimal_to_fixed(stored.per_unit)?,
            decimal_to_fixed(price)?,
            now - stored.time,
            brake.peak_half_life,
        )?)?
        .max(price),
    };
    let scale = drawdown::brake_scale(
        drawdown::drawdown(decimal_to_fixed(price)?, decimal_to_fixed(peak)?)?,
        decimal_to_fixed(brake.start)?,
        decimal_to_fixed(brake.max_drawdown)?,
    )?;
    Ok(Brake {
        peak: Peak {
            per_unit: peak,
            time: now,
        },
        scale,
    })
}

/// Nav per 10^d shares, `(nav + 1) * 10^d / (supply + 10^d)`: the share price scaled to about one
/// whatever the share offset d, so the peak keeps all its digits in fixed point.
fn unit_price(nav: Uint128, supply: Uint128, virtual_shares: Uint128) -> ContractResult<Decimal> {
    let assets = Uint256::from(nav.checked_add(Uint128::one())?)
        .checked_mul(Uint256::from(virtual_shares))?;
    let shares = Uint256::from(supply.checked_add(virtual_shares)?);
    let price = Decimal256::checked_from_ratio(assets, shares)?;
    Ok(Decimal::try_from(price).map_err(StdError::from)?)
}

/// The peak as a share price (base units per share), for the `State` query.
pub fn peak_share_price(peak: &Peak, virtual_shares: Uint128) -> ContractResult<Decimal> {
    Ok(peak
        .per_unit
        .checked_div(Decimal::from_atomics(virtual_shares, 0).map_err(StdError::from)?)?)
}
