//! Deposits and redeems with the virtual share offset of DESIGN section 2:
//! `shares = assets * (supply + 10^d) / (nav + 1)` and `assets = shares * (nav + 1) / (supply + 10^d)`,
//! both rounded down, so rounding always stays with the vault and a first depositor cannot inflate
//! the share price. Both need every open market's mark to be fresh: a stale nav would let one holder
//! gain at the others' expense.

use cosmwasm_std::{BankMsg, Deps, DepsMut, Env, Int128, MessageInfo, Response, Uint128, coins};

use ballast_types::attributes::{ACTION, AMOUNT, SHARES};

use crate::error::{ContractError, ContractResult};
use crate::inputs::idle;
use crate::marks::require_fresh;
use crate::state::{CONFIG, PARAMS, SHARES as HOLDINGS, TOTAL_SHARES, TOTALS};

/// Idle plus marked equity, floored at 0, with every mark required fresh.
pub fn nav(deps: Deps, env: &Env, idle: Uint128) -> ContractResult<Uint128> {
    let params = PARAMS.load(deps.storage)?;
    require_fresh(deps.storage, env.block.time.seconds(), params.max_mark_age)?;
    let equity = TOTALS.load(deps.storage)?.marked_equity;
    let total = Int128::try_from(idle)?.checked_add(equity)?;
    Ok(Uint128::try_from(total.max(Int128::zero()))?)
}

/// 10^d, the virtual shares of the offset.
pub fn virtual_shares(deps: Deps) -> ContractResult<Uint128> {
    let d = PARAMS.load(deps.storage)?.share_offset_decimals;
    Ok(Uint128::new(10).checked_pow(d)?)
}

pub fn deposit(deps: DepsMut, env: Env, info: MessageInfo) -> ContractResult<Response> {
    let config = CONFIG.load(deps.storage)?;
    let amount = match info.funds.as_slice() {
        [coin] if coin.denom == config.denom => Uint128::try_from(coin.amount)?,
        [] => {
            return Err(ContractError::NoFunds {
                denom: config.denom,
            });
        }
        _ => {
            return Err(ContractError::WrongFunds {
                denom: config.denom,
            });
        }
    };
    // The bank has credited the deposit already: nav is measured without it.
    let idle_before = idle(deps.as_ref(), &env, &config)?.checked_sub(amount)?;
    let nav = nav(deps.as_ref(), &env, idle_before)?;
    let supply = TOTAL_SHARES.load(deps.storage)?;
    let shares = amount.checked_multiply_ratio(
        supply.checked_add(virtual_shares(deps.as_ref())?)?,
        nav.checked_add(Uint128::one())?,
    )?;
    if shares.is_zero() {
        return Err(ContractError::ZeroShares { amount });
    }
    let held = HOLDINGS
        .may_load(deps.storage, &info.sender)?
        .unwrap_or_default();
    HOLDINGS.save(deps.storage, &info.sender, &held.checked_add(shares)?)?;
    TOTAL_SHARES.save(deps.storage, &supply.checked_add(shares)?)?;
    Ok(Response::new()
        .add_attribute(ACTION, "deposit")
        .add_attribute(AMOUNT, amount)
        .add_attribute(SHARES, shares))
}

pub fn redeem(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    shares: Uint128,
) -> ContractResult<Response> {
    let config = CONFIG.load(deps.storage)?;
    let held = HOLDINGS
        .may_load(deps.storage, &info.sender)?
        .unwrap_or_default();
    if shares.is_zero() || shares > held {
        return Err(ContractError::InsufficientShares {
            available: held,
            requested: shares,
        });
    }
    let idle_now = idle(deps.as_ref(), &env, &config)?;
    let nav = nav(deps.as_ref(), &env, idle_now)?;
    let supply = TOTAL_SHARES.load(deps.storage)?;
    let assets = shares.checked_multiply_ratio(
        nav.checked_add(Uint128::one())?,
        supply.checked_add(virtual_shares(deps.as_ref())?)?,
    )?;
    if assets > idle_now {
        return Err(ContractError::InsufficientIdle {
            available: idle_now,
            requested: assets,
        });
    }
    HOLDINGS.save(deps.storage, &info.sender, &held.checked_sub(shares)?)?;
    TOTAL_SHARES.save(deps.storage, &supply.checked_sub(shares)?)?;
    let mut response = Response::new()
        .add_attribute(ACTION, "redeem")
        .add_attribute(SHARES, shares)
        .add_attribute(AMOUNT, assets);
    if !assets.is_zero() {
        response = response.add_message(BankMsg::Send {
            to_address: info.sender.to_string(),
            amount: coins(assets.u128(), config.denom),
        });
    }
    Ok(response)
}
