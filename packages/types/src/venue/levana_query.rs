//! What the vault reads back from a Levana perps market: its newest deferred executions, and the
//! positions they name.
//!
//! Shapes from `Levana-Protocol/levana-perps` at commit b3163b4b1f54edfe314d877b0753067192cb277f:
//! `QueryMsg::{Positions, ListDeferredExecs}` and `PositionsQueryFeeApproach`, `PriceForQuery`
//! (`packages/perpswap/src/contracts/market/entry.rs`), `PositionsResp`, `PositionQueryResponse` and
//! `ClosedPosition` (`contracts/market/position.rs`, `position/closed.rs`), `ListDeferredExecsResp`,
//! `DeferredExecWithStatus`, `DeferredExecStatus`, `DeferredExecCompleteTarget` and
//! `DeferredExecItem` (`contracts/market/deferred_execution.rs`). Responses keep only the fields the
//! vault reads and ignore the others, so a field Levana adds does not break the vault; the tests
//! parse the full responses built from the verbatim fixtures in `tests/fixtures/venues/levana/`.
//!
//! Levana lists a wallet's deferred executions newest first and executes them in id order, so the
//! newest ones tell whether anything of the vault is still queued. Only the wallet itself adds to its
//! list (Levana records each execution under its sender), and each names the position it opened or
//! changed: the list is where the vault learns which positions are its own.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Decimal, Int128, SignedDecimal, Uint64, Uint128};

use super::VenueError;
use super::levana::DirectionToBase;
use crate::perp::PositionSummary;

/// The subset of Levana's market `QueryMsg` the vault sends.
#[cw_serde]
pub enum LevanaQueryMsg {
    /// The given positions, marked now.
    Positions {
        /// Position ids.
        position_ids: Vec<Uint64>,
        /// Deprecated by Levana in favour of `fees`; the vault sends none.
        skip_calc_pending_fees: Option<bool>,
        /// Which pending fees the marks deduct.
        fees: Option<PositionsQueryFeeApproach>,
        /// A price to mark at; none: the market's.
        price: Option<PriceForQuery>,
    },
    /// A wallet's deferred executions, newest first.
    ListDeferredExecs {
        /// The wallet.
        addr: String,
        /// Previously seen final id.
        start_after: Option<Uint64>,
        /// At most this many.
        limit: Option<u32>,
    },
}

/// Levana's choice of pending fees deducted by the `Positions` query.
#[cw_serde]
pub enum PositionsQueryFeeApproach {
    /// No pending fees.
    NoFees,
    /// Accumulated borrow and funding fees.
    Accumulated,
    /// Accumulated fees and the delta neutrality fee of closing now: what closing would return.
    AllFees,
}

/// A price to mark positions at.
#[cw_serde]
pub struct PriceForQuery {
    /// Base in quote.
    pub base: Decimal,
    /// Collateral in USD.
    pub collateral: Decimal,
}

/// Answer to `Positions`: the parts the vault reads.
#[derive(Clone, Debug, PartialEq)]
pub struct LevanaPositions {
    /// Open positions.
    pub positions: Vec<LevanaPosition>,
    /// Positions being liquidated or taking profit: the close still has to pay out.
    pub pending_close: Vec<LevanaClosedPosition>,
    /// Closed positions.
    pub closed: Vec<LevanaClosedPosition>,
}

/// One open position, as `PositionQueryResponse`. Amounts are decimal tokens of the collateral.
#[derive(Clone, Debug, PartialEq)]
pub struct LevanaPosition {
    /// Position id.
    pub id: Uint64,
    /// Long or short.
    pub direction_to_base: DirectionToBase,
    /// Collateral deposited less collateral withdrawn; negative after taking profit out.
    pub deposit_collateral: SignedDecimal,
    /// The trader's collateral after price moves and fees: what backs the position now.
    pub active_collateral: Decimal,
    /// active_collateral - deposit_collateral.
    pub pnl_collateral: SignedDecimal,
    /// Notional at the current price, in collateral; negative for a short.
    pub notional_size_in_collateral: SignedDecimal,
}

/// A closed (or closing) position, as `ClosedPosition`: the parts the vault reads.
#[derive(Clone, Debug, PartialEq)]
pub struct LevanaClosedPosition {
    /// Position id.
    pub id: Uint64,
    /// The collateral the close pays back, decimal tokens.
    pub active_collateral: Decimal,
}

/// Answer to `ListDeferredExecs`.
#[derive(Clone, Debug, PartialEq)]
pub struct LevanaDeferredExecs {
    /// Newest first.
    pub items: Vec<LevanaDeferredExec>,
    /// Set when more exist.
    pub next_start_after: Option<Uint64>,
}

/// One deferred execution, as `DeferredExecWithStatus`: the parts the vault reads.
#[derive(Clone, Debug, PartialEq)]
pub struct LevanaDeferredExec {
    /// Its id.
    pub id: Uint64,
    /// Queued, done or failed.
    pub status: LevanaDeferredStatus,
    /// What it does.
    pub item: LevanaDeferredItem,
}

/// `DeferredExecStatus`.
#[derive(Clone, Debug, PartialEq)]
pub enum LevanaDeferredStatus {
    /// Waiting for the crank.
    Pending,
    /// Applied.
    Success {
        /// What it opened or changed.
        target: LevanaCompleteTarget,
    },
    /// Not applied (the collateral attached went back).
    Failure {},
}

/// `DeferredExecCompleteTarget`, an externally tagged enum: read as the position, if it is one (a
/// limit order leaves it empty).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct LevanaCompleteTarget {
    /// `Position`: its id.
    pub position: Option<Uint64>,
}

/// `DeferredExecItem`, an externally tagged enum (one key, the variant): read as the five variants
/// the vault sends; any other variant leaves all five empty. (A struct rather than an enum with an
/// untagged catch-all: it parses without buffering, and costs far less wasm.)
#[derive(Clone, Debug, PartialEq, Default)]
pub struct LevanaDeferredItem {
    /// `OpenPosition`, with the collateral attached.
    pub open_position: Option<LevanaItemFields>,
    /// `UpdatePositionAddCollateralImpactLeverage`, with the collateral attached.
    pub update_position_add_collateral_impact_leverage: Option<LevanaItemFields>,
    /// `UpdatePositionAddCollateralImpactSize`, with the collateral attached.
    pub update_position_add_collateral_impact_size: Option<LevanaItemFields>,
    /// `UpdatePositionRemoveCollateralImpactSize`.
    pub update_position_remove_collateral_impact_size: Option<LevanaItemFields>,
    /// `ClosePosition`.
    pub close_position: Option<LevanaItemFields>,
}

/// The parts of an item the vault reads (its other fields are not read).
#[derive(Clone, Debug, PartialEq)]
pub struct LevanaItemFields {
    /// The position it changes; none for an open.
    pub id: Option<Uint64>,
    /// Collateral attached (taken out, for a removal), decimal tokens; none for a close.
    pub amount: Option<Decimal>,
}

impl LevanaDeferredExec {
    /// Whether it still waits for the crank.
    pub fn is_pending(&self) -> bool {
        self.status == LevanaDeferredStatus::Pending
    }

    /// Collateral the market holds for this item while it is queued, decimal tokens.
    pub fn queued_collateral(&self) -> Decimal {
        if !self.is_pending() {
            return Decimal::zero();
        }
        let item = &self.item;
        [
            &item.open_position,
            &item.update_position_add_collateral_impact_leverage,
            &item.update_position_add_collateral_impact_size,
        ]
        .into_iter()
        .flatten()
        .find_map(|attached| attached.amount)
        .unwrap_or_default()
    }

    /// The position this execution names: the one it opened or changed once applied, else the one
    /// it changes (none for an open still queued or failed).
    pub fn position_id(&self) -> Option<Uint64> {
        if let LevanaDeferredStatus::Success {
            target: LevanaCompleteTarget { position: Some(id) },
        } = &self.status
        {
            return Some(*id);
        }
        let item = &self.item;
        [
            &item.update_position_add_collateral_impact_leverage,
            &item.update_position_add_collateral_impact_size,
            &item.update_position_remove_collateral_impact_size,
            &item.close_position,
        ]
        .into_iter()
        .flatten()
        .find_map(|named| named.id)
    }
}

/// `amount` base units as Levana's decimal tokens (exact for up to 18 decimals).
pub fn to_collateral(amount: Uint128, decimals: u32) -> Result<Decimal, VenueError> {
    Ok(Decimal::from_atomics(amount, decimals)?)
}

/// Levana's decimal tokens as base units, rounded down (the vault never counts more than it has).
pub fn to_units_floor(collateral: Decimal, decimals: u32) -> Result<Uint128, VenueError> {
    let scale = Uint128::new(10).checked_pow(18u32.checked_sub(decimals).ok_or(
        VenueError::Unsupported {
            venue: "levana",
            action: "count collateral of more than 18 decimals",
        },
    )?)?;
    Ok(collateral.atomics().checked_div(scale)?)
}

/// A signed amount of decimal tokens as base units, rounded toward zero.
fn signed_units(x: SignedDecimal, decimals: u32) -> Result<Int128, VenueError> {
    let magnitude = Int128::try_from(to_units_floor(x.abs_diff(SignedDecimal::zero()), decimals)?)?;
    Ok(if x.is_negative() {
        Int128::zero().checked_sub(magnitude)?
    } else {
        magnitude
    })
}

impl LevanaPosition {
    /// The position as the vault marks it, in base units: notional at the current price, margin =
    /// the net deposit (floored at 0), and the profit or loss such that margin + pnl is the active
    /// collateral (rounded down: nav never counts more than Levana would return).
    pub fn summary(&self, decimals: u32) -> Result<PositionSummary, VenueError> {
        let active = Int128::try_from(to_units_floor(self.active_collateral, decimals)?)?;
        let deposit = signed_units(self.deposit_collateral, decimals)?.max(Int128::zero());
        let margin = Uint128::try_from(deposit)?;
        Ok(PositionSummary {
            side: Some(self.direction_to_base.into()),
            notional: to_units_floor(
                self.notional_size_in_collateral
                    .abs_diff(SignedDecimal::zero()),
                decimals,
            )?,
            margin,
            unrealized_pnl: active.checked_sub(deposit)?,
            // Levana pays into the vault's balance, which a levana build counts as idle.
            paid_out: Uint128::zero(),
        })
    }
}

// Levana's replies carry more than the vault reads: other fields are ignored (`..`).
crate::json_struct!(LevanaPositions {
    positions,
    pending_close,
    closed,
    ..
});
crate::json_struct!(LevanaPosition {
    id,
    direction_to_base,
    deposit_collateral,
    active_collateral,
    pnl_collateral,
    notional_size_in_collateral,
    ..
});
crate::json_struct!(LevanaClosedPosition {
    id,
    active_collateral,
    ..
});
crate::json_struct!(LevanaDeferredExecs {
    items,
    next_start_after,
    ..
});
crate::json_struct!(LevanaDeferredExec {
    id,
    status,
    item,
    ..
});
crate::json_enum!(LevanaDeferredStatus {
    "pending" => Pending unit,
    "success" => Success { target = default, .. },
    "failure" => Failure { .. },
});
crate::json_struct!(LevanaCompleteTarget { position, .. });
crate::json_struct!(LevanaDeferredItem {
    open_position,
    update_position_add_collateral_impact_leverage,
    update_position_add_collateral_impact_size,
    update_position_remove_collateral_impact_size,
    close_position,
    ..
});
crate::json_struct!(LevanaItemFields { id, amount, .. });
