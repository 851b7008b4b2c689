//! The oracle price a trade may use.

use ballast_perp::error::ContractError;
use ballast_tests::assertions::assert_err;
use ballast_tests::perp::{PerpBuilder, mantissa};
use ballast_types::Side;
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
fn a_price_from_the_future_is_refused() {
    let mut p = world();
    let now = p.now();
    let future = i64::try_from(now + 10).unwrap();
    p.push_price(mantissa(100), future).unwrap();
    let alice = p.alice.clone();
    assert_err(
        p.trade(&alice, Side::Long, 1_000_000, false, 200_000),
        ContractError::FuturePrice {
            feed_id: p.feed.0.clone(),
            publish_time: future,
            now,
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
