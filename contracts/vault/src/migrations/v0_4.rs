//! 0.3.x to 0.4.0: idle becomes a ledger (`crate::idle`). `Totals` gains `idle`, seeded from the bank
//! balance at the migration, and each mark gains `paid_out`, the venue's running total of payouts at
//! that moment, read from the perp market (0.3.2 or later: an older one does not report it, and the
//! migration is refused with the perp's answer named). From then on a payout is counted once, when a
//! mark shows the total risen.
//!
//! Both new fields are the last of their records, so a 0.3.x record becomes a 0.4.0 one by appending
//! the field's 16 bytes (`codec_tests::record_layouts_are_pinned`); the rest is not decoded.

use cosmwasm_std::{DepsMut, Env, Order, StdError, Uint128};

use ballast_types::venue::Venue;

use crate::error::ContractResult;
use crate::idle;
use crate::inputs;
use crate::state::{MARKETS, MARKS, TOTALS};

/// The first version with the idle ledger.
pub const VERSION: &str = "0.4.0";

/// Appends `paid_out` to every mark and `idle` to the totals; returns the idle the ledger starts from.
pub fn migrate(deps: DepsMut, env: &Env) -> ContractResult<Uint128> {
    let config = super::v0_5::config_0_4(deps.storage)?;
    let prefix = MARKS.key("");
    let mut end = prefix.clone();
    // `K` + 1: the first key after every mark's.
    if let Some(last) = end.last_mut() {
        *last += 1;
    }
    let marks: Vec<_> = deps
        .storage
        .range(Some(&prefix), Some(&end), Order::Ascending)
        .collect();
    for (key, mut record) in marks {
        let market = core::str::from_utf8(&key[prefix.len()..])
            .map_err(|_| StdError::msg("a stored mark's market id is not UTF-8"))?;
        let venue = MARKETS.load(deps.storage, market)?;
        let paid_out = match venue.venue {
            Venue::Ballast => inputs::position(deps.as_ref(), env, &config, &venue, None)?.paid_out,
            _ => Uint128::zero(),
        };
        record.extend_from_slice(&paid_out.u128().to_le_bytes());
        deps.storage.set(&key, &record);
    }
    let idle = idle::bank::balance(deps.as_ref(), env, &config)?;
    let mut totals = deps
        .storage
        .get(TOTALS.key())
        .ok_or_else(|| StdError::msg("no totals to migrate"))?;
    totals.extend_from_slice(&idle.u128().to_le_bytes());
    deps.storage.set(TOTALS.key(), &totals);
    Ok(idle)
}
