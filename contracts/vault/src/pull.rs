//! Margin pulled back from the venues when a redeem needs more than idle: under the margin policy
//! most of the nav sits in positions' margin, and a holder's redeem must not wait for a keeper.
//!
//! Each open market on a venue that returns margin gives what lies beyond the margin that keeps its
//! position `liq_sigmas` from liquidation ([`margin::releasable`]), oldest mark first, until the
//! redeem and a refilled buffer are covered. The stored mark is moved as the venue will move the
//! position (less margin, more paid out), so nav is unchanged and idle gains what comes back.

use cosmwasm_std::{CosmosMsg, Deps, Env, Storage, Uint128};

use ballast_types::vault::VaultParams;

use crate::VenueCustom;
use crate::error::ContractResult;
use crate::inputs;
use crate::margin;
use crate::marks::store_mark;
use crate::state::{Config, MARKETS, Mark, VOLS};
use crate::venue;

/// Margin to take back from one market.
pub struct Pull {
    market: String,
    mark: Mark,
    amount: Uint128,
}

/// The pulls that bring up to `wanted` back from the fresh `marks` a valuation read.
pub fn plan(
    deps: Deps,
    env: &Env,
    config: &Config,
    params: &VaultParams,
    marks: &[(String, Mark)],
    wanted: Uint128,
) -> ContractResult<Vec<Pull>> {
    let mut pulls = vec![];
    let mut left = wanted;
    for (market, mark) in marks {
        if left.is_zero() {
            break;
        }
        let market_config = MARKETS.load(deps.storage, market)?;
        if !market_config.venue.returns_margin() {
            continue;
        }
        let vol = match VOLS.may_load(deps.storage, market)? {
            Some(stored) => stored.to_state()?.vol()?,
            None => None,
        };
        let price = inputs::oracle_price(deps, config, &market_config.feed_id)?;
        let terms = inputs::position_terms(deps, env, config, &market_config, &price)?.terms;
        let amount = margin::releasable(params, &terms, mark, vol)?.min(left);
        if amount.is_zero() {
            continue;
        }
        left = left.checked_sub(amount)?;
        pulls.push(Pull {
            market: market.clone(),
            mark: mark.clone(),
            amount,
        });
    }
    Ok(pulls)
}

/// What the pulls bring back.
pub fn total(pulls: &[Pull]) -> ContractResult<Uint128> {
    pulls
        .iter()
        .try_fold(Uint128::zero(), |sum, p| Ok(sum.checked_add(p.amount)?))
}

/// Stores each pulled market's mark as the venue leaves it (idle gains the amount through the
/// venue's running total of payouts) and returns the venues' messages.
pub fn apply(
    storage: &mut dyn Storage,
    env: &Env,
    config: &Config,
    pulls: Vec<Pull>,
) -> ContractResult<Vec<CosmosMsg<VenueCustom>>> {
    let mut msgs = vec![];
    for Pull {
        market,
        mut mark,
        amount,
    } in pulls
    {
        mark.margin = mark.margin.checked_sub(amount)?;
        mark.paid_out = mark.paid_out.checked_add(amount)?;
        store_mark(storage, &market, &mark, Uint128::zero())?;
        let market_config = MARKETS.load(storage, &market)?;
        msgs.push(venue::remove_margin(env, config, &market_config, amount)?);
    }
    Ok(msgs)
}
