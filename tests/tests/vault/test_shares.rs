//! Minimal deposits and redeems (the accounting issue completes them).

use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{DENOM, NAV, SuiteBuilder};
use ballast_vault::error::ContractError;
use cosmwasm_std::Uint128;
use cw_multi_test::Executor;

#[test]
fn first_deposit_mints_with_the_virtual_offset() {
    let suite = SuiteBuilder::new().build();
    // shares = assets * (0 + 10^6) / (0 + 1)
    assert_eq!(
        suite.query_shares(&suite.alice).unwrap().u128(),
        NAV * 1_000_000
    );
    assert_eq!(suite.query_state().unwrap().nav.u128(), NAV);
}

#[test]
fn a_second_deposit_gets_shares_at_the_same_price() {
    let mut suite = SuiteBuilder::new().build();
    let bob = suite.bob.clone();
    suite.deposit(&bob, NAV / 2).unwrap();
    let (alice_shares, bob_shares) = (
        suite.query_shares(&suite.alice).unwrap(),
        suite.query_shares(&bob).unwrap(),
    );
    assert!(bob_shares.u128().abs_diff(alice_shares.u128() / 2) <= 1_000_000);
}

#[test]
fn redeem_pays_the_share_of_nav() {
    let mut suite = SuiteBuilder::new().build();
    let alice = suite.alice.clone();
    let before = suite.balance(&alice);
    let shares = suite.query_shares(&alice).unwrap().u128();
    suite.redeem(&alice, shares / 4).unwrap();
    let paid = suite.balance(&alice) - before;
    assert!((NAV / 4 - 1..=NAV / 4).contains(&paid), "{paid}");
}

#[test]
fn redeeming_more_shares_than_held_is_refused() {
    let mut suite = SuiteBuilder::new().build();
    let bob = suite.bob.clone();
    // Shares are a bank denom: the bank refuses to attach what bob does not hold.
    let refused = suite.redeem(&bob, 1).unwrap_err().to_string();
    assert!(refused.contains("Overflow"), "{refused}");
}

#[test]
fn a_deposit_in_another_denom_is_refused() {
    let mut suite = SuiteBuilder::new().build();
    let bob = suite.bob.clone();
    let res = suite.app.execute_contract(
        bob,
        suite.vault.clone(),
        &ballast_types::vault::ExecuteMsg::Deposit {
            amount: Uint128::new(1_000),
            recipient: None,
        },
        &[],
    );
    assert_err(
        res,
        ContractError::WrongFunds {
            expected: format!("1000{DENOM}"),
        },
    );
}
