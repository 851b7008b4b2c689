//! `Liquidate`: anyone may close a position whose equity fell below its maintenance margin.
//!
//! Equity is margin plus unrealized PnL at the oracle price, without impact; maintenance is
//! `maintenance_margin * notional` at the oracle price, rounded up. The position closes at the oracle
//! price and its PnL is settled with the pool as a trade's would be ([`crate::pool::settle`]: a loss
//! beyond the margin is absorbed by the pool, a profit beyond the pool is capped). Of what remains
//! (margin plus profit paid), the liquidator earns `liquidation_fee`, rounded down, and the trader
//! gets the rest.

use ballast_types::attributes::{ACTION, MARKET, PRICE, REALIZED_PNL};
use cosmwasm_std::{BankMsg, Coin, DepsMut, Env, Int256, MessageInfo, Response, Uint128};

use crate::attributes::{
    BAD_DEBT, EQUITY, LIQUIDATION_FEE, LIQUIDATOR, MAINTENANCE, PAYOUT, TRADER,
};
use crate::error::{ContractError, ContractResult};
use crate::execute::load_market;
use crate::state::{CONFIG, MARKETS, POOL, POSITIONS, record_payout};
use crate::{funds, oracle, pool};

/// Liquidates `trader`'s position in `market` if its equity is below maintenance margin.
pub fn liquidate(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    trader: String,
    market: String,
) -> ContractResult<Response> {
    funds::none(&info)?;
    let config = CONFIG.load(deps.storage)?;
    let trader_addr = deps.api.addr_validate(&trader)?;
    let mut market_state = load_market(deps.storage, &market)?;
    let key = (market.as_str(), &trader_addr);
    let position =
        POSITIONS
            .may_load(deps.storage, key)?
            .ok_or_else(|| ContractError::NoPosition {
                trader: trader.clone(),
                market: market.clone(),
            })?;
    let price = oracle::price(deps.as_ref(), &env, &config, &market_state.params.feed_id)?;
    let equity = position.equity(price)?;
    let maintenance = position.maintenance(price, market_state.params.maintenance_margin)?;
    if equity >= Int256::try_from(maintenance)? {
        return Err(ContractError::NotLiquidatable {
            equity,
            maintenance,
        });
    }

    let mut pool_state = POOL.load(deps.storage)?;
    let realized_pnl = position.unrealized_pnl(price)?;
    let settled = pool::settle(position.margin, pool_state.balance, realized_pnl)?;
    pool_state.balance = settled.pool_balance;
    let remaining = settled.margin.checked_add(settled.profit_paid)?;
    let fee_out = remaining.checked_mul_floor(config.liquidation_fee)?;
    let trader_out = remaining.checked_sub(fee_out)?;

    market_state.remove_position(&position)?;
    POSITIONS.remove(deps.storage, key);
    record_payout(deps.storage, &market, &trader_addr, trader_out)?;
    MARKETS.save(deps.storage, &market, &market_state)?;
    POOL.save(deps.storage, &pool_state)?;

    let mut response = Response::new()
        .add_attribute(ACTION, "liquidate")
        .add_attribute(MARKET, &market)
        .add_attribute(TRADER, trader_addr.as_str())
        .add_attribute(LIQUIDATOR, info.sender.as_str())
        .add_attribute(PRICE, price.to_string())
        .add_attribute(EQUITY, equity.to_string())
        .add_attribute(MAINTENANCE, maintenance.to_string())
        .add_attribute(REALIZED_PNL, realized_pnl.to_string())
        .add_attribute(LIQUIDATION_FEE, fee_out)
        .add_attribute(PAYOUT, trader_out);
    if !settled.bad_debt.is_zero() {
        response = response.add_attribute(BAD_DEBT, settled.bad_debt.to_string());
    }
    for (to, amount) in [(info.sender, fee_out), (trader_addr, trader_out)] {
        if amount > Uint128::zero() {
            response = response.add_message(BankMsg::Send {
                to_address: to.into_string(),
                amount: vec![Coin::new(amount, config.denom.clone())],
            });
        }
    }
    Ok(response)
}
