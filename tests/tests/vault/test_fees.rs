//! Management and performance fees, minted as shares to the fee recipient.

use ballast_tests::suite::{DENOM, NAV, SuiteBuilder, attr, order};
use ballast_types::Side;
use ballast_types::governor;
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
    // A gain: the long gains 5% of its notional.
    suite.submit(order(Side::Long, 500_000_000_000)).unwrap();
    suite.advance(60);
    suite.publish(suite.price * 105 / 100).unwrap();
    suite.mark().unwrap();
    let gain = suite.query_state().unwrap().nav.u128() - NAV;
    assert!(gain > NAV / 100, "gain {gain}");
    suite.accrue_fees().unwrap();
    // 20% of the gain above the high-water mark is the recipient's, to within a share's worth.
    let value = suite
        .query_holder(&suite.fee_recipient.clone())
        .unwrap()
        .value
        .u128();
    assert!(
        value.abs_diff(gain / 5) <= 2,
        "{value} for a gain of {gain}"
    );
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

#[test]
fn a_fee_change_applies_from_the_change_on() {
    // Attack 9d: a fee raised by a proposal applied a year after the last accrual charged the new
    // rate for the whole year. The old rate (zero here) must cover the time before the change.
    let mut suite = SuiteBuilder::new().build();
    let (owner, keeper) = (suite.owner.clone(), suite.keeper.clone());
    let mut params = suite.query_config().unwrap().params;
    params.management_fee = Decimal::percent(2);
    suite
        .govern(&owner, governor::ExecuteMsg::ProposeParams { params })
        .unwrap();
    suite.advance(YEAR);
    // The price is a year old: the accrual before the change needs the nav of this moment.
    let price = suite.price;
    suite.publish(price).unwrap();
    let res = suite
        .govern(&keeper, governor::ExecuteMsg::ApplyParams {})
        .unwrap();
    assert_eq!(attr(&res, "management_shares").as_deref(), Some("0"));
    suite.accrue_fees().unwrap();
    let recipient = suite.fee_recipient.clone();
    assert!(suite.query_shares(&recipient).unwrap().is_zero());
    // From the change on, the new rate runs: half a year later, about 1% of the vault.
    suite.advance(YEAR / 2);
    suite.accrue_fees().unwrap();
    let value = suite.query_holder(&recipient).unwrap().value.u128();
    assert!(value.abs_diff(NAV / 100) <= NAV / 10_000, "{value}");
}
