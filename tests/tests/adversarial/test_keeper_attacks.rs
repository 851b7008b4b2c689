//! Anyone may call the keepers' actions; none of them may undo the manager. Without a signal,
//! `Rebalance` never turns the manager's position around and never adds to it: it only brings a
//! position back under its caps, and it leaves a flat market flat.

use ballast_tests::suite::{MARKET, Suite, SuiteBuilder, order};
use ballast_types::Side;
use ballast_types::governor;
use ballast_types::vault::ExecuteMsg;
use cosmwasm_std::SignedDecimal;

use crate::executed;

/// The manager's 300k USDC: well inside the caps (the volatility target is about 1M).
const MANAGER_SIZE: u128 = 300_000_000_000;

/// A minute later, the same price again: fresh enough for every keeper call.
fn a_minute_later(suite: &mut Suite) {
    suite.advance(60);
    let price = suite.price;
    suite.publish(price).unwrap();
}

#[test]
fn a_keeper_cannot_turn_the_managers_short_into_a_long() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Short, MANAGER_SIZE)).unwrap();
    let held = suite.query_position().unwrap();
    assert_eq!(held.side, Some(Side::Short));
    let nav = suite.query_state().unwrap().nav.u128();
    // The keeper calls again after every manager order: here, three times in a row.
    for _ in 0..3 {
        a_minute_later(&mut suite);
        let res = suite.rebalance().unwrap();
        assert_eq!(executed(&res), 0, "the keeper traded");
        let position = suite.query_position().unwrap();
        assert_eq!(position.side, Some(Side::Short), "{position:?}");
        assert!(position.notional <= held.notional, "{position:?}");
    }
    // No fee and no impact came out of nav for a flip nobody decided.
    assert_eq!(suite.query_state().unwrap().nav.u128(), nav);
}

#[test]
fn a_keeper_cannot_grow_the_managers_long() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, MANAGER_SIZE)).unwrap();
    let held = suite.query_position().unwrap();
    let nav = suite.query_state().unwrap().nav.u128();
    a_minute_later(&mut suite);
    let res = suite.rebalance().unwrap();
    assert_eq!(executed(&res), 0, "the keeper traded");
    let position = suite.query_position().unwrap();
    assert_eq!(position.side, Some(Side::Long));
    assert!(position.notional <= held.notional, "{position:?}");
    assert_eq!(suite.query_state().unwrap().nav.u128(), nav);
}

#[test]
fn a_keeper_leaves_a_flat_market_flat_without_a_signal() {
    let mut suite = SuiteBuilder::new().build();
    let nav = suite.query_state().unwrap().nav.u128();
    let res = suite.rebalance().unwrap();
    assert_eq!(executed(&res), 0, "the keeper traded");
    assert!(suite.query_position().unwrap().side.is_none());
    assert_eq!(suite.query_state().unwrap().nav.u128(), nav);
}

#[test]
fn a_signal_is_a_decision_the_keeper_follows() {
    // A signal source (allow-listed by the owner) has decided: Rebalance follows it, against the
    // manager's last order as before.
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Short, MANAGER_SIZE)).unwrap();
    let (owner, keeper) = (suite.owner.clone(), suite.keeper.clone());
    let source = governor::ExecuteMsg::SetSignalSource {
        address: keeper.to_string(),
        allowed: true,
    };
    suite.govern(&owner, source).unwrap();
    let signal = ExecuteMsg::SetSignal {
        market: MARKET.to_string(),
        signal: SignedDecimal::one(),
    };
    suite.execute_vault(&keeper, signal).unwrap();
    suite.rebalance().unwrap();
    assert_eq!(suite.query_position().unwrap().side, Some(Side::Long));
}
