//! Grid fills (issue #9), through the strategies contract (issue 17): gas of `ExecuteGridLevel`
//! against the grid's level count and the number of grids, beside the manager's `SubmitOrder` of the
//! same size on the same fresh vault.
//!
//! Each case deploys a fresh one-market vault (same warm-up as the other figures) and a strategies
//! contract the vault allow-lists, registers grids of long levels above the price (all crossed), then
//! fills one level of 100,000 USDC, the size of the accepted `SubmitOrder` row: one level vs fifty in
//! the grid, one grid vs fifty in the market.
//!
//! A fill is three calls, as on chain: the strategies contract's `ExecuteGridLevel` (its query of the
//! vault, `market`, is run on the vault and its gas added), the vault's `SubmitOrder`
//! it sends, and the strategies contract's reply recording what the vault executed. The fill's figure
//! is their sum; the parts are listed below it. As everywhere here, the perp market's `Trade` and the
//! vault's `RemarkAfterTrade` are not included, in the fill or in the reference `SubmitOrder`.
//! Written to `bench/gas-grid.json` so `bench/gas.json` keeps its figures. The ratios are named
//! `strategy_fill_*`: the vault-only fills measured before (`fill_*`) are not the same operation, so
//! they do not ratchet these.

use cosmwasm_std::{
    Addr, ContractInfo, CosmosMsg, Empty, Env, Event, MessageInfo, Reply, SubMsgResponse,
    SubMsgResult, WasmMsg,
};
use cosmwasm_vm::{call_execute, call_instantiate, call_reply};
use serde_json::{Value, json};

use crate::harness::{Gas, Harness, Outcome, Vm, deploy, flatten, measure, order};
use crate::world::{market_name, new_instance};

const SIZE: u128 = 100_000_000_000;

/// The strategies contract in the VM beside a harness's vault.
struct Strategies {
    vm: Vm,
    address: Addr,
}

impl Strategies {
    fn env(&self, h: &Harness) -> Env {
        Env {
            contract: ContractInfo {
                address: self.address.clone(),
            },
            ..h.env.clone()
        }
    }
}

/// A long grid of `levels` prices from 70,000 up, all above the warmed-up price (~61,200).
fn plan(levels: usize, expiry: u64) -> Value {
    let prices: Vec<String> = (0..levels).map(|i| format!("{}", 70_000 + i)).collect();
    json!({"register_grid": {"market": market_name(0), "side": "long", "levels": prices,
        "size": SIZE.to_string(), "expiry": expiry, "reduce_only": false}})
}

/// A fresh vault and a strategies contract it allow-lists.
fn deploy_both(vault_wasm: &[u8], strategies_wasm: &[u8]) -> (Harness, Strategies) {
    let mut h = deploy(vault_wasm, 1, &mut vec![]);
    let vault = h.env.contract.address.to_string();
    h.world.borrow_mut().vault = vault.clone();
    let mut s = Strategies {
        vm: new_instance(strategies_wasm, &h.world),
        address: Addr::unchecked(h.addr("strategies")),
    };
    // Instantiation reads the vault's oracle from its config.
    prime(&mut h, &[config()]);
    let env = s.env(&h);
    let info = MessageInfo {
        sender: Addr::unchecked(h.addr("owner")),
        funds: vec![],
    };
    let bytes = serde_json::to_vec(&json!({"vault": vault})).unwrap();
    let o = measure(&mut s.vm, |vm| {
        flatten(call_instantiate::<_, _, _, Empty>(vm, &env, &info, &bytes))
    });
    assert!(
        o.response.is_ok(),
        "instantiate strategies: {:?}",
        o.response.err()
    );
    let allow = json!({"govern": {"set_strategy": {"address": s.address, "allowed": true}}});
    let o = h.exec("governor", &allow, &[]);
    assert!(o.response.is_ok(), "set_strategy: {:?}", o.response.err());
    (h, s)
}

/// The vault's `config` query (the manager's actions read the manager from it).
fn config() -> Value {
    json!({"config": {}})
}

/// The vault's `market` query (a fill reads the market's feed from it).
fn market() -> Value {
    json!({"market": {"market": market_name(0)}})
}

/// Runs `queries` on the vault and keeps their answers for the strategies contract's querier; returns
/// their gas.
fn prime(h: &mut Harness, queries: &[Value]) -> Gas {
    let mut gas = Gas::default();
    for q in queries {
        let (o, answer) = h.query(q);
        let answer = answer.unwrap_or_else(|| panic!("vault query {q}: {:?}", o.response.err()));
        h.world
            .borrow_mut()
            .vault_answers
            .insert(q.to_string(), answer);
        gas.total += o.gas.total;
        gas.internal += o.gas.internal;
    }
    gas
}

/// `msg` to the strategies contract from `who`, with the gas of `queries`, the queries it makes of the
/// vault, added.
fn strategies_exec(
    h: &mut Harness,
    s: &mut Strategies,
    who: &str,
    msg: &Value,
    queries: &[Value],
) -> Outcome {
    let queries = prime(h, queries);
    let env = s.env(h);
    let info = MessageInfo {
        sender: Addr::unchecked(h.addr(who)),
        funds: vec![],
    };
    let bytes = serde_json::to_vec(msg).unwrap();
    let mut o = measure(&mut s.vm, |vm| {
        flatten(call_execute::<_, _, _, Empty>(vm, &env, &info, &bytes))
    });
    o.gas.total += queries.total;
    o.gas.internal += queries.internal;
    o
}

/// A fresh vault and strategies contract with `grids` grids of `levels` levels each; returns them and
/// the last RegisterGrid.
fn with_grids(
    vault_wasm: &[u8],
    strategies_wasm: &[u8],
    grids: usize,
    levels: usize,
) -> (Harness, Strategies, Outcome) {
    let (mut h, mut s) = deploy_both(vault_wasm, strategies_wasm);
    let expiry = h.env.block.time.seconds() + 7 * crate::DAY;
    let mut last = None;
    for _ in 0..grids {
        let o = strategies_exec(
            &mut h,
            &mut s,
            "manager",
            &plan(levels, expiry),
            &[config(), market()],
        );
        assert!(o.response.is_ok(), "register_grid: {:?}", o.response.err());
        last = Some(o);
    }
    (h, s, last.expect("at least one grid"))
}

/// One fill: the strategies contract's call, the vault's `SubmitOrder` and the reply. Returns the sum
/// (with the vault's response, so the row shows its decision) and the three parts.
fn fill(h: &mut Harness, s: &mut Strategies, grid_id: usize, level: usize) -> [Outcome; 4] {
    let msg = json!({"execute_grid_level": {"market": market_name(0), "grid_id": grid_id, "level": level}});
    let call = strategies_exec(h, s, "keeper", &msg, &[market()]);
    let response = call
        .response
        .as_ref()
        .unwrap_or_else(|e| panic!("execute_grid_level: {e}"));
    let sub = response
        .messages
        .first()
        .expect("the fill's SubmitOrder")
        .clone();
    let CosmosMsg::Wasm(WasmMsg::Execute { msg, .. }) = &sub.msg else {
        panic!("the fill's message is not a wasm execute");
    };
    let submit: Value = serde_json::from_slice(msg).expect("json");
    let order = h.exec("strategies", &submit, &[]);
    let attributes = order
        .response
        .as_ref()
        .unwrap_or_else(|e| panic!("submit_order from strategies: {e}"))
        .attributes
        .clone();
    h.settle(&order);
    // The chain's `wasm` event of the vault's call, as the strategies contract's reply sees it.
    let event = Event::new("wasm")
        .add_attribute("_contract_address", h.env.contract.address.to_string())
        .add_attributes(attributes);
    #[allow(deprecated)]
    let reply = Reply {
        id: sub.id,
        payload: sub.payload.clone(),
        gas_used: 0,
        result: SubMsgResult::Ok(SubMsgResponse {
            events: vec![event],
            data: None,
            msg_responses: vec![],
        }),
    };
    let env = s.env(h);
    let recorded = measure(&mut s.vm, |vm| {
        flatten(call_reply::<_, _, _, Empty>(vm, &env, &reply))
    });
    assert!(
        recorded.response.is_ok(),
        "reply: {:?}",
        recorded.response.err()
    );
    let sum = Outcome {
        gas: Gas {
            total: call.gas.total + order.gas.total + recorded.gas.total,
            internal: call.gas.internal + order.gas.internal + recorded.gas.internal,
        },
        steps: vec![],
        response: order.response.clone(),
    };
    [sum, call, order, recorded]
}

/// The fill's row and, indented, its three parts.
fn fill_rows(rows: &mut Vec<(String, Outcome)>, name: &str, parts: [Outcome; 4]) {
    let [sum, call, order, recorded] = parts;
    rows.push((name.to_string(), sum));
    rows.push((
        "  strategies ExecuteGridLevel (+ vault query)".to_string(),
        call,
    ));
    rows.push(("  vault SubmitOrder from strategies".to_string(), order));
    rows.push((
        "  strategies reply (records the fill)".to_string(),
        recorded,
    ));
}

const ONE: &str = "strategy fill (1 grid, 1 level)";
const FIFTY_LEVELS: &str = "strategy fill (1 grid x 50 levels, last)";
const FIFTY_GRIDS: &str = "strategy fill (50 grids x 50 levels, last)";

/// Rows of the grid table and the JSON document.
pub fn bench(vault_wasm: &[u8], strategies_wasm: &[u8]) -> (Vec<(String, Outcome)>, Value) {
    let mut rows = vec![];
    let mut h = deploy(vault_wasm, 1, &mut vec![]);
    let o = h.exec(
        "manager",
        &json!({"submit_order": order(&market_name(0), "long", SIZE, false)}),
        &[],
    );
    h.settle(&o);
    rows.push(("SubmitOrder accepted (reference)".to_string(), o));

    let (mut h, mut s, register_1) = with_grids(vault_wasm, strategies_wasm, 1, 1);
    rows.push(("RegisterGrid (1 level)".to_string(), register_1));
    let parts = fill(&mut h, &mut s, 1, 0);
    fill_rows(&mut rows, ONE, parts);

    let (mut h, mut s, _) = with_grids(vault_wasm, strategies_wasm, 1, 50);
    let parts = fill(&mut h, &mut s, 1, 49);
    fill_rows(&mut rows, FIFTY_LEVELS, parts);

    let (mut h, mut s, register_50) = with_grids(vault_wasm, strategies_wasm, 50, 50);
    rows.push(("RegisterGrid (50 levels)".to_string(), register_50));
    let parts = fill(&mut h, &mut s, 50, 49);
    fill_rows(&mut rows, FIFTY_GRIDS, parts);
    let [second, ..] = fill(&mut h, &mut s, 50, 0);
    rows.push((
        "strategy fill (same grid, level 0, 2nd fill)".to_string(),
        second,
    ));
    let cancel = json!({"cancel_grid": {"market": market_name(0), "grid_id": 1}});
    let o = strategies_exec(&mut h, &mut s, "manager", &cancel, &[config()]);
    rows.push(("CancelGrid (50 levels)".to_string(), o));

    let gas = |name: &str| rows.iter().find(|r| r.0 == name).map(|r| r.1.gas.total);
    let one = gas(ONE).unwrap_or(1);
    let levels = gas(FIFTY_LEVELS).unwrap_or(0);
    let many = gas(FIFTY_GRIDS).unwrap_or(0);
    let order = gas("SubmitOrder accepted (reference)").unwrap_or(1);
    let ratio = |a: u64, b: u64| ((a as f64 / b as f64) * 10_000.0).round() / 10_000.0;
    let ops: Vec<Value> = rows
        .iter()
        .map(|(n, o)| json!({"operation": n.trim(), "gas": o.gas.total, "gas_wasm": o.gas.internal, "outcome": o.summary()}))
        .collect();
    let doc = json!({
        "vm": "cosmwasm-vm 3.0.10 (singlepass, metering)",
        "gas_unit": "CosmWasm gas, as in bench/gas.json",
        "note": "a strategy fill is the strategies contract's ExecuteGridLevel (with its query of the vault's market, run on the vault), the vault's SubmitOrder it sends, and the strategies contract's reply",
        "operations": ops,
        "strategy_fill_over_submit_order": ratio(one, order),
        "strategy_fill_growth_1_to_50_levels": ratio(levels.saturating_sub(one), one),
        "strategy_fill_growth_1_to_50_grids": ratio(many.saturating_sub(levels), levels),
    });
    (rows, doc)
}
