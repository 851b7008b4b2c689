//! The Levana perps market messages the vault sends, in Levana's own wire shape.
//!
//! Copied from `Levana-Protocol/levana-perps`, `packages/perpswap/src/contracts/market/entry.rs`
//! (commit b3163b4b1f54edfe314d877b0753067192cb277f): only the variants the vault sends, with
//! Levana's newtypes written out as their JSON form (`LeverageToBase`, `PriceBaseInQuote` and
//! `TakeProfitTrader` are decimal strings, `PositionId` a `Uint64` string, `Number` a signed decimal
//! string). `tests/fixtures/venues/levana/` holds the verbatim source the tests check against.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Decimal, Uint64};

/// Direction of a Levana position in terms of the base asset.
#[cw_serde]
#[derive(Copy, Eq)]
pub enum DirectionToBase {
    /// Long versus base.
    Long,
    /// Short versus base.
    Short,
}

/// Levana's slippage assertion: refuse the open when the entry price is worse than `price` by more
/// than `tolerance`.
#[cw_serde]
pub struct SlippageAssert {
    /// Expected price, quote per base.
    pub price: Decimal,
    /// Largest unfavourable difference, e.g. 0.01 = 1%.
    pub tolerance: Decimal,
}

/// The subset of Levana's market `ExecuteMsg` the vault sends.
#[cw_serde]
pub enum LevanaExecuteMsg {
    /// Opens a position with the attached collateral.
    OpenPosition {
        /// Price assertion, when the venue sets a tolerance.
        slippage_assert: Option<SlippageAssert>,
        /// Leverage to base (notional / collateral in a collateral-is-quote market).
        leverage: Decimal,
        /// Long or short.
        direction: DirectionToBase,
        /// Stop loss price; the vault sets none (its own caps and deleverage cut the position).
        stop_loss_override: Option<Decimal>,
        /// Take profit price, quote per base (finite: Levana refuses an infinite one in a
        /// collateral-is-quote market and for shorts).
        take_profit: Decimal,
    },
    /// Adds the attached collateral to a position, lowering its leverage.
    UpdatePositionAddCollateralImpactLeverage {
        /// The position.
        id: Uint64,
    },
    /// Closes a position.
    ClosePosition {
        /// The position.
        id: Uint64,
        /// Price assertion.
        slippage_assert: Option<SlippageAssert>,
    },
}
