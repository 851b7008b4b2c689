//! `RemoveMargin`: a trader takes margin back down to the initial margin on the notional at the
//! oracle price, after any unrealised loss. The reference long at price 100: notional 1,000,000,
//! initial margin 100,000, unrealised loss 10,000 * 0.01 = 100, margin 199,000: 98,900 may leave.

use ballast_perp::error::ContractError;
use ballast_tests::assertions::assert_err;
use ballast_tests::perp::MARKET;
use cosmwasm_std::{Uint128, coins};
use cw_multi_test::Executor;

use crate::{START, open_reference_long, world};

#[test]
fn margin_beyond_the_initial_margin_comes_back_and_counts_as_paid_out() {
    let mut p = world();
    open_reference_long(&mut p);
    let alice = p.alice.clone();
    p.remove_margin(&alice, 98_900).unwrap();
    let position = p.query_position(&alice).unwrap();
    assert_eq!(position.margin, Uint128::new(100_100));
    assert_eq!(position.paid_out, Uint128::new(98_900));
    assert_eq!(p.balance(&alice), START - 200_000 + 98_900);
    p.assert_books();
}

#[test]
fn one_unit_more_than_the_initial_margin_allows_is_refused() {
    let mut p = world();
    open_reference_long(&mut p);
    let alice = p.alice.clone();
    assert_err(
        p.remove_margin(&alice, 98_901),
        ContractError::InsufficientMargin {
            required: Uint128::new(100_000),
            available: Uint128::new(99_999),
        },
    );
}

#[test]
fn an_unrealised_profit_backs_no_withdrawal() {
    let mut p = world();
    open_reference_long(&mut p);
    p.set_price(120).unwrap();
    let alice = p.alice.clone();
    // Initial margin on 1,200,000 is 120,000: of 199,000 only 79,000 may leave, profit or not.
    assert_err(
        p.remove_margin(&alice, 79_001),
        ContractError::InsufficientMargin {
            required: Uint128::new(120_000),
            available: Uint128::new(119_999),
        },
    );
    p.remove_margin(&alice, 79_000).unwrap();
}

#[test]
fn more_than_the_margin_zero_funds_and_no_position_are_refused() {
    let mut p = world();
    open_reference_long(&mut p);
    let (alice, bob) = (p.alice.clone(), p.bob.clone());
    let too_much = p.remove_margin(&alice, 1_000_000).unwrap_err();
    assert!(
        too_much.to_string().contains("insufficient margin"),
        "{too_much}"
    );
    assert_err(
        p.remove_margin(&alice, 0),
        ContractError::ZeroAmount { what: "amount" },
    );
    assert_err(
        p.remove_margin(&bob, 1),
        ContractError::NoPosition {
            trader: bob.to_string(),
            market: MARKET.to_string(),
        },
    );
    let msg = ballast_types::perp::ExecuteMsg::RemoveMargin {
        market: MARKET.to_string(),
        amount: Uint128::new(1),
    };
    let denom = p.query_config().unwrap().denom;
    let (perp, funds) = (p.addr.clone(), coins(5, denom));
    let with_funds = p
        .app
        .execute_contract(alice, perp, &msg, &funds)
        .unwrap_err();
    assert!(
        with_funds.to_string().contains("takes no funds"),
        "{with_funds}"
    );
}
