//! The review's share-pricing attacks (issue 16, attacks 1-4): a holder who times a deposit or a
//! redeem against a nav the vault has not caught up with. Each test runs the attack and checks that
//! the attacker gets the fair value of their shares (idle plus the venue's own report of the
//! position, equity floored at zero) and the incumbent loses nothing to them.

use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{DAY, MARKET, NAV, Suite, SuiteBuilder, order};
use ballast_types::Side;
use cosmwasm_std::Addr;

use crate::fair_value;
use ballast_vault::error::ContractError;

/// Rounding the share maths may keep, base units.
const ROUNDING: u128 = 2;

/// A suite whose breaker lets a 5% move pass, as in the review's runs, with a 500k long marked.
fn with_long() -> Suite {
    let mut suite = SuiteBuilder::new()
        .params(|p| p.guards.breaker_max_move = "0.5".parse().unwrap())
        .build();
    suite.submit(order(Side::Long, 500_000_000_000)).unwrap();
    suite
}

/// The whole round trip of `who`: deposit `amount`, run `between`, redeem every share. Returns the
/// change of `who`'s bank balance.
fn round_trip(
    suite: &mut Suite,
    who: &Addr,
    amount: u128,
    between: impl FnOnce(&mut Suite),
) -> i128 {
    let before = suite.balance(who);
    suite.deposit(who, amount).unwrap();
    between(suite);
    let shares = suite.query_shares(who).unwrap().u128();
    suite.redeem(who, shares).unwrap();
    suite.balance(who) as i128 - before as i128
}

#[test]
fn a_deposit_before_a_gain_is_marked_does_not_pay() {
    // Attack 1: the price rises 5% half an hour after the last mark; the attacker deposits at the
    // nav that does not show it, marks, and redeems.
    let mut suite = with_long();
    let alice = suite.alice.clone();
    suite.advance(1_800);
    let risen = suite.price * 105 / 100;
    suite.publish(risen).unwrap();
    let alice_fair = fair_value(&suite, &alice);
    let bob = suite.bob.clone();
    let gain = round_trip(&mut suite, &bob, NAV, |s| {
        s.mark().unwrap();
    });
    assert!(gain <= ROUNDING as i128, "the attacker gained {gain}");
    assert!(fair_value(&suite, &alice) + ROUNDING >= alice_fair);
}

#[test]
fn a_redeem_before_a_loss_is_marked_does_not_pay() {
    // Attack 2: the mirror. The attacker holds shares, the price falls 5%, and they redeem before
    // anyone marks; they get the fair value of their shares after the fall, not before.
    let mut suite = with_long();
    let bob = suite.bob.clone();
    suite.deposit(&bob, NAV).unwrap();
    suite.advance(1_800);
    let fallen = suite.price * 95 / 100;
    suite.publish(fallen).unwrap();
    let bob_fair = fair_value(&suite, &bob);
    let alice_fair = fair_value(&suite, &suite.alice.clone());
    let before = suite.balance(&bob);
    let shares = suite.query_shares(&bob).unwrap().u128();
    suite.redeem(&bob, shares).unwrap();
    let paid = suite.balance(&bob) - before;
    assert!(paid <= bob_fair, "paid {paid}, fair {bob_fair}");
    assert!(fair_value(&suite, &suite.alice.clone()) + ROUNDING >= alice_fair);
}

#[test]
fn a_liquidation_payout_is_counted_once() {
    // Attack 3: the perp market liquidates the vault's position and sends the remainder to the vault;
    // a holder who triggers it and redeems before the next mark must not be paid on both the
    // remainder and the position's old mark.
    let mut suite = SuiteBuilder::new()
        .params(|p| {
            p.guards.breaker_max_move = "5".parse().unwrap();
            p.guards.breaker_sigmas = "100".parse().unwrap();
        })
        .build();
    suite.submit(order(Side::Long, 1_000_000_000_000)).unwrap();
    let bob = suite.bob.clone();
    suite.deposit(&bob, NAV).unwrap();
    suite.advance(60);
    let fallen = suite.price * 88 / 100;
    suite.publish(fallen).unwrap();
    assert!(
        suite.query_position().unwrap().liquidatable,
        "set-up: not liquidatable"
    );
    suite.liquidate_vault().unwrap();
    assert_eq!(suite.query_position().unwrap().side, None);
    let bob_fair = fair_value(&suite, &bob);
    let before = suite.balance(&bob);
    let shares = suite.query_shares(&bob).unwrap().u128();
    suite.redeem(&bob, shares).unwrap();
    let paid = suite.balance(&bob) - before;
    assert!(paid <= bob_fair, "paid {paid}, fair {bob_fair}");
    assert!(
        bob_fair.abs_diff(paid) <= ROUNDING,
        "paid {paid}, fair {bob_fair}"
    );
}

#[test]
fn a_position_under_water_does_not_lower_nav_below_its_floor() {
    // Attack 4: an isolated position under water marks negative equity, although the vault never owes
    // more than its margin. Deposit while it drags nav down, let it be liquidated, redeem.
    let mut suite = SuiteBuilder::new()
        .params(|p| {
            p.guards.breaker_max_move = "5".parse().unwrap();
            p.guards.breaker_sigmas = "100".parse().unwrap();
        })
        .build();
    suite.submit(order(Side::Long, 500_000_000_000)).unwrap();
    suite.advance(DAY);
    let crashed = suite.price * 70 / 100;
    suite.publish(crashed).unwrap();
    let position = suite.query_position().unwrap();
    assert!(
        position.unrealized_pnl.unsigned_abs() > position.margin,
        "set-up: not under water"
    );
    let alice = suite.alice.clone();
    let alice_fair = fair_value(&suite, &alice);
    let bob = suite.bob.clone();
    let gain = round_trip(&mut suite, &bob, NAV, |s| {
        s.liquidate_vault().unwrap();
        s.mark().unwrap();
    });
    assert!(gain <= ROUNDING as i128, "the attacker gained {gain}");
    assert!(fair_value(&suite, &alice) + ROUNDING >= alice_fair);
}

#[test]
fn a_share_action_needs_a_usable_price_for_every_open_market() {
    // A stale price cannot be refreshed by a `Mark` stamping it "now": the share action itself
    // checks the price it values each position at, and says which market holds it up.
    let mut suite = with_long();
    suite.advance(3_601);
    suite.mark().ok();
    let bob = suite.bob.clone();
    let refused = |reason: &str| ContractError::UnpricedMarket {
        market: MARKET.to_string(),
        reason: reason.to_string(),
    };
    assert_err(suite.deposit(&bob, NAV), refused("stale_price"));
    assert_err(suite.query_preview_deposit(NAV), refused("stale_price"));
    let price = suite.price;
    suite.publish(price).unwrap();
    // A fresh price is enough: no `Mark` is needed, and the preview is what the deposit mints.
    let promised = suite.query_preview_deposit(NAV).unwrap();
    suite.deposit(&bob, NAV).unwrap();
    assert_eq!(suite.query_shares(&bob).unwrap(), promised);
}
