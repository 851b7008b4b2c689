//! Grid fills (issue #9): gas of `ExecuteGridLevel` against the grid's level count and the number of
//! grids, beside the `SubmitOrder` of the same size on the same fresh vault.
//!
//! Each case deploys a fresh one-market vault (same warm-up as the other figures), registers grids of
//! long levels above the price (all crossed), then fills one level of 100,000 USDC, the size of the
//! accepted `SubmitOrder` row: one level vs fifty in the grid, one grid vs fifty in the market.
//! Written to `bench/gas-grid.json` so `bench/gas.json` keeps its figures.

use serde_json::{Value, json};

use crate::harness::{Harness, Outcome, deploy, order};
use crate::world::market_name;

const SIZE: u128 = 100_000_000_000;

/// A long grid of `levels` prices from 70,000 up, all above the warmed-up price (~61,200).
fn plan(levels: usize, expiry: u64) -> Value {
    let prices: Vec<String> = (0..levels).map(|i| format!("{}", 70_000 + i)).collect();
    json!({"register_grid": {"market": market_name(0), "side": "long", "levels": prices,
        "size": SIZE.to_string(), "expiry": expiry, "reduce_only": false}})
}

/// A fresh vault with `grids` grids of `levels` levels each; returns it and the last RegisterGrid.
fn with_grids(vault_wasm: &[u8], grids: usize, levels: usize) -> (Harness, Outcome) {
    let mut h = deploy(vault_wasm, 1, &mut vec![]);
    let expiry = h.env.block.time.seconds() + 7 * crate::DAY;
    let mut last = None;
    for _ in 0..grids {
        let o = h.exec("manager", &plan(levels, expiry), &[]);
        assert!(o.response.is_ok(), "register_grid: {:?}", o.response.err());
        last = Some(o);
    }
    (h, last.expect("at least one grid"))
}

fn fill(h: &mut Harness, grid_id: usize, level: usize) -> Outcome {
    let msg = json!({"execute_grid_level": {"market": market_name(0), "grid_id": grid_id, "level": level}});
    let o = h.exec("keeper", &msg, &[]);
    assert!(
        o.response.is_ok(),
        "execute_grid_level: {:?}",
        o.response.err()
    );
    h.settle(&o);
    o
}

/// Rows of the grid table and the JSON document.
pub fn bench(vault_wasm: &[u8]) -> (Vec<(String, Outcome)>, Value) {
    let mut rows = vec![];
    let mut h = deploy(vault_wasm, 1, &mut vec![]);
    let o = h.exec(
        "manager",
        &json!({"submit_order": order(&market_name(0), "long", SIZE, false)}),
        &[],
    );
    h.settle(&o);
    rows.push(("SubmitOrder accepted (reference)".to_string(), o));

    let (mut h, register_1) = with_grids(vault_wasm, 1, 1);
    rows.push(("RegisterGrid (1 level)".to_string(), register_1));
    rows.push((
        "ExecuteGridLevel (1 grid, 1 level)".to_string(),
        fill(&mut h, 1, 0),
    ));

    let (mut h, _) = with_grids(vault_wasm, 1, 50);
    rows.push((
        "ExecuteGridLevel (1 grid x 50 levels, last)".to_string(),
        fill(&mut h, 1, 49),
    ));

    let (mut h, register_50) = with_grids(vault_wasm, 50, 50);
    rows.push(("RegisterGrid (50 levels)".to_string(), register_50));
    rows.push((
        "ExecuteGridLevel (50 grids x 50 levels, last)".to_string(),
        fill(&mut h, 50, 49),
    ));
    rows.push((
        "ExecuteGridLevel (same grid, level 0, 2nd fill)".to_string(),
        fill(&mut h, 50, 0),
    ));
    let cancel = json!({"cancel_grid": {"market": market_name(0), "grid_id": 1}});
    rows.push((
        "CancelGrid (50 levels)".to_string(),
        h.exec("manager", &cancel, &[]),
    ));

    let gas = |name: &str| rows.iter().find(|r| r.0 == name).map(|r| r.1.gas.total);
    let one = gas("ExecuteGridLevel (1 grid, 1 level)").unwrap_or(1);
    let levels = gas("ExecuteGridLevel (1 grid x 50 levels, last)").unwrap_or(0);
    let many = gas("ExecuteGridLevel (50 grids x 50 levels, last)").unwrap_or(0);
    let order = gas("SubmitOrder accepted (reference)").unwrap_or(1);
    let ratio = |a: u64, b: u64| ((a as f64 / b as f64) * 10_000.0).round() / 10_000.0;
    let ops: Vec<Value> = rows
        .iter()
        .map(|(n, o)| json!({"operation": n, "gas": o.gas.total, "gas_wasm": o.gas.internal, "outcome": o.summary()}))
        .collect();
    let doc = json!({
        "vm": "cosmwasm-vm 3.0.10 (singlepass, metering)",
        "gas_unit": "CosmWasm gas, as in bench/gas.json",
        "operations": ops,
        "fill_over_submit_order": ratio(one, order),
        "fill_growth_1_to_50_levels": ratio(levels.saturating_sub(one), one),
        "fill_growth_1_to_50_grids": ratio(many.saturating_sub(levels), levels),
    });
    (rows, doc)
}
