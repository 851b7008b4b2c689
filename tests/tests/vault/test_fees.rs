//! Management and performance fees, minted as shares to the fee recipient.

use ballast_tests::suite::{DENOM, NAV, SuiteBuilder, order};
use ballast_types::Side;
use cosmwasm_std::{Decimal, coins};
use cw_multi_test::Executor;

const YEAR: u64 = 31_536_000;

#[test]
fn a_year_of_management_fee_mints_the_expected_shares() {
    let mut suite = SuiteBuilder::new()
        .params(|p| p.management_fee = Decimal::percent(2))
        .build();
    let supply = suite.query_state().unwrap().total_shares.u128();
    // Deposited at the start of the builder's last day; a year later:
    suite.advance(YEAR);
    suite.accrue_fees().unwrap();
    // supply * 0.02 / 0.98, rounded down
    let expected = supply * 2 / 98;
    let minted = suite
        .query_shares(&suite.fee_recipient.clone())
        .unwrap()
        .u128();
    assert!(minted.abs_diff(expected) <= 1, "{minted} vs {expected}");
    // The recipient now holds 2% of the vault, to within a share.
    let value = suite
        .query_holder(&suite.fee_recipient.clone())
        .unwrap()
        .value
        .u128();
    assert!(value.abs_diff(NAV / 50) <= 1, "{value}");
}

#[test]
fn no_time_no_management_fee() {
    let mut suite = SuiteBuilder::new()
        .params(|p| p.management_fee = Decimal::percent(2))
        .build();
    suite.accrue_fees().unwrap();
    assert!(
        suite
            .query_shares(&suite.fee_recipient.clone())
            .unwrap()
            .is_zero()
    );
}

#[test]
fn performance_fee_is_charged_on_the_gain_above_the_high_water_mark() {
    let mut suite = SuiteBuilder::new()
        .params(|p| p.performance_fee = Decimal::percent(20))
        .build();
    // A 10% gain: someone pays the vault 100k.
    let (lp, vault) = (suite.lp.clone(), suite.vault.clone());
    suite
        .app
        .send_tokens(lp, vault, &coins(NAV / 10, DENOM))
        .unwrap();
    suite.accrue_fees().unwrap();
    // 20% of the 100k gain is the recipient's: 20k, to within a share's worth.
    let value = suite
        .query_holder(&suite.fee_recipient.clone())
        .unwrap()
        .value
        .u128();
    assert!(value.abs_diff(NAV / 50) <= 2, "{value}");
    let state = suite.query_state().unwrap();
    assert_eq!(state.high_water_mark, state.share_price);
}

#[test]
fn no_performance_fee_below_the_high_water_mark() {
    let mut suite = SuiteBuilder::new()
        .params(|p| p.performance_fee = Decimal::percent(20))
        .build();
    let hwm = suite.query_state().unwrap().high_water_mark;
    suite.submit(order(Side::Long, 500_000_000_000)).unwrap();
    // -5%: the position loses, nav and the share price fall below the mark.
    let price = suite.price * 95 / 100;
    suite.next_day(price).unwrap();
    suite.accrue_fees().unwrap();
    let state = suite.query_state().unwrap();
    assert!(state.share_price < hwm);
    assert_eq!(state.high_water_mark, hwm);
    assert!(
        suite
            .query_shares(&suite.fee_recipient.clone())
            .unwrap()
            .is_zero()
    );
}

#[test]
fn a_second_accrual_without_a_new_gain_charges_nothing() {
    let mut suite = SuiteBuilder::new()
        .params(|p| p.performance_fee = Decimal::percent(20))
        .build();
    let (lp, vault) = (suite.lp.clone(), suite.vault.clone());
    suite
        .app
        .send_tokens(lp, vault, &coins(NAV / 10, DENOM))
        .unwrap();
    suite.accrue_fees().unwrap();
    let first = suite.query_shares(&suite.fee_recipient.clone()).unwrap();
    suite.accrue_fees().unwrap();
    assert_eq!(
        suite.query_shares(&suite.fee_recipient.clone()).unwrap(),
        first
    );
}
