//! Reading a market's price from the Pyth-compatible oracle.
//!
//! The price must be positive, no older than `max_price_age`, and published no more than
//! [`MAX_FUTURE_SKEW`] seconds after the current block (a publisher's clock may run a little ahead of
//! the block time); within that skew it counts as fresh. Pyth's own SDK measures age with `abs()`, so
//! a publish time far in the future passes as fresh; here it is refused. The oracle refuses to store
//! a price beyond the same skew, so a price it holds never freezes the market.

use ballast_types::convert::pyth_to_decimal256;
use ballast_types::oracle::{MAX_FUTURE_SKEW, QueryMsg as OracleQueryMsg};
use ballast_types::perp::QuotedPrice;
use ballast_types::pyth::{PriceFeedResponse, PriceIdentifier};
use cosmwasm_std::{Decimal256, Deps, Env, OverflowError, OverflowOperation};

use crate::error::{ContractError, ContractResult};
use crate::state::Config;

/// The checked oracle price of `feed_id`, base units of collateral per unit of quantity.
pub fn price(
    deps: Deps,
    env: &Env,
    config: &Config,
    feed_id: &PriceIdentifier,
) -> ContractResult<Decimal256> {
    price_at(deps, env, config, feed_id, None)
}

/// As [`price`], at the caller's `quoted` price when it names this market's oracle and feed (a query
/// only: it saves the caller a second oracle read); any other quote is ignored.
pub fn price_at(
    deps: Deps,
    env: &Env,
    config: &Config,
    feed_id: &PriceIdentifier,
    quoted: Option<&QuotedPrice>,
) -> ContractResult<Decimal256> {
    let price = match quoted {
        Some(q)
            if q.oracle == config.oracle_addr.as_str()
                && q.feed_id.normalized() == feed_id.normalized() =>
        {
            q.price
        }
        _ => {
            let response: PriceFeedResponse = deps.querier.query_wasm_smart(
                &config.oracle_addr,
                &OracleQueryMsg::PriceFeed {
                    id: feed_id.clone(),
                },
            )?;
            response.price_feed.price
        }
    };
    if price.price.i64() <= 0 {
        return Err(ContractError::NonPositivePrice {
            feed_id: feed_id.0.clone(),
            price: price.price,
        });
    }
    let now = env.block.time.seconds();
    // i128 holds every u64 and i64, so the age cannot overflow; checked all the same.
    let age = i128::from(now)
        .checked_sub(i128::from(price.publish_time))
        .ok_or(OverflowError::new(OverflowOperation::Sub))?;
    if age < -i128::from(MAX_FUTURE_SKEW) {
        return Err(ContractError::FuturePrice {
            feed_id: feed_id.0.clone(),
            publish_time: price.publish_time,
            now,
            max_skew: MAX_FUTURE_SKEW,
        });
    }
    if age > i128::from(config.max_price_age) {
        return Err(ContractError::StalePrice {
            feed_id: feed_id.0.clone(),
            publish_time: price.publish_time,
            now,
            max_age: config.max_price_age,
        });
    }
    Ok(pyth_to_decimal256(&price)?)
}
