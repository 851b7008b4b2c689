//! Idle as a ledger (the default build): deposits in, redeems and margin out, and each payout of the
//! perp market counted once, when a mark shows its running total risen. Tokens nobody accounted for (a
//! donation) are never counted, so they move neither nav nor the share price.

use ballast_tests::suite::{DENOM, NAV, Suite, SuiteBuilder, order, reduce_only};
use ballast_types::Side;
use cosmwasm_std::coins;
use cw_multi_test::Executor;

fn idle(suite: &Suite) -> u128 {
    suite.query_state().unwrap().idle.u128()
}

fn vault_balance(suite: &Suite) -> u128 {
    suite.balance(&suite.vault.clone())
}

/// Lowers the price a percent at a time until the perp market may liquidate the vault's long, and
/// liquidates it there, with equity left for the vault; returns the price.
fn liquidate_with_equity_left(suite: &mut Suite) -> i64 {
    let mut price = suite.price;
    while !suite.query_position().unwrap().liquidatable {
        price = price * 99 / 100;
        suite.advance(60);
        suite.publish(price).unwrap();
    }
    suite.liquidate_vault().unwrap();
    price
}

fn donate(suite: &mut Suite, amount: u128) {
    let (from, vault) = (suite.bob.clone(), suite.vault.clone());
    suite
        .app
        .send_tokens(from, vault, &coins(amount, DENOM))
        .unwrap();
}

#[test]
fn idle_follows_the_balance_through_deposits_orders_payouts_and_redeems() {
    let mut suite = SuiteBuilder::new().build();
    assert_eq!(idle(&suite), NAV);
    assert_eq!(idle(&suite), vault_balance(&suite));
    // Margin out.
    suite.submit(order(Side::Long, 400_000_000_000)).unwrap();
    assert!(idle(&suite) < NAV);
    assert_eq!(idle(&suite), vault_balance(&suite));
    // A reduction's payout in, counted by the re-mark.
    suite.advance(60);
    suite.publish(suite.price).unwrap();
    suite
        .submit(reduce_only(Side::Short, 150_000_000_000))
        .unwrap();
    assert_eq!(idle(&suite), vault_balance(&suite));
    // A close pays the rest.
    suite
        .submit(reduce_only(Side::Short, 400_000_000_000))
        .unwrap();
    assert!(suite.query_position().unwrap().side.is_none());
    assert_eq!(idle(&suite), vault_balance(&suite));
    // A deposit and a redeem.
    let bob = suite.bob.clone();
    suite.deposit(&bob, 5_000_000).unwrap();
    assert_eq!(idle(&suite), vault_balance(&suite));
    let alice = suite.alice.clone();
    let shares = suite.query_shares(&alice).unwrap().u128();
    suite.redeem(&alice, shares / 3).unwrap();
    assert_eq!(idle(&suite), vault_balance(&suite));
}

#[test]
fn a_donation_moves_neither_idle_nor_the_share_price() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, 200_000_000_000)).unwrap();
    let before = suite.query_state().unwrap();
    let preview = suite.query_preview_deposit(1_000_000_000).unwrap();
    donate(&mut suite, NAV);
    let after = suite.query_state().unwrap();
    assert_eq!((after.idle, after.nav), (before.idle, before.nav));
    assert_eq!(after.share_price, before.share_price);
    assert_eq!(suite.query_preview_deposit(1_000_000_000).unwrap(), preview);
    // A deposit after it buys at the old price, and redeems get nothing of it.
    let bob = suite.bob.clone();
    suite.deposit(&bob, 1_000_000_000).unwrap();
    assert_eq!(suite.query_shares(&bob).unwrap(), preview);
    assert_eq!(vault_balance(&suite) - idle(&suite), NAV);
}

#[test]
fn a_liquidation_payout_is_counted_once_when_the_market_is_marked() {
    let mut suite = SuiteBuilder::new()
        .params(|p| p.guards.breaker_max_move = "5".parse().unwrap())
        .build();
    suite.submit(order(Side::Long, 500_000_000_000)).unwrap();
    let (idle_before, balance_before) = (idle(&suite), vault_balance(&suite));
    let crashed = liquidate_with_equity_left(&mut suite);
    let payout = vault_balance(&suite) - balance_before;
    assert!(payout > 0, "the liquidation left the vault nothing");
    // Not yet seen: the stale mark still counts the position, and idle is as it was.
    assert_eq!(idle(&suite), idle_before);
    suite.mark().unwrap();
    let state = suite.query_state().unwrap();
    assert_eq!(state.idle.u128(), idle_before + payout);
    assert_eq!(state.nav, state.idle);
    // Marking again counts nothing twice.
    suite.advance(60);
    suite.publish(crashed).unwrap();
    suite.mark().unwrap();
    assert_eq!(idle(&suite), idle_before + payout);
    assert_eq!(idle(&suite), vault_balance(&suite));
}

#[test]
fn a_deposit_counts_the_payouts_a_valuation_reads() {
    let mut suite = SuiteBuilder::new()
        .params(|p| p.guards.breaker_max_move = "5".parse().unwrap())
        .build();
    suite.submit(order(Side::Long, 500_000_000_000)).unwrap();
    liquidate_with_equity_left(&mut suite);
    // The deposit values the vault from fresh reads: the payout is in nav once, and then in idle.
    let bob = suite.bob.clone();
    let preview = suite.query_preview_deposit(1_000_000_000).unwrap();
    suite.deposit(&bob, 1_000_000_000).unwrap();
    assert_eq!(suite.query_shares(&bob).unwrap(), preview);
    assert_eq!(idle(&suite), vault_balance(&suite));
}
