//! A stand-in for a Pyth contract that answers every feed with one fixed price, whatever it is.

use ballast_types::oracle::QueryMsg;
use ballast_types::pyth::{PriceFeed, PriceFeedResponse, PythPrice};
use cosmwasm_std::{
    Binary, Deps, DepsMut, Empty, Env, Int64, MessageInfo, Response, StdError, StdResult, Uint64,
    from_json, to_json_binary, to_json_vec,
};
use cw_multi_test::{Contract, ContractWrapper};

use super::EXPO;

const FIXED_FEED_KEY: &[u8] = b"feed";

fn fixed_feed_instantiate(
    deps: DepsMut,
    _env: Env,
    _info: MessageInfo,
    msg: PythPrice,
) -> StdResult<Response> {
    deps.storage.set(FIXED_FEED_KEY, &to_json_vec(&msg)?);
    Ok(Response::new())
}

fn fixed_feed_execute(
    _deps: DepsMut,
    _env: Env,
    _info: MessageInfo,
    _msg: Empty,
) -> StdResult<Response> {
    Err(StdError::msg("the fixed feed takes no messages"))
}

fn fixed_feed_query(deps: Deps, _env: Env, msg: QueryMsg) -> StdResult<Binary> {
    let QueryMsg::PriceFeed { id } = msg else {
        return Err(StdError::msg("the fixed feed answers price_feed only"));
    };
    let stored = deps
        .storage
        .get(FIXED_FEED_KEY)
        .ok_or_else(|| StdError::msg("no price"))?;
    let price: PythPrice = from_json(stored)?;
    to_json_binary(&PriceFeedResponse {
        price_feed: PriceFeed {
            id,
            price,
            ema_price: price,
        },
    })
}

/// A stand-in for a Pyth contract that answers every feed with one fixed price, whatever it is.
/// The real oracle refuses a non-positive price; a real Pyth feed may hold one, so the perp's guard
/// is tested against this.
pub fn fixed_feed_code() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(
        fixed_feed_execute,
        fixed_feed_instantiate,
        fixed_feed_query,
    ))
}

/// A Pyth price with mantissa `price`, expo -8, published at `publish_time`.
pub fn pyth_price(price: i64, publish_time: i64) -> PythPrice {
    PythPrice {
        price: Int64::new(price),
        conf: Uint64::zero(),
        expo: EXPO,
        publish_time,
    }
}
