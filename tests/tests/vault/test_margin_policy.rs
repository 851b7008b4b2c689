//! The margin policy: with a redemption buffer, the vault keeps that share of nav idle and posts the
//! rest as margin to its positions (on the ballast perp market, which returns margin on request), so
//! a fall that liquidates a position carrying only `liq_sigmas` of margin leaves it standing; a
//! redeem larger than idle pulls margin back, at no cost to the other holders.

use ballast_tests::suite::{NAV, Suite, SuiteBuilder, order};
use ballast_types::Side;

const NOTIONAL: u128 = 400_000_000_000;

fn with_buffer(buffer: &str) -> Suite {
    SuiteBuilder::new()
        .params(|p| p.redemption_buffer = Some(buffer.parse().unwrap()))
        .build()
}

fn idle(suite: &Suite) -> u128 {
    suite.query_state().unwrap().idle.u128()
}

fn margin(suite: &Suite) -> u128 {
    suite.query_position().unwrap().margin.u128()
}

/// Lowers the price a percent at a time until the perp market may liquidate the vault's long.
fn price_that_liquidates(suite: &mut Suite) -> i64 {
    let mut price = suite.price;
    while !suite.query_position().unwrap().liquidatable {
        price = price * 99 / 100;
        suite.advance(60);
        suite.publish(price).unwrap();
    }
    price
}

#[test]
fn an_order_posts_the_nav_beyond_the_buffer_as_margin() {
    let mut minimal = SuiteBuilder::new().build();
    minimal.submit(order(Side::Long, NOTIONAL)).unwrap();
    assert!(margin(&minimal) < NAV / 10, "{}", margin(&minimal));

    let mut suite = with_buffer("0.2");
    suite.submit(order(Side::Long, NOTIONAL)).unwrap();
    // 80% of nav less the trade's costs in margin, the buffer idle.
    assert!(margin(&suite) > NAV * 79 / 100, "{}", margin(&suite));
    assert!(idle(&suite) >= NAV / 5, "{}", idle(&suite));
    assert!(idle(&suite) < NAV * 21 / 100, "{}", idle(&suite));
    let vault = suite.vault.clone();
    assert_eq!(idle(&suite), suite.balance(&vault));
}

#[test]
fn a_fall_that_liquidates_the_minimal_margin_leaves_the_policys_position_standing() {
    let mut minimal = SuiteBuilder::new().build();
    minimal.submit(order(Side::Long, NOTIONAL)).unwrap();
    let fatal = price_that_liquidates(&mut minimal);

    let mut suite = with_buffer("0.2");
    suite.submit(order(Side::Long, NOTIONAL)).unwrap();
    suite.advance(60);
    suite.publish(fatal).unwrap();
    let position = suite.query_position().unwrap();
    assert!(!position.liquidatable);
    // A long whose margin covers its notional less the maintenance margin has no liquidation price.
    assert_eq!(position.liquidation_price, None);
}

#[test]
fn a_redeem_beyond_idle_pulls_margin_back_at_the_same_share_price() {
    let mut suite = with_buffer("0.2");
    suite.submit(order(Side::Long, NOTIONAL / 4)).unwrap();
    suite.advance(60);
    suite.publish(suite.price).unwrap();
    let before = suite.query_state().unwrap();
    let alice = suite.alice.clone();
    let shares = suite.query_shares(&alice).unwrap().u128() / 2;
    let preview = suite.query_preview_redeem(shares).unwrap().u128();
    assert!(preview > idle(&suite), "the redeem needs more than idle");
    let (held, margin_before) = (suite.balance(&alice), margin(&suite));
    suite.redeem(&alice, shares).unwrap();
    assert_eq!(suite.balance(&alice), held + preview);
    let after = suite.query_state().unwrap();
    assert_eq!(after.share_price, before.share_price);
    // The margin came back for the redeem and a refilled buffer.
    assert!(margin(&suite) < margin_before);
    assert!(after.idle.u128() >= after.nav.u128() / 5 - 1, "{after:?}");
    let vault = suite.vault.clone();
    assert_eq!(after.idle.u128(), suite.balance(&vault));
    assert!(!suite.query_position().unwrap().liquidatable);
}

#[test]
fn a_redeem_beyond_idle_and_releasable_margin_is_refused_with_what_is_available() {
    // As in `test_withdraw`: margin of about 25% of the position, so 97.8% of the vault is more
    // than idle and releasable margin together, and less than nav above the caps' floor.
    let mut suite = SuiteBuilder::new()
        .params(|p| {
            p.target_vol = "2".parse().unwrap();
            p.max_concentration = "20".parse().unwrap();
            p.max_leverage = "20".parse().unwrap();
            p.var_budget = "1".parse().unwrap();
            p.liq_sigmas = "10".parse().unwrap();
            p.redemption_buffer = Some("0.2".parse().unwrap());
        })
        .build();
    suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
    let alice = suite.alice.clone();
    let idle_before = idle(&suite);
    let shares = suite.query_shares(&alice).unwrap().u128() / 1_000 * 978;
    let err = suite.redeem(&alice, shares).unwrap_err().to_string();
    let available = available_in(&err);
    // Idle and what the position can give back, short of the redeem.
    assert!(available > idle_before + NAV / 2, "{err}");
    assert_eq!(idle(&suite), idle_before);
    // 90% of the vault is within it.
    let shares = suite.query_shares(&alice).unwrap().u128() / 10 * 9;
    suite.redeem(&alice, shares).unwrap();
    let vault = suite.vault.clone();
    assert_eq!(idle(&suite), suite.balance(&vault));
}

/// The `available` of an `InsufficientIdle` error's text.
pub fn available_in(err: &str) -> u128 {
    assert!(err.contains("is idle, the redeem needs"), "{err}");
    err.rsplit("only ")
        .next()
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no amount in {err}"))
}
