//! Amounts at the edges of `Uint128` (and prices at the edges of what an oracle can say): every one
//! is a decision or a typed error, never a panic, and a rejected decision moves nothing.

use ballast_perp::pricing::FLOW_WINDOW;
use ballast_tests::assertions::assert_err;
use ballast_tests::errors::{clear_raised, failure};
use ballast_tests::suite::{DENOM, MARKET, Suite, SuiteBuilder, order, reduce_only};
use ballast_types::Side;
use ballast_vault::error::ContractError;
use cosmwasm_std::{CheckedMultiplyRatioError, OverflowError, OverflowOperation, Uint128, coins};

use crate::{assert_decision, executed, position_cap};

/// Gives `who` exactly `amount` of the base denom.
fn fund(suite: &mut Suite, who: &cosmwasm_std::Addr, amount: u128) {
    suite.app.init_modules(|router, _, storage| {
        router
            .bank
            .init_balance(storage, who, coins(amount, DENOM))
            .expect("fund");
    });
}

#[test]
fn an_order_of_u128_max_is_scaled_to_the_caps() {
    let mut suite = SuiteBuilder::new().build();
    let preview = suite.query_preview(order(Side::Long, u128::MAX)).unwrap();
    let cap = position_cap(&preview).unwrap().u128();
    let res = suite.submit(order(Side::Long, u128::MAX)).unwrap();
    assert_decision(&res, "scaled", "vol_target");
    assert!(suite.query_position().unwrap().notional.u128() <= cap + 1);
}

#[test]
fn a_reduce_only_of_u128_max_closes_the_position_exactly() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
    let open = suite.query_position().unwrap().notional.u128();
    let res = suite.submit(reduce_only(Side::Short, u128::MAX)).unwrap();
    assert_decision(&res, "scaled", "reduce_only");
    assert_eq!(executed(&res), open);
    assert!(suite.query_position().unwrap().side.is_none());
}

#[test]
fn a_redeem_of_u128_max_shares_is_refused() {
    let mut suite = SuiteBuilder::new().build();
    let alice = suite.alice.clone();
    let held = suite.query_shares(&alice).unwrap();
    // The bank refuses to attach shares the holder does not have.
    let refused = suite.redeem(&alice, u128::MAX).unwrap_err().to_string();
    assert!(refused.contains("Overflow"), "{refused}");
    assert_eq!(suite.query_shares(&alice).unwrap(), held);
}

#[test]
fn a_deposit_whose_shares_overflow_is_refused() {
    let mut suite = SuiteBuilder::new().build();
    let bob = suite.bob.clone();
    // 10^18 shares for 10^12 units: u128::MAX / 1000 units would need about 3.4 * 10^41 shares.
    fund(&mut suite, &bob, u128::MAX);
    assert_err(
        suite.deposit(&bob, u128::MAX / 1_000),
        ContractError::MultiplyRatio(CheckedMultiplyRatioError::Overflow),
    );
}

#[test]
fn a_first_deposit_that_leaves_no_room_for_the_virtual_shares_is_refused() {
    // Regression: u128::MAX / 10^6 units minted shares that, with the 10^6 virtual shares, overflow;
    // the deposit passed, and every later share price, deposit and redeem failed: the funds were
    // locked.
    let mut suite = SuiteBuilder::new().deposit(0).build();
    let alice = suite.alice.clone();
    let amount = u128::MAX / 1_000_000;
    fund(&mut suite, &alice, amount);
    assert_err(
        suite.deposit(&alice, amount),
        ContractError::Overflow(OverflowError::new(OverflowOperation::Add)),
    );
}

#[test]
fn the_largest_first_deposit_redeems_whole() {
    let mut suite = SuiteBuilder::new().deposit(0).build();
    let alice = suite.alice.clone();
    // The offset mints 10^6 shares per unit into an empty vault; one unit less than the above fits.
    let amount = u128::MAX / 1_000_000 - 1;
    fund(&mut suite, &alice, amount);
    suite.deposit(&alice, amount).unwrap();
    let shares = suite.query_shares(&alice).unwrap().u128();
    assert_eq!(shares, amount * 1_000_000);
    suite.redeem(&alice, shares).unwrap();
    // Rounding down keeps at most one unit in the vault.
    assert!(amount - suite.balance(&alice) <= 1);
}

#[test]
fn previews_at_u128_max_answer_or_refuse_cleanly() {
    let suite = SuiteBuilder::new().build();
    assert_err(
        suite.query_preview_deposit(u128::MAX),
        ContractError::MultiplyRatio(CheckedMultiplyRatioError::Overflow),
    );
    let paid = suite.query_preview_redeem(u128::MAX).unwrap();
    // u128::MAX shares of a vault of 10^18 shares: about 3.4 * 10^20 times the nav, which fits.
    assert!(paid > Uint128::new(1_000_000_000_000));
}

#[test]
fn a_nav_of_a_quarter_of_u128_max_still_trades_and_redeems() {
    // No virtual share offset, so that a quarter of u128::MAX deposited mints shares that fit.
    let mut suite = SuiteBuilder::new()
        .params(|p| p.share_offset_decimals = 0)
        .build();
    suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
    // The venue's depth allows exactly the market's notional limit at 1% slippage from a still
    // market; let that first order's flow decay so the limit, not the shared allowance, binds.
    suite.advance(FLOW_WINDOW);
    suite.publish(suite.price).unwrap();
    let lp = suite.lp.clone();
    fund(&mut suite, &lp, u128::MAX / 4);
    suite.deposit(&lp, u128::MAX / 4).unwrap();
    // The market's notional limit binds long before any cap could overflow.
    let res = suite.submit(order(Side::Long, u128::MAX)).unwrap();
    assert_decision(&res, "scaled", "market_notional");
    let res = suite
        .submit(reduce_only(Side::Short, 1_000_000_000))
        .unwrap();
    assert_decision(&res, "accepted", "none");
    let shares = suite.query_shares(&lp).unwrap().u128();
    let cash = suite.balance(&lp);
    suite.redeem(&lp, shares / 2).unwrap();
    assert!(suite.balance(&lp) - cash > u128::MAX / 16);
}

#[test]
fn oracle_prices_at_the_edges_are_rejections_that_move_nothing_or_typed_refusals() {
    // A foreign oracle may say anything an i64 mantissa and an i32 exponent allow.
    for (price, expo) in [
        (i64::MAX, -8),
        (1, -8),
        (i64::MAX, 0),
        (1, 10),
        (i64::MAX, 20),
        (1, -30),
        (i64::MAX, i32::MIN),
        (i64::MAX, i32::MAX),
    ] {
        let mut suite = SuiteBuilder::new().raw_oracle().build();
        suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
        let now = i64::try_from(suite.now()).unwrap();
        suite.publish_exponent(price, 0, expo, now).unwrap();
        // Marked in the same block (when the venue can mark that price at all), so that the order
        // finds nothing to re-mark: whatever moves after it, the order moved.
        clear_raised();
        if suite.mark().is_err() {
            assert_venue_unavailable(price, expo);
        }
        let (markets, people) = ([MARKET.to_string()], [suite.manager.clone()]);
        let before = suite.holdings(&markets, &people);
        clear_raised();
        match suite.submit(order(Side::Long, 100_000_000_000)) {
            Ok(res) => {
                assert_decision(&res, "rejected", "circuit_breaker");
                let moved = before.moved(&suite.holdings(&markets, &people));
                assert!(moved.is_empty(), "{price}e{expo} moved {moved:?}");
            }
            Err(_) => assert_venue_unavailable(price, expo),
        }
    }
}

/// The last failure was the vault's typed `venue_unavailable`: the venue cannot mark the price.
fn assert_venue_unavailable(price: i64, expo: i32) {
    let failed = failure().map(|(raised, _)| (raised.contract, raised.id));
    assert_eq!(
        failed,
        Some(("vault", "venue_unavailable")),
        "{price}e{expo}: {:?}",
        failure()
    );
}
