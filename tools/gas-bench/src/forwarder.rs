//! The baseline: `tools/gas-bench/forwarder`, a test-only contract that reads the same oracle price and
//! forwards the same order as a perp `Trade`, with no risk logic — the floor any vault pays.

use std::cell::RefCell;
use std::rc::Rc;

use cosmwasm_std::{Addr, BlockInfo, ContractInfo, Empty, Env, MessageInfo, Timestamp};
use cosmwasm_vm::testing::MockApi;
use cosmwasm_vm::{call_execute, call_instantiate};
use serde_json::json;

use crate::harness::{Outcome, flatten, measure, order};
use crate::world::{World, feed_id, new_instance};
use crate::{START, START_PRICE};

/// Gas of the forwarder's `SubmitOrder` of `size` on `market`, in the same world as the vault's.
pub fn submit_order(fwd_wasm: &[u8], market: &str, size: u128) -> Outcome {
    let world = Rc::new(RefCell::new(World::default()));
    let mut fwd = new_instance(fwd_wasm, &world);
    let api = MockApi::default();
    {
        let mut w = world.borrow_mut();
        w.oracle = api.addr_make("oracle");
        w.perp = api.addr_make("perp");
        w.prices.insert(feed_id(0), (START_PRICE, START));
    }
    let env = Env {
        block: BlockInfo {
            height: 1,
            time: Timestamp::from_seconds(START),
            chain_id: "bench-1".into(),
        },
        transaction: None,
        contract: ContractInfo {
            address: Addr::unchecked(api.addr_make("forwarder")),
        },
    };
    let info = MessageInfo {
        sender: Addr::unchecked(api.addr_make("manager")),
        funds: vec![],
    };
    let init = serde_json::to_vec(
        &json!({"oracle": api.addr_make("oracle"), "perp_market": api.addr_make("perp")}),
    )
    .unwrap();
    let r = call_instantiate::<_, _, _, Empty>(&mut fwd, &env, &info, &init).expect("vm");
    assert!(r.is_ok(), "forwarder instantiate: {:?}", r);
    let mut req = order(market, "long", size, false);
    req["feed_id"] = json!(feed_id(0));
    let bytes = serde_json::to_vec(&json!({"submit_order": req})).unwrap();
    let o = measure(&mut fwd, |vm| {
        flatten(call_execute::<_, _, _, Empty>(vm, &env, &info, &bytes))
    });
    assert!(o.response.is_ok(), "forwarder: {:?}", o.response.err());
    o
}
