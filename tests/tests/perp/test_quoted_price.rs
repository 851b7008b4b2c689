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
