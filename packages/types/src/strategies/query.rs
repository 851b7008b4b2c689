//! Queries of the strategies contract and their replies.

use cosmwasm_schema::{QueryResponses, cw_serde};
use cosmwasm_std::Addr;

// The grid and hedge replies are named only in `#[returns]`, which wasm builds compile out.
#[cfg_attr(target_arch = "wasm32", allow(unused_imports))]
use super::{GridResponse, GridsResponse, HedgeResponse};

/// Queries of the strategies contract.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// The vault the strategies trade through.
    #[returns(StrategiesConfigResponse)]
    Config {},
    /// One grid plan and which of its levels have filled.
    #[returns(GridResponse)]
    Grid {
        /// Market id.
        market: String,
        /// The grid's id.
        grid_id: u64,
    },
    /// A market's grids by ascending id, a page at a time.
    #[returns(GridsResponse)]
    Grids {
        /// Market id.
        market: String,
        /// Start after this grid id.
        start_after: Option<u64>,
        /// Page size; `DEFAULT_GRID_LIMIT` when absent, at most `MAX_GRID_LIMIT`.
        limit: Option<u32>,
    },
    /// A market's hedge, its net delta at the oracle price now and what `Hedge` would do.
    #[returns(HedgeResponse)]
    Hedge {
        /// Market id.
        market: String,
    },
}

/// Reply to [`QueryMsg::Config`].
#[cw_serde]
pub struct StrategiesConfigResponse {
    /// The vault (risk core) every order is sent to.
    pub vault: Addr,
}
