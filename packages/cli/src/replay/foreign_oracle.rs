//! A foreign Pyth-style oracle for the `future@DATE` scenario: it answers the same messages as
//! `ballast-oracle` but stores any price it is sent, whatever its publish_time. Ours refuses a
//! publish_time more than 5 s ahead of the block, so a future-dated price never reaches the vault
//! through it; a vault may be pointed at an oracle that does not check, and the scenario shows that the
//! vault's own `max_future_skew` guard refuses the price then.

use cosmwasm_std::{
    Binary, Deps, DepsMut, Empty, Env, MessageInfo, Response, StdError, StdResult, from_json,
    to_json_binary, to_json_vec,
};
use cw_multi_test::{Contract, ContractWrapper};

use ballast_types::oracle::{ExecuteMsg, InstantiateMsg, QueryMsg};
use ballast_types::pyth::{PriceFeed, PriceFeedResponse, PriceIdentifier, PythPrice};

/// A feed's storage key: its normalised id.
fn key(id: &PriceIdentifier) -> Vec<u8> {
    id.normalized().into_bytes()
}

fn instantiate(_: DepsMut, _: Env, _: MessageInfo, _: InstantiateMsg) -> StdResult<Response> {
    Ok(Response::new())
}

fn execute(deps: DepsMut, _: Env, _: MessageInfo, msg: ExecuteMsg) -> StdResult<Response> {
    match msg {
        ExecuteMsg::UpdatePriceFeeds { feeds } => {
            for update in feeds {
                let price = PythPrice {
                    price: update.price,
                    conf: update.conf,
                    expo: update.expo,
                    publish_time: update.publish_time,
                };
                let feed = PriceFeed {
                    id: PriceIdentifier(update.id.normalized()),
                    price,
                    ema_price: price,
                };
                deps.storage.set(&key(&update.id), &to_json_vec(&feed)?);
            }
            Ok(Response::new())
        }
        _ => Err(StdError::msg("the foreign oracle only takes price updates")),
    }
}

fn query(deps: Deps, _: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::PriceFeed { id } => {
            let stored = deps
                .storage
                .get(&key(&id))
                .ok_or_else(|| StdError::msg("no price for this feed"))?;
            let price_feed: PriceFeed = from_json(stored)?;
            to_json_binary(&PriceFeedResponse { price_feed })
        }
        _ => Err(StdError::msg("the foreign oracle only answers price feeds")),
    }
}

/// The foreign oracle's code; instantiate it with `ballast-oracle`'s message (it keeps nothing of it).
pub fn code() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(execute, instantiate, query))
}
