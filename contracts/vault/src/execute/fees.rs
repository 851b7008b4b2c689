//! Management and performance fees, minted as shares to the fee recipient before any deposit or
//! redeem (and by anyone with `AccrueFees`), so every holder pays for the time they held.
//! The share price is `(nav + 1) / (supply + 10^d)`; the performance fee is charged on the price above
//! the high-water mark, which then moves up to the price after the fee.

use cosmwasm_std::{Decimal, Storage, Uint128};

use ballast_sizing::fees::{management_fee_shares, performance_fee_shares};

use crate::error::ContractResult;
use crate::state::{FEES, FeeState, PARAMS, TOTAL_SHARES};

/// `Decimal` atomics per unit.
const DECIMAL_ATOMICS: u128 = 1_000_000_000_000_000_000;

/// Shares minted by one accrual.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Accrued {
    /// Management fee shares.
    pub management: Uint128,
    /// Performance fee shares.
    pub performance: Uint128,
}

/// (nav + 1) / (supply + 10^d), base units per share.
pub fn share_price(
    nav: Uint128,
    supply: Uint128,
    virtual_shares: Uint128,
) -> ContractResult<Decimal> {
    Ok(Decimal::checked_from_ratio(
        nav.checked_add(Uint128::one())?,
        supply.checked_add(virtual_shares)?,
    )?)
}

/// The fees due at `now` for a vault worth `nav`, and the fee state after charging them; reads only.
pub fn due(
    storage: &dyn Storage,
    now: u64,
    nav: Uint128,
    virtual_shares: Uint128,
) -> ContractResult<(Accrued, FeeState)> {
    let params = PARAMS.load(storage)?;
    let mut state = FEES.load(storage)?;
    let supply = TOTAL_SHARES.load(storage)?;
    let elapsed = now.saturating_sub(state.last_accrual);
    state.last_accrual = now;
    let management = Uint128::new(management_fee_shares(
        supply.u128(),
        params.management_fee.atomics().u128(),
        DECIMAL_ATOMICS,
        elapsed,
    )?);
    let all_shares = supply
        .checked_add(management)?
        .checked_add(virtual_shares)?;
    let hwm_assets = all_shares.checked_mul_ceil(state.high_water_mark)?;
    let performance = Uint128::new(performance_fee_shares(
        all_shares.u128(),
        nav.checked_add(Uint128::one())?.u128(),
        hwm_assets.u128(),
        params.performance_fee.atomics().u128(),
        DECIMAL_ATOMICS,
    )?);
    let supply_after = supply.checked_add(management)?.checked_add(performance)?;
    let price = share_price(nav, supply_after, virtual_shares)?;
    if price > state.high_water_mark {
        state.high_water_mark = price;
    }
    Ok((
        Accrued {
            management,
            performance,
        },
        state,
    ))
}

/// Counts the fees due at `now` into the supply and moves the high-water mark; the caller sends the
/// messages that mint them to the fee recipient.
pub fn accrue(
    storage: &mut dyn Storage,
    now: u64,
    nav: Uint128,
    virtual_shares: Uint128,
) -> ContractResult<Accrued> {
    let (accrued, state) = due(storage, now, nav, virtual_shares)?;
    FEES.save(storage, &state)?;
    let minted = accrued.management.checked_add(accrued.performance)?;
    if !minted.is_zero() {
        let supply = TOTAL_SHARES.load(storage)?.checked_add(minted)?;
        TOTAL_SHARES.save(storage, &supply)?;
    }
    Ok(accrued)
}
