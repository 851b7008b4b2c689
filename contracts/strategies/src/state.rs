//! Storage of the strategies contract. Keys are short and listed together; a retired key is never
//! reused. (The vault's 0.2.x keys for the same records, "ga", "gb" and "da", live in the vault's
//! store, not here.)

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Decimal, Uint128};
use cw_storage_plus::{Item, Map};

use ballast_types::Side;
use ballast_types::strategies::HedgeConfig;

/// A registered grid plan (see `ballast_types::strategies::GridPlan`), keyed by market and id.
#[cw_serde]
pub struct Grid {
    /// `long` buys as the price falls through the levels; `short` sells as it rises.
    pub side: Side,
    /// Level prices, quote per base, strictly ascending, at most `MAX_GRID_LEVELS`.
    pub levels: Vec<Decimal>,
    /// Notional each fill requests, base units.
    pub size: Uint128,
    /// Block time from which no level fills.
    pub expiry: u64,
    /// Fills only reduce the open position.
    pub reduce_only: bool,
    /// Bit `i` set once the vault executed a fill of level `i` (`MAX_GRID_LEVELS` <= 64).
    pub filled: u64,
    /// Sum of the notional the vault executed for the fills, base units.
    pub executed: Uint128,
}

impl Grid {
    /// The bit of level `level` in `filled`; None past 63.
    pub fn bit(level: u32) -> Option<u64> {
        1u64.checked_shl(level)
    }

    /// Whether level `level` has filled.
    pub fn is_filled(&self, level: u32) -> bool {
        Grid::bit(level).is_some_and(|bit| self.filled & bit != 0)
    }
}

/// A fill sent to the vault and not yet answered: recorded when its reply arrives.
#[cw_serde]
pub struct PendingFill {
    /// Market id.
    pub market: String,
    /// The grid.
    pub grid_id: u64,
    /// The level.
    pub level: u32,
}

/// The vault (risk core) every order goes to.
pub const VAULT: Item<Addr> = Item::new("v");
/// The vault's oracle, read from the vault's `Config` at instantiation: the vault sets it at its own
/// instantiation and no message of it changes it (a vault migration that did would need this
/// contract re-instantiated). The feed is read from the vault per call.
pub const ORACLE: Item<Addr> = Item::new("o");
/// Grid plans by market and grid id (one record per grid, levels inline).
pub const GRIDS: Map<(&str, u64), Grid> = Map::new("g");
/// The id the next registered grid gets.
pub const NEXT_GRID_ID: Item<u64> = Item::new("n");
/// Delta-neutral mode: the leg and band each hedged market keeps its perp position against.
pub const HEDGES: Map<&str, HedgeConfig> = Map::new("h");
/// The fill in flight between `ExecuteGridLevel` and the vault's reply.
pub const PENDING_FILL: Item<PendingFill> = Item::new("p");
