//! Grid plans: the vault's manager registers and cancels them; anyone (a keeper) fills a crossed level.
//!
//! A fill is a `SubmitOrder` to the vault, which runs it through its whole pipeline (guards and caps)
//! as it does the manager's orders. The vault's reply carries its decision: the level is marked filled,
//! and the executed notional added, from what the vault executed (`core::order_outcome`), never from
//! what was asked. Side semantics, the fill rule and expiry are documented on
//! `ballast_types::strategies::GridPlan`.
//!
//! Gas per fill, by construction: the keeper names the market, grid and level, so a fill does one
//! `GRIDS` read and at most one write of that grid's record (at most `MAX_GRID_LEVELS` = 50 prices and
//! a 64-bit fill mask), two queries (the vault's market for its feed, the oracle's price), then the
//! vault's `SubmitOrder` on that market and the reply's read and write of the same record. Nothing iterates over levels, grids or markets.

use cosmwasm_std::{
    Decimal256, DepsMut, Env, MessageInfo, Response, Storage, SubMsg, SubMsgResult,
};

use ballast_types::Side;
use ballast_types::attributes::{
    ACTION, EXECUTED, FILLED, GRID_ID, LEVEL, LEVEL_PRICE, MARKET, PRICE, SIDE,
};
use ballast_types::convert::pyth_to_decimal256;
use ballast_types::pyth::PythPrice;
use ballast_types::strategies::GridPlan;
use ballast_types::vault::OrderRequest;

use crate::core;
use crate::error::{ContractError, ContractResult};
use crate::state::{GRIDS, Grid, NEXT_GRID_ID, ORACLE, PENDING_FILL, PendingFill, VAULT};

/// Reply id of a fill's `SubmitOrder`, answered by recording what the vault executed.
pub const FILL_REPLY: u64 = 1;

/// The vault's manager registers a grid plan for a market the vault knows; it gets the next grid id.
pub fn register_grid(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    plan: GridPlan,
) -> ContractResult<Response> {
    let vault = VAULT.load(deps.storage)?;
    core::assert_manager(deps.as_ref(), &vault, &info.sender)?;
    core::market(deps.as_ref(), &vault, &plan.market)?;
    plan.validate(env.block.time.seconds())?;
    let grid_id = NEXT_GRID_ID.may_load(deps.storage)?.unwrap_or(1);
    NEXT_GRID_ID.save(deps.storage, &grid_id.checked_add(1).ok_or_else(overflow)?)?;
    let grid = Grid {
        side: plan.side,
        levels: plan.levels,
        size: plan.size,
        expiry: plan.expiry,
        reduce_only: plan.reduce_only,
        filled: 0,
        executed: Default::default(),
    };
    GRIDS.save(deps.storage, (&plan.market, grid_id), &grid)?;
    Ok(Response::new()
        .add_attribute(ACTION, "register_grid")
        .add_attribute(MARKET, plan.market)
        .add_attribute(GRID_ID, grid_id.to_string())
        .add_attribute(SIDE, side_name(grid.side))
        .add_attribute("levels", grid.levels.len().to_string())
        .add_attribute("size", grid.size)
        .add_attribute("expiry", grid.expiry.to_string()))
}

/// The vault's manager removes a grid; its open levels never fill.
pub fn cancel_grid(
    deps: DepsMut,
    info: MessageInfo,
    market: String,
    grid_id: u64,
) -> ContractResult<Response> {
    let vault = VAULT.load(deps.storage)?;
    core::assert_manager(deps.as_ref(), &vault, &info.sender)?;
    let grid = load(deps.storage, &market, grid_id)?;
    GRIDS.remove(deps.storage, (&market, grid_id));
    Ok(Response::new()
        .add_attribute(ACTION, "cancel_grid")
        .add_attribute(MARKET, market)
        .add_attribute(GRID_ID, grid_id.to_string())
        .add_attribute("filled_levels", grid.filled.count_ones().to_string()))
}

/// Anyone: send the vault the order of one crossed level. A rejection by the vault's pipeline is a
/// decision, not an error: the reply records it and the level stays open.
pub fn execute_grid_level(
    deps: DepsMut,
    env: Env,
    market: String,
    grid_id: u64,
    level: u32,
) -> ContractResult<Response> {
    let grid = load(deps.storage, &market, grid_id)?;
    let level_price = usize::try_from(level)
        .ok()
        .and_then(|i| grid.levels.get(i))
        .copied()
        .ok_or_else(|| ContractError::GridLevelOutOfRange {
            grid_id,
            level,
            levels: u32::try_from(grid.levels.len()).unwrap_or(u32::MAX),
        })?;
    if grid.is_filled(level) {
        return Err(ContractError::GridLevelFilled { grid_id, level });
    }
    let now = env.block.time.seconds();
    if now >= grid.expiry {
        return Err(ContractError::GridExpired {
            grid_id,
            expiry: grid.expiry,
            now,
        });
    }
    let (vault, oracle) = (VAULT.load(deps.storage)?, ORACLE.load(deps.storage)?);
    let oracle_price = price_of(&core::oracle_price(
        deps.as_ref(),
        &oracle,
        &vault,
        &market,
    )?)?;
    let level_at = Decimal256::from(level_price);
    let (crossed, fills) = match grid.side {
        Side::Long => (oracle_price <= level_at, "below"),
        Side::Short => (oracle_price >= level_at, "above"),
    };
    if !crossed {
        return Err(ContractError::GridLevelNotCrossed {
            grid_id,
            level,
            level_price,
            oracle_price,
            fills,
        });
    }
    let request = OrderRequest {
        market: market.clone(),
        side: grid.side,
        size: grid.size,
        reduce_only: grid.reduce_only,
        signal: None,
    };
    let pending = PendingFill {
        market: market.clone(),
        grid_id,
        level,
    };
    PENDING_FILL.save(deps.storage, &pending)?;
    let order = super::submit_order(&vault, request)?;
    Ok(Response::new()
        .add_attribute(ACTION, "execute_grid_level")
        .add_attribute(MARKET, market)
        .add_attribute(GRID_ID, grid_id.to_string())
        .add_attribute(LEVEL, level.to_string())
        .add_attribute(LEVEL_PRICE, level_price.to_string())
        .add_attribute(PRICE, oracle_price.to_string())
        .add_submessage(SubMsg::reply_on_success(order, FILL_REPLY)))
}

/// Reply to a fill's order: the level is filled once the vault executed anything, scaled or not; a
/// rejection leaves it open. (A failed order never replies: the whole transaction fails.)
pub fn record_fill(deps: DepsMut, result: SubMsgResult) -> ContractResult<Response> {
    let events = match result {
        SubMsgResult::Ok(response) => response.events,
        SubMsgResult::Err(error) => return Err(cosmwasm_std::StdError::msg(error).into()),
    };
    let pending = PENDING_FILL.load(deps.storage)?;
    PENDING_FILL.remove(deps.storage);
    let vault = VAULT.load(deps.storage)?;
    let (rejected, executed) = core::order_outcome(&events, &vault)?;
    let filled = !rejected && !executed.is_zero();
    if filled {
        let mut grid = load(deps.storage, &pending.market, pending.grid_id)?;
        grid.filled |= Grid::bit(pending.level).ok_or_else(overflow)?;
        grid.executed = grid.executed.checked_add(executed)?;
        GRIDS.save(deps.storage, (&pending.market, pending.grid_id), &grid)?;
    }
    Ok(Response::new()
        .add_attribute(ACTION, "execute_grid_level")
        .add_attribute(GRID_ID, pending.grid_id.to_string())
        .add_attribute(LEVEL, pending.level.to_string())
        .add_attribute(FILLED, filled.to_string())
        .add_attribute(EXECUTED, executed))
}

/// A market's grid, or `UnknownGrid`.
pub(crate) fn load(storage: &dyn Storage, market: &str, grid_id: u64) -> ContractResult<Grid> {
    GRIDS
        .may_load(storage, (market, grid_id))?
        .ok_or_else(|| ContractError::UnknownGrid {
            market: market.to_string(),
            grid_id,
        })
}

/// The oracle price for the crossing test. A price at or below zero counts as zero (below every
/// level): a long level is then crossed and the vault's price guard rejects the fill on record.
fn price_of(price: &PythPrice) -> ContractResult<Decimal256> {
    if price.price.i64() <= 0 {
        return Ok(Decimal256::zero());
    }
    Ok(pyth_to_decimal256(price)?)
}

fn side_name(side: Side) -> &'static str {
    match side {
        Side::Long => "long",
        Side::Short => "short",
    }
}

fn overflow() -> ContractError {
    ContractError::Overflow(cosmwasm_std::OverflowError::new(
        cosmwasm_std::OverflowOperation::Add,
    ))
}
