//! Attacks on the margin policy (vault 0.6.0, perp 0.4.0): with a redemption buffer most of nav is the
//! positions' margin, and a redeem larger than idle pulls margin back through the perp's
//! `RemoveMargin`. After each sequence idle equals the vault's bank balance (the pulled margin is
//! counted once), the other holders' share price has not moved, and the position is not liquidatable.

use ballast_perp::error::ContractError as PerpError;
use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{DENOM, NAV, Suite, SuiteBuilder, order};
use ballast_types::{Side, perp};
use cosmwasm_std::{Decimal, Uint128, coins};
use cw_multi_test::Executor;

fn with_buffer() -> Suite {
    SuiteBuilder::new()
        .params(|p| p.redemption_buffer = Some("0.2".parse().unwrap()))
        .build()
}

fn assert_ledger(suite: &Suite, when: &str) {
    let vault = suite.vault.clone();
    let state = suite.query_state().unwrap();
    assert_eq!(
        state.idle.u128(),
        suite.balance(&vault),
        "{when}: idle against the bank"
    );
    assert!(
        !suite.query_position().unwrap().liquidatable,
        "{when}: liquidatable"
    );
}

fn share_price(suite: &Suite) -> Decimal {
    suite.query_state().unwrap().share_price
}

/// A minute later, the price at `percent` of the suite's starting price.
fn next_minute(suite: &mut Suite, percent: i64) {
    suite.advance(60);
    let price = suite.price * percent / 100;
    suite.publish(price).unwrap();
}

/// A third of the vault redeemed in one go: more than idle, so margin is pulled.
fn redeem_a_third(suite: &mut Suite) {
    let alice = suite.alice.clone();
    let shares = suite.query_shares(&alice).unwrap().u128() / 3;
    let idle = suite.query_state().unwrap().idle.u128();
    assert!(suite.query_preview_redeem(shares).unwrap().u128() > idle);
    suite.redeem(&alice, shares).unwrap();
}

#[test]
fn pulled_margin_is_counted_once_through_marks_rebalances_and_more_redeems() {
    let mut suite = with_buffer();
    suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
    next_minute(&mut suite, 100);
    let price = share_price(&suite);
    redeem_a_third(&mut suite);
    assert_ledger(&suite, "after the pull");
    let nav = suite.query_state().unwrap().nav;
    suite.mark().unwrap();
    assert_eq!(
        suite.query_state().unwrap().nav,
        nav,
        "a mark recounted the pull"
    );
    suite.rebalance().unwrap();
    assert_ledger(&suite, "after a rebalance");
    next_minute(&mut suite, 100);
    redeem_a_third(&mut suite);
    assert_ledger(&suite, "after a second pull");
    assert!(share_price(&suite) >= price);
}

#[test]
fn a_pull_after_a_loss_leaves_the_position_standing() {
    let mut suite = with_buffer();
    suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
    // A 15% fall: the position's margin absorbs the loss, idle is untouched.
    next_minute(&mut suite, 85);
    redeem_a_third(&mut suite);
    assert_ledger(&suite, "after a loss and a pull");
    let keeper = suite.keeper.clone();
    let err = suite.liquidate_vault().unwrap_err().to_string();
    assert!(err.contains("not liquidatable"), "{err} ({keeper})");
}

#[test]
fn a_short_pulls_margin_after_a_rise_and_stays_standing() {
    let mut suite = with_buffer();
    suite.submit(order(Side::Short, 100_000_000_000)).unwrap();
    next_minute(&mut suite, 110);
    redeem_a_third(&mut suite);
    assert_ledger(&suite, "a short after a rise");
}

#[test]
fn another_trader_cannot_remove_the_vaults_margin() {
    let mut suite = with_buffer();
    suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
    let margin = suite.query_position().unwrap().margin;
    let (bob, perp_addr) = (suite.bob.clone(), suite.perp.clone());
    let msg = perp::ExecuteMsg::RemoveMargin {
        market: suite.market.clone(),
        amount: Uint128::new(1_000_000),
    };
    assert_err(
        suite
            .app
            .execute_contract(bob.clone(), perp_addr, &msg, &[]),
        PerpError::NoPosition {
            trader: bob.to_string(),
            market: suite.market.clone(),
        },
    );
    assert_eq!(suite.query_position().unwrap().margin, margin);
}

#[test]
fn rebalances_in_one_block_never_take_idle_below_the_buffer() {
    let mut suite = with_buffer();
    suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
    // A gain raises nav: the buffer's share of it grows while idle does not.
    next_minute(&mut suite, 120);
    let start = suite.query_state().unwrap().idle;
    for _ in 0..5 {
        suite.rebalance().unwrap();
        let state = suite.query_state().unwrap();
        let floor = state.nav.mul_floor(Decimal::percent(20));
        // Top-ups take only idle above the buffer; below it, idle is left where it was.
        assert!(state.idle >= floor.min(start), "{state:?}");
        assert_ledger(&suite, "rebalance");
    }
}

#[test]
fn a_donation_before_a_pulling_redeem_moves_no_price() {
    let mut suite = with_buffer();
    suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
    next_minute(&mut suite, 100);
    let price = share_price(&suite);
    let (lp, vault) = (suite.lp.clone(), suite.vault.clone());
    suite
        .app
        .send_tokens(lp, vault.clone(), &coins(NAV / 10, DENOM))
        .unwrap();
    assert_eq!(share_price(&suite), price);
    redeem_a_third(&mut suite);
    // The donation stays outside idle: the bank holds exactly it more.
    let state = suite.query_state().unwrap();
    assert_eq!(suite.balance(&vault), state.idle.u128() + NAV / 10);
    assert!(share_price(&suite) >= price);
}
