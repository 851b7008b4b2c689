//! Storage of the oracle.

use cosmwasm_std::Addr;
use cw_storage_plus::{Item, Map};

use ballast_types::pyth::PriceFeed;

/// May add and remove publishers.
pub const OWNER: Item<Addr> = Item::new("o");
/// Allowed publishers.
pub const PUBLISHERS: Map<&Addr, ()> = Map::new("p");
/// Latest price of each feed, keyed by the lowercase id.
pub const FEEDS: Map<&str, PriceFeed> = Map::new("f");
