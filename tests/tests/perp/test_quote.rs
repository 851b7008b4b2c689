//! Quotes, and the impact curve behind them.

use ballast_perp::error::ContractError;
use ballast_tests::assertions::assert_err;
use ballast_tests::perp::{PerpBuilder, attr};
use ballast_types::Side;
use cosmwasm_std::{Decimal, Uint128};

use crate::{dec, world};

#[test]
fn quote_matches_the_trade() {
    let mut p = world();
    let quote = p.query_quote(Side::Long, 1_000_000).unwrap();
    assert_eq!(quote.oracle_price, dec("100"));
    assert_eq!(quote.impact, dec("0.0001"));
    assert_eq!(quote.fill_price, dec("100.01"));
    assert_eq!(quote.fee, Uint128::new(1_000));
    let alice = p.alice.clone();
    let res = p
        .trade(&alice, Side::Long, 1_000_000, false, 200_000)
        .unwrap();
    assert_eq!(attr(&res, "fill_price"), Some(quote.fill_price.to_string()));
    assert_eq!(attr(&res, "fee"), Some(quote.fee.to_string()));
    assert_eq!(
        p.query_position(&alice).unwrap().entry_price,
        quote.fill_price
    );
}

#[test]
fn fee_rounds_up() {
    let p = world();
    // 1,001 * 0.001 = 1.001
    assert_eq!(
        p.query_quote(Side::Short, 1_001).unwrap().fee,
        Uint128::new(2)
    );
}

#[test]
fn a_quadratic_curve_squares_the_depth_ratio() {
    let p = PerpBuilder::new()
        .impact_exponent(Decimal::percent(200))
        .build();
    // (10^8 / 10^10)^2 = 0.0001, within the fixed-point pow's accuracy.
    let impact = p.query_quote(Side::Long, 100_000_000).unwrap().impact;
    assert!(
        impact.abs_diff(dec("0.0001")) < dec("0.000000000001"),
        "{impact}"
    );
}

#[test]
fn a_trade_as_large_as_the_depth_is_refused() {
    let mut p = world();
    let alice = p.alice.clone();
    assert_err(
        p.trade(&alice, Side::Long, 10_000_000_000, false, 2_000_000_000),
        ContractError::ImpactTooLarge {
            notional: Uint128::new(10_000_000_000),
            recent_flow: Uint128::zero(),
            depth: Uint128::new(10_000_000_000),
        },
    );
}
