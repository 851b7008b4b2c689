//! 0.1.0 to 0.2.0: the records an order reads and writes move from JSON under lower-case keys to the
//! binary codec under upper-case keys (`crate::codec`). Every entry is moved and its old key removed.

use cosmwasm_std::{Order, StdResult, Storage, Uint128};
use cw_storage_plus::{Item, Map};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::codec::{Compact, CompactItem, CompactMap};
use crate::state::{
    HALTED_UNTIL, MARKETS, MARKS, Mark, PARAMS, PAUSED, PEAK, PENDING_MARK, Peak, StoredVol,
    TOTAL_SHARES, TOTALS, Totals, VOLS,
};
use ballast_types::vault::{MarketConfig, VaultParams};

/// The first version that stores these records in binary.
pub const VERSION: &str = "0.2.0";

/// The roles record of 0.1.0 and 0.2.x: owner and guardian were the vault's until 0.3.0 handed them
/// to the governor (`v0_3`).
#[cosmwasm_schema::cw_serde]
pub struct Config {
    pub owner: cosmwasm_std::Addr,
    pub manager: cosmwasm_std::Addr,
    pub guardian: cosmwasm_std::Addr,
    pub fee_recipient: cosmwasm_std::Addr,
    pub denom: String,
    pub oracle: cosmwasm_std::Addr,
    pub perp_market: cosmwasm_std::Addr,
}

crate::codec::compact!(Config {
    owner,
    manager,
    guardian,
    fee_recipient,
    denom,
    oracle,
    perp_market
});

/// 0.2.x's binary roles record.
pub const CONFIG: CompactItem<Config> = CompactItem::new("C");

/// Version 0.1.0's JSON records (public for the migration test, which builds a 0.1.0 store).
pub mod legacy {
    use super::*;

    pub const CONFIG: Item<super::Config> = Item::new("c");
    pub const PARAMS: Item<VaultParams> = Item::new("p");
    pub const PAUSED: Item<bool> = Item::new("z");
    pub const MARKETS: Map<&str, MarketConfig> = Map::new("m");
    pub const VOLS: Map<&str, StoredVol> = Map::new("v");
    pub const HALTED_UNTIL: Map<&str, u64> = Map::new("h");
    pub const MARKS: Map<&str, Mark> = Map::new("k");
    pub const TOTALS: Item<Totals> = Item::new("s");
    pub const TOTAL_SHARES: Item<Uint128> = Item::new("u");
    pub const PENDING_MARK: Item<String> = Item::new("r");
    pub const PEAK: Item<Peak> = Item::new("w");
}

/// Moves every 0.1.0 record to its binary form.
pub fn migrate(storage: &mut dyn Storage) -> StdResult<()> {
    move_item(storage, &legacy::CONFIG, &CONFIG)?;
    move_item(storage, &legacy::PARAMS, &PARAMS)?;
    move_item(storage, &legacy::PAUSED, &PAUSED)?;
    move_item(storage, &legacy::TOTALS, &TOTALS)?;
    move_item(storage, &legacy::TOTAL_SHARES, &TOTAL_SHARES)?;
    move_item(storage, &legacy::PENDING_MARK, &PENDING_MARK)?;
    move_item(storage, &legacy::PEAK, &PEAK)?;
    move_map(storage, &legacy::MARKETS, &MARKETS)?;
    move_map(storage, &legacy::VOLS, &VOLS)?;
    move_map(storage, &legacy::HALTED_UNTIL, &HALTED_UNTIL)?;
    move_map(storage, &legacy::MARKS, &MARKS)
}

fn move_item<T>(storage: &mut dyn Storage, old: &Item<T>, new: &CompactItem<T>) -> StdResult<()>
where
    T: Compact + Serialize + DeserializeOwned,
{
    if let Some(value) = old.may_load(storage)? {
        new.save(storage, &value)?;
        old.remove(storage);
    }
    Ok(())
}

fn move_map<T>(storage: &mut dyn Storage, old: &Map<&str, T>, new: &CompactMap<T>) -> StdResult<()>
where
    T: Compact + Serialize + DeserializeOwned,
{
    // At most MAX_MARKETS entries.
    let entries = old
        .range(storage, None, None, Order::Ascending)
        .collect::<StdResult<Vec<(String, T)>>>()?;
    for (market, value) in entries {
        new.save(storage, &market, &value)?;
        old.remove(storage, &market);
    }
    Ok(())
}
