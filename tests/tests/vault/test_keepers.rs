//! The permissionless keepers' actions: Rebalance, Deleverage and Mark.

use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{MARKET, SuiteBuilder, attr, order};
use ballast_types::Side;
use ballast_types::vault::Reason;
use ballast_vault::error::ContractError;

use crate::test_reduce_only::spike_volatility;
use crate::{assert_decision, limit_of};

#[test]
fn rebalance_opens_the_volatility_target() {
    let mut suite = SuiteBuilder::new().build();
    let preview = suite.query_preview(order(Side::Long, 1)).unwrap();
    let target = limit_of(&preview, Reason::VolTarget).unwrap().u128();
    let res = suite.rebalance().unwrap();
    assert_decision(&res, "accepted", "none");
    let notional = suite.query_position().unwrap().notional.u128();
    assert!(notional.abs_diff(target) <= 1, "{notional} vs {target}");
}

#[test]
fn rebalance_within_the_threshold_does_nothing() {
    let mut suite = SuiteBuilder::new().build();
    suite.rebalance().unwrap();
    let before = suite.query_position().unwrap().notional;
    let res = suite.rebalance().unwrap();
    assert_eq!(attr(&res, "executed").as_deref(), Some("0"));
    assert_eq!(suite.query_position().unwrap().notional, before);
}

#[test]
fn rebalance_sheds_size_when_volatility_rises() {
    let mut suite = SuiteBuilder::new().build();
    suite.rebalance().unwrap();
    let before = suite.query_position().unwrap().notional;
    spike_volatility(&mut suite);
    let res = suite.rebalance().unwrap();
    assert_eq!(attr(&res, "side").as_deref(), Some("short"));
    assert!(suite.query_position().unwrap().notional < before);
}

#[test]
fn deleverage_cuts_a_position_over_its_caps_back_to_them() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, 400_000_000_000)).unwrap();
    spike_volatility(&mut suite);
    let preview = suite.query_preview(order(Side::Long, 1)).unwrap();
    let target = limit_of(&preview, Reason::VolTarget).unwrap().u128();
    let res = suite.deleverage().unwrap();
    assert_decision(&res, "accepted", "none");
    let notional = suite.query_position().unwrap().notional.u128();
    assert!(notional.abs_diff(target) <= 2, "{notional} vs {target}");
}

#[test]
fn deleverage_within_tolerance_is_refused() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
    let preview = suite.query_preview(order(Side::Long, 1)).unwrap();
    let limit = preview
        .caps
        .iter()
        .filter(|c| c.cap != Reason::Liquidity)
        .filter_map(|c| c.limit)
        .min()
        .unwrap();
    let notional = suite.query_position().unwrap().notional;
    assert_err(
        suite.deleverage(),
        ContractError::NothingToDeleverage {
            market: MARKET.to_string(),
            notional,
            limit,
        },
    );
}

#[test]
fn mark_folds_the_price_and_stores_the_position() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
    let observations = suite.query_market().unwrap().observations;
    let price = suite.price * 105 / 100;
    suite.next_day(price).unwrap();
    let market = suite.query_market().unwrap();
    assert_eq!(market.observations, observations + 1);
    assert_eq!(
        market.mark.notional,
        suite.query_position().unwrap().notional
    );
    assert!(market.mark.unrealized_pnl.i128() > 0);
}
