//! Grids and hedges left the vault for `ballast-strategies`: a store that still holds any (written by
//! 0.2.x under the retired keys "ga" and "da") is refused rather than migrated, since this build would
//! never read them again. The manager cancels them on the old vault, registers them in the strategies
//! contract, and migrates again. An empty store only loses the dead grid-id counter ("gb").

use cosmwasm_std::{Empty, Order, Storage};
use cw_storage_plus::Map;

use crate::error::{ContractError, ContractResult};

/// The retired records, read by key only (their values are never decoded).
pub mod retired {
    use super::*;

    /// 0.2.x grid plans by market and grid id.
    pub const GRIDS: Map<(&str, u64), Empty> = Map::new("ga");
    /// 0.2.x's next grid id.
    pub const NEXT_GRID_ID: &[u8] = b"gb";
    /// 0.2.x hedges by market.
    pub const HEDGES: Map<&str, Empty> = Map::new("da");
}

/// Counted at most this far: enough to name the problem without unbounded gas.
const COUNT_LIMIT: usize = 1_000;

/// `StrategiesStored` when the store holds a 0.2.x grid or hedge; else removes the grid-id counter.
pub fn refuse_stored(storage: &mut dyn Storage) -> ContractResult<()> {
    let count = |keys: Box<dyn Iterator<Item = Vec<u8>> + '_>| {
        u32::try_from(keys.take(COUNT_LIMIT).count()).unwrap_or(u32::MAX)
    };
    let grids = count(retired::GRIDS.keys_raw(storage, None, None, Order::Ascending));
    // At most MAX_MARKETS entries.
    let hedges = count(retired::HEDGES.keys_raw(storage, None, None, Order::Ascending));
    if grids > 0 || hedges > 0 {
        return Err(ContractError::StrategiesStored { grids, hedges });
    }
    storage.remove(retired::NEXT_GRID_ID);
    Ok(())
}
