//! Venues: the JSON the vault emits for each venue parses as that venue's own message (fixtures
//! copied from Levana and Injective); through the entry points the ballast path stays as it was,
//! Levana markets are accepted (operated in test_levana.rs) and this build refuses the venues it
//! cannot operate (the `injective` build is tested in contracts/vault/tests/injective.rs).

use cosmwasm_std::{
    Binary, CosmosMsg, Decimal, Decimal256, Int128, QueryRequest, Uint128, WasmMsg, coins,
    from_json, to_json_string,
};
use serde_json::json;
use serde_json::to_value as to_json_value;

use ballast_tests::assertions::assert_err;
use ballast_tests::injective_fixture::{self as inj, InjectiveMsgWrapper as InjWrapper};
use ballast_tests::levana_fixture::{self as lev, ExecuteMsg as LevanaMsg};
use ballast_tests::suite::{DENOM, MARKET, SuiteBuilder, injective_venue, levana_venue};
use ballast_types::Side;
use ballast_types::governor;
use ballast_types::vault::{LoosenError, MarketConfig};
use ballast_types::venue::injective::{
    self, DerivativeMarketResponse, EffectivePositionResponse, InjectiveQuery,
    InjectiveQueryWrapper, PositionResponse,
};
use ballast_types::venue::{
    Venue, VenueAccount, VenueError, VenueMsg, VenueOrder, levana_add_collateral, levana_close,
};
use ballast_vault::error::ContractError;

const VAULT: &str = "cosmwasm1vault";
const PERP: &str = "cosmwasm1perp";
const LEVANA: &str = "cosmwasm1levana";

fn account() -> VenueAccount<'static> {
    VenueAccount {
        sender: VAULT,
        perp_market: PERP,
        denom: DENOM,
    }
}

fn dec(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

/// 250,000 USDC long at 60,000, with 25,000 USDC margin.
fn long_order() -> VenueOrder<'static> {
    VenueOrder {
        market: MARKET,
        side: Side::Long,
        notional: Uint128::new(250_000_000_000),
        reduce_only: false,
        margin: Uint128::new(25_000_000_000),
        price: dec("60000"),
    }
}

fn levana() -> Venue {
    levana_venue(&cosmwasm_std::Addr::unchecked(LEVANA))
}

/// The contract call's message as JSON, its contract and funds.
fn wasm(msg: VenueMsg) -> (String, Binary, Vec<cosmwasm_std::Coin>) {
    match msg {
        VenueMsg::Wasm(WasmMsg::Execute {
            contract_addr,
            msg,
            funds,
        }) => (contract_addr, msg, funds),
        other => panic!("expected a contract call, got {other:?}"),
    }
}

/// Parses `msg` as Levana's ExecuteMsg and checks that it serialises back to the same JSON.
fn as_levana(msg: &Binary) -> LevanaMsg {
    let parsed: LevanaMsg = from_json(msg).expect("Levana parses the vault's message");
    let emitted: serde_json::Value = from_json(msg).expect("json");
    assert_eq!(
        to_json_value(&parsed).expect("json"),
        emitted,
        "fields survive"
    );
    parsed
}

/// The Injective custom message as JSON, parsed as injective-cosmwasm's `CosmosMsg`.
fn as_injective(msg: VenueMsg) -> (serde_json::Value, inj::DerivativeOrder, String) {
    let emitted = to_json_value(msg.into_cosmos()).expect("json");
    let parsed: CosmosMsg<InjWrapper> =
        serde_json::from_value(emitted.clone()).expect("injective-cosmwasm parses it");
    assert_eq!(
        to_json_value(&parsed).expect("json"),
        emitted,
        "fields survive"
    );
    match parsed {
        CosmosMsg::Custom(InjWrapper {
            route: inj::InjectiveRoute::Exchange,
            msg_data: inj::InjectiveMsg::CreateDerivativeMarketOrder { sender, order },
        }) => (emitted, order, sender.to_string()),
        other => panic!("expected an exchange order, got {other:?}"),
    }
}

#[test]
fn ballast_trade_is_the_perp_markets_trade_message() {
    let (contract, msg, funds) = wasm(Venue::Ballast.trade(account(), &long_order()).unwrap());
    assert_eq!(contract, PERP);
    assert_eq!(funds, coins(25_000_000_000, DENOM));
    let emitted: serde_json::Value = from_json(&msg).unwrap();
    assert_eq!(
        emitted,
        json!({"trade": {"market": MARKET, "side": "long", "notional": "250000000000", "reduce_only": false}})
    );
}

#[test]
fn ballast_add_margin_is_the_perp_markets_add_margin_message() {
    let msg = Venue::Ballast
        .add_margin(account(), MARKET, Uint128::new(7))
        .unwrap();
    let (contract, msg, funds) = wasm(msg);
    assert_eq!(contract, PERP);
    assert_eq!(funds, coins(7, DENOM));
    let emitted: serde_json::Value = from_json(&msg).unwrap();
    assert_eq!(emitted, json!({"add_margin": {"market": MARKET}}));
}

#[test]
fn levana_open_position_parses_as_levanas_execute_msg() {
    let (contract, msg, funds) = wasm(levana().trade(account(), &long_order()).unwrap());
    assert_eq!(contract, LEVANA);
    assert_eq!(
        funds,
        coins(25_000_000_000, DENOM),
        "margin is the collateral"
    );
    let LevanaMsg::OpenPosition {
        slippage_assert,
        leverage,
        direction,
        stop_loss_override,
        take_profit,
    } = as_levana(&msg)
    else {
        panic!("expected OpenPosition");
    };
    assert_eq!(leverage.raw(), Decimal256::from_ratio(10u8, 1u8));
    assert_eq!(direction, lev::DirectionToBase::Long);
    assert_eq!(stop_loss_override, None);
    let lev::TakeProfitTrader::Finite(tp) = take_profit else {
        panic!("finite take profit");
    };
    assert_eq!(tp.raw(), Decimal256::from_ratio(90_000u32, 1u8));
    let slippage = slippage_assert.expect("a tolerance is configured");
    assert_eq!(slippage.price.raw(), Decimal256::from_ratio(60_000u32, 1u8));
    assert_eq!(slippage.tolerance.abs(), Decimal256::percent(1));
}

#[test]
fn levana_leverage_rounds_down_so_levana_opens_no_more_than_decided() {
    let order = VenueOrder {
        notional: Uint128::new(100),
        margin: Uint128::new(3),
        ..long_order()
    };
    let (_, msg, _) = wasm(levana().trade(account(), &order).unwrap());
    let LevanaMsg::OpenPosition { leverage, .. } = as_levana(&msg) else {
        panic!("expected OpenPosition");
    };
    // 100 / 3 = 33.333..., truncated at 18 decimals: 3 * leverage <= 100.
    assert_eq!(
        leverage.raw(),
        "33.333333333333333333".parse::<Decimal256>().unwrap()
    );
}

#[test]
fn levana_short_takes_profit_below_the_price() {
    let order = VenueOrder {
        side: Side::Short,
        ..long_order()
    };
    let (_, msg, _) = wasm(levana().trade(account(), &order).unwrap());
    let LevanaMsg::OpenPosition {
        direction,
        take_profit,
        ..
    } = as_levana(&msg)
    else {
        panic!("expected OpenPosition");
    };
    assert_eq!(direction, lev::DirectionToBase::Short);
    assert_eq!(
        take_profit,
        lev::TakeProfitTrader::Finite("30000".parse().unwrap())
    );
}

#[test]
fn levana_close_and_add_collateral_parse_as_levanas_execute_msg() {
    let Venue::Levana(venue) = levana() else {
        unreachable!()
    };
    let (_, msg, funds) = wasm(levana_close(&venue, 42, dec("60000")).unwrap());
    assert!(funds.is_empty());
    assert!(matches!(as_levana(&msg), LevanaMsg::ClosePosition { .. }));
    let (_, msg, funds) = wasm(levana_add_collateral(&venue, 42, Uint128::new(5), DENOM).unwrap());
    assert_eq!(funds, coins(5, DENOM));
    assert!(matches!(
        as_levana(&msg),
        LevanaMsg::UpdatePositionAddCollateralImpactLeverage { .. }
    ));
}

#[test]
fn levana_does_not_parse_a_message_with_an_unknown_field() {
    // The fixture keeps Levana's deny_unknown_fields: the comparison above means something.
    let msg = br#"{"close_position": {"id": "1", "slippage_assert": null, "extra": 1}}"#;
    assert!(from_json::<LevanaMsg>(msg).is_err());
}

#[test]
fn levana_cannot_reduce_without_a_position_id() {
    let order = VenueOrder {
        reduce_only: true,
        ..long_order()
    };
    let err = levana().trade(account(), &order).unwrap_err();
    assert!(matches!(
        err,
        VenueError::Unsupported {
            venue: "levana",
            action: "reduce"
        }
    ));
}

#[test]
fn injective_market_order_parses_as_injective_cosmwasms_custom_msg() {
    let order = VenueOrder {
        price: dec("60000"),
        ..long_order()
    };
    let (emitted, parsed, sender) =
        as_injective(injective_venue().trade(account(), &order).unwrap());
    assert_eq!(sender, VAULT);
    assert_eq!(emitted["custom"]["route"], "exchange");
    let wire = &emitted["custom"]["msg_data"]["create_derivative_market_order"]["order"];
    assert_eq!(wire["order_type"], 9, "BuyAtomic, as a number");
    assert_eq!(wire["order_info"]["quantity"], "4.1666");
    assert_eq!(wire["order_info"]["price"], "60600000000");
    assert_eq!(wire["margin"], "25000000000");
    assert_eq!(parsed.market_id.as_str(), format!("0x{}", "4c".repeat(32)));
    assert_eq!(parsed.order_type, inj::OrderType::BuyAtomic);
    assert!(!parsed.is_reduce_only());
    assert_eq!(parsed.trigger_price, None);
}

#[test]
fn injective_worst_price_rounds_toward_the_oracle_price() {
    let buy = VenueOrder {
        price: dec("60000.123456"),
        ..long_order()
    };
    let sell = VenueOrder {
        side: Side::Short,
        ..buy.clone()
    };
    let (emitted, _, _) = as_injective(injective_venue().trade(account(), &buy).unwrap());
    let wire = &emitted["custom"]["msg_data"]["create_derivative_market_order"]["order"];
    // 60000.123456 * 10^6 * 1.01 = 60600124690.56, down to the 1000 tick.
    assert_eq!(wire["order_info"]["price"], "60600124000");
    let (emitted, parsed, _) = as_injective(injective_venue().trade(account(), &sell).unwrap());
    let wire = &emitted["custom"]["msg_data"]["create_derivative_market_order"]["order"];
    // 60000.123456 * 10^6 * 0.99 = 59400122221.44, up to the 1000 tick.
    assert_eq!(wire["order_info"]["price"], "59400123000");
    assert_eq!(parsed.order_type, inj::OrderType::SellAtomic);
}

#[test]
fn injective_reduce_only_order_posts_no_margin() {
    let order = VenueOrder {
        side: Side::Short,
        reduce_only: true,
        margin: Uint128::zero(),
        price: dec("60000"),
        ..long_order()
    };
    let (_, parsed, _) = as_injective(injective_venue().trade(account(), &order).unwrap());
    assert!(
        parsed.is_reduce_only(),
        "zero margin is Injective's reduce-only"
    );
}

#[test]
fn injective_order_below_the_quantity_tick_is_refused() {
    let order = VenueOrder {
        notional: Uint128::new(5_000),
        price: dec("60000"),
        ..long_order()
    };
    let err = injective_venue().trade(account(), &order).unwrap_err();
    assert!(matches!(err, VenueError::BelowTick { .. }), "{err:?}");
}

/// An INJ-quoted market: 18 quote decimals put the chain price of BTC at 6.06e22, beyond `Decimal`
/// (3.4e20); the order is still built, in `Decimal256`.
#[test]
fn injective_order_on_an_18_decimal_quote_is_built() {
    let Venue::Injective(mut venue) = injective_venue() else {
        unreachable!()
    };
    venue.quote_decimals = 18;
    venue.price_tick = dec("10000000000000000"); // 0.01 INJ in chain units
    let order = VenueOrder {
        notional: Uint128::new(1_000_000_000_000_000_000_000), // 1,000 INJ
        margin: Uint128::new(100_000_000_000_000_000_000),     // 100 INJ
        price: dec("60000"),
        ..long_order()
    };
    let (emitted, parsed, _) =
        as_injective(Venue::Injective(venue).trade(account(), &order).unwrap());
    let wire = &emitted["custom"]["msg_data"]["create_derivative_market_order"]["order"];
    // 60,000 * 10^18 * 1.01; 1,000 INJ / 60,000 INJ = 0.016666.. down to the 0.0001 tick.
    assert_eq!(wire["order_info"]["price"], "60600000000000000000000");
    assert_eq!(wire["order_info"]["quantity"], "0.0166");
    assert_eq!(wire["margin"], "100000000000000000000");
    assert_eq!(parsed.order_type, inj::OrderType::BuyAtomic);
}

/// The exchange queries the vault reads its Injective position with parse as injective-cosmwasm's
/// `InjectiveQueryWrapper`, field for field.
#[test]
fn injective_position_queries_parse_as_injective_cosmwasms_queries() {
    let market_id = format!("0x{}", "4c".repeat(32));
    let subaccount_id = format!("0x{}{}", "ab".repeat(20), "0".repeat(24));
    let queries = [
        InjectiveQuery::DerivativeMarket {
            market_id: market_id.clone(),
        },
        InjectiveQuery::SubaccountPositionInMarket {
            market_id: market_id.clone(),
            subaccount_id: subaccount_id.clone(),
        },
        InjectiveQuery::SubaccountEffectivePositionInMarket {
            market_id: market_id.clone(),
            subaccount_id,
        },
    ];
    for query in queries {
        let request = QueryRequest::Custom(InjectiveQueryWrapper::exchange(query));
        let emitted = to_json_value(&request).expect("json");
        let parsed: QueryRequest<inj::InjectiveQueryWrapper> =
            serde_json::from_value(emitted.clone()).expect("injective-cosmwasm parses it");
        assert_eq!(
            to_json_value(&parsed).expect("json"),
            emitted,
            "fields survive"
        );
        assert_eq!(emitted["custom"]["route"], "exchange");
    }
}

/// Answers in injective-cosmwasm's types (and in Go's `LegacyDec` form, 18 fractional digits, as
/// injectived marshals them) read as the exchange values the position: notional at the mark price,
/// margin as posted, PnL = effective margin - margin; a short leaves `isLong` out.
#[test]
fn injective_position_answers_read_as_the_exchange_values_the_position() {
    let fp = inj::FPDecimal::must_from_str;
    let position = inj::SubaccountPositionInMarketResponse {
        state: Some(inj::Position {
            isLong: true,
            quantity: fp("0.1"),
            entry_price: fp("60000000000"),
            margin: fp("606042009.5"),
            cumulative_funding_entry: fp("-1.25"),
        }),
    };
    let effective = inj::SubaccountEffectivePositionInMarketResponse {
        state: Some(inj::EffectivePosition {
            is_long: true,
            quantity: fp("0.1"),
            entry_price: fp("60000000000"),
            effective_margin: fp("856041998.25"),
        }),
    };
    let market = inj::DerivativeMarketResponse {
        market: Some(inj::FullDerivativeMarket {
            market: Some(cosmwasm_std::Empty {}),
            info: None,
            mark_price: fp("62500000000.5"),
        }),
    };
    let read = |v: &serde_json::Value| serde_json::to_vec(v).expect("json");
    let held: PositionResponse =
        from_json(read(&to_json_value(&position).unwrap())).expect("position");
    let eff: EffectivePositionResponse =
        from_json(read(&to_json_value(&effective).unwrap())).expect("effective");
    let mkt: DerivativeMarketResponse =
        from_json(read(&to_json_value(&market).unwrap())).expect("market");
    let summary = injective::summary(
        &held.state.unwrap(),
        &eff.state.unwrap(),
        mkt.market.unwrap().mark_price,
    )
    .unwrap();
    assert_eq!(summary.side, Some(Side::Long));
    assert_eq!(summary.notional, Uint128::new(6_250_000_000)); // 0.1 * 62,500,000,000.5, down
    assert_eq!(summary.margin, Uint128::new(606_042_009));
    assert_eq!(
        summary.unrealized_pnl,
        Int128::new(856_041_998 - 606_042_009)
    );
    // A short under water beyond its margin, as injectived prints it.
    let go = json!({"state": {"quantity": "0.050000000000000000",
        "entry_price": "60000000000.000000000000000000", "margin": "300000000.000000000000000000",
        "cumulative_funding_entry": "0.000000000000000000"}});
    let held: PositionResponse = from_json(read(&go)).expect("position");
    let go = json!({"state": {"quantity": "0.050000000000000000",
        "entry_price": "60000000000.000000000000000000",
        "effective_margin": "-12.500000000000000001"}});
    let eff: EffectivePositionResponse = from_json(read(&go)).expect("effective");
    let summary = injective::summary(
        &held.state.unwrap(),
        &eff.state.unwrap(),
        Decimal256::from_ratio(66_250_000_000u128, 1u128),
    )
    .unwrap();
    assert_eq!(summary.side, Some(Side::Short));
    assert_eq!(summary.notional, Uint128::new(3_312_500_000));
    assert_eq!(summary.unrealized_pnl, Int128::new(-13 - 300_000_000));
    // No position: the exchange leaves `state` out.
    let flat: PositionResponse = from_json(b"{}").expect("flat");
    assert_eq!(flat.state, None);
}

#[test]
fn a_market_config_without_venue_is_the_ballast_perp_market() {
    let json = format!(
        r#"{{"market":"{MARKET}","feed_id":"{}","weight":"1","max_notional":"10"}}"#,
        "ab".repeat(32)
    );
    let config: MarketConfig = from_json(json.as_bytes()).unwrap();
    assert_eq!(config.venue, Venue::Ballast);
    let unknown = json.replace(r#""weight""#, r#""venu":"ballast","weight""#);
    assert!(from_json::<MarketConfig>(unknown.as_bytes()).is_err());
}

#[test]
fn the_guardian_cannot_change_a_venue() {
    let mut suite = SuiteBuilder::new().build();
    let mut config = suite.query_market().unwrap().config;
    let stub = suite.app.api().addr_make("levana");
    config.venue = levana_venue(&stub);
    let guardian = suite.guardian.clone();
    let res = suite.govern(
        &guardian,
        governor::ExecuteMsg::TightenMarket {
            config: config.clone(),
        },
    );
    assert_err(
        res,
        ContractError::Loosen(LoosenError {
            name: "venue",
            from: to_json_string(&Venue::Ballast).unwrap(),
            to: to_json_string(&config.venue).unwrap(),
        }),
    );
}

#[test]
fn a_levana_venue_with_an_unbounded_take_profit_is_refused() {
    let mut suite = SuiteBuilder::new().build();
    let stub = suite.app.api().addr_make("levana");
    let Venue::Levana(mut venue) = levana_venue(&stub) else {
        unreachable!()
    };
    venue.take_profit = Decimal::one();
    let res = suite.move_market_to(Venue::Levana(venue));
    assert_err(
        res,
        ContractError::Param(ballast_types::vault::ParamError {
            name: "levana.take_profit",
            value: "1".to_string(),
            rule: "in (0, 1)",
        }),
    );
}

/// (The default build refuses it: `contracts/vault/tests/default_build.rs`.)
#[cfg(feature = "levana")]
#[test]
fn a_levana_market_is_accepted() {
    let mut suite = SuiteBuilder::new().build();
    let levana = suite.levana_market();
    suite.move_market_to(levana_venue(&levana)).unwrap();
    assert_eq!(
        suite.query_market().unwrap().config.venue,
        levana_venue(&levana)
    );
}

#[test]
fn a_levana_venue_with_more_than_18_collateral_decimals_is_refused() {
    let mut suite = SuiteBuilder::new().build();
    let levana = suite.levana_market();
    let Venue::Levana(mut venue) = levana_venue(&levana) else {
        unreachable!()
    };
    venue.collateral_decimals = 19;
    assert_err(
        suite.move_market_to(Venue::Levana(venue)),
        ContractError::Param(ballast_types::vault::ParamError {
            name: "levana.collateral_decimals",
            value: "19".to_string(),
            rule: "at most 18",
        }),
    );
}

#[test]
fn an_injective_market_is_refused_by_this_vault_build() {
    let mut suite = SuiteBuilder::new().build();
    let res = suite.move_market_to(injective_venue());
    assert_err(
        res,
        ContractError::Venue(VenueError::Unsupported {
            venue: "injective",
            action: "send a custom message from this vault build",
        }),
    );
}
