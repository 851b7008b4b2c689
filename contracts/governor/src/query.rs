//! One function per query.

use cosmwasm_std::Deps;

use ballast_types::governor::{
    GovernorConfigResponse, PendingMarketResponse, PendingParamsResponse,
};

use crate::error::ContractResult;
use crate::state::{CONFIG, PENDING_MARKETS, PENDING_OWNER, PENDING_PARAMS};

pub fn config(deps: Deps) -> ContractResult<GovernorConfigResponse> {
    let config = CONFIG.load(deps.storage)?;
    Ok(GovernorConfigResponse {
        owner: config.owner,
        guardian: config.guardian,
        vault: config.vault,
        pending_owner: PENDING_OWNER.may_load(deps.storage)?,
    })
}

pub fn pending_params(deps: Deps) -> ContractResult<Option<PendingParamsResponse>> {
    Ok(PENDING_PARAMS
        .may_load(deps.storage)?
        .map(|p| PendingParamsResponse {
            params: p.value,
            eta: p.eta,
        }))
}

pub fn pending_market(deps: Deps, market: String) -> ContractResult<Option<PendingMarketResponse>> {
    Ok(PENDING_MARKETS
        .may_load(deps.storage, &market)?
        .map(|p| PendingMarketResponse {
            config: p.value,
            eta: p.eta,
        }))
}
