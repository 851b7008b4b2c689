//! The stable id of every error, and the conversions the derive cannot write.

use ballast_types::vault::TightenError;
use ballast_types::venue::VenueError;
use ballast_types::version::VersionError;

use super::ContractError;

impl ContractError {
    /// A stable snake_case id per variant; never renamed or reused.
    #[allow(deprecated)]
    pub fn id(&self) -> &'static str {
        match self {
            ContractError::Std(_) => "std",
            ContractError::Overflow(_) => "overflow",
            ContractError::MultiplyRatio(_) => "multiply_ratio",
            ContractError::FromRatio(_) => "from_ratio",
            ContractError::MultiplyFraction(_) => "multiply_fraction",
            ContractError::Conversion(_) => "conversion",
            ContractError::Sizing(_) => "sizing",
            ContractError::Convert(_) => "convert",
            ContractError::Param(_) => "param",
            ContractError::Loosen(_) => "loosen",
            ContractError::TimelockNotPassed { .. } => "timelock_not_passed",
            ContractError::NothingPending { .. } => "nothing_pending",
            ContractError::PendingAtMigration { .. } => "pending_at_migration",
            ContractError::GovernorMismatch { .. } => "governor_mismatch",
            ContractError::WithdrawBreaksCap { .. } => "withdraw_breaks_cap",
            ContractError::Unauthorized { .. } => "unauthorized",
            ContractError::UnknownMarket { .. } => "unknown_market",
            ContractError::DuplicateMarket { .. } => "duplicate_market",
            ContractError::TooManyMarkets { .. } => "too_many_markets",
            ContractError::WrongFunds { .. } => "wrong_funds",
            ContractError::InvalidSubdenom { .. } => "invalid_subdenom",
            ContractError::InvalidAddress { .. } => "invalid_address",
            ContractError::InvalidRecipient { .. } => "invalid_recipient",
            ContractError::ZeroShares { .. } => "zero_shares",
            ContractError::MigrationNeeds { .. } => "migration_needs",
            ContractError::InsufficientIdle { .. } => "insufficient_idle",
            ContractError::StaleMark { .. } => "stale_mark",
            ContractError::NothingToDeleverage { .. } => "nothing_to_deleverage",
            ContractError::VenueUnavailable { .. } => "venue_unavailable",
            ContractError::UnknownReply { .. } => "unknown_reply",
            ContractError::NoHedge { .. } => "no_hedge",
            ContractError::HedgedMarket { .. } => "hedged_market",
            ContractError::MarketHedgedByOther { .. } => "market_hedged_by_other",
            ContractError::Version(VersionError::ForeignContract { .. }) => "foreign_contract",
            ContractError::Version(VersionError::Downgrade { .. }) => "downgrade",
            ContractError::Version(VersionError::TooOld { .. }) => "version_too_old",
            ContractError::Grid(e) => e.id(),
            ContractError::UnknownGrid { .. } => "unknown_grid",
            ContractError::GridLevelOutOfRange { .. } => "grid_level_out_of_range",
            ContractError::GridLevelNotCrossed { .. } => "grid_level_not_crossed",
            ContractError::GridLevelFilled { .. } => "grid_level_filled",
            ContractError::GridExpired { .. } => "grid_expired",
            ContractError::StrategiesStored { .. } => "strategies_stored",
            ContractError::Venue(VenueError::Unsupported { .. }) => "venue_unsupported",
            ContractError::Venue(VenueError::MarginRequired { .. }) => "venue_margin_required",
            ContractError::Venue(VenueError::BelowTick { .. }) => "venue_below_tick",
            ContractError::Venue(_) => "venue_math",
            ContractError::VenueChangeWithPosition { .. } => "venue_change_with_position",
            ContractError::ForeignSubaccount { .. } => "foreign_subaccount",
            ContractError::LevanaPending { .. } => "levana_pending",
            ContractError::LevanaFlip { .. } => "levana_flip",
            ContractError::LevanaPositionCount { .. } => "levana_position_count",
            ContractError::LevanaCollateralShort { .. } => "levana_collateral_short",
            ContractError::UnpricedMarket { .. } => "unpriced_market",
            ContractError::FundsNotAccepted { .. } => "funds_not_accepted",
            ContractError::MarketSettling { .. } => "market_settling",
        }
    }
}

impl From<TightenError> for ContractError {
    fn from(e: TightenError) -> Self {
        match e {
            TightenError::Bound(bound) => ContractError::Param(bound),
            TightenError::Loosen(loosen) => ContractError::Loosen(loosen),
        }
    }
}
