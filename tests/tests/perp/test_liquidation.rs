//! Permissionless liquidation. The reference long (10,000 units at 100.01, margin 199,000) has its
//! liquidation price at (1,000,100 - 199,000) / (10,000 * 0.95) = 84.3263...

use ballast_perp::error::ContractError;
use ballast_tests::assertions::assert_err;
use ballast_tests::perp::{MARKET, attr};
use ballast_types::Side;
use cosmwasm_std::{Int256, Uint128, Uint256};

use crate::{START, dec, open_reference_long, world};

#[test]
fn a_long_under_maintenance_is_liquidated_and_the_liquidator_paid() {
    let mut p = world();
    open_reference_long(&mut p);
    p.set_price(84).unwrap();
    let (alice, liquidator) = (p.alice.clone(), p.liquidator.clone());
    let res = p.liquidate(&liquidator, &alice).unwrap();
    // Equity 199,000 - 10,000 * 16.01 = 38,900 < maintenance 5% * 840,000 = 42,000.
    assert_eq!(attr(&res, "equity").as_deref(), Some("38900"));
    assert_eq!(attr(&res, "maintenance").as_deref(), Some("42000"));
    // The pool takes the loss; the liquidator 10% of the remaining 38,900; the trader the rest.
    assert_eq!(p.balance(&liquidator), START + 3_890);
    assert_eq!(p.balance(&alice), START - 200_000 + 35_010);
    assert_eq!(
        p.query_pool().unwrap().balance,
        Uint128::new(100_000_000 + 1_000 + 160_100)
    );
    assert_eq!(p.query_position(&alice).unwrap().side, None);
    assert_eq!(
        p.query_market().unwrap().open_interest_long,
        Uint128::zero()
    );
    p.assert_books();
}

#[test]
fn a_short_is_liquidated_when_the_price_rises() {
    let mut p = world();
    let (alice, liquidator) = (p.alice.clone(), p.liquidator.clone());
    p.trade(&alice, Side::Short, 1_000_000, false, 200_000)
        .unwrap();
    p.set_price(115).unwrap();
    // Equity 199,000 - 10,000 * (115 - 99.99) = 48,900 < 5% * 1,150,000 = 57,500.
    p.liquidate(&liquidator, &alice).unwrap();
    assert_eq!(p.balance(&liquidator), START + 4_890);
    assert_eq!(p.balance(&alice), START - 200_000 + 44_010);
    p.assert_books();
}

#[test]
fn a_healthy_position_is_not_liquidatable() {
    let mut p = world();
    open_reference_long(&mut p);
    p.set_price(90).unwrap();
    let (alice, liquidator) = (p.alice.clone(), p.liquidator.clone());
    assert_err(
        p.liquidate(&liquidator, &alice),
        ContractError::NotLiquidatable {
            equity: Int256::from(98_900i128),
            maintenance: Uint256::from(45_000u128),
        },
    );
}

#[test]
fn liquidation_beyond_the_margin_pays_nobody_and_the_pool_takes_the_margin() {
    let mut p = world();
    open_reference_long(&mut p);
    p.set_price(70).unwrap();
    let (alice, liquidator) = (p.alice.clone(), p.liquidator.clone());
    let res = p.liquidate(&liquidator, &alice).unwrap();
    assert_eq!(attr(&res, "bad_debt").as_deref(), Some("101100"));
    assert_eq!(p.balance(&liquidator), START);
    assert_eq!(p.balance(&alice), START - 200_000);
    assert_eq!(
        p.query_pool().unwrap().balance,
        Uint128::new(100_000_000 + 1_000 + 199_000)
    );
    p.assert_books();
}

#[test]
fn position_reports_the_liquidation_price() {
    let mut p = world();
    open_reference_long(&mut p);
    let pos = p.query_position(&p.alice).unwrap();
    assert_eq!(pos.liquidation_price, Some(dec("84.32631578947368421")));
}

#[test]
fn just_above_the_liquidation_price_is_safe() {
    let mut p = world();
    open_reference_long(&mut p);
    let now = i64::try_from(p.now()).unwrap();
    p.push_price(8_433_000_000, now).unwrap();
    assert!(!p.query_position(&p.alice).unwrap().liquidatable);
}

#[test]
fn just_below_the_liquidation_price_is_liquidatable() {
    let mut p = world();
    open_reference_long(&mut p);
    let now = i64::try_from(p.now()).unwrap();
    p.push_price(8_432_000_000, now).unwrap();
    assert!(p.query_position(&p.alice).unwrap().liquidatable);
    let (alice, liquidator) = (p.alice.clone(), p.liquidator.clone());
    p.liquidate(&liquidator, &alice).unwrap();
    p.assert_books();
}

#[test]
fn a_flat_trader_cannot_be_liquidated() {
    let mut p = world();
    let (alice, liquidator) = (p.alice.clone(), p.liquidator.clone());
    assert_err(
        p.liquidate(&liquidator, &alice),
        ContractError::NoPosition {
            trader: alice.to_string(),
            market: MARKET.to_string(),
        },
    );
}

#[test]
fn a_flat_position_reads_zeros_and_no_liquidation_price() {
    let p = world();
    let pos = p.query_position(&p.alice).unwrap();
    assert_eq!(pos.side, None);
    assert_eq!(pos.liquidation_price, None);
    assert!(!pos.liquidatable);
}

#[test]
fn the_market_reports_every_payout_to_the_trader_once_and_after_the_position_is_gone() {
    let mut p = world();
    let alice = p.alice.clone();
    let paid = |p: &ballast_tests::perp::Perp, who| p.query_position(who).unwrap().paid_out.u128();
    assert_eq!(paid(&p, &alice), 0);
    open_reference_long(&mut p);
    assert_eq!(paid(&p, &alice), 0);
    // A reduction pays margin back: the running total rises by what the bank received.
    let before = p.balance(&alice);
    p.trade(&alice, Side::Short, 300_000, true, 0).unwrap();
    let first = p.balance(&alice) - before;
    assert!(first > 0);
    assert_eq!(paid(&p, &alice), first);
    // Liquidation pays the remainder; the total keeps counting after the position is gone.
    p.set_price(84).unwrap();
    let before = p.balance(&alice);
    let liquidator = p.liquidator.clone();
    p.liquidate(&liquidator, &alice).unwrap();
    let second = p.balance(&alice) - before;
    assert!(second > 0);
    assert_eq!(p.query_position(&alice).unwrap().side, None);
    assert_eq!(paid(&p, &alice), first + second);
    // Another trader's total is their own.
    assert_eq!(paid(&p, &p.liquidator.clone()), 0);
}
