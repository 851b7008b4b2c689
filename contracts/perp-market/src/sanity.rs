//! Invariants checked after every execute when the `sanity` feature is on (tests only; it iterates
//! every position).
//!
//! - The contract's bank balance of the denom, less what the response is about to send, equals the
//!   pool balance plus every position's margin. (A bank send to the contract outside any message would
//!   trip this check: with the feature on, that is treated as a broken book.)
//! - Each market's open interest per side equals the sum of its positions' notional at entry.
//! - Each market's totals per side equal the sums of its positions' sizes and entry costs, exactly.

use std::collections::BTreeMap;

use ballast_types::Side;
use cosmwasm_std::{BankMsg, CosmosMsg, Decimal256, Deps, Env, Order, Response, Uint128};

use crate::error::{ContractError, ContractResult};
use crate::state::{CONFIG, MARKETS, POOL, POSITIONS, SideTotals};

fn broken(check: &'static str, expected: impl ToString, found: impl ToString) -> ContractError {
    ContractError::Sanity {
        check,
        expected: expected.to_string(),
        found: found.to_string(),
    }
}

/// Checks the books after `response` was built.
pub fn check(deps: Deps, env: &Env, response: &Response) -> ContractResult<()> {
    let config = CONFIG.load(deps.storage)?;
    let mut outgoing = Uint128::zero();
    for sub in &response.messages {
        if let CosmosMsg::Bank(BankMsg::Send { amount, .. }) = &sub.msg {
            for coin in amount.iter().filter(|c| c.denom == config.denom) {
                outgoing = outgoing.checked_add(Uint128::try_from(coin.amount)?)?;
            }
        }
    }
    let balance = deps
        .querier
        .query_balance(&env.contract.address, &config.denom)?
        .amount;
    let held = Uint128::try_from(balance)?.checked_sub(outgoing)?;

    let mut books = POOL.load(deps.storage)?.balance;
    let mut open_interest: BTreeMap<(String, bool), (Uint128, SideTotals)> = BTreeMap::new();
    for item in POSITIONS.range(deps.storage, None, None, Order::Ascending) {
        let ((market, _trader), position) = item?;
        books = books.checked_add(position.margin)?;
        let (oi, totals) = open_interest
            .entry((market, position.side == Side::Long))
            .or_default();
        *oi = oi.checked_add(position.entry_notional()?)?;
        totals.size = totals.size.checked_add(position.size)?;
        totals.cost = totals.cost.checked_add(position.entry_cost()?)?;
    }
    if held != books {
        return Err(broken("bank balance == pool + margins", books, held));
    }
    for item in MARKETS.range(deps.storage, None, None, Order::Ascending) {
        let (id, market) = item?;
        for (is_long, recorded, totals) in [
            (true, market.open_interest_long, &market.totals_long),
            (false, market.open_interest_short, &market.totals_short),
        ] {
            let (sum, sums) = open_interest
                .get(&(id.clone(), is_long))
                .cloned()
                .unwrap_or_default();
            if sum != recorded {
                return Err(broken("open interest == sum of positions", recorded, sum));
            }
            let pairs: [(&'static str, Decimal256, Decimal256); 2] = [
                ("side size == sum of sizes", totals.size, sums.size),
                ("side cost == sum of entry costs", totals.cost, sums.cost),
            ];
            for (check, recorded, sum) in pairs {
                if sum != recorded {
                    return Err(broken(check, recorded, sum));
                }
            }
        }
    }
    Ok(())
}
