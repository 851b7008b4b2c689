//! A test double for a foreign Pyth-compatible oracle that checks nothing: it stores any price it is
//! sent, so tests can show the vault's own guards against prices our oracle would never publish.

use cosmwasm_std::{
    Binary, Deps, DepsMut, Empty, Env, MessageInfo, Response, StdError, StdResult, to_json_binary,
};
use cw_multi_test::{Contract, ContractWrapper};
use cw_storage_plus::Map;

use ballast_types::oracle::{ExecuteMsg, QueryMsg};
use ballast_types::pyth::{PriceFeed, PriceFeedResponse, PriceIdentifier, PythPrice};

const FEEDS: Map<&str, PriceFeed> = Map::new("f");

fn instantiate(_: DepsMut, _: Env, _: MessageInfo, _: Empty) -> StdResult<Response> {
    Ok(Response::new())
}

fn execute(deps: DepsMut, _: Env, _: MessageInfo, msg: ExecuteMsg) -> StdResult<Response> {
    if let ExecuteMsg::UpdatePriceFeeds { feeds } = msg {
        for u in feeds {
            let price = PythPrice {
                price: u.price,
                conf: u.conf,
                expo: u.expo,
                publish_time: u.publish_time,
            };
            let feed = PriceFeed {
                id: PriceIdentifier(u.id.normalized()),
                price,
                ema_price: price,
            };
            FEEDS.save(deps.storage, &u.id.normalized(), &feed)?;
        }
    }
    Ok(Response::new())
}

fn query(deps: Deps, _: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::PriceFeed { id } => {
            let price_feed = FEEDS
                .may_load(deps.storage, &id.normalized())?
                .ok_or_else(|| StdError::msg("no price"))?;
            to_json_binary(&PriceFeedResponse { price_feed })
        }
        QueryMsg::Config {} => Err(StdError::msg("not supported")),
    }
}

/// The double's code for multi-test; instantiate it with `{}`.
pub fn raw_oracle_code() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(execute, instantiate, query))
}
