//! LP deposits and withdrawals.

use ballast_perp::error::ContractError;
use ballast_tests::assertions::assert_err;
use ballast_tests::perp::{DENOM, PerpBuilder};
use cosmwasm_std::Uint128;

use crate::{START, open_reference_long, world};

#[test]
fn first_deposit_mints_shares_one_to_one() {
    let p = world();
    assert_eq!(p.query_lp_shares(&p.lp).unwrap(), Uint128::new(100_000_000));
    let pool = p.query_pool().unwrap();
    assert_eq!(pool.balance, Uint128::new(100_000_000));
    assert_eq!(pool.total_shares, Uint128::new(100_000_000));
}

#[test]
fn later_deposit_mints_pro_rata_rounded_down() {
    let mut p = world();
    open_reference_long(&mut p);
    let bob = p.bob.clone();
    p.deposit_liquidity(&bob, 1_000_000).unwrap();
    // The pool is worth its balance 10^8 + 1,000 plus alice's unrealised loss of 100 (the impact she
    // paid): 1,000,000 * 10^8 / 100,001,100 = 999,989.0001
    assert_eq!(p.query_lp_shares(&bob).unwrap(), Uint128::new(999_989));
    p.assert_books();
}

#[test]
fn withdraw_pays_pro_rata_and_burns_shares() {
    let mut p = world();
    open_reference_long(&mut p);
    let lp = p.lp.clone();
    p.withdraw_liquidity(&lp, 50_000_000).unwrap();
    // Half the shares: half of the value, 10^8 + 1,000 plus alice's unrealised loss of 100.
    assert_eq!(p.balance(&lp), START - 100_000_000 + 50_000_550);
    assert_eq!(p.query_lp_shares(&lp).unwrap(), Uint128::new(50_000_000));
    let pool = p.query_pool().unwrap();
    assert_eq!(pool.balance, Uint128::new(50_000_450));
    assert_eq!(pool.total_shares, Uint128::new(50_000_000));
    p.assert_books();
}

#[test]
fn withdrawing_every_share_empties_the_pool() {
    let mut p = world();
    let lp = p.lp.clone();
    p.withdraw_liquidity(&lp, 100_000_000).unwrap();
    assert_eq!(p.balance(&lp), START);
    assert_eq!(p.query_lp_shares(&lp).unwrap(), Uint128::zero());
    assert_eq!(p.query_pool().unwrap().balance, Uint128::zero());
    p.assert_books();
}

#[test]
fn withdrawing_more_shares_than_owned_is_refused() {
    let mut p = world();
    let lp = p.lp.clone();
    assert_err(
        p.withdraw_liquidity(&lp, 100_000_001),
        ContractError::InsufficientShares {
            requested: Uint128::new(100_000_001),
            owned: Uint128::new(100_000_000),
        },
    );
}

#[test]
fn deposit_without_funds_is_refused() {
    let mut p = PerpBuilder::new().pool(0).build();
    let lp = p.lp.clone();
    assert_err(
        p.deposit_liquidity(&lp, 0),
        ContractError::NoFunds {
            denom: DENOM.to_string(),
        },
    );
}
