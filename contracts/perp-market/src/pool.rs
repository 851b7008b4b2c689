//! The liquidity pool: every trader's counterparty.
//!
//! LPs deposit collateral for shares. Traders' losses and fees flow into the pool and their profits are
//! paid from it. Two cases are settled by rule rather than refused, so that a position can always be
//! closed or liquidated:
//! - a loss larger than the position's margin: the pool takes the whole margin and absorbs the rest
//!   as bad debt (`bad_debt` attribute);
//! - a profit larger than the pool balance: the pool pays what it has and the rest is forfeited
//!   (`unpaid_profit` attribute).
//!
//! So no balance ever goes negative and no collateral is created: the contract's bank balance stays
//! equal to the pool balance plus every position's margin.
//!
//! Shares are priced on the pool's value, its balance less the traders' unrealised PnL at the oracle
//! prices ([`crate::valuation`]), so that an LP's entry and exit are fair to the LPs who carry the open
//! positions: a deposit ahead of a liquidation pays for the loss it will realise, and a withdrawal
//! ahead of a trader's profit leaves that profit behind. The first deposit (no shares outstanding)
//! mints 1:1 and takes the pool as it is; later ones mint `amount * total_shares / value` with the
//! value rounded up, and a withdrawal pays `shares * value / total_shares` with the value rounded down,
//! both rounded down so that dust stays with the remaining LPs. A withdrawal may not leave the balance
//! below what the sides that are up are owed (`reserved`); the profit the pool cannot cover when it is
//! realised is capped as above. Both refuse while the pool is worth nothing or a market with open
//! positions has no usable price.

use ballast_types::attributes::{ACTION, ADDRESS, AMOUNT, SHARES};
use cosmwasm_std::{BankMsg, Coin, DepsMut, Env, Int256, MessageInfo, Response, Uint128, Uint256};

use crate::attributes::{POOL_BALANCE, POOL_VALUE};
use crate::error::{ContractError, ContractResult};
use crate::state::{CONFIG, LP_SHARES, POOL};
use crate::{funds, valuation};

/// Realised PnL settled between a position's margin and the pool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settlement {
    /// Margin left on the position.
    pub margin: Uint128,
    /// Pool balance after settlement.
    pub pool_balance: Uint128,
    /// Profit the pool pays the trader.
    pub profit_paid: Uint128,
    /// Profit the pool could not pay.
    pub unpaid_profit: Uint256,
    /// Loss beyond the margin, absorbed by the pool.
    pub bad_debt: Uint256,
}

/// Settles `pnl` (positive: the trader gains) between `margin` and `pool_balance`.
pub fn settle(margin: Uint128, pool_balance: Uint128, pnl: Int256) -> ContractResult<Settlement> {
    let magnitude = pnl.unsigned_abs();
    let mut out = Settlement {
        margin,
        pool_balance,
        profit_paid: Uint128::zero(),
        unpaid_profit: Uint256::zero(),
        bad_debt: Uint256::zero(),
    };
    if pnl.is_negative() {
        // The pool takes at most the whole margin; the excess is bad debt it absorbs.
        let taken = Uint128::try_from(magnitude.min(Uint256::from(margin)))?;
        out.margin = margin.checked_sub(taken)?;
        out.pool_balance = pool_balance.checked_add(taken)?;
        out.bad_debt = magnitude.checked_sub(Uint256::from(taken))?;
    } else {
        // The pool pays at most what it holds; the excess is forfeited.
        let paid = Uint128::try_from(magnitude.min(Uint256::from(pool_balance)))?;
        out.pool_balance = pool_balance.checked_sub(paid)?;
        out.profit_paid = paid;
        out.unpaid_profit = magnitude.checked_sub(Uint256::from(paid))?;
    }
    Ok(out)
}

/// An LP adds the attached collateral to the pool for shares priced on the pool's value (rounded up),
/// the shares rounded down.
pub fn deposit_liquidity(deps: DepsMut, env: Env, info: MessageInfo) -> ContractResult<Response> {
    let config = CONFIG.load(deps.storage)?;
    let amount_in = funds::required(&info, &config.denom)?;
    let mut pool = POOL.load(deps.storage)?;
    let (shares_out, value) = if pool.total_shares.is_zero() {
        // First deposit (or every LP has left): 1:1. Whatever the pool holds without shares (fees
        // paid after the last LP withdrew, open positions' PnL) goes to this depositor.
        (amount_in, pool.balance)
    } else {
        let value = valuation::value(deps.as_ref(), &env, &pool)?.for_deposit(pool.total_shares)?;
        (
            amount_in.checked_multiply_ratio(pool.total_shares, value)?,
            value,
        )
    };
    if shares_out.is_zero() {
        return Err(ContractError::ZeroAmount { what: "shares" });
    }
    pool.balance = pool.balance.checked_add(amount_in)?;
    pool.total_shares = pool.total_shares.checked_add(shares_out)?;
    POOL.save(deps.storage, &pool)?;
    let owned = LP_SHARES
        .may_load(deps.storage, &info.sender)?
        .unwrap_or_default();
    LP_SHARES.save(deps.storage, &info.sender, &owned.checked_add(shares_out)?)?;
    Ok(Response::new()
        .add_attribute(ACTION, "deposit_liquidity")
        .add_attribute(ADDRESS, info.sender)
        .add_attribute(AMOUNT, amount_in)
        .add_attribute(SHARES, shares_out)
        .add_attribute(POOL_VALUE, value)
        .add_attribute(POOL_BALANCE, pool.balance))
}

/// An LP burns `shares` for their pro-rata part of the pool's value (rounded down), rounded down; the
/// balance left must cover what the sides that are up are owed.
pub fn withdraw_liquidity(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    shares: Uint128,
) -> ContractResult<Response> {
    funds::none(&info)?;
    if shares.is_zero() {
        return Err(ContractError::ZeroAmount { what: "shares" });
    }
    let config = CONFIG.load(deps.storage)?;
    let owned = LP_SHARES
        .may_load(deps.storage, &info.sender)?
        .unwrap_or_default();
    if shares > owned {
        return Err(ContractError::InsufficientShares {
            requested: shares,
            owned,
        });
    }
    let mut pool = POOL.load(deps.storage)?;
    let valuation = valuation::value(deps.as_ref(), &env, &pool)?;
    let value = valuation.for_withdrawal(pool.total_shares)?;
    let amount_out = value.checked_multiply_ratio(shares, pool.total_shares)?;
    let reserved = valuation.reserved()?;
    if amount_out.checked_add(reserved)? > pool.balance {
        return Err(ContractError::PoolReserved {
            amount: amount_out,
            balance: pool.balance,
            reserved,
        });
    }
    pool.balance = pool.balance.checked_sub(amount_out)?;
    pool.total_shares = pool.total_shares.checked_sub(shares)?;
    POOL.save(deps.storage, &pool)?;
    let left = owned.checked_sub(shares)?;
    if left.is_zero() {
        LP_SHARES.remove(deps.storage, &info.sender);
    } else {
        LP_SHARES.save(deps.storage, &info.sender, &left)?;
    }
    let mut response = Response::new()
        .add_attribute(ACTION, "withdraw_liquidity")
        .add_attribute(ADDRESS, info.sender.as_str())
        .add_attribute(SHARES, shares)
        .add_attribute(AMOUNT, amount_out)
        .add_attribute(POOL_VALUE, value)
        .add_attribute(POOL_BALANCE, pool.balance);
    if !amount_out.is_zero() {
        response = response.add_message(BankMsg::Send {
            to_address: info.sender.into_string(),
            amount: vec![Coin::new(amount_out, config.denom)],
        });
    }
    Ok(response)
}
