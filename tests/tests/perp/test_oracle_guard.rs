//! The oracle price a trade may use.

use ballast_oracle::error::ContractError as OracleError;
use ballast_perp::error::ContractError;
use ballast_tests::assertions::assert_err;
use ballast_tests::perp::{PerpBuilder, mantissa};
use ballast_types::Side;
use ballast_types::oracle::MAX_FUTURE_SKEW;
use ballast_types::perp::{PositionSummary, PositionTermsResponse, TradingTerms};
use cosmwasm_std::Int64;

use crate::{open_reference_long, world};

#[test]
fn a_price_older_than_max_age_is_refused() {
    let mut p = world();
    let published = p.now();
    p.advance(61);
    let alice = p.alice.clone();
    assert_err(
        p.trade(&alice, Side::Long, 1_000_000, false, 200_000),
        ContractError::StalePrice {
            feed_id: p.feed.0.clone(),
            publish_time: i64::try_from(published).unwrap(),
            now: published + 61,
            max_age: 60,
        },
    );
}

#[test]
fn a_price_exactly_max_age_old_is_accepted() {
    let mut p = world();
    p.advance(60);
    open_reference_long(&mut p);
}

#[test]
fn a_price_from_beyond_the_skew_is_refused() {
    // Our oracle refuses to store such a price; a foreign Pyth-style contract might answer one.
    let mut p = PerpBuilder::new()
        .fixed_price(mantissa(100))
        .fixed_publish_offset(6)
        .pool(0)
        .build();
    let now = p.now();
    let alice = p.alice.clone();
    assert_err(
        p.trade(&alice, Side::Long, 1_000_000, false, 200_000),
        ContractError::FuturePrice {
            feed_id: p.feed.0.clone(),
            publish_time: i64::try_from(now + 6).unwrap(),
            now,
            max_skew: MAX_FUTURE_SKEW,
        },
    );
}

#[test]
fn a_price_within_the_skew_reads_as_fresh() {
    let mut p = PerpBuilder::new()
        .fixed_price(mantissa(100))
        .fixed_publish_offset(5)
        .pool(0)
        .build();
    let alice = p.alice.clone();
    p.trade(&alice, Side::Long, 1_000, false, 2_000).unwrap();
    // It ages from its publish_time: stale once 60 s past it, not 60 s past the block it arrived in.
    p.advance(65);
    p.trade(&alice, Side::Long, 1_000, false, 0).unwrap();
    p.advance(1);
    let published = p.now() - 61;
    assert_err(
        p.trade(&alice, Side::Long, 1_000, false, 0),
        ContractError::StalePrice {
            feed_id: p.feed.0.clone(),
            publish_time: i64::try_from(published).unwrap(),
            now: published + 61,
            max_age: 60,
        },
    );
}

#[test]
fn a_zero_price_is_refused() {
    let mut p = PerpBuilder::new().fixed_price(0).build();
    let alice = p.alice.clone();
    assert_err(
        p.trade(&alice, Side::Long, 1_000_000, false, 200_000),
        ContractError::NonPositivePrice {
            feed_id: p.feed.0.clone(),
            price: Int64::new(0),
        },
    );
}

#[test]
fn a_negative_price_is_refused() {
    let mut p = PerpBuilder::new().fixed_price(-5).build();
    let alice = p.alice.clone();
    assert_err(
        p.trade(&alice, Side::Long, 1_000_000, false, 200_000),
        ContractError::NonPositivePrice {
            feed_id: p.feed.0.clone(),
            price: Int64::new(-5),
        },
    );
}

#[test]
fn a_stale_price_blocks_liquidation() {
    let mut p = world();
    open_reference_long(&mut p);
    let published = p.now();
    p.advance(120);
    let (alice, liquidator) = (p.alice.clone(), p.liquidator.clone());
    assert_err(
        p.liquidate(&liquidator, &alice),
        ContractError::StalePrice {
            feed_id: p.feed.0.clone(),
            publish_time: i64::try_from(published).unwrap(),
            now: published + 120,
            max_age: 60,
        },
    );
}

#[test]
fn position_terms_mark_the_position_and_give_the_terms_in_one_read() {
    let mut p = world();
    open_reference_long(&mut p);
    let alice = p.alice.clone();
    let read = p.query_position_terms(&alice).unwrap();
    assert_eq!(
        read.position,
        Some(PositionSummary::from(&p.query_position(&alice).unwrap()))
    );
    assert_eq!(read.unmarked, None);
    assert_eq!(
        read.terms,
        TradingTerms::from(&p.query_market().unwrap().params)
    );
}

#[test]
fn position_terms_name_why_a_position_is_unmarked_and_still_give_the_terms() {
    let mut p = world();
    open_reference_long(&mut p);
    let published = p.now();
    p.advance(61);
    let alice = p.alice.clone();
    let read = p.query_position_terms(&alice).unwrap();
    assert_eq!(read.position, None);
    let stale = ContractError::StalePrice {
        feed_id: p.feed.0.clone(),
        publish_time: i64::try_from(published).unwrap(),
        now: published + 61,
        max_age: 60,
    };
    assert_eq!(read.unmarked, Some(stale.to_string()));
    assert_eq!(
        read.terms,
        TradingTerms::from(&p.query_market().unwrap().params)
    );
    // A flat trader needs no price.
    let bob = p.bob.clone();
    let flat = p.query_position_terms(&bob).unwrap();
    assert_eq!(flat.position.map(|s| s.side), Some(None));
}

#[test]
fn position_terms_refuse_a_bad_trader_address() {
    let p = world();
    let err = p
        .app
        .wrap()
        .query_wasm_smart::<PositionTermsResponse>(
            &p.addr,
            &ballast_types::perp::QueryMsg::PositionTerms {
                trader: "not an address".into(),
                market: ballast_tests::perp::MARKET.into(),
                at_price: None,
            },
        )
        .unwrap_err();
    // Refused outright (the address check comes first), not reported as an unmarked position.
    assert!(err.to_string().contains("Querier contract error"), "{err}");
}

/// An early price would freeze the market: the oracle keeps it (no later price with an earlier
/// publish_time replaces it) and the market refuses it until the block time catches up. The oracle
/// refuses a publish_time an hour ahead; one within the skew is stored and the market trades on it.
#[test]
fn an_early_price_cannot_freeze_the_market() {
    let mut p = world();
    let now = i64::try_from(p.now()).unwrap();
    assert_err(
        p.push_price(mantissa(100), now + 3_600),
        OracleError::FuturePublishTime {
            id: p.feed.0.clone(),
            publish_time: now + 3_600,
            now,
            max_skew: 5,
        },
    );
    p.push_price(mantissa(100), now + 5).unwrap();
    let alice = p.alice.clone();
    p.trade(&alice, Side::Long, 1_000_000, false, 200_000)
        .unwrap();
    assert_eq!(p.query_position(&alice).unwrap().margin.u128(), 199_000);
}
