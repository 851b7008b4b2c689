//! The Levana perps market messages the vault sends, in Levana's own wire shape, and their builders.
//!
//! Copied from `Levana-Protocol/levana-perps`, `packages/perpswap/src/contracts/market/entry.rs`
//! (commit b3163b4b1f54edfe314d877b0753067192cb277f): only the variants the vault sends, with
//! Levana's newtypes written out as their JSON form (`LeverageToBase`, `PriceBaseInQuote`,
//! `TakeProfitTrader` and `NonZero<Collateral>` are decimal strings, `PositionId` a `Uint64` string,
//! `Number` a signed decimal string). `tests/fixtures/venues/levana/` holds the verbatim source the
//! tests check against.
//!
//! Levana counts collateral in decimal tokens (`Collateral`, "1.5" USDC); the vault counts base
//! units of its denom. The venue's `collateral_decimals` converts between the two, and every
//! conversion rounds so that the vault never sends or counts more than it has (see
//! [`super::levana_query`]).

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Decimal, Uint64, Uint128, WasmMsg, to_json_binary};
use cw_schema::Schemaifier;
use schemars::JsonSchema;
use serde::Serialize;

use super::{LevanaVenue, VenueAccount, VenueError, VenueMsg, VenueOrder, funds};
use crate::Side;

/// Direction of a Levana position in terms of the base asset.
#[derive(Serialize, Clone, Debug, PartialEq, JsonSchema, Schemaifier)]
#[serde(rename_all = "snake_case")]
#[derive(Copy, Eq)]
pub enum DirectionToBase {
    /// Long versus base.
    Long,
    /// Short versus base.
    Short,
}

impl From<DirectionToBase> for Side {
    fn from(direction: DirectionToBase) -> Side {
        match direction {
            DirectionToBase::Long => Side::Long,
            DirectionToBase::Short => Side::Short,
        }
    }
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
    /// Adds the attached collateral to a position at its leverage: its notional grows.
    UpdatePositionAddCollateralImpactSize {
        /// The position.
        id: Uint64,
        /// Price assertion.
        slippage_assert: Option<SlippageAssert>,
    },
    /// Takes collateral out of a position at its leverage: its notional shrinks.
    UpdatePositionRemoveCollateralImpactSize {
        /// The position.
        id: Uint64,
        /// Collateral to take out, decimal tokens, > 0.
        amount: Decimal,
        /// Price assertion.
        slippage_assert: Option<SlippageAssert>,
    },
    /// Closes a position.
    ClosePosition {
        /// The position.
        id: Uint64,
        /// Price assertion.
        slippage_assert: Option<SlippageAssert>,
    },
}

fn slippage(v: &LevanaVenue, price: Decimal) -> Option<SlippageAssert> {
    v.slippage_tolerance
        .map(|tolerance| SlippageAssert { price, tolerance })
}

fn call(
    v: &LevanaVenue,
    msg: &LevanaExecuteMsg,
    funds: Vec<cosmwasm_std::Coin>,
) -> Result<VenueMsg, VenueError> {
    Ok(VenueMsg::Wasm(WasmMsg::Execute {
        contract_addr: v.market_contract.clone(),
        msg: to_json_binary(msg)?,
        funds,
    }))
}

/// Levana's `OpenPosition` for an order adding exposure from flat.
pub fn levana_open(
    v: &LevanaVenue,
    account: VenueAccount,
    order: &VenueOrder,
) -> Result<VenueMsg, VenueError> {
    if order.reduce_only {
        return Err(VenueError::Unsupported {
            venue: "levana",
            action: "reduce",
        });
    }
    if order.margin.is_zero() {
        return Err(VenueError::MarginRequired { venue: "levana" });
    }
    // Rounded down: Levana opens collateral * leverage, never more than the decided notional.
    let leverage = Decimal::checked_from_ratio(order.notional, order.margin)?;
    let (direction, take_profit) = match order.side {
        Side::Long => (
            DirectionToBase::Long,
            order
                .price
                .checked_mul(Decimal::one().checked_add(v.take_profit)?)?,
        ),
        Side::Short => (
            DirectionToBase::Short,
            order
                .price
                .checked_mul(Decimal::one().checked_sub(v.take_profit)?)?,
        ),
    };
    let msg = LevanaExecuteMsg::OpenPosition {
        slippage_assert: slippage(v, order.price),
        leverage,
        direction,
        stop_loss_override: None,
        take_profit,
    };
    call(v, &msg, funds(order.margin, account.denom))
}

/// Levana's `UpdatePositionAddCollateralImpactSize`: `amount` base units more collateral at the
/// position's leverage.
pub fn levana_increase(
    v: &LevanaVenue,
    id: u64,
    amount: Uint128,
    denom: &str,
    price: Decimal,
) -> Result<VenueMsg, VenueError> {
    if amount.is_zero() {
        return Err(VenueError::MarginRequired { venue: "levana" });
    }
    let msg = LevanaExecuteMsg::UpdatePositionAddCollateralImpactSize {
        id: Uint64::new(id),
        slippage_assert: slippage(v, price),
    };
    call(v, &msg, funds(amount, denom))
}

/// Levana's `UpdatePositionRemoveCollateralImpactSize`: `amount` collateral (decimal tokens) out
/// at the position's leverage.
pub fn levana_reduce(
    v: &LevanaVenue,
    id: u64,
    amount: Decimal,
    price: Decimal,
) -> Result<VenueMsg, VenueError> {
    let msg = LevanaExecuteMsg::UpdatePositionRemoveCollateralImpactSize {
        id: Uint64::new(id),
        amount,
        slippage_assert: slippage(v, price),
    };
    call(v, &msg, vec![])
}

/// Levana's `ClosePosition` of a known position.
pub fn levana_close(v: &LevanaVenue, id: u64, price: Decimal) -> Result<VenueMsg, VenueError> {
    let msg = LevanaExecuteMsg::ClosePosition {
        id: Uint64::new(id),
        slippage_assert: slippage(v, price),
    };
    call(v, &msg, vec![])
}

/// Levana's `UpdatePositionAddCollateralImpactLeverage` of a known position.
pub fn levana_add_collateral(
    v: &LevanaVenue,
    id: u64,
    amount: Uint128,
    denom: &str,
) -> Result<VenueMsg, VenueError> {
    let msg = LevanaExecuteMsg::UpdatePositionAddCollateralImpactLeverage {
        id: Uint64::new(id),
    };
    call(v, &msg, funds(amount, denom))
}

crate::json_enum!(DirectionToBase {
    "long" => Long unit,
    "short" => Short unit,
});
