//! Share accounting at the edges: the first-depositor inflation attack, withdrawals that would break a
//! cap, previews that match.

use ballast_tests::errors::{clear_raised, failure};
use ballast_tests::suite::{DENOM, SuiteBuilder, order};
use ballast_types::Side;
use cosmwasm_std::coins;
use cw_multi_test::Executor;

#[test]
fn the_first_depositor_inflation_attack_fails() {
    let mut suite = SuiteBuilder::new().deposit(0).build();
    let (attacker, victim, vault) = (suite.bob.clone(), suite.alice.clone(), suite.vault.clone());
    let (attacker_start, victim_start) = (suite.balance(&attacker), suite.balance(&victim));

    // 1 unit mints 1 * (0 + 10^6) / (0 + 1) = 1,000,000 shares.
    suite.deposit(&attacker, 1).unwrap();
    assert_eq!(suite.query_shares(&attacker).unwrap().u128(), 1_000_000);
    // The attacker donates 1,000,000 USDC to inflate the share price.
    suite
        .app
        .send_tokens(attacker.clone(), vault, &coins(1_000_000_000_000, DENOM))
        .unwrap();
    // Idle is a ledger: the donation is not in nav. The victim deposits 100,000 USDC at the price of
    // before: 10^11 * (10^6 + 10^6) / (1 + 1) = 10^17 shares.
    suite.deposit(&victim, 100_000_000_000).unwrap();
    let victim_shares = suite.query_shares(&victim).unwrap().u128();
    assert_eq!(victim_shares, 100_000_000_000_000_000);

    // Both leave: the victim with what it paid, the attacker with its unit; the donation stays.
    suite.redeem(&victim, victim_shares).unwrap();
    suite.redeem(&attacker, 1_000_000).unwrap();
    let victim_loss = victim_start.saturating_sub(suite.balance(&victim));
    let attacker_loss = attacker_start - suite.balance(&attacker);
    assert!(victim_loss <= 1, "victim lost {victim_loss}");
    assert!(
        attacker_loss >= 1_000_000_000_000,
        "attacker lost only {attacker_loss}"
    );
}

#[test]
fn a_redeem_that_would_break_the_vol_target_is_refused() {
    let mut suite = SuiteBuilder::new().build();
    // Open the whole volatility target: any sizeable redeem would leave the position over it.
    suite.submit(order(Side::Long, u128::MAX)).unwrap();
    let alice = suite.alice.clone();
    let shares = suite.query_shares(&alice).unwrap().u128();
    clear_raised();
    let err = suite.redeem(&alice, shares / 2).unwrap_err().to_string();
    let failed = failure().map(|(raised, _)| raised.id);
    assert_eq!(failed, Some("withdraw_breaks_cap"), "{err}");
    assert!(err.contains("would break the vol_target cap"), "{err}");
}

#[test]
fn the_most_a_holder_can_redeem_goes_through_and_no_more() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, 800_000_000_000)).unwrap();
    let alice = suite.alice.clone();
    let shares = suite.query_shares(&alice).unwrap().u128();
    let err = suite.redeem(&alice, shares).unwrap_err().to_string();
    let max_shares: u128 = err
        .split('(')
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("the error names the shares that can be redeemed");
    assert!(max_shares > 0 && max_shares < shares);
    suite.redeem(&alice, max_shares).unwrap();
    // A thousandth more (about 1,000 USDC) is refused.
    let err = suite
        .redeem(&alice, shares / 1_000)
        .unwrap_err()
        .to_string();
    assert!(err.contains("would break"), "{err}");
}

#[test]
fn a_redeem_beyond_the_idle_balance_is_refused() {
    let mut suite = SuiteBuilder::new()
        .params(|p| {
            p.target_vol = "2".parse().unwrap();
            p.max_concentration = "20".parse().unwrap();
            p.max_leverage = "20".parse().unwrap();
            p.var_budget = "1".parse().unwrap();
            // Margin of about 25% of the position, above the 19% the vol target keeps in nav.
            p.liq_sigmas = "10".parse().unwrap();
        })
        .build();
    suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
    let alice = suite.alice.clone();
    let vault = suite.vault.clone();
    let idle = suite.balance(&vault);
    // 97.8% of the vault: more than idle, less than nav above the caps' floor.
    let shares = suite.query_shares(&alice).unwrap().u128() / 1_000 * 978;
    let assets = suite.query_preview_redeem(shares).unwrap();
    assert!(assets.u128() > idle);
    // Available: idle and the little margin the position holds beyond its liquidation distance.
    let err = suite.redeem(&alice, shares).unwrap_err().to_string();
    assert!(
        err.ends_with(&format!("the redeem needs {assets}")),
        "{err}"
    );
    let available = crate::test_margin_policy::available_in(&err);
    assert!(available >= idle && available < idle + 1_000, "{err}");
}

#[test]
fn previews_match_what_deposit_and_redeem_do() {
    let mut suite = SuiteBuilder::new().build();
    let bob = suite.bob.clone();
    let previewed = suite.query_preview_deposit(123_456_789).unwrap();
    suite.deposit(&bob, 123_456_789).unwrap();
    assert_eq!(suite.query_shares(&bob).unwrap(), previewed);
    let before = suite.balance(&bob);
    let paid = suite.query_preview_redeem(previewed.u128()).unwrap();
    suite.redeem(&bob, previewed.u128()).unwrap();
    assert_eq!(suite.balance(&bob) - before, paid.u128());
    assert!(paid.u128() <= 123_456_789);
}
