//! To 0.3.0: each market gains its sides' totals (which the pool's value is computed from) and each
//! direction's recent flow (which prices impact).
//!
//! The totals are summed from the stored positions, the only time positions are read in bulk: one
//! pass over them, then one write per market. Flows start at zero. A market already in the 0.3.0
//! shape (a re-run, or a stamp-only test) keeps its flows and gets its totals recomputed, so running
//! this twice changes nothing.

use std::collections::BTreeMap;

use ballast_types::Side;
use ballast_types::perp::MarketParams;
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Order, Storage, Uint128};
use cw_storage_plus::Map;

use crate::error::ContractResult;
use crate::state::{Flow, MARKETS, Market, POSITIONS, SideTotals};

/// A market as 0.2.0 stored it, under the same key as [`MARKETS`].
#[cw_serde]
struct MarketV0_2 {
    params: MarketParams,
    open_interest_long: Uint128,
    open_interest_short: Uint128,
}

const MARKETS_V0_2: Map<&str, MarketV0_2> = Map::new("mkt");

/// Rewrites every market in the 0.3.0 shape; returns how many.
pub fn migrate(storage: &mut dyn Storage) -> ContractResult<usize> {
    let mut totals: BTreeMap<String, (SideTotals, SideTotals)> = BTreeMap::new();
    for item in POSITIONS.range(storage, None, None, Order::Ascending) {
        let ((market, _trader), position) = item?;
        let (long, short) = totals.entry(market).or_default();
        let side = match position.side {
            Side::Long => long,
            Side::Short => short,
        };
        side.size = side.size.checked_add(position.size)?;
        side.cost = side.cost.checked_add(position.entry_cost()?)?;
    }
    let ids = MARKETS
        .keys(storage, None, None, Order::Ascending)
        .collect::<Result<Vec<String>, _>>()?;
    for id in &ids {
        // The 0.3.0 shape first: the old one would parse it too, ignoring the new fields.
        let mut market = match MARKETS.load(storage, id) {
            Ok(market) => market,
            Err(_) => {
                let old = MARKETS_V0_2.load(storage, id)?;
                Market {
                    params: old.params,
                    open_interest_long: old.open_interest_long,
                    open_interest_short: old.open_interest_short,
                    totals_long: SideTotals::default(),
                    totals_short: SideTotals::default(),
                    flow_long: Flow::default(),
                    flow_short: Flow::default(),
                }
            }
        };
        let (long, short) = totals.remove(id).unwrap_or_default();
        market.totals_long = long;
        market.totals_short = short;
        MARKETS.save(storage, id, &market)?;
    }
    Ok(ids.len())
}
