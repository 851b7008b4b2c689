//! Depositors against each other: a donation sandwich around a deposit, a donation that would round a
//! deposit to nothing,
//! a run on the vault during a drawdown, a redeem at a stale nav.

use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{DENOM, Suite, SuiteBuilder, order};
use ballast_types::Side;
use ballast_vault::error::ContractError;
use cosmwasm_std::{Addr, Decimal, Uint128, coins};
use cw_multi_test::Executor;

/// 100,000 USDC in base units.
const USDC_100K: u128 = 100_000_000_000;

fn donate(suite: &mut Suite, from: &Addr, amount: u128) {
    let vault = suite.vault.clone();
    suite
        .app
        .send_tokens(from.clone(), vault, &coins(amount, DENOM))
        .unwrap();
}

fn value(suite: &Suite, holder: &Addr) -> u128 {
    suite.query_holder(holder).unwrap().value.u128()
}

#[test]
fn a_donation_sandwich_around_a_deposit_costs_the_attacker() {
    let mut suite = SuiteBuilder::new().build();
    let (attacker, victim) = (suite.bob.clone(), suite.keeper.clone());
    let attacker_start = suite.balance(&attacker);
    suite.deposit(&attacker, 5 * USDC_100K).unwrap();
    // Front-run: a donation raises the share price just before the victim deposits.
    donate(&mut suite, &attacker, USDC_100K);
    suite.deposit(&victim, USDC_100K).unwrap();
    let price = suite.query_state().unwrap().share_price;
    let rounding = price.to_uint_floor().u128() + 1;
    assert!(value(&suite, &victim) + rounding >= USDC_100K);
    // Back-run: the attacker leaves with the shares' worth, which holds only a third of the donation.
    let shares = suite.query_shares(&attacker).unwrap().u128();
    suite.redeem(&attacker, shares).unwrap();
    let lost = attacker_start - suite.balance(&attacker);
    assert!(lost > 60_000_000_000, "the attacker lost only {lost}");
}

#[test]
fn a_donation_cannot_round_the_next_deposit_to_nothing() {
    let mut suite = SuiteBuilder::new().deposit(0).build();
    let (attacker, victim) = (suite.bob.clone(), suite.alice.clone());
    suite.deposit(&attacker, 1).unwrap();
    donate(&mut suite, &attacker, 10 * USDC_100K);
    // Idle is a ledger, so the donation is not in nav: 1,000 units still mint
    // 1,000 * (10^6 + 10^6) / (1 + 1) shares, and are worth what was paid.
    suite.deposit(&victim, 1_000).unwrap();
    assert_eq!(suite.query_shares(&victim).unwrap().u128(), 1_000_000_000);
    assert_eq!(value(&suite, &victim), 1_000);
}

#[test]
fn a_deposit_that_would_mint_no_share_is_refused() {
    // Without a virtual offset a share is worth a unit at first; a gain makes it worth more.
    let mut suite = SuiteBuilder::new()
        .params(|p| p.share_offset_decimals = 0)
        .build();
    suite.submit(order(Side::Long, 500_000_000_000)).unwrap();
    suite.advance(60);
    suite.publish(suite.price * 105 / 100).unwrap();
    suite.mark().unwrap();
    assert!(suite.query_state().unwrap().share_price > Decimal::one());
    let victim = suite.bob.clone();
    assert_err(
        suite.deposit(&victim, 1),
        ContractError::ZeroShares {
            amount: Uint128::one(),
        },
    );
}

/// The largest redeem the error names, or everything held when it passes; the assets paid.
fn redeem_what_is_allowed(suite: &mut Suite, holder: &Addr) -> Option<(u128, u128)> {
    let held = suite.query_shares(holder).unwrap().u128();
    let cash = suite.balance(holder);
    let shares = match suite.redeem(holder, held) {
        Ok(_) => held,
        Err(e) => {
            let text = e.to_string();
            let allowed: u128 = text
                .rsplit_once('(')
                .and_then(|(_, rest)| rest.split(' ').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("not a capped redeem: {text}"));
            if allowed == 0 {
                return None;
            }
            suite.redeem(holder, allowed).unwrap();
            allowed
        }
    };
    Some((shares, suite.balance(holder) - cash))
}

#[test]
fn a_run_during_a_drawdown_pays_everyone_the_same_price() {
    let mut suite = SuiteBuilder::new().build();
    let holders = [suite.alice.clone(), suite.bob.clone(), suite.keeper.clone()];
    for h in &holders[1..] {
        suite.deposit(h, 10 * USDC_100K).unwrap();
    }
    // The manager invests up to the tightest cap.
    suite
        .submit(ballast_tests::suite::order(
            ballast_types::Side::Long,
            u128::MAX,
        ))
        .unwrap();
    // A drawdown of four 1.5% steps half an hour apart, each marked: within the breaker.
    for _ in 0..4 {
        suite.advance(1_800);
        let price = suite.price * 985 / 1_000;
        suite.publish(price).unwrap();
        suite.mark().unwrap();
    }
    let as_f64 = |d: cosmwasm_std::Decimal| d.to_string().parse::<f64>().unwrap();
    let start = as_f64(suite.query_state().unwrap().share_price);
    // Everyone runs: each takes what the caps allow, at most the marked price, and the price never
    // falls for those who stay.
    for h in &holders {
        let before = suite.query_state().unwrap().share_price;
        if let Some((shares, paid)) = redeem_what_is_allowed(&mut suite, h) {
            assert!(paid as f64 / shares as f64 <= as_f64(before) * (1.0 + 1e-12));
            assert!(suite.query_state().unwrap().share_price >= before);
        }
    }
    // The manager closes the position; its fee and impact come out of the nav of those still in.
    let state = suite.query_state().unwrap();
    let (nav_before_close, supply) = (state.nav.u128(), state.total_shares.u128() + 1_000_000);
    let open = suite.query_position().unwrap().notional.u128();
    suite
        .submit(ballast_tests::suite::reduce_only(
            ballast_types::Side::Short,
            open,
        ))
        .unwrap();
    let closing_cost = nav_before_close - suite.query_state().unwrap().nav.u128();
    assert!(closing_cost < nav_before_close / 100, "{closing_cost}");
    let floor = start - (closing_cost + 2) as f64 / supply as f64;
    for h in &holders {
        if let Some((shares, paid)) = redeem_what_is_allowed(&mut suite, h) {
            let got = paid as f64 / shares as f64;
            assert!(
                got >= floor * (1.0 - 1e-12),
                "{got} < {floor} (from {start})"
            );
        }
        assert_eq!(suite.query_shares(h).unwrap().u128(), 0);
    }
}

#[test]
fn a_redeem_after_an_unmarked_drawdown_pays_the_fallen_nav() {
    let mut suite = SuiteBuilder::new().build();
    suite
        .submit(ballast_tests::suite::order(
            ballast_types::Side::Long,
            3 * USDC_100K,
        ))
        .unwrap();
    let alice = suite.alice.clone();
    let before_drop = value(&suite, &alice);
    let shares = suite.query_shares(&alice).unwrap().u128() / 10;
    // Two hours of falling prices, and nobody marks: the redeem reads the position itself.
    suite.advance(7_200);
    let fallen = suite.price * 95 / 100;
    suite.publish(fallen).unwrap();
    let promised = suite.query_preview_redeem(shares).unwrap().u128();
    let cash = suite.balance(&alice);
    suite.redeem(&alice, shares).unwrap();
    let paid = suite.balance(&alice) - cash;
    assert_eq!(paid, promised);
    assert!(paid < before_drop / 10, "{paid} at the old nav");
}
