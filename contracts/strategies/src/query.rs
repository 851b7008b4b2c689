//! One function per query.

use cosmwasm_std::{Deps, Env, Order, Uint128};
use cw_storage_plus::Bound;

use ballast_types::convert::{fixed_to_decimal, fixed_to_signed_decimal};
use ballast_types::strategies::{
    DEFAULT_GRID_LIMIT, GridLevelResponse, GridResponse, GridsResponse, HedgeResponse,
    MAX_GRID_LIMIT, StrategiesConfigResponse,
};

use crate::core;
use crate::error::ContractResult;
use crate::execute::{grid, hedge::prepare};
use crate::state::{GRIDS, Grid, VAULT};

pub fn config(deps: Deps) -> ContractResult<StrategiesConfigResponse> {
    Ok(StrategiesConfigResponse {
        vault: VAULT.load(deps.storage)?,
    })
}

pub fn grid(deps: Deps, market: String, grid_id: u64) -> ContractResult<GridResponse> {
    let stored = grid::load(deps.storage, &market, grid_id)?;
    Ok(grid_response(grid_id, market, stored))
}

/// A page of a market's grids by ascending id; `limit` defaults to `DEFAULT_GRID_LIMIT` and is
/// capped at `MAX_GRID_LIMIT`.
pub fn grids(
    deps: Deps,
    market: String,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> ContractResult<GridsResponse> {
    let limit = usize::try_from(limit.unwrap_or(DEFAULT_GRID_LIMIT).min(MAX_GRID_LIMIT))
        .unwrap_or(usize::MAX);
    let grids = GRIDS
        .prefix(&market)
        .range(
            deps.storage,
            start_after.map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(limit)
        .map(|item| {
            let (grid_id, stored) = item?;
            Ok(grid_response(grid_id, market.clone(), stored))
        })
        .collect::<ContractResult<Vec<_>>>()?;
    Ok(GridsResponse { grids })
}

fn grid_response(grid_id: u64, market: String, grid: Grid) -> GridResponse {
    let levels = (0u32..)
        .zip(&grid.levels)
        .map(|(index, price)| GridLevelResponse {
            price: *price,
            filled: grid.is_filled(index),
        })
        .collect();
    GridResponse {
        grid_id,
        market,
        side: grid.side,
        size: grid.size,
        expiry: grid.expiry,
        reduce_only: grid.reduce_only,
        levels,
        executed: grid.executed,
    }
}

/// A market's hedge, its deltas at the oracle price now, and what `Hedge` would send and the vault's
/// pipeline decide (its `PreviewOrder`).
pub fn hedge(deps: Deps, env: Env, market: String) -> ContractResult<HedgeResponse> {
    let p = prepare(deps, &env, &market)?;
    let preview = match &p.request {
        Some(request) => Some(core::preview(deps, &VAULT.load(deps.storage)?, request)?),
        None => None,
    };
    Ok(HedgeResponse {
        market,
        price: fixed_to_decimal(p.plan.price)?,
        leg_delta: fixed_to_signed_decimal(p.plan.leg_delta)?,
        perp_delta: fixed_to_signed_decimal(p.plan.perp_delta)?,
        net_delta: fixed_to_signed_decimal(p.plan.net_delta)?,
        order_size: fixed_to_signed_decimal(p.plan.order)?,
        order_notional: Uint128::new(p.plan.notional.0),
        order: p.request,
        preview,
        hedge: p.hedge,
    })
}
