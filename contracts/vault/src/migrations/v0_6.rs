//! 0.5.x to 0.6.0: the margin policy (`crate::margin`, `crate::pull`). The parameters gain
//! `redemption_buffer`, their last field, stored as None (one zero byte appended): a migrated vault
//! posts margin as before until governance sets a buffer.

use cosmwasm_std::{StdError, Storage};

use crate::error::ContractResult;
use crate::state::PARAMS;

/// The first version with the margin policy.
pub const VERSION: &str = "0.6.0";

/// Appends `redemption_buffer: None` to the stored parameters.
pub fn migrate(storage: &mut dyn Storage) -> ContractResult<()> {
    let mut record = storage
        .get(PARAMS.key())
        .ok_or_else(|| StdError::msg("no parameters to migrate"))?;
    record.push(0);
    storage.set(PARAMS.key(), &record);
    // Decoding checks the layout: a record that was not 0.5's fails here, not at the next order.
    PARAMS.load(storage)?;
    Ok(())
}
