//! Queries of the governor and their replies.

use cosmwasm_schema::{QueryResponses, cw_serde};
use cosmwasm_std::Addr;
use cw_schema::Schemaifier;
use schemars::JsonSchema;
use serde::Serialize;

use crate::vault::{MarketConfig, VaultParams};

/// Queries of the governor.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// Roles and the governed vault.
    #[returns(GovernorConfigResponse)]
    Config {},
    /// The parameters waiting for their timelock, if any.
    #[returns(Option<PendingParamsResponse>)]
    PendingParams {},
    /// A market's change waiting for its timelock, if any.
    #[returns(Option<PendingMarketResponse>)]
    PendingMarket {
        /// Market id.
        market: String,
    },
}

/// Reply to [`QueryMsg::Config`].
#[derive(Serialize, Clone, Debug, PartialEq, JsonSchema, Schemaifier)]
pub struct GovernorConfigResponse {
    /// Owner.
    pub owner: Addr,
    /// Guardian.
    pub guardian: Addr,
    /// The governed vault, once named.
    pub vault: Option<Addr>,
    /// Offered ownership, not yet accepted.
    pub pending_owner: Option<Addr>,
}

/// Reply to [`QueryMsg::PendingParams`].
#[cw_serde]
pub struct PendingParamsResponse {
    /// The proposed parameters.
    pub params: VaultParams,
    /// Block time from which anyone may apply them.
    pub eta: u64,
}

/// Reply to [`QueryMsg::PendingMarket`].
#[cw_serde]
pub struct PendingMarketResponse {
    /// The proposed configuration.
    pub config: MarketConfig,
    /// Block time from which anyone may apply it.
    pub eta: u64,
}

crate::json_struct!(GovernorConfigResponse {
    owner,
    guardian,
    vault,
    pending_owner,
    ..
});
