//! The `injective` build: a market whose venue is Injective's exchange module gets its orders as the
//! chain's custom `create_derivative_market_order` message. Run with
//! `cargo test -p ballast-vault --features injective`.
#![cfg(feature = "injective")]

use std::cell::Cell;
use std::rc::Rc;

use cosmwasm_std::testing::{MockApi, MockQuerier, MockStorage, message_info, mock_env};
use cosmwasm_std::{
    CanonicalAddr, ContractResult, CosmosMsg, Empty, Env, Int64, OwnedDeps, SystemResult,
    Timestamp, Uint64, WasmQuery, coins, from_json, to_json_binary,
};
use serde_json::{Value, json};

use ballast_types::Side;
use ballast_types::pyth::{PriceFeed, PriceFeedResponse, PriceIdentifier, PythPrice};
use ballast_types::vault::{ExecuteMsg, InstantiateMsg, MarketResponse, OrderRequest, QueryMsg};
use ballast_vault::contract::{execute, instantiate, query};
use ballast_vault::error::ContractError;

const DAY: u64 = 86_400;
const DENOM: &str = "inj";

type Deps = OwnedDeps<MockStorage, MockApi, MockQuerier>;

/// The oracle's answer: a feed at `price` (8 decimals) published at `time`.
fn feed(price: i64, time: u64) -> PriceFeedResponse {
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

fn params() -> Value {
    json!({"target_vol":"0.4","max_leverage":"3","max_concentration":"3","kelly_fraction":"0.5","max_edge":"0.3",
        "var_confidence":"0.99","var_budget":"0.1","var_horizon":DAY,"max_slippage":"0.01","liq_sigmas":"3",
        "liq_horizon":DAY,"min_order":"1000000",
        "guards":{"max_age":60,"reduce_max_age":600,"max_future_skew":5,"max_confidence":"0.01","breaker_sigmas":"8",
                  "breaker_max_move":"0.25","breaker_cooldown":3600,"max_mark_age":3600},
        "estimator":{"lambda":"0.94","vol_step":DAY,"min_observations":3},
        "deleverage_tolerance":"0.05","rebalance_threshold":"0.05","share_offset_decimals":6,
        "management_fee":"0","performance_fee":"0","timelock":DAY})
}

fn market() -> Value {
    json!({"market":"BTC-PERP","feed_id":"b7".repeat(32),"weight":"1","max_notional":"10000000000000",
        "venue":{"injective":{"market_id":format!("0x{}", "4c".repeat(32)),
            "subaccount_id":format!("0x{}{}", "ab".repeat(20), "0".repeat(24)),"fee_recipient":null,
            "max_slippage":"0.01","quote_decimals":6,"price_tick":"1000","quantity_tick":"0.0001",
            "terms":{"depth":"1000000000000000","impact_exponent":"1","taker_fee":"0.0005",
                     "initial_margin":"0.1","maintenance_margin":"0.05"}}}})
}

/// The vault's address: 20 bytes of 0xab, whose default subaccount `market()` names.
fn vault_env(api: &MockApi) -> Env {
    let mut env = mock_env();
    env.block.time = Timestamp::from_seconds(1_700_000_000);
    env.contract.address =
        cosmwasm_std::Api::addr_humanize(api, &CanonicalAddr::from(vec![0xab; 20])).unwrap();
    env
}

fn instantiate_msg(api: &MockApi, market: Value) -> InstantiateMsg {
    let addr = |name: &str| api.addr_make(name).to_string();
    serde_json::from_value(json!({
        "owner": addr("owner"), "manager": addr("manager"), "guardian": addr("guardian"),
        "denom": DENOM, "oracle": addr("oracle"), "perp_market": addr("perp"),
        "fee_recipient": addr("fees"), "params": params(), "markets": [market]}))
    .unwrap()
}

/// A vault with one Injective market, 1M deposited, and `days` daily prices marked (+-2%).
fn vault(days: u32) -> (Deps, Env, Rc<Cell<(i64, u64)>>) {
    let api = MockApi::default();
    let mut querier = MockQuerier::new(&[]);
    let price = Rc::new(Cell::new((6_000_000_000_000i64, 0u64)));
    let answer = Rc::clone(&price);
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
    let mut env = env;
    let alice = deps.api.addr_make("alice");
    let funds = coins(1_000_000_000_000, DENOM);
    deps.querier
        .bank
        .update_balance(env.contract.address.as_str(), funds.clone());
    execute(
        deps.as_mut(),
        env.clone(),
        message_info(&alice, &funds),
        ExecuteMsg::Deposit {},
    )
    .unwrap();
    let keeper = deps.api.addr_make("keeper");
    for day in 0..days {
        env.block.time = env.block.time.plus_seconds(DAY);
        let (p, _) = price.get();
        let next = if day % 2 == 0 {
            p * 102 / 100
        } else {
            p * 98 / 100
        };
        price.set((next, env.block.time.seconds()));
        let mark = ExecuteMsg::Mark {
            market: "BTC-PERP".into(),
        };
        execute(deps.as_mut(), env.clone(), message_info(&keeper, &[]), mark).unwrap();
    }
    (deps, env, price)
}

#[test]
fn an_order_on_an_injective_market_is_a_derivative_market_order() {
    let (mut deps, env, price) = vault(6);
    let manager = deps.api.addr_make("manager");
    let order = ExecuteMsg::SubmitOrder(OrderRequest {
        market: "BTC-PERP".into(),
        side: Side::Long,
        size: 100_000_000_000u128.into(), // 10% of nav
        reduce_only: false,
        signal: None,
    });
    let res = execute(
        deps.as_mut(),
        env.clone(),
        message_info(&manager, &[]),
        order,
    )
    .unwrap();
    let decision = res.attributes.iter().find(|a| a.key == "decision").unwrap();
    assert_eq!(decision.value, "accepted");
    let [sub] = res.messages.as_slice() else {
        panic!("one message: {:?}", res.messages)
    };
    let CosmosMsg::Custom(custom) = &sub.msg else {
        panic!("a custom message: {:?}", sub.msg)
    };
    let wire = serde_json::to_value(custom).unwrap();
    assert_eq!(wire["route"], "exchange");
    let order = &wire["msg_data"]["create_derivative_market_order"];
    assert_eq!(order["sender"], env.contract.address.as_str());
    assert_eq!(
        order["order"]["market_id"],
        format!("0x{}", "4c".repeat(32))
    );
    assert_eq!(order["order"]["order_type"], 1, "a buy");
    // quantity = notional / (price * 10^6 quote decimals), on the 0.0001 tick, never above the decision.
    let (mantissa, _) = price.get();
    let chain_price = mantissa as f64 * 1e-8 * 1e6;
    let quantity: f64 = order["order"]["order_info"]["quantity"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let expected = 100_000_000_000.0 / chain_price;
    assert!(
        quantity <= expected && expected - quantity < 0.0001 + 1e-9,
        "{quantity} vs {expected}"
    );
    // The worst price accepted is 1% above the oracle's for a buy, on the 1000 tick.
    let worst: f64 = order["order"]["order_info"]["price"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        worst <= chain_price * 1.01 && worst > chain_price * 1.01 - 1000.0,
        "{worst}"
    );
    assert_eq!(worst % 1000.0, 0.0);
}

#[test]
fn the_ledger_holds_the_order_ages_and_pins_the_venue() {
    let (mut deps, mut env, price) = vault(6);
    let manager = deps.api.addr_make("manager");
    let order = ExecuteMsg::SubmitOrder(OrderRequest {
        market: "BTC-PERP".into(),
        side: Side::Long,
        size: 100_000_000_000u128.into(),
        reduce_only: false,
        signal: None,
    });
    execute(
        deps.as_mut(),
        env.clone(),
        message_info(&manager, &[]),
        order,
    )
    .unwrap();
    let traded_at = env.block.time.seconds();
    let market = |deps: &Deps, env: &Env| -> MarketResponse {
        let q = QueryMsg::Market {
            market: "BTC-PERP".into(),
        };
        from_json(query(deps.as_ref(), env.clone(), q).unwrap()).unwrap()
    };
    let mark = market(&deps, &env).mark;
    assert_eq!(mark.side, Some(Side::Long));
    assert_eq!(mark.notional.u128(), 100_000_000_000);
    // A day later a Mark cannot value the position on Injective: the ledger keeps its trade time and
    // ages past max_mark_age instead of passing for fresh.
    env.block.time = env.block.time.plus_seconds(DAY);
    let (p, _) = price.get();
    price.set((p, env.block.time.seconds()));
    let keeper = deps.api.addr_make("keeper");
    let mark_msg = ExecuteMsg::Mark {
        market: "BTC-PERP".into(),
    };
    execute(
        deps.as_mut(),
        env.clone(),
        message_info(&keeper, &[]),
        mark_msg,
    )
    .unwrap();
    assert_eq!(market(&deps, &env).mark.time, traded_at);
    // The venue cannot change under the open position.
    let owner = deps.api.addr_make("owner");
    let mut config = market(&deps, &env).config;
    config.venue = ballast_types::venue::Venue::Ballast;
    let propose = ExecuteMsg::ProposeMarket { config };
    execute(
        deps.as_mut(),
        env.clone(),
        message_info(&owner, &[]),
        propose,
    )
    .unwrap();
    env.block.time = env.block.time.plus_seconds(DAY);
    let apply = ExecuteMsg::ApplyMarket {
        market: "BTC-PERP".into(),
    };
    let err = execute(
        deps.as_mut(),
        env.clone(),
        message_info(&keeper, &[]),
        apply,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "BTC-PERP: the venue changes from injective to ballast while the position is open"
    );
}

#[test]
fn a_market_trading_from_another_accounts_subaccount_is_refused() {
    let mut deps = OwnedDeps {
        storage: MockStorage::default(),
        api: MockApi::default(),
        querier: MockQuerier::<Empty>::new(&[]),
        custom_query_type: Default::default(),
    };
    let env = vault_env(&deps.api);
    let foreign = format!("0x{}{}", "cd".repeat(20), "0".repeat(24));
    let mut config = market();
    config["venue"]["injective"]["subaccount_id"] = json!(foreign);
    let owner = deps.api.addr_make("owner");
    let msg = instantiate_msg(&deps.api, config.clone());
    let err = instantiate(deps.as_mut(), env.clone(), message_info(&owner, &[]), msg).unwrap_err();
    let own = format!("0x{}", "ab".repeat(20));
    let expected = ContractError::ForeignSubaccount {
        market: "BTC-PERP".into(),
        subaccount_id: foreign.clone(),
        own: own.clone(),
    };
    assert_eq!(err.to_string(), expected.to_string());
    // A proposal is checked the same way.
    let no_markets = {
        let mut msg = instantiate_msg(&deps.api, market());
        msg.markets.clear();
        msg
    };
    instantiate(
        deps.as_mut(),
        env.clone(),
        message_info(&owner, &[]),
        no_markets,
    )
    .unwrap();
    let propose = ExecuteMsg::ProposeMarket {
        config: serde_json::from_value(config).unwrap(),
    };
    let err = execute(deps.as_mut(), env, message_info(&owner, &[]), propose).unwrap_err();
    assert_eq!(
        err.to_string(),
        ContractError::ForeignSubaccount {
            market: "BTC-PERP".into(),
            subaccount_id: foreign,
            own,
        }
        .to_string()
    );
}
