//! Grid plans: the manager registers and cancels them; anyone (a keeper) fills a crossed level.
//!
//! A fill is an order through the same pipeline as `SubmitOrder` (`gather` → `pipeline::evaluate` →
//! `act`), so every guard and cap applies. Side semantics, the fill rule and expiry are documented on
//! `ballast_types::vault::GridPlan`.
//!
//! Gas per fill, by construction: the keeper names the market, grid and level, so a fill does one
//! `GRIDS` read and at most one write of that grid's record (at most `MAX_GRID_LEVELS` = 50 prices and
//! a 64-bit fill mask), then exactly the reads and writes of a `SubmitOrder` on that market. Nothing
//! iterates over levels, grids or markets; the cost does not grow with how many grids exist, and the
//! record's size is capped by the level limit.

use cosmwasm_std::{Decimal256, DepsMut, Env, MessageInfo, Storage};

use ballast_types::Side;
use ballast_types::attributes::{ACTION, FILLED, GRID_ID, LEVEL, LEVEL_PRICE, MARKET, PRICE, SIDE};
use ballast_types::convert::pyth_to_decimal256;
use ballast_types::pyth::PythPrice;
use ballast_types::vault::{Decision, GridPlan, OrderRequest};

use super::assert_role as role;
use super::order::{act, gather};
use crate::VaultResponse;
use crate::error::{ContractError, ContractResult};
use crate::pipeline;
use crate::state::{CONFIG, GRIDS, Grid, MARKETS, NEXT_GRID_ID};

/// The manager registers a grid plan for a known market; it gets the next grid id.
pub fn register_grid(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    plan: GridPlan,
) -> ContractResult<VaultResponse> {
    let config = CONFIG.load(deps.storage)?;
    role(&info.sender, &config.manager, "manager")?;
    if !MARKETS.has(deps.storage, &plan.market) {
        return Err(ContractError::UnknownMarket {
            market: plan.market,
        });
    }
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
    Ok(VaultResponse::new()
        .add_attribute(ACTION, "register_grid")
        .add_attribute(MARKET, plan.market)
        .add_attribute(GRID_ID, grid_id.to_string())
        .add_attribute(SIDE, side_name(grid.side))
        .add_attribute("levels", grid.levels.len().to_string())
        .add_attribute("size", grid.size)
        .add_attribute("expiry", grid.expiry.to_string()))
}

/// The manager removes a grid; its open levels never fill.
pub fn cancel_grid(
    deps: DepsMut,
    info: MessageInfo,
    market: String,
    grid_id: u64,
) -> ContractResult<VaultResponse> {
    role(&info.sender, &CONFIG.load(deps.storage)?.manager, "manager")?;
    let grid = load(deps.storage, &market, grid_id)?;
    GRIDS.remove(deps.storage, (&market, grid_id));
    Ok(VaultResponse::new()
        .add_attribute(ACTION, "cancel_grid")
        .add_attribute(MARKET, market)
        .add_attribute(GRID_ID, grid_id.to_string())
        .add_attribute("filled_levels", grid.filled.count_ones().to_string()))
}

/// Anyone: fill one crossed level through the order pipeline. A rejected fill is a decision, not an
/// error: the response carries it and the level stays open.
pub fn execute_grid_level(
    deps: DepsMut,
    env: Env,
    market: String,
    grid_id: u64,
    level: u32,
) -> ContractResult<VaultResponse> {
    let mut grid = load(deps.storage, &market, grid_id)?;
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
    let config = CONFIG.load(deps.storage)?;
    let (params, inputs, book) = gather(deps.as_ref(), &env, &config, &market)?;
    let oracle_price = price_of(&inputs.price)?;
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
    let evaluation = pipeline::evaluate(&params, &inputs, &book, now, &request)?;
    // Filled once the pipeline executes anything, scaled or not; a rejection leaves the level open.
    let filled = evaluation.decision != Decision::Rejected && !evaluation.executed.is_zero();
    if filled {
        let bit = Grid::bit(level).ok_or_else(overflow)?;
        grid.filled |= bit;
        grid.executed = grid.executed.checked_add(evaluation.executed)?;
        GRIDS.save(deps.storage, (&market, grid_id), &grid)?;
    }
    Ok(act(
        deps,
        &env,
        &config,
        &inputs,
        evaluation,
        "execute_grid_level",
    )?
    .add_attribute(GRID_ID, grid_id.to_string())
    .add_attribute(LEVEL, level.to_string())
    .add_attribute(LEVEL_PRICE, level_price.to_string())
    .add_attribute(PRICE, oracle_price.to_string())
    .add_attribute(FILLED, filled.to_string()))
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
/// level): a long level is then crossed and the pipeline's price guard rejects the fill on record.
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
