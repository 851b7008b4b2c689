//! The pool's value: its balance less the traders' unrealised PnL at the oracle prices, which LP
//! shares are priced on (as GMX and Levana price their LP tokens).
//!
//! Each market's side is valued from its [`SideTotals`], without reading positions: longs are up
//! `size * price - cost`, shorts `cost - size * price`. A market with no position needs no price, so a
//! dead feed of an empty market blocks nothing; one with positions and no usable price refuses the
//! valuation ([`ContractError::PoolUnpriced`]). The loop runs over markets, which only the owner lists.
//!
//! Sides are netted within themselves (a side's winners against its losers), then:
//! - `reserved`: the sum of the sides that are up, rounded up. It is what the pool pays if every
//!   position closed now, counting on no loser of another side, whose loss may exceed its margin. A
//!   withdrawal may not leave the balance below it.
//! - `value`: balance plus the sides that are down less the sides that are up. A deposit is priced on
//!   it rounded up and a withdrawal rounded down: toward the pool.
//!
//! The value counts a losing side's whole loss, even beyond its positions' margins, where the pool
//! will only collect the margin (bad debt); per-position caps would need every position read.

use cosmwasm_std::{Decimal256, Deps, Env, Int128, Order, Uint128};

use crate::error::{ContractError, ContractResult};
use crate::oracle;
use crate::position::to_decimal;
use crate::state::{CONFIG, MARKETS, Pool, SideTotals};

/// The pool valued at the oracle prices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Valuation {
    /// The pool balance, base units.
    pub balance: Uint128,
    /// Sum of the sides that are up (the traders are owed), unrounded.
    pub profits: Decimal256,
    /// Sum of the sides that are down (the traders owe), unrounded.
    pub losses: Decimal256,
}

/// A side's unrealised PnL at `price` as (profit, loss), one of them zero.
fn side_pnl(
    totals: &SideTotals,
    long: bool,
    price: Decimal256,
) -> ContractResult<(Decimal256, Decimal256)> {
    let mark = totals.size.checked_mul(price)?;
    let (up, down) = if long {
        (mark, totals.cost)
    } else {
        (totals.cost, mark)
    };
    Ok(if up >= down {
        (up.checked_sub(down)?, Decimal256::zero())
    } else {
        (Decimal256::zero(), down.checked_sub(up)?)
    })
}

/// Values `pool` at the current oracle prices of every market with open positions.
pub fn value(deps: Deps, env: &Env, pool: &Pool) -> ContractResult<Valuation> {
    let config = CONFIG.load(deps.storage)?;
    let mut out = Valuation {
        balance: pool.balance,
        profits: Decimal256::zero(),
        losses: Decimal256::zero(),
    };
    for item in MARKETS.range(deps.storage, None, None, Order::Ascending) {
        let (id, market) = item?;
        if market.totals_long.size.is_zero() && market.totals_short.size.is_zero() {
            continue;
        }
        let price =
            oracle::price(deps, env, &config, &market.params.feed_id).map_err(|reason| {
                ContractError::PoolUnpriced {
                    market: id.clone(),
                    reason: Box::new(reason),
                }
            })?;
        for (totals, long) in [(&market.totals_long, true), (&market.totals_short, false)] {
            let (profit, loss) = side_pnl(totals, long, price)?;
            out.profits = out.profits.checked_add(profit)?;
            out.losses = out.losses.checked_add(loss)?;
        }
    }
    Ok(out)
}

impl Valuation {
    /// `balance + losses - profits`, unrounded; None when it is zero or below.
    fn positive_value(&self) -> ContractResult<Option<Decimal256>> {
        let assets = to_decimal(self.balance)?.checked_add(self.losses)?;
        Ok((assets > self.profits)
            .then(|| assets.checked_sub(self.profits))
            .transpose()?)
    }

    fn insolvent(&self, total_shares: Uint128) -> ContractResult<ContractError> {
        Ok(ContractError::PoolInsolvent {
            balance: self.balance,
            traders_pnl: self.traders_pnl()?,
            total_shares,
        })
    }

    /// The value a deposit is priced on, rounded up; an error when the pool is worth nothing.
    pub fn for_deposit(&self, total_shares: Uint128) -> ContractResult<Uint128> {
        match self.positive_value()? {
            Some(value) => Ok(Uint128::try_from(value.to_uint_ceil())?),
            None => Err(self.insolvent(total_shares)?),
        }
    }

    /// The value a withdrawal is priced on, rounded down; an error when the pool is worth nothing.
    pub fn for_withdrawal(&self, total_shares: Uint128) -> ContractResult<Uint128> {
        match self.positive_value()? {
            Some(value) if value >= Decimal256::one() => {
                Ok(Uint128::try_from(value.to_uint_floor())?)
            }
            _ => Err(self.insolvent(total_shares)?),
        }
    }

    /// Profit of the sides that are up, rounded up: what a withdrawal must leave in the pool.
    pub fn reserved(&self) -> ContractResult<Uint128> {
        Ok(Uint128::try_from(self.profits.to_uint_ceil())?)
    }

    /// `profits - losses`, rounded up (toward the pool), base units.
    pub fn traders_pnl(&self) -> ContractResult<Int128> {
        if self.profits >= self.losses {
            let up = self.profits.checked_sub(self.losses)?.to_uint_ceil();
            Ok(Int128::try_from(up)?)
        } else {
            let down = self.losses.checked_sub(self.profits)?.to_uint_floor();
            Ok(Int128::zero().checked_sub(Int128::try_from(down)?)?)
        }
    }
}
