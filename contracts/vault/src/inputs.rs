//! Reading the world: the oracle price, the vault's position and the venue's market, the idle
//! balance. Every read touches one market only.

use cosmwasm_std::{Deps, Env, Int128, Uint128};

use ballast_types::oracle;
use ballast_types::perp::{self, PositionSummary, PositionTermsResponse};
use ballast_types::pyth::PythPrice;

use crate::error::ContractResult;
use crate::state::{Config, Mark};

/// The oracle's current price of a feed.
pub fn oracle_price(
    deps: Deps,
    config: &Config,
    feed_id: &ballast_types::pyth::PriceIdentifier,
) -> ContractResult<PythPrice> {
    let response: OracleAnswer = deps.querier.query_wasm_smart(
        &config.oracle,
        &oracle::QueryMsg::PriceFeed {
            id: feed_id.clone(),
        },
    )?;
    Ok(response.price_feed.price)
}

/// The part of the oracle's `PriceFeedResponse` the vault reads: the price, not the feed's id or its
/// EMA, which are skipped unparsed (each JSON level costs gas to read).
struct OracleAnswer {
    price_feed: OracleFeed,
}

struct OracleFeed {
    price: PythPrice,
}

ballast_types::json_struct!(OracleAnswer { price_feed, .. });
ballast_types::json_struct!(OracleFeed { price, .. });

/// The vault's position in a market, marked by the perp market now.
pub fn position(
    deps: Deps,
    env: &Env,
    config: &Config,
    market: &str,
) -> ContractResult<PositionSummary> {
    Ok(deps.querier.query_wasm_smart(
        &config.perp_market,
        &perp::QueryMsg::Position {
            trader: env.contract.address.to_string(),
            market: market.to_string(),
        },
    )?)
}

/// The vault's position in a market and the market's trading terms, in one query to the perp market.
pub fn position_terms(
    deps: Deps,
    env: &Env,
    config: &Config,
    market: &str,
) -> ContractResult<PositionTermsResponse> {
    Ok(deps.querier.query_wasm_smart(
        &config.perp_market,
        &perp::QueryMsg::PositionTerms {
            trader: env.contract.address.to_string(),
            market: market.to_string(),
        },
    )?)
}

/// The base denom the vault holds itself.
pub fn idle(deps: Deps, env: &Env, config: &Config) -> ContractResult<Uint128> {
    let balance = deps
        .querier
        .query_balance(&env.contract.address, &config.denom)?;
    Ok(Uint128::try_from(balance.amount)?)
}

/// A position as a mark taken at `time`.
pub fn mark_of(position: &PositionSummary, time: u64) -> Mark {
    Mark {
        side: position.side,
        notional: position.notional,
        margin: position.margin,
        unrealized_pnl: position.unrealized_pnl,
        time,
    }
}

/// Margin plus unrealised PnL of a mark, floored at zero: an isolated position can lose its margin
/// and no more, so one under water does not lower nav below what the vault still holds.
pub fn equity(mark: &Mark) -> ContractResult<Int128> {
    let margin = Int128::try_from(mark.margin)?;
    Ok(margin.checked_add(mark.unrealized_pnl)?.max(Int128::zero()))
}
