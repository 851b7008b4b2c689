//! One function per query.

use cosmwasm_std::{Deps, Env, Uint128};

use ballast_types::convert::fixed_to_decimal;
use ballast_types::vault::{
    ConfigResponse, MarkResponse, MarketResponse, OrderPreview, OrderRequest, StateResponse,
};

use crate::error::{ContractError, ContractResult};
use crate::execute::order::gather;
use crate::inputs::idle;
use crate::pipeline;
use crate::state::{
    CONFIG, HALTED_UNTIL, MARKETS, MARKS, PARAMS, PAUSED, SHARES, TOTAL_SHARES, TOTALS, VOLS,
};

pub fn config(deps: Deps) -> ContractResult<ConfigResponse> {
    let config = CONFIG.load(deps.storage)?;
    Ok(ConfigResponse {
        owner: config.owner,
        manager: config.manager,
        guardian: config.guardian,
        denom: config.denom,
        oracle: config.oracle,
        perp_market: config.perp_market,
        params: PARAMS.load(deps.storage)?,
    })
}

/// Nav from the stored marks (however old; `Mark` refreshes them).
pub fn state(deps: Deps, env: Env) -> ContractResult<StateResponse> {
    let config = CONFIG.load(deps.storage)?;
    let idle = idle(deps, &env, &config)?;
    let totals = TOTALS.load(deps.storage)?;
    let nav = cosmwasm_std::Int128::try_from(idle)?
        .checked_add(totals.marked_equity)?
        .max(cosmwasm_std::Int128::zero());
    Ok(StateResponse {
        nav: Uint128::try_from(nav)?,
        idle,
        total_shares: TOTAL_SHARES.load(deps.storage)?,
        gross_notional: totals.gross_notional,
        paused: PAUSED.load(deps.storage)?,
    })
}

pub fn market(deps: Deps, market: String) -> ContractResult<MarketResponse> {
    let config =
        MARKETS
            .may_load(deps.storage, &market)?
            .ok_or_else(|| ContractError::UnknownMarket {
                market: market.clone(),
            })?;
    let vol = VOLS.may_load(deps.storage, &market)?;
    let state = vol.as_ref().map(|v| v.to_state()).transpose()?;
    let forecast_vol = match state.map(|s| s.vol()).transpose()?.flatten() {
        Some(v) => Some(fixed_to_decimal(v)?),
        None => None,
    };
    let mark = MARKS.may_load(deps.storage, &market)?.unwrap_or_default();
    Ok(MarketResponse {
        config,
        forecast_vol,
        observations: vol.as_ref().map(|v| v.returns).unwrap_or(0),
        last_price_time: vol.as_ref().map(|v| v.last_time),
        halted_until: HALTED_UNTIL.may_load(deps.storage, &market)?,
        mark: MarkResponse {
            side: mark.side,
            notional: mark.notional,
            margin: mark.margin,
            unrealized_pnl: mark.unrealized_pnl,
            time: mark.time,
        },
    })
}

/// The pipeline on the same inputs `SubmitOrder` would read, without writing anything.
pub fn preview_order(deps: Deps, env: Env, request: OrderRequest) -> ContractResult<OrderPreview> {
    let (params, inputs, book) = gather(deps, &env, &request.market)?;
    let e = pipeline::evaluate(&params, &inputs, &book, env.block.time.seconds(), &request)?;
    Ok(OrderPreview {
        decision: e.decision,
        reason: e.reason,
        requested: e.requested,
        executed: e.executed,
        forecast_vol: e.forecast_vol,
        nav: e.nav,
        caps: e.caps,
    })
}

pub fn shares(deps: Deps, address: String) -> ContractResult<Uint128> {
    let holder = deps.api.addr_validate(&address)?;
    Ok(SHARES.may_load(deps.storage, &holder)?.unwrap_or_default())
}
