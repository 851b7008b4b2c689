//! Grid plans: the manager lays out price levels in advance and keepers fill them as the oracle price
//! crosses them.
//!
//! A grid has ascending price levels (quote per base, as the oracle prices the market), one size per
//! level (notional, base units), a side and an expiry (block time, unix seconds).
//!
//! - A **long** grid buys as the price falls: level `i` is crossed when the oracle price is at or below
//!   `levels[i]`, and its fill is a `long` order of `size`.
//! - A **short** grid sells as the price rises: level `i` is crossed when the oracle price is at or
//!   above `levels[i]`, and its fill is a `short` order of `size`.
//!
//! A fill is a `SubmitOrder` the strategies contract sends the vault (reduce-only when the grid is), so
//! it goes through the same guards and caps as the manager's orders. A level is filled once, when the
//! vault's pipeline executes a non-zero notional, scaled or not; a scaled fill does not come back for
//! the rest. A rejected fill leaves the level open, so a keeper may try again once the guard or cap
//! allows it. From `expiry` on, no level fills.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Decimal, Uint128};

use crate::Side;

/// Most levels in one grid: a fill reads and writes one grid record, so its gas is bounded by this.
pub const MAX_GRID_LEVELS: u32 = 50;
/// Grids per page of the `Grids` query when no limit is given.
pub const DEFAULT_GRID_LIMIT: u32 = 10;
/// Most grids per page of the `Grids` query.
pub const MAX_GRID_LIMIT: u32 = 30;

/// A grid as the manager registers it.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct GridPlan {
    /// Market id.
    pub market: String,
    /// `long` buys as the price falls through the levels; `short` sells as it rises through them.
    pub side: Side,
    /// Level prices, quote per base, strictly ascending, at most `MAX_GRID_LEVELS`, all above zero.
    pub levels: Vec<Decimal>,
    /// Notional each level's fill requests, base units; the caps may cut it.
    pub size: Uint128,
    /// Block time (unix seconds) from which no level fills; must be in the future.
    pub expiry: u64,
    /// Fills only reduce the open position (e.g. a short grid taking profit on a long).
    #[serde(default)]
    pub reduce_only: bool,
}

impl GridPlan {
    /// Checks the plan's shape against block time `now`; names the first thing wrong.
    pub fn validate(&self, now: u64) -> Result<(), GridError> {
        let count = self.levels.len();
        if count == 0 {
            return Err(GridError::NoLevels {});
        }
        let max = usize::try_from(MAX_GRID_LEVELS).unwrap_or(usize::MAX);
        if count > max {
            return Err(GridError::TooManyLevels {
                count: u32::try_from(count).unwrap_or(u32::MAX),
                max: MAX_GRID_LEVELS,
            });
        }
        if self.levels.first().is_some_and(Decimal::is_zero) {
            return Err(GridError::ZeroLevelPrice {});
        }
        for (index, pair) in self.levels.windows(2).enumerate() {
            if pair[1] <= pair[0] {
                return Err(GridError::LevelsNotAscending {
                    index: u32::try_from(index).unwrap_or(u32::MAX).saturating_add(1),
                    previous: pair[0],
                    price: pair[1],
                });
            }
        }
        if self.size.is_zero() {
            return Err(GridError::ZeroSize {});
        }
        if self.expiry <= now {
            return Err(GridError::ExpiryNotInFuture {
                expiry: self.expiry,
                now,
            });
        }
        Ok(())
    }
}

/// A malformed grid plan.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GridError {
    /// `levels` is empty.
    #[error("grid levels are empty: give at least one price")]
    NoLevels {},
    /// More levels than `MAX_GRID_LEVELS`.
    #[error("grid has {count} levels, at most {max} are allowed")]
    TooManyLevels {
        /// Levels given.
        count: u32,
        /// The limit.
        max: u32,
    },
    /// The lowest level is zero, which no positive price crosses from above.
    #[error("grid level 0 has price 0, levels must be above zero")]
    ZeroLevelPrice {},
    /// A level not strictly above the one before it.
    #[error(
        "grid level {index} has price {price}, not above the level before it at {previous}: levels must be strictly ascending"
    )]
    LevelsNotAscending {
        /// The offending level.
        index: u32,
        /// The level before it.
        previous: Decimal,
        /// Its price.
        price: Decimal,
    },
    /// `size` is zero.
    #[error("grid size per level is 0, must be above zero")]
    ZeroSize {},
    /// `expiry` at or before the current block time.
    #[error("grid expiry {expiry} is not after the block time {now}")]
    ExpiryNotInFuture {
        /// The expiry given.
        expiry: u64,
        /// Block time now.
        now: u64,
    },
}

impl GridError {
    /// A stable snake_case id per variant; never renamed or reused.
    pub fn id(&self) -> &'static str {
        match self {
            GridError::NoLevels {} => "grid_no_levels",
            GridError::TooManyLevels { .. } => "grid_too_many_levels",
            GridError::ZeroLevelPrice {} => "grid_zero_level_price",
            GridError::LevelsNotAscending { .. } => "grid_levels_not_ascending",
            GridError::ZeroSize {} => "grid_zero_size",
            GridError::ExpiryNotInFuture { .. } => "grid_expiry_not_in_future",
        }
    }
}

/// One level of a grid in a query reply.
#[cw_serde]
pub struct GridLevelResponse {
    /// Level price, quote per base.
    pub price: Decimal,
    /// True once a fill executed at this level.
    pub filled: bool,
}

/// Reply to `QueryMsg::Grid`, and one entry of `QueryMsg::Grids`.
#[cw_serde]
pub struct GridResponse {
    /// The grid's id, unique in the strategies contract.
    pub grid_id: u64,
    /// Market id.
    pub market: String,
    /// `long` buys as the price falls; `short` sells as it rises.
    pub side: Side,
    /// Notional each fill requests, base units.
    pub size: Uint128,
    /// Block time from which no level fills, unix seconds.
    pub expiry: u64,
    /// Fills only reduce the open position.
    pub reduce_only: bool,
    /// Levels, ascending, with their fill state.
    pub levels: Vec<GridLevelResponse>,
    /// Sum of the notional the vault executed for this grid's fills, base units.
    pub executed: Uint128,
}

/// Reply to `QueryMsg::Grids`.
#[cw_serde]
pub struct GridsResponse {
    /// Grids of the market by ascending id, after `start_after`.
    pub grids: Vec<GridResponse>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(levels: &[&str]) -> GridPlan {
        GridPlan {
            market: "m".into(),
            side: Side::Long,
            levels: levels.iter().map(|l| l.parse().unwrap()).collect(),
            size: Uint128::new(1),
            expiry: 10,
            reduce_only: false,
        }
    }

    #[test]
    fn a_well_formed_plan_passes() {
        assert_eq!(plan(&["1", "2", "3"]).validate(5), Ok(()));
    }

    #[test]
    fn reduce_only_defaults_to_false() {
        let json = r#"{"market":"m","side":"long","levels":["1"],"size":"1","expiry":10}"#;
        let plan: GridPlan = cosmwasm_std::from_json(json).unwrap();
        assert!(!plan.reduce_only);
    }

    #[test]
    fn a_repeated_level_is_not_ascending() {
        assert_eq!(
            plan(&["1", "2", "2"]).validate(5),
            Err(GridError::LevelsNotAscending {
                index: 2,
                previous: Decimal::percent(200),
                price: Decimal::percent(200),
            })
        );
    }
}
