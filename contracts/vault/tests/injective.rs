//! The `injective` build: a market whose venue is Injective's exchange module gets its orders as the
//! chain's custom `create_derivative_market_order` message, and its mark from the exchange's own
//! position (`injective_support::exchange`, a stand-in answering the chain's custom queries). Run with
//! `cargo test -p ballast-vault --features injective`.
#![cfg(feature = "injective")]

mod injective_support;

use cosmwasm_std::testing::{MockApi, MockQuerier, MockStorage, message_info};
use cosmwasm_std::{
    BankMsg, CosmosMsg, Empty, Int128, OwnedDeps, SignedDecimal256, Uint128, WasmMsg, coins,
};
use serde_json::json;

use ballast_types::Side;
use ballast_types::vault::{ExecuteMsg, GovernMsg, MarkResponse, OrderRequest};
use ballast_vault::contract::{execute, instantiate};
use ballast_vault::error::ContractError;
use injective_support::exchange::d;
use injective_support::{
    DAY, DENOM, attr, default_subaccount, instantiate_msg, market, vault, vault_env,
};

#[test]
fn an_order_on_an_injective_market_is_an_atomic_derivative_market_order() {
    let mut w = vault(6);
    let manager = w.deps.api.addr_make("manager");
    let order = ExecuteMsg::SubmitOrder(OrderRequest {
        market: "BTC-PERP".into(),
        side: Side::Long,
        size: 100_000_000_000u128.into(), // 10% of nav
        reduce_only: false,
        signal: None,
    });
    let env = w.env.clone();
    let res = execute(
        w.deps.as_mut(),
        env.clone(),
        message_info(&manager, &[]),
        order,
    )
    .unwrap();
    assert_eq!(attr(&res, "decision"), "accepted");
    let [sub, remark] = res.messages.as_slice() else {
        panic!("the order and the re-mark: {:?}", res.messages)
    };
    // The exchange executes it in the transaction, so the vault reads its position back in the message
    // it sends itself after it.
    let CosmosMsg::Wasm(WasmMsg::Execute {
        contract_addr, msg, ..
    }) = &remark.msg
    else {
        panic!("the re-mark: {:?}", remark.msg)
    };
    assert_eq!(*contract_addr, env.contract.address.to_string());
    let ExecuteMsg::RemarkAfterTrade { market, price } =
        cosmwasm_std::from_json::<ExecuteMsg>(msg).unwrap()
    else {
        panic!("the re-mark: {msg:?}")
    };
    assert_eq!(market, "BTC-PERP");
    assert!(price.is_some(), "the re-mark carries the order's price");
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
    assert_eq!(order["order"]["order_type"], 9, "an atomic buy");
    // quantity = notional / (price * 10^6 quote decimals), on the 0.0001 tick, never above the decision.
    let (mantissa, _) = w.price.get();
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

/// Attack 7: the mark was the vault's ledger of what it sent, without PnL or funding, and `Mark`
/// never refreshed it. Now it is the exchange's position at the exchange's mark price.
#[test]
fn a_mark_reads_the_exchanges_position_with_its_pnl_and_funding() {
    let mut w = vault(6);
    w.order(Side::Long, 100_000_000_000, false);
    let traded = w.market().mark;
    // A day later the exchange marks BTC 5% higher and the position has paid 1.234567 of funding.
    let (p, _) = w.price.get();
    w.advance(DAY, p * 105 / 100);
    w.exchange.borrow_mut().funding = SignedDecimal256::from_ratio(-1_234_567i128, 1i128);
    w.mark();
    let (notional, margin, pnl) = w.exchange_mark();
    let mark = w.market().mark;
    assert_eq!(
        mark,
        MarkResponse {
            side: Some(Side::Long),
            notional,
            margin,
            unrealized_pnl: pnl,
            time: w.env.block.time.seconds(),
        },
        "the ledger said {traded:?}"
    );
    assert!(
        pnl > Int128::new(4_000_000_000),
        "5% of about 100,000: {pnl}"
    );
    // Nav counts the exchange's equity: idle plus margin plus PnL.
    let state = w.state();
    let equity = Uint128::try_from(Int128::try_from(margin).unwrap() + pnl).unwrap();
    assert_eq!(state.nav, Uint128::new(w.balance()) + equity);
}

/// Attack 7: a ledger mark had to be fresh, so `max_mark_age` after the last trade every deposit
/// and redeem failed (`StaleMark`) and no holder could refresh it. Both now read the exchange.
#[test]
fn a_deposit_and_a_redeem_value_the_exchanges_position_without_a_recent_trade() {
    let mut w = vault(6);
    w.order(Side::Long, 100_000_000_000, false);
    // Two hours later (max_mark_age is one) BTC is 3% lower; nobody has traded or marked.
    let (p, _) = w.price.get();
    w.advance(7_200, p * 97 / 100);
    let (_, margin, pnl) = w.exchange_mark();
    let equity = Uint128::try_from(Int128::try_from(margin).unwrap() + pnl).unwrap();
    let supply = w.state().total_shares;
    let bob = w.deps.api.addr_make("bob");
    let amount = 10_000_000_000u128;
    let idle = w.balance();
    w.set_balance(idle + amount);
    let funds = coins(amount, DENOM);
    let env = w.env.clone();
    let res = execute(
        w.deps.as_mut(),
        env.clone(),
        message_info(&bob, &funds),
        ExecuteMsg::Deposit {
            amount: Uint128::new(amount),
            recipient: None,
        },
    )
    .unwrap();
    let nav = Uint128::new(idle) + equity;
    let virtual_shares = Uint128::new(1_000_000);
    let shares = Uint128::new(amount).multiply_ratio(supply + virtual_shares, nav + Uint128::one());
    assert_eq!(attr(&res, "shares"), shares.to_string());
    // Redeemed at once: the same nav with the deposit in it, rounded down.
    let supply = supply + shares;
    let nav = nav + Uint128::new(amount);
    let redeem = ExecuteMsg::Redeem {
        recipient: None,
        amount: shares,
    };
    let share_denom = format!("factory/{}/share", env.contract.address);
    let attached = coins(shares.u128(), share_denom);
    let res = execute(w.deps.as_mut(), env, message_info(&bob, &attached), redeem).unwrap();
    let assets = shares.multiply_ratio(nav + Uint128::one(), supply + virtual_shares);
    assert_eq!(attr(&res, "amount"), assets.to_string());
    // The shares burned, then the payment.
    let [_burn, sub] = res.messages.as_slice() else {
        panic!("a burn and a payment: {:?}", res.messages)
    };
    let CosmosMsg::Bank(BankMsg::Send { amount: paid, .. }) = &sub.msg else {
        panic!("a payment: {:?}", sub.msg)
    };
    assert_eq!(paid[0].amount, cosmwasm_std::Uint256::from(assets));
}

/// Attack 7: the ledger booked the whole order when it was sent, but the exchange may fill part of
/// it. The mark is what the exchange holds after the order.
#[test]
fn a_partly_filled_order_is_marked_as_filled() {
    let mut w = vault(6);
    w.exchange.borrow_mut().fill = d("0.5");
    let before = w.balance();
    let res = w.order(Side::Long, 100_000_000_000, false);
    let executed: u128 = attr(&res, "executed").parse().unwrap();
    let posted: u128 = attr(&res, "margin_posted").parse().unwrap();
    let (notional, margin, pnl) = w.exchange_mark();
    let mark = w.market().mark;
    assert_eq!(
        (mark.side, mark.notional, mark.margin, mark.unrealized_pnl),
        (Some(Side::Long), notional, margin, pnl)
    );
    assert!(
        mark.notional.u128() <= executed / 2
            && mark.notional.u128() > executed / 2 - executed / 100,
        "half of {executed} filled: {}",
        mark.notional
    );
    // The margin of the unfilled half stayed with the vault, and nav counts each unit once.
    assert!(
        mark.margin.u128() <= posted / 2 + 1,
        "{} of {posted}",
        mark.margin
    );
    assert_eq!(w.balance(), before - mark.margin.u128());
    assert_eq!(w.state().nav.u128(), before);
}

#[test]
fn a_reduce_only_order_is_marked_from_what_is_left() {
    let mut w = vault(6);
    let res = w.order(Side::Long, 100_000_000_000, false);
    let executed: u128 = attr(&res, "executed").parse().unwrap();
    let res = w.order(Side::Short, executed / 2, true);
    assert_eq!(attr(&res, "margin_posted"), "0");
    let left = w.exchange.borrow().position.clone().unwrap();
    let (notional, margin, pnl) = w.exchange_mark();
    let mark = w.market().mark;
    assert_eq!(
        (mark.side, mark.notional, mark.margin, mark.unrealized_pnl),
        (Some(Side::Long), notional, margin, pnl)
    );
    assert!(left.quantity < d("1"), "{left:?}");
}

#[test]
fn the_venue_cannot_change_under_an_open_position() {
    let mut w = vault(6);
    w.order(Side::Long, 100_000_000_000, false);
    let governor = w.deps.api.addr_make("governor");
    let mut config = w.market().config;
    config.venue = ballast_types::venue::Venue::Ballast;
    let apply = ExecuteMsg::Govern(GovernMsg::SetMarket { config });
    let env = w.env.clone();
    let err = execute(w.deps.as_mut(), env, message_info(&governor, &[]), apply).unwrap_err();
    assert_eq!(
        err.to_string(),
        "BTC-PERP: the venue changes from injective to ballast while the position is open"
    );
}

/// Only the default subaccount (nonce 0) trades from the vault's bank balance; any other subaccount,
/// the vault's own included, trades from exchange deposits the vault never makes.
#[test]
fn a_market_trading_from_any_other_subaccount_is_refused() {
    let foreign = format!("0x{}{}", "cd".repeat(20), "0".repeat(24));
    let own_nonce_1 = format!("0x{}{}1", "ab".repeat(20), "0".repeat(23));
    for subaccount in [foreign, own_nonce_1] {
        let mut deps = OwnedDeps {
            storage: MockStorage::default(),
            api: MockApi::default(),
            querier: MockQuerier::<Empty>::new(&[]),
            custom_query_type: Default::default(),
        };
        let env = vault_env(&deps.api);
        let mut config = market();
        config["venue"]["injective"]["subaccount_id"] = json!(subaccount);
        let owner = deps.api.addr_make("owner");
        let msg = instantiate_msg(&deps.api, config.clone());
        let err =
            instantiate(deps.as_mut(), env.clone(), message_info(&owner, &[]), msg).unwrap_err();
        let expected = ContractError::ForeignSubaccount {
            market: "BTC-PERP".into(),
            subaccount_id: subaccount.clone(),
            default_subaccount: default_subaccount(),
        };
        assert_eq!(err.to_string(), expected.to_string());
        // A change from the governor is checked the same way.
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
        let governor = deps.api.addr_make("governor");
        let set = ExecuteMsg::Govern(GovernMsg::SetMarket {
            config: serde_json::from_str(&config.to_string()).unwrap(),
        });
        let err = execute(deps.as_mut(), env, message_info(&governor, &[]), set).unwrap_err();
        assert_eq!(err.to_string(), expected.to_string());
    }
    // The default subaccount, in upper-case hex too, is accepted.
    let mut w = vault(0);
    let mut config = w.market().config;
    let ballast_types::venue::Venue::Injective(venue) = &mut config.venue else {
        unreachable!()
    };
    venue.subaccount_id = default_subaccount().to_uppercase().replacen("0X", "0x", 1);
    let governor = w.deps.api.addr_make("governor");
    let env = w.env.clone();
    let set = ExecuteMsg::Govern(GovernMsg::SetMarket { config });
    execute(w.deps.as_mut(), env, message_info(&governor, &[]), set).unwrap();
}
