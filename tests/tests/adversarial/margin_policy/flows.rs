//! Deposit and redeem loops, unmarked moves, griefing, two markets, a full buffer, governance bounds,
//! rounding, cap refusals and halts.

use super::*;

#[test]
fn a_redeem_after_an_unmarked_move_pays_the_current_price() {
    let mut suite = with_bob(policy("0.2").build());
    suite.submit(order(Side::Long, NOTIONAL)).unwrap();
    // The price falls 4% with no mark: the stored nav is stale and higher.
    suite.advance(60);
    suite.publish(suite.price * 96 / 100).unwrap();
    let stale = suite.query_state().unwrap().nav.u128();
    let fair = suite.fair_nav(&[MARKET.to_string()]).unwrap();
    assert!(fair < stale);
    let (alice, bob) = (suite.alice.clone(), suite.bob.clone());
    let shares = suite.query_shares(&alice).unwrap().u128() / 2;
    let supply = suite.query_state().unwrap().total_shares.u128();
    let owed = shares * (fair + 1) / (supply + 1_000_000);
    let held = suite.balance(&alice);
    suite.redeem(&alice, shares).unwrap();
    assert_eq!(suite.balance(&alice) - held, owed, "paid at the stale nav");
    // Bob's share price is the fair one, unchanged by alice's redeem and its pull.
    let bob_value = suite.query_holder(&bob).unwrap().value.u128();
    let bob_shares = suite.query_shares(&bob).unwrap().u128();
    assert!(bob_value >= bob_shares * (fair + 1) / (supply + 1_000_000));
    assert_safe(&suite, MARKET, "after the pull");
    assert_books(&suite, &[MARKET], 0, "after the pull");
}

#[test]
fn outsiders_cannot_make_a_pulling_redeem_fail_cheaply() {
    let mut suite = with_bob(loose_policy("0.2").build());
    suite.submit(order(Side::Long, NOTIONAL)).unwrap();
    tick(&mut suite);
    // Just before the redeem: a trade against the vault's side (recent flow and impact), a dust
    // donation, a mark, a rebalance, an outsider's RemoveMargin.
    let eve = trader(&mut suite, "eve", 300 * K);
    trade(&mut suite, &eve, Side::Short, 2_000 * K, 300 * K).unwrap();
    donate(&mut suite, 1);
    suite.mark().unwrap();
    suite.rebalance().unwrap();
    let most = removable(&suite, &eve);
    remove_margin(&mut suite, &eve, MARKET, most).unwrap();
    let alice = suite.alice.clone();
    let shares = suite.query_shares(&alice).unwrap().u128() * 3 / 4;
    let owed = suite.query_preview_redeem(shares).unwrap().u128();
    assert!(owed > idle(&suite));
    let held = suite.balance(&alice);
    suite.redeem(&alice, shares).unwrap();
    assert_eq!(suite.balance(&alice) - held, owed);
    assert_safe(&suite, MARKET, "after the pull");
    assert_books(&suite, &[MARKET], 1, "after the pull");
}

#[test]
fn pulls_across_two_markets_leave_both_safe_and_the_books_exact() {
    let (mut suite, eth_feed, eth) = two_markets("0.2");
    suite.submit(order(Side::Long, 2 * NOTIONAL)).unwrap();
    suite.submit(eth_order(Side::Short, 2 * NOTIONAL)).unwrap();
    let bob = suite.bob.clone();
    suite.deposit(&bob, NAV / 10).unwrap();
    let margins = (margin_in(&suite, MARKET), margin_in(&suite, ETH));
    // The first position took the nav beyond the buffer; the second only what protects it (the
    // policy posts from idle above the buffer, and none was left).
    assert!(margins.0 > margins.1, "{margins:?}");
    suite.advance(60);
    suite.publish(suite.price).unwrap();
    publish(&mut suite, &eth_feed, eth);
    let price = share_price(&suite);
    let bob_shares = suite.query_shares(&bob).unwrap();
    // A redeem larger than what the oldest mark can give pulls from both.
    redeem_the_most(&mut suite);
    assert!(margin_in(&suite, MARKET) < margins.0);
    assert!(margin_in(&suite, ETH) <= margins.1);
    for market in [MARKET, ETH] {
        assert_safe(&suite, market, "after the pulls");
    }
    assert!(share_price(&suite) >= price, "the redeem cost bob");
    assert_eq!(suite.query_shares(&bob).unwrap(), bob_shares);
    assert_books(&suite, &[MARKET, ETH], 0, "after the pulls");
    // A rebalance of either market cannot take idle below the refilled buffer.
    let buffer = nav(&suite).div_ceil(5);
    let idle_before = idle(&suite);
    suite.rebalance().unwrap();
    let keeper = suite.keeper.clone();
    let rebalance_eth = ballast_types::vault::ExecuteMsg::Rebalance {
        market: ETH.to_string(),
    };
    suite.execute_vault(&keeper, rebalance_eth).unwrap();
    assert!(
        idle(&suite) + 10 >= buffer.min(idle_before),
        "{} against {buffer}",
        idle(&suite)
    );
    assert_books(&suite, &[MARKET, ETH], 0, "after the rebalances");
}

#[test]
fn a_buffer_of_the_whole_nav_posts_only_protective_margin_and_still_pays_redeems() {
    let mut suite = with_bob(policy("1").build());
    suite.submit(order(Side::Long, NOTIONAL)).unwrap();
    assert!(margin_in(&suite, MARKET) < NAV / 10);
    tick(&mut suite);
    let res = suite.rebalance().unwrap();
    assert_eq!(number(&res, "margin_added"), 0);
    // Alice takes nearly everything: idle and the releasable margin cover it.
    redeem_the_most(&mut suite);
    assert_safe(&suite, MARKET, "after the pull");
    assert_books(&suite, &[MARKET], 0, "after the pull");
}

#[test]
fn the_guardian_cannot_change_the_buffer_and_governance_keeps_it_in_range() {
    let mut suite = policy("0.2").build();
    let (guardian, owner) = (suite.guardian.clone(), suite.owner.clone());
    let current = suite.query_config().unwrap().params;
    for buffer in [None, Some(dec("0.5")), Some(dec("0.1"))] {
        let mut params = current.clone();
        params.redemption_buffer = buffer;
        let err = refused(
            suite.govern(&guardian, Govern::Tighten { params }),
            "vault",
            "loosen",
        );
        assert!(err.contains("redemption_buffer"), "{err}");
    }
    for buffer in ["0.019999", "1.000001", "0"] {
        let mut params = current.clone();
        params.redemption_buffer = Some(dec(buffer));
        let err = refused(
            suite.govern(&owner, Govern::ProposeParams { params }),
            "governor",
            "param",
        );
        assert!(err.contains("redemption_buffer"), "{err}");
    }
    assert_eq!(
        suite.query_config().unwrap().params.redemption_buffer,
        Some(dec("0.2"))
    );
}

#[test]
fn allocations_round_down_and_never_exceed_the_nav_beyond_the_buffer() {
    let navs = [1u128, 7, 999, 1_000_003, 123_456_789_012_345, u128::MAX / 4];
    let buffers = ["0.02", "0.2", "0.333333333333333333", "0.999999", "1"];
    for nav in navs {
        for buffer in buffers {
            let b = dec(buffer);
            let deployable = nav - Uint128::new(nav).mul_ceil(b).u128();
            // Three markets of uneven notional.
            let notionals = [1u128, 3, 1_000_000_007];
            let gross: u128 = notionals.iter().sum();
            let sum: u128 = notionals
                .iter()
                .map(|&n| {
                    allocation(nav.into(), b, n.into(), gross.into())
                        .unwrap()
                        .u128()
                })
                .sum();
            assert!(
                sum <= deployable,
                "nav {nav} buffer {buffer}: {sum} > {deployable}"
            );
            assert!(
                deployable - sum < 3,
                "nav {nav} buffer {buffer}: lost {}",
                deployable - sum
            );
            let nothing = allocation(nav.into(), b, 5u128.into(), Uint128::zero()).unwrap();
            assert!(nothing.is_zero());
        }
    }
}

/// A cap's refusal names the most that can be redeemed now, and that amount goes through and no
/// more (as `test_withdraw::the_most_a_holder_can_redeem_goes_through_and_no_more` without the
/// policy). Under the policy the redeem is paid from idle and pulled margin, so the most is the cap's
/// room as far as both cover it, not idle alone.
#[test]
fn a_caps_refusal_names_the_most_a_pulling_redeem_pays() {
    let mut suite = policy("0.2").build();
    suite.submit(order(Side::Long, 800 * K)).unwrap();
    tick(&mut suite);
    let alice = suite.alice.clone();
    let shares = suite.query_shares(&alice).unwrap().u128();
    let idle_before = idle(&suite);
    let err = refused(suite.redeem(&alice, shares), "vault", "withdraw_breaks_cap");
    let number_after = |text: &str, marker: &str| -> u128 {
        text.rsplit(marker)
            .next()
            .and_then(|s| s.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no number after {marker:?} in {err}"))
    };
    let (max_assets, max_shares) = (number_after(&err, "at most "), number_after(&err, "("));
    assert!(
        max_assets > idle_before,
        "the refusal names idle only: {err}"
    );
    let held = suite.balance(&alice);
    suite.redeem(&alice, max_shares).unwrap();
    assert!(suite.balance(&alice) - held <= max_assets);
    assert_safe(&suite, MARKET, "after the most");
    assert_books(&suite, &[MARKET], 0, "after the most");
    // A thousandth more is refused by the cap.
    refused(
        suite.redeem(&alice, shares / 1_000),
        "vault",
        "withdraw_breaks_cap",
    );
}

/// A short under a rising price (a loss the venue counts against its margin): a pulling redeem pays
/// the holder the fair price, gives back only what keeps the short beyond the initial margin, and
/// leaves nothing a keeper can liquidate.
#[test]
fn a_pull_from_a_losing_short_after_a_rise_leaves_it_safe() {
    let mut suite = with_bob(loose_policy("0.2").build());
    suite.submit(order(Side::Short, 2 * NOTIONAL)).unwrap();
    suite.advance(60);
    suite.publish(suite.price * 103 / 100).unwrap();
    suite.mark().unwrap();
    assert!(
        suite.query_position().unwrap().unrealized_pnl.is_negative(),
        "the short must be at a loss"
    );
    let price = share_price(&suite);
    let (alice, bob) = (suite.alice.clone(), suite.bob.clone());
    let bob_shares = suite.query_shares(&bob).unwrap();
    let shares = suite.query_shares(&alice).unwrap().u128() * 3 / 4;
    let owed = suite.query_preview_redeem(shares).unwrap().u128();
    assert!(owed > idle(&suite), "the redeem must pull");
    let (held, margin_before) = (suite.balance(&alice), margin_in(&suite, MARKET));
    suite.redeem(&alice, shares).unwrap();
    assert_eq!(suite.balance(&alice) - held, owed);
    assert!(margin_in(&suite, MARKET) < margin_before, "nothing pulled");
    assert_safe(&suite, MARKET, "after the pull from the short");
    let (keeper, perp) = (suite.keeper.clone(), suite.perp.clone());
    let liquidate = Perp::Liquidate {
        trader: suite.vault.to_string(),
        market: MARKET.to_string(),
    };
    refused(
        tx(&mut suite, &keeper, &perp, &liquidate, &[]),
        "perp",
        "not_liquidatable",
    );
    // The rise goes on: a rebalance tops up from idle above the buffer only, and the books hold.
    suite.advance(60);
    suite.publish(suite.price * 104 / 100).unwrap();
    suite.rebalance().unwrap();
    assert!(
        share_price(&suite) <= price,
        "a loss cannot raise the share price"
    );
    assert_eq!(suite.query_shares(&bob).unwrap(), bob_shares);
    assert_books(&suite, &[MARKET], 0, "after the rise");
}

/// Two open markets, one of them stale: a redeem needing a pull is refused before anything moves
/// (no margin leaves either market, the ledger and the bank stay), and goes through at a fresh price.
#[test]
fn a_stale_second_market_refuses_a_pulling_redeem_before_anything_moves() {
    let (mut suite, eth_feed, eth) = two_markets("0.2");
    suite.submit(order(Side::Long, 2 * NOTIONAL)).unwrap();
    suite.submit(eth_order(Side::Short, 2 * NOTIONAL)).unwrap();
    let alice = suite.alice.clone();
    let shares = suite.query_shares(&alice).unwrap().u128() / 2;
    let state = suite.query_state().unwrap();
    // An hour and more on: BTC is fresh again, ETH is not.
    suite.advance(3_601);
    suite.publish(suite.price).unwrap();
    let margins = (margin_in(&suite, MARKET), suite.balance(&suite.vault));
    refused(suite.redeem(&alice, shares), "vault", "unpriced_market");
    // A tiny redeem that idle alone covers is refused too: nav needs every market's price.
    refused(suite.redeem(&alice, 1_000), "vault", "unpriced_market");
    assert_eq!(
        (margin_in(&suite, MARKET), suite.balance(&suite.vault)),
        margins
    );
    publish(&mut suite, &eth_feed, eth);
    let now = suite.query_state().unwrap();
    assert_eq!(
        (now.idle, now.total_shares),
        (state.idle, state.total_shares)
    );
    let owed = suite.query_preview_redeem(shares).unwrap().u128();
    let held = suite.balance(&alice);
    suite.redeem(&alice, shares).unwrap();
    assert_eq!(suite.balance(&alice) - held, owed);
    for market in [MARKET, ETH] {
        assert_safe(&suite, market, "after the fresh redeem");
    }
    assert_books(&suite, &[MARKET, ETH], 0, "after the fresh redeem");
}

/// Many tiny redeems, then a ladder of pulling redeems: none pays more than the shares' fair value,
/// tiny ones move no margin, and the other holder's share price never falls.
#[test]
fn tiny_and_repeated_pulling_redeems_gain_nothing_and_cost_the_others_nothing() {
    let mut suite = with_bob(policy("0.2").build());
    suite.submit(order(Side::Long, NOTIONAL)).unwrap();
    tick(&mut suite);
    let (alice, bob) = (suite.alice.clone(), suite.bob.clone());
    let bob_value = |s: &Suite| s.query_holder(&bob).unwrap().value.u128();
    let (price, bob_before) = (share_price(&suite), bob_value(&suite));
    let margin_before = margin_in(&suite, MARKET);
    let held = suite.balance(&alice);
    let mut redeemed = 0u128;
    for shares in [1u128, 2, 999, 1_000_001, 1, 7] {
        let owed = suite.query_preview_redeem(shares).unwrap().u128();
        let state = suite.query_state().unwrap();
        let virtual_shares = 10u128.pow(suite.query_config().unwrap().params.share_offset_decimals);
        let fair = shares * (state.nav.u128() + 1) / (state.total_shares.u128() + virtual_shares);
        assert!(owed <= fair, "a dust redeem rounds up: {owed} > {fair}");
        if suite.redeem(&alice, shares).is_ok() {
            redeemed += shares;
        }
    }
    assert!(suite.balance(&alice) - held <= 1, "dust redeems paid out");
    assert_eq!(
        margin_in(&suite, MARKET),
        margin_before,
        "dust moved margin"
    );
    assert!(share_price(&suite) >= price);
    // A ladder: each tenth of what alice holds, each pulling once idle runs short.
    let mut pulls = 0;
    for _ in 0..6 {
        let shares = suite.query_shares(&alice).unwrap().u128() / 10;
        let owed = suite.query_preview_redeem(shares).unwrap().u128();
        let (before, margin) = (suite.balance(&alice), margin_in(&suite, MARKET));
        suite.redeem(&alice, shares).unwrap();
        redeemed += shares;
        assert_eq!(suite.balance(&alice) - before, owed);
        if margin_in(&suite, MARKET) < margin {
            pulls += 1;
        }
        assert!(share_price(&suite) >= price, "the ladder cost the others");
        assert!(bob_value(&suite) + 1 >= bob_before, "bob lost value");
        assert_safe(&suite, MARKET, "on the ladder");
        assert_ledger(&suite, 0, "on the ladder");
        tick(&mut suite);
    }
    assert!(pulls > 0, "no step pulled");
    assert!(redeemed > 0);
    assert_books(&suite, &[MARKET], 0, "after the ladder");
}

/// A crash that trips the jump breaker, and the guardian's pause on top: neither blocks a pulling
/// redeem (holders can leave a halted vault), which pays the post-crash price and leaves the position
/// beyond the initial margin; bob keeps his fair value.
#[test]
fn a_halted_and_paused_vault_still_pays_a_pulling_redeem_at_the_crashed_price() {
    let mut suite = with_bob(
        SuiteBuilder::new()
            .params(|p| p.redemption_buffer = Some(dec("0.2")))
            .build(),
    );
    suite.submit(order(Side::Long, NOTIONAL)).unwrap();
    tick(&mut suite);
    // -10% in a minute: over twenty sigmas of an hour.
    suite.advance(60);
    suite.publish(suite.price * 9 / 10).unwrap();
    suite.mark().unwrap();
    assert!(suite.query_market().unwrap().halted_until.is_some());
    let guardian = suite.guardian.clone();
    suite.pause(&guardian).unwrap();
    let (alice, bob) = (suite.alice.clone(), suite.bob.clone());
    let shares = suite.query_shares(&alice).unwrap().u128() / 2;
    let owed = suite.query_preview_redeem(shares).unwrap().u128();
    assert!(owed > idle(&suite), "the redeem must pull");
    let supply = suite.query_state().unwrap().total_shares.u128();
    let fair = suite.fair_nav(&[MARKET.to_string()]).unwrap();
    assert_eq!(owed, shares * (fair + 1) / (supply + 1_000_000));
    let (held, margin_before) = (suite.balance(&alice), margin_in(&suite, MARKET));
    suite.redeem(&alice, shares).unwrap();
    assert_eq!(suite.balance(&alice) - held, owed);
    assert!(margin_in(&suite, MARKET) < margin_before, "nothing pulled");
    assert_safe(&suite, MARKET, "after the pull in a halt");
    let bob_shares = suite.query_shares(&bob).unwrap().u128();
    assert!(
        suite.query_holder(&bob).unwrap().value.u128()
            >= bob_shares * (fair + 1) / (supply + 1_000_000)
    );
    // Orders stay refused while paused; the books hold.
    let res = suite.submit(order(Side::Long, NOTIONAL / 4)).unwrap();
    assert_eq!(attr(&res, "decision").as_deref(), Some("rejected"));
    assert_books(&suite, &[MARKET], 0, "after the pull in a halt");
}
