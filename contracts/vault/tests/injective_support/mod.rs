//! The Injective test world: a vault with one Injective market, the oracle it reads, and the
//! stand-in exchange ([`exchange`]) it trades on and reads its position from, run as the chain runs
//! a transaction (an atomic order executes before the vault's re-mark).

pub mod exchange;

use std::cell::Cell;
use std::rc::Rc;

use cosmwasm_std::testing::{MockApi, MockQuerier, MockStorage, message_info, mock_env};
use cosmwasm_std::{
    CanonicalAddr, ContractResult, CosmosMsg, Decimal256, Empty, Env, Int64, Int128, OwnedDeps,
    Response, SystemResult, Timestamp, Uint64, Uint128, WasmMsg, WasmQuery, coins, from_json,
    to_json_binary,
};
use serde_json::{Value, json};

use ballast_types::Side;
use ballast_types::pyth::{PriceFeed, PriceFeedResponse, PriceIdentifier, PythPrice};
use ballast_types::vault::{
    ExecuteMsg, InstantiateMsg, MarketResponse, OrderRequest, QueryMsg, StateResponse,
};
use ballast_vault::VenueCustom;
use ballast_vault::contract::{execute, instantiate, query};
use exchange::{ChainQuery, Exchange, Shared, signed};

pub const DAY: u64 = 86_400;
pub const DENOM: &str = "inj";

/// The oracle's answer: a feed at `price` (8 decimals) published at `time`.
pub fn feed(price: i64, time: u64) -> PriceFeedResponse {
    let p = PythPrice {
        price: Int64::new(price),
        conf: Uint64::new(u64::try_from(price / 1_000).unwrap()),
        expo: -8,
        publish_time: i64::try_from(time).unwrap(),
    };
    PriceFeedResponse {
        price_feed: PriceFeed {
            id: PriceIdentifier("b7".repeat(32)),
            price: p,
            ema_price: p,
        },
    }
}

pub fn params() -> Value {
    json!({"target_vol":"0.4","max_leverage":"3","max_concentration":"3","kelly_fraction":"0.5","max_edge":"0.3",
        "var_confidence":"0.99","var_budget":"0.1","var_horizon":DAY,"max_slippage":"0.01","liq_sigmas":"3",
        "liq_horizon":DAY,"min_order":"1000000",
        "guards":{"max_age":60,"reduce_max_age":600,"max_future_skew":5,"max_confidence":"0.01","breaker_sigmas":"8",
                  "breaker_max_move":"0.25","breaker_cooldown":3600,"max_mark_age":3600},
        "estimator":{"lambda":"0.94","vol_step":DAY,"min_observations":3},
        "deleverage_tolerance":"0.05","rebalance_threshold":"0.05","share_offset_decimals":6,
        "management_fee":"0","performance_fee":"0","timelock":DAY})
}

pub fn market() -> Value {
    json!({"market":"BTC-PERP","feed_id":"b7".repeat(32),"weight":"1","max_notional":"10000000000000",
        "venue":{"injective":{"market_id":format!("0x{}", "4c".repeat(32)),
            "subaccount_id":format!("0x{}{}", "ab".repeat(20), "0".repeat(24)),"fee_recipient":null,
            "max_slippage":"0.01","quote_decimals":6,"price_tick":"1000","quantity_tick":"0.0001",
            "terms":{"depth":"1000000000000000","impact_exponent":"1","taker_fee":"0.0005",
                     "initial_margin":"0.1","maintenance_margin":"0.05"}}}})
}

/// The vault's address: 20 bytes of 0xab, whose default subaccount `market()` names.
pub fn vault_env(api: &MockApi) -> Env {
    let mut env = mock_env();
    env.block.time = Timestamp::from_seconds(1_700_000_000);
    env.contract.address =
        cosmwasm_std::Api::addr_humanize(api, &CanonicalAddr::from(vec![0xab; 20])).unwrap();
    env
}

pub fn instantiate_msg(api: &MockApi, market: Value) -> InstantiateMsg {
    let addr = |name: &str| api.addr_make(name).to_string();
    // From JSON text: the contracts' types borrow their fields from it (`ballast_types::json`).
    serde_json::from_str(
        &json!({
        "governor": addr("governor"), "manager": addr("manager"),
        "denom": DENOM, "oracle": addr("oracle"), "perp_market": addr("perp"),
        "fee_recipient": addr("fees"), "params": params(), "markets": [market],
        "share_token": {"token_factory": "injective", "subdenom": "share"}})
        .to_string(),
    )
    .unwrap()
}

/// The vault's default subaccount on Injective: its address bytes (20 of 0xab), then nonce 0.
pub fn default_subaccount() -> String {
    format!("0x{}{}", "ab".repeat(20), "0".repeat(24))
}

pub type Deps = OwnedDeps<MockStorage, MockApi, MockQuerier<ChainQuery>, Empty>;

/// A test world: the vault, its block, the oracle's (mantissa, publish time) and the exchange.
pub struct World {
    pub deps: Deps,
    pub env: Env,
    pub price: Rc<Cell<(i64, u64)>>,
    pub exchange: Shared,
}

/// The exchange's chain price for an oracle mantissa (8 decimals) and a 6-decimal quote.
pub fn chain_price(mantissa: i64) -> Decimal256 {
    Decimal256::from_ratio(u128::try_from(mantissa).unwrap(), 100u128)
}

/// A vault with one Injective market, 1M deposited, and `days` daily prices marked (+-2%); the
/// exchange marks the market at the oracle's price.
pub fn vault(days: u32) -> World {
    let api = MockApi::default();
    let price = Rc::new(Cell::new((6_000_000_000_000i64, 0u64)));
    let exchange = Exchange::new(
        format!("0x{}", "4c".repeat(32)),
        default_subaccount(),
        chain_price(price.get().0),
    );
    let answer = Rc::clone(&price);
    let venue = Rc::clone(&exchange);
    let mut querier =
        MockQuerier::<ChainQuery>::new(&[]).with_custom_handler(move |q| venue.borrow().answer(q));
    querier.update_wasm(move |q| match q {
        WasmQuery::Smart { .. } => {
            let (p, t) = answer.get();
            SystemResult::Ok(ContractResult::Ok(to_json_binary(&feed(p, t)).unwrap()))
        }
        _ => SystemResult::Ok(ContractResult::Err("unsupported".into())),
    });
    let mut deps = OwnedDeps {
        storage: MockStorage::default(),
        api,
        querier,
        custom_query_type: Default::default(),
    };
    let env = vault_env(&deps.api);
    let (owner, msg) = (
        deps.api.addr_make("owner"),
        instantiate_msg(&deps.api, market()),
    );
    instantiate(deps.as_mut(), env.clone(), message_info(&owner, &[]), msg).unwrap();
    let alice = deps.api.addr_make("alice");
    let funds = coins(1_000_000_000_000, DENOM);
    deps.querier
        .bank
        .update_balance(env.contract.address.as_str(), funds.clone());
    execute(
        deps.as_mut(),
        env.clone(),
        message_info(&alice, &funds),
        ExecuteMsg::Deposit {
            amount: Uint128::new(1_000_000_000_000),
            recipient: None,
        },
    )
    .unwrap();
    let mut world = World {
        deps,
        env,
        price,
        exchange,
    };
    for day in 0..days {
        let (p, _) = world.price.get();
        let next = if day % 2 == 0 {
            p * 102 / 100
        } else {
            p * 98 / 100
        };
        world.advance(DAY, next);
        world.mark();
    }
    world
}

impl World {
    /// `seconds` later the oracle publishes `mantissa` and the exchange marks the market there.
    pub fn advance(&mut self, seconds: u64, mantissa: i64) {
        self.env.block.time = self.env.block.time.plus_seconds(seconds);
        self.price.set((mantissa, self.env.block.time.seconds()));
        self.exchange.borrow_mut().mark_price = chain_price(mantissa);
    }

    pub fn mark(&mut self) {
        let keeper = self.deps.api.addr_make("keeper");
        let msg = ExecuteMsg::Mark {
            market: "BTC-PERP".into(),
        };
        execute(
            self.deps.as_mut(),
            self.env.clone(),
            message_info(&keeper, &[]),
            msg,
        )
        .unwrap();
    }

    pub fn balance(&self) -> u128 {
        let addr = self.env.contract.address.as_str();
        let coin = self
            .deps
            .as_ref()
            .querier
            .query_balance(addr, DENOM)
            .unwrap();
        Uint128::try_from(coin.amount).unwrap().u128()
    }

    pub fn set_balance(&mut self, amount: u128) {
        let addr = self.env.contract.address.to_string();
        self.deps
            .querier
            .bank
            .update_balance(addr, coins(amount, DENOM));
    }

    /// What the chain does with the vault's response: the exchange executes an atomic order at once
    /// and the vault's `RemarkAfterTrade` to itself runs after it; a plain market order waits for the
    /// end of the block, after the re-mark.
    pub fn run(&mut self, res: Response<VenueCustom>) {
        for sub in res.messages {
            if let CosmosMsg::Wasm(WasmMsg::Execute {
                contract_addr, msg, ..
            }) = &sub.msg
            {
                assert_eq!(*contract_addr, self.env.contract.address.to_string());
                let vault = self.env.contract.address.clone();
                let msg: ExecuteMsg = from_json(msg).unwrap();
                execute(
                    self.deps.as_mut(),
                    self.env.clone(),
                    message_info(&vault, &[]),
                    msg,
                )
                .unwrap();
                continue;
            }
            let CosmosMsg::Custom(custom) = &sub.msg else {
                continue;
            };
            let wire = serde_json::to_value(custom).unwrap();
            let order = wire["msg_data"]["create_derivative_market_order"]["order"].clone();
            let atomic = matches!(order["order_type"].as_u64(), Some(9 | 10));
            if atomic {
                self.settle(&order);
            } else {
                self.exchange.borrow_mut().queued.push(order);
            }
        }
        let queued = std::mem::take(&mut self.exchange.borrow_mut().queued);
        for order in queued {
            self.settle(&order);
        }
    }

    pub fn settle(&mut self, order: &Value) {
        let change = self.exchange.borrow_mut().execute(order);
        let balance = signed(Decimal256::from_ratio(self.balance(), 1u128)) + change;
        let balance = Uint128::try_from(balance.to_int_floor()).unwrap();
        self.set_balance(balance.u128());
    }

    /// The manager's order, run as the chain runs it.
    pub fn order(&mut self, side: Side, size: u128, reduce_only: bool) -> Response<VenueCustom> {
        let manager = self.deps.api.addr_make("manager");
        let order = ExecuteMsg::SubmitOrder(OrderRequest {
            market: "BTC-PERP".into(),
            side,
            size: size.into(),
            reduce_only,
            signal: None,
        });
        let res = execute(
            self.deps.as_mut(),
            self.env.clone(),
            message_info(&manager, &[]),
            order,
        )
        .unwrap();
        self.run(res.clone());
        res
    }

    pub fn market(&self) -> MarketResponse {
        let q = QueryMsg::Market {
            market: "BTC-PERP".into(),
        };
        from_json(query(self.deps.as_ref(), self.env.clone(), q).unwrap()).unwrap()
    }

    pub fn state(&self) -> StateResponse {
        from_json(query(self.deps.as_ref(), self.env.clone(), QueryMsg::State {}).unwrap()).unwrap()
    }

    /// The exchange's position as a mark: notional at its mark price, margin, and the rest of its
    /// effective margin as PnL, each rounded down to base units.
    pub fn exchange_mark(&self) -> (Uint128, Uint128, Int128) {
        let ex = self.exchange.borrow();
        let p = ex.position.clone().unwrap();
        let floor = |x: Decimal256| Uint128::try_from(x.to_uint_floor()).unwrap();
        let equity = Int128::try_from(ex.effective_margin().unwrap().to_int_floor()).unwrap();
        let margin = floor(p.margin);
        let pnl = equity - Int128::try_from(margin).unwrap();
        (floor(p.quantity * ex.mark_price), margin, pnl)
    }
}

/// An attribute of a response.
pub fn attr(res: &Response<VenueCustom>, key: &str) -> String {
    res.attributes
        .iter()
        .find(|a| a.key == key)
        .unwrap_or_else(|| panic!("no {key} in {:?}", res.attributes))
        .value
        .clone()
}
