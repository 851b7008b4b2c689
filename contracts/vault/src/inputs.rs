//! Reading the world: the oracle price, the vault's position and the venue's market. Every read
//! touches one market only.

use cosmwasm_std::{Deps, Env, Int128};

use ballast_types::perp::{PositionSummary, PositionTermsResponse};
use ballast_types::pyth::PythPrice;
use ballast_types::vault::MarketConfig;

use crate::error::ContractResult;
use crate::state::{Config, Mark};
use crate::wire;

/// The oracle's current price of a feed.
pub fn oracle_price(
    deps: Deps,
    config: &Config,
    feed_id: &ballast_types::pyth::PriceIdentifier,
) -> ContractResult<PythPrice> {
    let msg = feed_query(feed_id);
    let answer = wire::smart_query(&deps.querier, config.oracle.as_str(), &msg)?;
    Ok(wire::answers::oracle_price(&answer)?)
}

/// `{"price_feed":{"id":..}}`, the JSON of oracle::QueryMsg::PriceFeed.
fn feed_query(feed_id: &ballast_types::pyth::PriceIdentifier) -> Vec<u8> {
    let mut msg = br#"{"price_feed":{"id":"#.to_vec();
    wire::push_json_str(&mut msg, &feed_id.0);
    msg.extend_from_slice(b"}}");
    msg
}

/// The vault's position in a market, marked by the perp market now (at `price`, when given: the
/// oracle's answer the vault has just read).
pub fn position(
    deps: Deps,
    env: &Env,
    config: &Config,
    market: &MarketConfig,
    price: Option<&PythPrice>,
) -> ContractResult<PositionSummary> {
    let msg = perp_query("position", env, config, market, price);
    let answer = wire::smart_query(&deps.querier, config.perp_market.as_str(), &msg)?;
    Ok(wire::answers::position(&answer)?)
}

/// The vault's position in a market and the market's trading terms, in one query to the perp market,
/// marked at the oracle's `price` the vault has just read.
pub fn position_terms(
    deps: Deps,
    env: &Env,
    config: &Config,
    market: &MarketConfig,
    price: &PythPrice,
) -> ContractResult<PositionTermsResponse> {
    let msg = perp_query("position_terms", env, config, market, Some(price));
    let answer = wire::smart_query(&deps.querier, config.perp_market.as_str(), &msg)?;
    Ok(wire::answers::position_terms(&answer)?)
}

/// `{"<query>":{"trader":<the vault>,"market":..,"at_price":..}}`, the JSON of perp::QueryMsg's
/// `Position` and `PositionTerms`. The quoted price saves the perp market its own oracle read, a
/// contract instance on chain; it uses it only when it reads the same oracle and feed.
fn perp_query(
    query: &str,
    env: &Env,
    config: &Config,
    market: &MarketConfig,
    price: Option<&PythPrice>,
) -> Vec<u8> {
    let mut msg = b"{".to_vec();
    wire::push_json_str(&mut msg, query);
    msg.extend_from_slice(br#":{"trader":"#);
    wire::push_json_str(&mut msg, env.contract.address.as_str());
    msg.extend_from_slice(br#","market":"#);
    wire::push_json_str(&mut msg, &market.market);
    if let Some(price) = price {
        msg.extend_from_slice(br#","at_price":{"oracle":"#);
        wire::push_json_str(&mut msg, config.oracle.as_str());
        msg.extend_from_slice(br#","feed_id":"#);
        wire::push_json_str(&mut msg, &market.feed_id.0);
        msg.extend_from_slice(br#","price":"#);
        wire::push_pyth_price(&mut msg, price);
        msg.push(b'}');
    }
    msg.extend_from_slice(b"}}");
    msg
}

/// A position as a mark taken at `time`.
pub fn mark_of(position: &PositionSummary, time: u64) -> Mark {
    Mark {
        side: position.side,
        notional: position.notional,
        margin: position.margin,
        unrealized_pnl: position.unrealized_pnl,
        time,
        paid_out: position.paid_out,
    }
}

/// Margin plus unrealised PnL of a mark, floored at zero: an isolated position can lose its margin
/// and no more, so one under water does not lower nav below what the vault still holds.
pub fn equity(mark: &Mark) -> ContractResult<Int128> {
    let margin = Int128::try_from(mark.margin)?;
    Ok(margin.checked_add(mark.unrealized_pnl)?.max(Int128::zero()))
}

#[cfg(test)]
mod tests {
    use cosmwasm_std::testing::mock_env;
    use cosmwasm_std::to_json_vec;

    use ballast_types::{oracle, perp, pyth::PriceIdentifier};

    use super::*;

    #[test]
    fn queries_are_written_as_their_messages_serialise() {
        let env = mock_env();
        let trader = env.contract.address.to_string();
        let addr = |s: &str| cosmwasm_std::Addr::unchecked(s);
        let config = Config {
            governor: addr("governor"),
            manager: addr("manager"),
            fee_recipient: addr("fees"),
            denom: "uusd".to_string(),
            oracle: addr("cosmwasm1oracle"),
            perp_market: addr("perp"),
            share_denom: "factory/vault/share".to_string(),
            token_factory: ballast_types::vault::TokenFactory::Osmosis,
        };
        let market: MarketConfig = serde_json::from_str(
            r#"{"market":"BTC-\"PERP\"","feed_id":"ab","max_notional":"1","weight":"1"}"#,
        )
        .unwrap();
        let price = PythPrice {
            price: cosmwasm_std::Int64::new(-5),
            conf: cosmwasm_std::Uint64::new(7),
            expo: -8,
            publish_time: 1_700_000_000,
        };
        let quoted = perp::QuotedPrice {
            oracle: config.oracle.to_string(),
            feed_id: market.feed_id.clone(),
            price,
        };
        let terms = perp::QueryMsg::PositionTerms {
            trader: trader.clone(),
            market: market.market.clone(),
            at_price: Some(quoted),
        };
        assert_eq!(
            perp_query("position_terms", &env, &config, &market, Some(&price)),
            to_json_vec(&terms).unwrap()
        );
        let position = perp::QueryMsg::Position {
            trader,
            market: market.market.clone(),
            at_price: None,
        };
        assert_eq!(
            perp_query("position", &env, &config, &market, None),
            to_json_vec(&position).unwrap()
        );
        let id = PriceIdentifier("ab".repeat(32));
        let feed = oracle::QueryMsg::PriceFeed { id: id.clone() };
        assert_eq!(feed_query(&id), to_json_vec(&feed).unwrap());
    }
}
