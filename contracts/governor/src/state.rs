//! Storage of the governor.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::Addr;
use cw_storage_plus::{Item, Map};

use ballast_types::vault::{MarketConfig, VaultParams};

/// Roles and the governed vault, all checked.
#[cw_serde]
pub struct Config {
    /// Proposes, sets roles, unpauses.
    pub owner: Addr,
    /// Pauses and tightens at once.
    pub guardian: Addr,
    /// The governed vault, once named.
    pub vault: Option<Addr>,
}

/// A change waiting for its timelock.
#[cw_serde]
pub struct Pending<T> {
    /// The proposed value.
    pub value: T,
    /// Block time from which anyone may apply it.
    pub eta: u64,
}

/// Roles and the vault.
pub const CONFIG: Item<Config> = Item::new("c");
/// Ownership offered and not yet accepted.
pub const PENDING_OWNER: Item<Addr> = Item::new("o");
/// Parameters waiting for their timelock.
pub const PENDING_PARAMS: Item<Pending<VaultParams>> = Item::new("q");
/// Market changes waiting for their timelock, by market id.
pub const PENDING_MARKETS: Map<&str, Pending<MarketConfig>> = Map::new("x");
