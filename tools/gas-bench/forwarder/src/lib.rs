//! The floor any vault pays: read the market's oracle price (the same Pyth-shaped query the vault makes),
//! refuse a non-positive price, and forward the order to the perp market as a `Trade`, with no risk logic.
//! Test-only: built by `scripts/bench-gas.sh` for `tools/gas-bench`, never shipped.

use cosmwasm_std::{
    Binary, Deps, DepsMut, Env, Int64, MessageInfo, Response, StdError, StdResult, Uint64, Uint128,
    WasmMsg, entry_point, to_json_binary,
};
use serde::{Deserialize, Serialize};

const CONFIG_KEY: &[u8] = b"config";

#[derive(Serialize, Deserialize)]
pub struct InstantiateMsg {
    pub oracle: String,
    pub perp_market: String,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Long,
    Short,
}

/// The vault's `OrderRequest` shape, so the baseline parses the same message.
#[derive(Serialize, Deserialize)]
pub struct OrderRequest {
    pub market: String,
    pub side: Side,
    pub size: Uint128,
    pub reduce_only: bool,
    pub feed_id: String,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExecuteMsg {
    SubmitOrder(OrderRequest),
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum OracleQuery {
    PriceFeed { id: String },
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum PerpExecute {
    Trade {
        market: String,
        side: Side,
        notional: Uint128,
        reduce_only: bool,
    },
}

#[derive(Serialize, Deserialize)]
struct PythPrice {
    price: Int64,
    conf: Uint64,
    expo: i32,
    publish_time: i64,
}

#[derive(Serialize, Deserialize)]
struct PriceFeed {
    id: String,
    price: PythPrice,
    ema_price: PythPrice,
}

#[derive(Serialize, Deserialize)]
struct PriceFeedResponse {
    price_feed: PriceFeed,
}

#[entry_point]
pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    _info: MessageInfo,
    msg: InstantiateMsg,
) -> StdResult<Response> {
    deps.api.addr_validate(&msg.oracle)?;
    deps.api.addr_validate(&msg.perp_market)?;
    deps.storage
        .set(CONFIG_KEY, &cosmwasm_std::to_json_vec(&msg)?);
    Ok(Response::new())
}

#[entry_point]
pub fn execute(
    deps: DepsMut,
    _env: Env,
    _info: MessageInfo,
    msg: ExecuteMsg,
) -> StdResult<Response> {
    let ExecuteMsg::SubmitOrder(order) = msg;
    let raw = deps
        .storage
        .get(CONFIG_KEY)
        .ok_or_else(|| StdError::msg("no config"))?;
    let config: InstantiateMsg = cosmwasm_std::from_json(raw)?;
    let price: PriceFeedResponse = deps.querier.query_wasm_smart(
        &config.oracle,
        &OracleQuery::PriceFeed { id: order.feed_id },
    )?;
    if price.price_feed.price.price.i64() <= 0 {
        return Err(StdError::msg("non-positive price"));
    }
    let trade = WasmMsg::Execute {
        contract_addr: config.perp_market,
        msg: to_json_binary(&PerpExecute::Trade {
            market: order.market.clone(),
            side: order.side,
            notional: order.size,
            reduce_only: order.reduce_only,
        })?,
        funds: vec![],
    };
    Ok(Response::new()
        .add_attribute("action", "forward")
        .add_attribute("market", order.market)
        .add_message(trade))
}

#[entry_point]
pub fn query(_deps: Deps, _env: Env, _msg: Binary) -> StdResult<Binary> {
    to_json_binary(&())
}
