//! Instantiate, execute and migrate messages of the strategies contract. The execute messages keep
//! the JSON shapes they had on the vault, so a client changes only the address it sends them to.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::Decimal;

use super::{GridPlan, HedgeLeg};

/// Instantiates the strategies contract.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct InstantiateMsg {
    /// The vault (risk core) the strategies trade through; its manager manages them, and it must
    /// allow-list this contract (`SetStrategy`) before any fill goes through.
    pub vault: String,
}

/// Actions of the strategies contract.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub enum ExecuteMsg {
    /// The vault's manager registers a grid plan for a market (see `GridPlan` for the side semantics).
    RegisterGrid(GridPlan),
    /// The vault's manager removes a grid; its unfilled levels never fill.
    CancelGrid {
        /// Market id.
        market: String,
        /// The grid's id.
        grid_id: u64,
    },
    /// Anyone (a keeper): fill one level of a grid whose price the oracle has crossed, as a
    /// `SubmitOrder` to the vault through its whole pipeline. The caller names the level, so nothing
    /// iterates.
    ExecuteGridLevel {
        /// Market id.
        market: String,
        /// The grid's id.
        grid_id: u64,
        /// Index into the grid's ascending levels, from 0.
        level: u32,
    },
    /// The vault's manager registers (or replaces) the leg a market's perp position hedges and the
    /// band its net delta is kept in (delta-neutral mode); the vault then refuses a keeper's
    /// `Rebalance` on the market.
    SetHedge {
        /// Market id.
        market: String,
        /// A spot holding or a European option on the market's underlying.
        leg: HedgeLeg,
        /// Largest |net delta| left unhedged, units of the underlying.
        band: Decimal,
    },
    /// The vault's manager ends delta-neutral mode for a market; the perp position stays as it is.
    ClearHedge {
        /// Market id.
        market: String,
    },
    /// Anyone: when the market's net delta (leg plus perp position, at the oracle price) is outside
    /// its band, send the vault the perp order to the nearest band edge (through its pipeline and caps).
    Hedge {
        /// Market id.
        market: String,
    },
}

/// Migrates the strategies contract to this version.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct MigrateMsg {}
