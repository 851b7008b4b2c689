//! A stand-in for Injective's exchange module as the vault sees it through the chain's wasm bindings:
//! custom queries on the route `exchange` answered in the v1 (chain-unit) JSON that injectived's
//! query plugin marshals (`LegacyDec` as a string with 18 fractional digits, `isLong` in a position,
//! `is_long` in an effective position, `state` left out when there is no position), and derivative
//! market orders executed the way the exchange executes them: an atomic order (9, 10) at once, in the
//! transaction; a plain market order (1, 2) only at the end of the block, after the vault has replied.
//! Written from injective-core's `wasmbinding/queries.go` and `exchange/keeper/grpc_legacy_query.go`.

use std::cell::RefCell;
use std::rc::Rc;

use cosmwasm_std::{
    ContractResult, CustomQuery, Decimal256, QuerierResult, SignedDecimal256, SystemResult,
    to_json_binary,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// The chain's custom query, as its query plugin parses it: a route and the module's query.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ChainQuery {
    pub route: String,
    pub query_data: Value,
}

impl CustomQuery for ChainQuery {}

/// A position in chain units: quantity in the market's units, prices in quote base units per unit,
/// margin in quote base units.
#[derive(Clone, Debug, PartialEq)]
pub struct Position {
    pub is_long: bool,
    pub quantity: Decimal256,
    pub entry_price: Decimal256,
    pub margin: Decimal256,
}

/// One market and one subaccount of the exchange.
#[derive(Clone, Debug)]
pub struct Exchange {
    pub market_id: String,
    pub subaccount_id: String,
    /// The market's mark price, chain units.
    pub mark_price: Decimal256,
    pub position: Option<Position>,
    /// Funding the position has received since entry (negative: paid), quote base units.
    pub funding: SignedDecimal256,
    /// The share of each order's quantity the book fills.
    pub fill: Decimal256,
    /// Orders the vault sent that wait for the end of the block (plain market orders).
    pub queued: Vec<Value>,
}

pub type Shared = Rc<RefCell<Exchange>>;

pub fn d(s: &str) -> Decimal256 {
    s.parse().unwrap()
}

/// How Go prints a `LegacyDec`: 18 fractional digits, a leading '-' when negative.
pub fn legacy(x: SignedDecimal256) -> String {
    let digits = x.atomics().unsigned_abs().to_string();
    let padded = format!("{digits:0>19}");
    let (int, frac) = padded.split_at(padded.len() - 18);
    let sign = if x.is_negative() { "-" } else { "" };
    format!("{sign}{int}.{frac}")
}

pub fn signed(x: Decimal256) -> SignedDecimal256 {
    SignedDecimal256::try_from(x).unwrap()
}

impl Exchange {
    pub fn new(market_id: String, subaccount_id: String, mark_price: Decimal256) -> Shared {
        Rc::new(RefCell::new(Exchange {
            market_id,
            subaccount_id,
            mark_price,
            position: None,
            funding: SignedDecimal256::zero(),
            fill: Decimal256::one(),
            queued: vec![],
        }))
    }

    /// The exchange's own effective margin: margin + PnL at the mark + funding (`GetEffectiveMargin`).
    pub fn effective_margin(&self) -> Option<SignedDecimal256> {
        let p = self.position.as_ref()?;
        let value = signed(p.quantity) * signed(self.mark_price);
        let cost = signed(p.quantity) * signed(p.entry_price);
        let pnl = if p.is_long {
            value - cost
        } else {
            cost - value
        };
        Some(signed(p.margin) + pnl + self.funding)
    }

    /// Answers a custom query, checking it asks about this market and subaccount.
    pub fn answer(&self, q: &ChainQuery) -> QuerierResult {
        let err = |e: String| SystemResult::Ok(ContractResult::Err(e));
        if q.route != "exchange" {
            return err(format!("route {}", q.route));
        }
        let (kind, args) = q.query_data.as_object().unwrap().iter().next().unwrap();
        if args["market_id"] != self.market_id.as_str() {
            return err(format!("market {}", args["market_id"]));
        }
        let dec = |x: Decimal256| legacy(signed(x));
        let answer = match kind.as_str() {
            "subaccount_position_in_market" | "subaccount_effective_position_in_market"
                if args["subaccount_id"] != self.subaccount_id.as_str() =>
            {
                return err(format!("subaccount {}", args["subaccount_id"]));
            }
            "subaccount_position_in_market" => match &self.position {
                None => json!({}),
                Some(p) => json!({"state": {"isLong": p.is_long, "quantity": dec(p.quantity),
                    "entry_price": dec(p.entry_price), "margin": dec(p.margin),
                    "cumulative_funding_entry": "0.000000000000000000"}}),
            },
            "subaccount_effective_position_in_market" => match &self.position {
                None => json!({}),
                Some(p) => json!({"state": {"is_long": p.is_long, "quantity": dec(p.quantity),
                    "entry_price": dec(p.entry_price),
                    "effective_margin": legacy(self.effective_margin().unwrap())}}),
            },
            "derivative_market" => json!({"market": {
                "market": {"ticker": "BTC/USDT PERP", "market_id": self.market_id,
                           "quote_decimals": 6, "min_quantity_tick_size": "0.000100000000000000"},
                "info": {"perpetual_info": {"market_info": {"market_id": self.market_id},
                         "funding_info": {"cumulative_funding": "0.000000000000000000"}}},
                "mark_price": dec(self.mark_price)}}),
            other => return err(format!("query {other}")),
        };
        SystemResult::Ok(ContractResult::Ok(to_json_binary(&answer).unwrap()))
    }

    /// Executes `create_derivative_market_order` at the mark price, filling `fill` of its quantity
    /// (down to the 0.0001 tick); returns the change of the vault's bank balance (the default
    /// subaccount trades from it): margin taken, or margin and PnL paid back on a reduction.
    pub fn execute(&mut self, order: &Value) -> SignedDecimal256 {
        let num = |v: &Value| d(v.as_str().unwrap());
        let is_buy = matches!(order["order_type"].as_u64().unwrap(), 1 | 9);
        let quantity = num(&order["order_info"]["quantity"]);
        let worst = num(&order["order_info"]["price"]);
        let margin = num(&order["margin"]);
        let price = self.mark_price;
        assert!(if is_buy {
            price <= worst
        } else {
            price >= worst
        });
        let tick = d("0.0001");
        let filled = (quantity * self.fill / tick).floor() * tick;
        if filled.is_zero() {
            return SignedDecimal256::zero();
        }
        match self.position.take() {
            Some(mut p) if p.is_long != is_buy => {
                let closed = filled.min(p.quantity);
                let released = p.margin * closed / p.quantity;
                let pnl = if p.is_long {
                    signed(closed * price) - signed(closed * p.entry_price)
                } else {
                    signed(closed * p.entry_price) - signed(closed * price)
                };
                p.quantity -= closed;
                p.margin -= released;
                self.position = (!p.quantity.is_zero()).then_some(p);
                signed(released) + pnl
            }
            held => {
                let used = margin * filled / quantity;
                let (old_q, old_cost, old_margin) = held
                    .map(|p| (p.quantity, p.quantity * p.entry_price, p.margin))
                    .unwrap_or_default();
                let new_q = old_q + filled;
                self.position = Some(Position {
                    is_long: is_buy,
                    quantity: new_q,
                    entry_price: (old_cost + filled * price) / new_q,
                    margin: old_margin + used,
                });
                -signed(used)
            }
        }
    }
}
