//! Errors of the strategies contract. A fill or hedge trade the vault's pipeline rejects is not an
//! error: it is the vault's decision, recorded in its response (and a rejected fill leaves its level
//! open). Errors are for requests the strategies contract cannot take at all.

use cosmwasm_std::{Decimal, Decimal256, OverflowError, StdError};
use thiserror::Error;

use ballast_sizing::SizingError;
use ballast_types::convert::ConvertError;
use ballast_types::strategies::GridError;
use ballast_types::vault::ParamError;
use ballast_types::version::VersionError;

/// Everything the strategies contract refuses.
#[derive(Debug, Error)]
pub enum ContractError {
    /// Storage, serialisation or a query that failed.
    #[error(transparent)]
    Std(#[from] StdError),
    /// Integer overflow.
    #[error(transparent)]
    Overflow(#[from] OverflowError),
    /// The hedge math refused its inputs.
    #[error("sizing: {0}")]
    Sizing(#[from] SizingError),
    /// A number that did not cross into fixed point.
    #[error("conversion: {0}")]
    Convert(#[from] ConvertError),
    /// A hedge field outside its bounds.
    #[error("invalid parameter: {0}")]
    Param(#[from] ParamError),
    /// A migration from another contract or to an older version.
    #[error(transparent)]
    Version(#[from] VersionError),
    /// The sender does not hold the role (the vault's manager, read from the vault when asked).
    #[error("unauthorized: only the {role} may do this")]
    Unauthorized {
        /// `manager`.
        role: &'static str,
    },
    /// Funds attached to an action; nothing here takes funds.
    #[error("this action takes no funds; {funds} coins were attached")]
    FundsNotAccepted {
        /// Coins attached.
        funds: usize,
    },
    /// A market id the vault does not know (its `Market` query failed).
    #[error("unknown market {market}")]
    UnknownMarket {
        /// The id.
        market: String,
    },
    /// `Hedge`, `ClearHedge` or the hedge query on a market without a hedge.
    #[error("market {market} has no hedge")]
    NoHedge {
        /// The market.
        market: String,
    },
    /// A malformed grid plan; the inner error names what was wrong.
    #[error("malformed grid: {0}")]
    Grid(#[from] GridError),
    /// A grid id the market does not hold (never registered, or cancelled).
    #[error("market {market} has no grid {grid_id}")]
    UnknownGrid {
        /// The market.
        market: String,
        /// The id.
        grid_id: u64,
    },
    /// A level index past the grid's last level.
    #[error("grid {grid_id} has {levels} levels, there is no level {level}")]
    GridLevelOutOfRange {
        /// The grid.
        grid_id: u64,
        /// The index asked for.
        level: u32,
        /// The grid's number of levels.
        levels: u32,
    },
    /// The oracle price has not reached the level.
    #[error(
        "grid {grid_id} level {level} at {level_price} is not crossed: the oracle price is {oracle_price}, the level fills at or {fills} it"
    )]
    GridLevelNotCrossed {
        /// The grid.
        grid_id: u64,
        /// The level.
        level: u32,
        /// The level's price.
        level_price: Decimal,
        /// The oracle's price now.
        oracle_price: Decimal256,
        /// `below` for a long grid, `above` for a short one.
        fills: &'static str,
    },
    /// A level that has filled already; a level fills once.
    #[error("grid {grid_id} level {level} has filled already")]
    GridLevelFilled {
        /// The grid.
        grid_id: u64,
        /// The level.
        level: u32,
    },
    /// A fill at or after the grid's expiry.
    #[error("grid {grid_id} expired at {expiry}; it is {now}")]
    GridExpired {
        /// The grid.
        grid_id: u64,
        /// Its expiry.
        expiry: u64,
        /// Block time now.
        now: u64,
    },
    /// A reply this contract did not ask for.
    #[error("unknown reply id {id}")]
    UnknownReply {
        /// The id.
        id: u64,
    },
    /// The vault answered a fill's `SubmitOrder` without its `submit_order` event (decision and
    /// executed notional), so the fill cannot be recorded.
    #[error("the vault's reply to a fill carries no submit_order decision")]
    NoOrderOutcome {},
}

impl ContractError {
    /// A stable snake_case id per variant; never renamed or reused.
    pub fn id(&self) -> &'static str {
        match self {
            ContractError::Std(_) => "std",
            ContractError::Overflow(_) => "overflow",
            ContractError::Sizing(_) => "sizing",
            ContractError::Convert(_) => "convert",
            ContractError::Param(_) => "param",
            ContractError::Version(VersionError::ForeignContract { .. }) => "foreign_contract",
            ContractError::Version(VersionError::Downgrade { .. }) => "downgrade",
            ContractError::Version(VersionError::TooOld { .. }) => "version_too_old",
            ContractError::Unauthorized { .. } => "unauthorized",
            ContractError::FundsNotAccepted { .. } => "funds_not_accepted",
            ContractError::UnknownMarket { .. } => "unknown_market",
            ContractError::NoHedge { .. } => "no_hedge",
            ContractError::Grid(e) => e.id(),
            ContractError::UnknownGrid { .. } => "unknown_grid",
            ContractError::GridLevelOutOfRange { .. } => "grid_level_out_of_range",
            ContractError::GridLevelNotCrossed { .. } => "grid_level_not_crossed",
            ContractError::GridLevelFilled { .. } => "grid_level_filled",
            ContractError::GridExpired { .. } => "grid_expired",
            ContractError::UnknownReply { .. } => "unknown_reply",
            ContractError::NoOrderOutcome {} => "no_order_outcome",
        }
    }
}

/// Result of the strategies contract's handlers.
pub type ContractResult<T> = Result<T, ContractError>;
