//! A price quoted to the position queries: the caller's own oracle read, used only when it is the
//! market's oracle and feed, and checked as the market checks a price it reads.

use ballast_perp::error::ContractError;
use ballast_tests::perp::{MARKET, Perp, mantissa};
use ballast_types::perp::{PositionResponse, PositionTermsResponse, QueryMsg, QuotedPrice};
use ballast_types::pyth::{PriceIdentifier, PythPrice};
use cosmwasm_std::{Addr, Int64, Uint64};

use crate::{open_reference_long, world};

fn quote(p: &Perp, price: i64, publish_time: u64) -> QuotedPrice {
    QuotedPrice {
        oracle: p.query_config().unwrap().oracle.to_string(),
        feed_id: p.feed.clone(),
        price: PythPrice {
            price: Int64::new(mantissa(price)),
            conf: Uint64::new(1),
            expo: -8,
            publish_time: i64::try_from(publish_time).unwrap(),
        },
    }
}

fn terms_at(p: &Perp, trader: &Addr, at_price: QuotedPrice) -> PositionTermsResponse {
    let msg = QueryMsg::PositionTerms {
        trader: trader.to_string(),
        market: MARKET.to_string(),
        at_price: Some(at_price),
    };
    p.app.wrap().query_wasm_smart(&p.addr, &msg).unwrap()
}

fn position_at(p: &Perp, trader: &Addr, at_price: QuotedPrice) -> PositionResponse {
    let msg = QueryMsg::Position {
        trader: trader.to_string(),
        market: MARKET.to_string(),
        at_price: Some(at_price),
    };
    p.app.wrap().query_wasm_smart(&p.addr, &msg).unwrap()
}

#[test]
fn the_markets_own_oracle_and_feed_quoted_mark_as_the_oracle_would() {
    let mut p = world();
    open_reference_long(&mut p);
    let alice = p.alice.clone();
    let quoted = quote(&p, 110, p.now());
    let at_quote = position_at(&p, &alice, quoted.clone());
    let terms_at_quote = terms_at(&p, &alice, quoted);
    // The quote is used: the oracle still says 100.
    assert_ne!(at_quote, p.query_position(&alice).unwrap());
    // And reads as the oracle's own price would: move the oracle there and ask without a quote.
    p.set_price(110).unwrap();
    assert_eq!(at_quote, p.query_position(&alice).unwrap());
    assert_eq!(terms_at_quote, p.query_position_terms(&alice).unwrap());
}

#[test]
fn a_quote_of_another_oracle_or_feed_is_ignored() {
    let mut p = world();
    open_reference_long(&mut p);
    let alice = p.alice.clone();
    let at_oracle = p.query_position(&alice).unwrap();
    let mut other_oracle = quote(&p, 110, p.now());
    other_oracle.oracle = p.alice.to_string();
    assert_eq!(position_at(&p, &alice, other_oracle), at_oracle);
    let mut other_feed = quote(&p, 110, p.now());
    other_feed.feed_id = PriceIdentifier("cd".repeat(32));
    assert_eq!(position_at(&p, &alice, other_feed), at_oracle);
    // The feed id is compared without case, as the market stores it.
    let mut upper = quote(&p, 110, p.now());
    upper.feed_id = PriceIdentifier(p.feed.0.to_ascii_uppercase());
    assert_ne!(position_at(&p, &alice, upper), at_oracle);
}

#[test]
fn a_quoted_price_is_checked_as_a_price_the_market_reads() {
    let mut p = world();
    open_reference_long(&mut p);
    p.advance(61);
    let alice = p.alice.clone();
    let published = p.now() - 61;
    let stale = terms_at(&p, &alice, quote(&p, 100, published));
    assert_eq!(stale.position, None);
    let expected = ContractError::StalePrice {
        feed_id: p.feed.0.clone(),
        publish_time: i64::try_from(published).unwrap(),
        now: p.now(),
        max_age: 60,
    };
    assert_eq!(stale.unmarked, Some(expected.to_string()));
    let ahead = terms_at(&p, &alice, quote(&p, 100, p.now() + 3_600));
    assert!(
        ahead
            .unmarked
            .as_deref()
            .is_some_and(|e| e.contains("ahead") || e.contains("future")),
        "{:?}",
        ahead.unmarked
    );
    let negative = terms_at(&p, &alice, quote(&p, -1, p.now()));
    assert_eq!(negative.position, None, "{negative:?}");
}

/// A raw execute message to the market from `sender` with `funds` of the market's denom.
fn exec_raw(
    p: &mut Perp,
    sender: &Addr,
    msg: serde_json::Value,
    funds: u128,
) -> cosmwasm_std::StdResult<cw_multi_test::AppResponse> {
    use cw_multi_test::Executor;
    let funds = if funds == 0 {
        vec![]
    } else {
        cosmwasm_std::coins(funds, ballast_tests::perp::DENOM)
    };
    let addr = p.addr.clone();
    p.app.execute_contract(sender.clone(), addr, &msg, &funds)
}

#[test]
fn no_state_changing_message_takes_a_quoted_price() {
    // Trade, Liquidate, DepositLiquidity and WithdrawLiquidity refuse an `at_price` field: a quote
    // only ever marks a query.
    let mut p = world();
    open_reference_long(&mut p);
    let q = serde_json::to_value(quote(&p, 1, p.now())).unwrap();
    let (alice, bob, lp, liquidator) = (
        p.alice.clone(),
        p.bob.clone(),
        p.lp.clone(),
        p.liquidator.clone(),
    );
    let pool = p.query_pool_value().unwrap();
    let cases = [
        (
            bob.clone(),
            serde_json::json!({"trade": {"market": MARKET, "side": "long", "notional": "1000000",
                "reduce_only": false, "at_price": q}}),
            200_000,
        ),
        (
            liquidator,
            serde_json::json!({"liquidate": {"trader": alice.to_string(), "market": MARKET,
                "at_price": q}}),
            0,
        ),
        (
            lp.clone(),
            serde_json::json!({"deposit_liquidity": {"at_price": q}}),
            1_000,
        ),
        (
            lp,
            serde_json::json!({"withdraw_liquidity": {"shares": "1", "at_price": q}}),
            0,
        ),
    ];
    for (sender, msg, funds) in cases {
        let err = exec_raw(&mut p, &sender, msg.clone(), funds).expect_err(&msg.to_string());
        assert!(err.to_string().contains("at_price"), "{msg}: {err}");
    }
    assert_eq!(p.query_pool_value().unwrap(), pool, "nothing moved");
    assert_eq!(p.query_position(&bob).unwrap().side, None);
}

#[test]
fn a_quote_does_not_outlive_its_query() {
    // A quoted 1 (alice's long deep under water) marks only that answer: the pool's value and a
    // liquidation read the oracle's 100, and the next trade fills at the oracle.
    let mut p = world();
    open_reference_long(&mut p);
    let alice = p.alice.clone();
    let before = p.query_position(&alice).unwrap();
    let pool = p.query_pool_value().unwrap();
    let crushed = terms_at(&p, &alice, quote(&p, 1, p.now()));
    assert_ne!(crushed.position.as_ref().map(|s| s.unrealized_pnl), None);
    assert_eq!(p.query_pool_value().unwrap(), pool);
    assert_eq!(p.query_position(&alice).unwrap(), before);
    let liquidator = p.liquidator.clone();
    p.liquidate(&liquidator, &alice)
        .expect_err("healthy at the oracle's price");
    let bob = p.bob.clone();
    p.trade(&bob, ballast_types::Side::Long, 1_000_000, false, 200_000)
        .unwrap();
    let fill = p.query_position(&bob).unwrap().entry_price;
    assert!(fill > crate::dec("100"), "{fill}");
}

#[test]
fn a_quote_naming_the_oracle_in_another_spelling_is_ignored() {
    let mut p = world();
    open_reference_long(&mut p);
    let alice = p.alice.clone();
    let at_oracle = p.query_position(&alice).unwrap();
    for oracle in [
        |o: &str| o.to_ascii_uppercase(),
        |o: &str| format!(" {o}"),
        |o: &str| format!("{o}\u{0}"),
    ] as [fn(&str) -> String; 3]
    {
        let mut q = quote(&p, 110, p.now());
        q.oracle = oracle(&q.oracle);
        assert_eq!(
            position_at(&p, &alice, q.clone()),
            at_oracle,
            "{:?}",
            q.oracle
        );
    }
}

#[test]
fn an_extreme_quoted_price_is_an_answer_not_a_panic() {
    let mut p = world();
    open_reference_long(&mut p);
    let alice = p.alice.clone();
    let now = i64::try_from(p.now()).unwrap();
    for (price, expo) in [
        (i64::MAX, -8),
        (1, -8),
        (i64::MAX, 12),
        (1, -40),
        (i64::MAX, i32::MAX),
    ] {
        let q = QuotedPrice {
            oracle: p.query_config().unwrap().oracle.to_string(),
            feed_id: p.feed.clone(),
            price: PythPrice {
                price: Int64::new(price),
                conf: Uint64::new(0),
                expo,
                publish_time: now,
            },
        };
        let msg = QueryMsg::PositionTerms {
            trader: alice.to_string(),
            market: MARKET.to_string(),
            at_price: Some(q),
        };
        let res: cosmwasm_std::StdResult<PositionTermsResponse> =
            p.app.wrap().query_wasm_smart(&p.addr, &msg);
        if let Ok(answer) = res {
            assert!(
                answer.position.is_some() || answer.unmarked.is_some(),
                "{price}e{expo}: {answer:?}"
            );
        }
    }
}
