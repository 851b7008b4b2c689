//! A stand-in for a Levana perps market contract: it accepts only the Levana messages copied in
//! `tests/fixtures/venues/levana/` (deny_unknown_fields, Levana's own number parsing), keeps the
//! collateral, and records what it received so tests can read it back.

use cosmwasm_std::{
    Binary, Coin, Deps, DepsMut, Empty, Env, MessageInfo, Response, StdResult, to_json_binary,
};
use cw_multi_test::{Contract, ContractWrapper};
use cw_storage_plus::Item;
use serde::{Deserialize, Serialize};

use crate::levana_fixture::ExecuteMsg;

/// One message the stub market received, with the funds attached.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Received {
    /// The message, parsed as Levana parses it.
    pub msg: ExecuteMsg,
    /// Collateral attached.
    pub funds: Vec<Coin>,
}

/// The stub's only query: everything it received, oldest first.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum StubQuery {
    /// Returns `Vec<Received>`.
    Received {},
}

const RECEIVED: Item<Vec<Received>> = Item::new("r");

fn instantiate(deps: DepsMut, _: Env, _: MessageInfo, _: Empty) -> StdResult<Response> {
    RECEIVED.save(deps.storage, &vec![])?;
    Ok(Response::new())
}

fn execute(deps: DepsMut, _: Env, info: MessageInfo, msg: ExecuteMsg) -> StdResult<Response> {
    let mut received = RECEIVED.load(deps.storage)?;
    received.push(Received {
        msg,
        funds: info.funds,
    });
    RECEIVED.save(deps.storage, &received)?;
    Ok(Response::new().add_attribute("action", "levana_stub"))
}

fn query(deps: Deps, _: Env, msg: StubQuery) -> StdResult<Binary> {
    match msg {
        StubQuery::Received {} => to_json_binary(&RECEIVED.load(deps.storage)?),
    }
}

/// The stub's code for multi-test; instantiate it with `{}`.
pub fn levana_stub_code() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(execute, instantiate, query))
}
