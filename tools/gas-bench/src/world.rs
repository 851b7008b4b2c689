//! The in-memory world that answers the vault's queries: oracle prices, perp positions and trading
//! terms, kept in step with the orders the vault forwards; and the strategies contract's queries (the
//! oracle's from the same prices, the vault's from the vault itself, primed before each call).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use cosmwasm_std::{Binary, ContractResult, SystemResult, WasmQuery};
use cosmwasm_vm::testing::{MockApi, MockQuerier, MockStorage};
use cosmwasm_vm::{Backend, Instance, InstanceOptions, Size};
use serde_json::{Value, json};

use crate::harness::Vm;
use crate::{GAS_LIMIT, START_PRICE};

#[derive(Default)]
pub struct World {
    /// feed id -> (price mantissa, publish_time)
    pub prices: BTreeMap<String, (i128, u64)>,
    /// market -> (signed notional, margin)
    pub positions: BTreeMap<String, (i128, u128)>,
    pub oracle: String,
    pub perp: String,
    /// The vault's address, when a strategies contract queries it.
    pub vault: String,
    /// The vault's answers to the strategies contract's queries, by the query's JSON text (serde_json
    /// sorts keys, so equal queries have equal text); filled by running each query on the vault first.
    pub vault_answers: BTreeMap<String, Value>,
}

pub fn feed_id(i: usize) -> String {
    format!("{:02x}", (i % 250) + 1).repeat(32)
}

pub fn market_name(i: usize) -> String {
    if i == 0 {
        "BTC-PERP".to_string()
    } else {
        format!("M{i:02}-PERP")
    }
}

pub fn venue(feed: &str) -> Value {
    json!({"feed_id": feed, "depth": "1000000000000000", "impact_exponent": "1", "taker_fee": "0.0005",
           "initial_margin": "0.1", "maintenance_margin": "0.05", "max_open_interest": "1000000000000000"})
}

pub fn decimal_price(mantissa: i128) -> String {
    // expo -8
    let int = mantissa / 100_000_000;
    let frac = mantissa % 100_000_000;
    format!("{int}.{frac:08}")
}

pub fn answer(world: &World, contract: &str, msg: &[u8]) -> Result<Value, String> {
    let v: Value = serde_json::from_slice(msg).map_err(|e| e.to_string())?;
    if contract == world.oracle {
        if let Some(id) = v.pointer("/price_feed/id").and_then(Value::as_str) {
            let (p, t) = world.prices.get(id).ok_or("no such feed")?;
            let price = json!({"price": p.to_string(), "conf": (p / 1000).to_string(), "expo": -8, "publish_time": t});
            return Ok(json!({"price_feed": {"id": id, "price": price, "ema_price": price}}));
        }
    } else if !world.vault.is_empty() && contract == world.vault {
        return world
            .vault_answers
            .get(&v.to_string())
            .cloned()
            .ok_or_else(|| format!("vault query not primed: {v}"));
    } else if contract == world.perp {
        if let Some(q) = v.get("position") {
            return Ok(position(world, q["market"].as_str().unwrap_or_default()));
        }
        if let Some(q) = v.get("position_terms") {
            // The perp market's combined read: the position's summary and the trading terms.
            let market = q["market"].as_str().unwrap_or_default();
            let p = position(world, market);
            let mut terms = venue(&feed_id(market_index(market)));
            if let Some(t) = terms.as_object_mut() {
                t.remove("feed_id");
                t.remove("max_open_interest");
            }
            return Ok(json!({
                "position": {"side": p["side"], "notional": p["notional"],
                    "margin": p["margin"], "unrealized_pnl": p["unrealized_pnl"],
                    "paid_out": p["paid_out"]},
                "unmarked": null,
                "terms": terms,
            }));
        }
    }
    Err(format!("unexpected query to {contract}: {v}"))
}

/// The perp market's `Position` answer for the vault in `market`.
fn position(world: &World, market: &str) -> Value {
    let (n, margin) = world.positions.get(market).copied().unwrap_or((0, 0));
    let feed = feed_id(market_index(market));
    let (p, _) = world.prices.get(&feed).copied().unwrap_or((START_PRICE, 0));
    let side = match n.signum() {
        1 => json!("long"),
        -1 => json!("short"),
        _ => Value::Null,
    };
    let qty = n as f64 / (p as f64 / 1e8); // display only, the vault ignores it
    json!({"market": market, "side": side, "quantity": format!("{qty:.6}"),
        "entry_price": decimal_price(p), "mark_price": decimal_price(p),
        "notional": n.unsigned_abs().to_string(), "margin": margin.to_string(), "unrealized_pnl": "0",
        "liquidation_price": if n == 0 { Value::Null } else { json!(decimal_price(p / 2)) },
        "liquidatable": false, "paid_out": "0"})
}

pub fn market_index(market: &str) -> usize {
    if market == "BTC-PERP" {
        0
    } else {
        market[1..3].parse().unwrap_or(0)
    }
}

pub fn new_instance(wasm: &[u8], world: &Rc<RefCell<World>>) -> Vm {
    let mut querier = MockQuerier::new(&[]);
    let w = Rc::clone(world);
    querier.update_wasm(move |q| match q {
        WasmQuery::Smart { contract_addr, msg } => match answer(&w.borrow(), contract_addr, msg) {
            Ok(v) => SystemResult::Ok(ContractResult::Ok(Binary::from(
                serde_json::to_vec(&v).unwrap(),
            ))),
            Err(e) => SystemResult::Ok(ContractResult::Err(e)),
        },
        _ => SystemResult::Ok(ContractResult::Err("unsupported query".into())),
    });
    let backend = Backend {
        api: MockApi::default(),
        storage: MockStorage::default(),
        querier,
    };
    let mut vm = Instance::from_code(
        wasm,
        backend,
        InstanceOptions {
            gas_limit: GAS_LIMIT,
        },
        Some(Size::mebi(16)),
    )
    .expect("instance");
    // A vault built with `--features gas-probe` reports checkpoints (`ballast_vault::probe`).
    vm.set_debug_handler(|label, info| {
        crate::harness::CHECKPOINTS
            .with(|c| c.borrow_mut().push((label.to_string(), info.gas_remaining)))
    });
    vm
}
