//! The drawdown brake in the vault: the share price's peak, decayed and kept in storage, and the
//! share of the volatility budget the drawdown from it leaves (the math is `ballast_sizing::drawdown`).

use cosmwasm_std::Uint128;

use ballast_sizing::{Fixed, drawdown};
use ballast_types::convert::{decimal_to_fixed, fixed_to_decimal};
use ballast_types::vault::DrawdownBrake;

use crate::error::ContractResult;
use crate::execute::fees::share_price;
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
    let price = share_price(nav, inputs.supply, inputs.virtual_shares)?;
    let price_fx = decimal_to_fixed(price)?;
    let peak = match &inputs.peak {
        None => price_fx,
        Some(stored) => drawdown::decayed_peak(
            decimal_to_fixed(stored.share_price)?,
            price_fx,
            now.saturating_sub(stored.time),
            brake.peak_half_life,
        )?,
    };
    let scale = drawdown::brake_scale(
        drawdown::drawdown(price_fx, peak)?,
        decimal_to_fixed(brake.start)?,
        decimal_to_fixed(brake.max_drawdown)?,
    )?;
    // The stored peak never falls below the price it was computed from (rounding to 18 digits).
    let peak = fixed_to_decimal(peak)?.max(price);
    Ok(Brake {
        peak: Peak {
            share_price: peak,
            time: now,
        },
        scale,
    })
}
