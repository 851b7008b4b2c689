//! Pulls against liquidation and double counting, and the perp's `RemoveMargin` from outside.

use super::*;

#[test]
fn the_largest_redeem_leaves_the_position_beyond_the_venues_initial_margin() {
    let mut suite = with_bob(loose_policy("0.2").build());
    suite.submit(order(Side::Long, 2 * NOTIONAL)).unwrap();
    tick(&mut suite);
    let price = share_price(&suite);
    let (bob, bob_shares) = (suite.bob.clone(), suite.query_shares(&suite.bob).unwrap());
    let margin_before = margin_in(&suite, MARKET);
    redeem_the_most(&mut suite);
    assert!(
        margin_in(&suite, MARKET) < margin_before,
        "nothing was pulled"
    );
    assert_safe(&suite, MARKET, "after the largest redeem");
    // No third party can liquidate what the pull left.
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
    assert!(share_price(&suite) >= price, "the redeem cost bob");
    assert_eq!(suite.query_shares(&bob).unwrap(), bob_shares);
    assert_books(&suite, &[MARKET], 0, "after the largest redeem");
}

#[test]
fn a_mark_and_later_redeems_count_pulled_margin_once() {
    let mut suite = with_bob(policy("0.2").build());
    suite.submit(order(Side::Long, NOTIONAL)).unwrap();
    tick(&mut suite);
    let alice = suite.alice.clone();
    let shares = suite.query_shares(&alice).unwrap().u128() / 2;
    assert!(suite.query_preview_redeem(shares).unwrap().u128() > idle(&suite));
    suite.redeem(&alice, shares).unwrap();
    assert_books(&suite, &[MARKET], 0, "after the pull");
    // A keeper's mark reads the venue's paid_out, which counts the pulled margin: nothing new.
    let idle_before = idle(&suite);
    suite.mark().unwrap();
    assert_eq!(idle(&suite), idle_before, "the mark counted the pull again");
    tick(&mut suite);
    suite.mark().unwrap();
    suite.rebalance().unwrap();
    assert_books(&suite, &[MARKET], 0, "after the marks");
    // Everyone leaves, each paid from idle and pulls: only dust stays in the ledger.
    suite.submit(reduce_only(Side::Short, u128::MAX)).unwrap();
    for holder in [suite.bob.clone(), alice] {
        redeem_all(&mut suite, &holder);
    }
    assert!(idle(&suite) <= 2, "left in the ledger: {}", idle(&suite));
    assert_books(&suite, &[MARKET], 0, "everyone out");
}

#[test]
fn a_liquidation_after_a_pull_pays_the_vault_once() {
    let mut suite = with_bob(loose_policy("0.2").build());
    suite.submit(order(Side::Long, NOTIONAL)).unwrap();
    tick(&mut suite);
    let alice = suite.alice.clone();
    let shares = suite.query_shares(&alice).unwrap().u128() * 9 / 10;
    suite.redeem(&alice, shares).unwrap();
    assert_safe(&suite, MARKET, "after the pull");
    // The price falls until the (pulled-down) position is liquidatable; a keeper liquidates.
    let mut price = suite.price;
    while !suite.query_position().unwrap().liquidatable {
        price = price * 98 / 100;
        suite.advance(60);
        suite.publish(price).unwrap();
    }
    let idle_before = idle(&suite);
    let bank_before = suite.balance(&suite.vault);
    suite.liquidate_vault().unwrap();
    let paid = suite.balance(&suite.vault) - bank_before;
    donate(&mut suite, 1_234_567);
    assert_eq!(idle(&suite), idle_before, "nothing counted before a read");
    // Bob's deposit reads the payout once; a mark then reads nothing new.
    let bob = suite.bob.clone();
    suite.deposit(&bob, K).unwrap();
    assert_eq!(idle(&suite), idle_before + paid + K);
    suite.mark().unwrap();
    assert_eq!(idle(&suite), idle_before + paid + K);
    for holder in [bob, alice] {
        redeem_all(&mut suite, &holder);
    }
    assert!(idle(&suite) <= 2, "left in the ledger: {}", idle(&suite));
    assert_books(&suite, &[MARKET], 1_234_567, "after the liquidation");
}

#[test]
fn a_donation_before_a_pull_neither_pays_the_redeem_nor_moves_the_share_price() {
    let mut suite = with_bob(policy("0.2").build());
    suite.submit(order(Side::Long, NOTIONAL)).unwrap();
    tick(&mut suite);
    let price = share_price(&suite);
    // A donation as large as the redeem's shortfall: the ledger must still pull the margin.
    let alice = suite.alice.clone();
    let shares = suite.query_shares(&alice).unwrap().u128() / 2;
    let owed = suite.query_preview_redeem(shares).unwrap().u128();
    let donated = owed - idle(&suite) + K;
    donate(&mut suite, donated);
    assert_eq!(share_price(&suite), price, "the donation moved the price");
    let margin_before = margin_in(&suite, MARKET);
    let held = suite.balance(&alice);
    suite.redeem(&alice, shares).unwrap();
    assert_eq!(
        suite.balance(&alice),
        held + owed,
        "paid more or less than owed"
    );
    assert!(
        margin_in(&suite, MARKET) < margin_before,
        "the donation paid the redeem"
    );
    assert!(share_price(&suite) >= price);
    assert_books(&suite, &[MARKET], donated, "after the pull");
}

#[test]
fn an_outsiders_remove_margin_moves_only_their_own_position() {
    let mut suite = with_bob(policy("0.2").build());
    suite.submit(order(Side::Long, NOTIONAL)).unwrap();
    tick(&mut suite);
    let (state, vault_position) = (
        suite.query_state().unwrap(),
        suite.query_position().unwrap(),
    );
    let eve = trader(&mut suite, "eve", 20 * K);
    trade(&mut suite, &eve, Side::Long, 50 * K, 20 * K).unwrap();
    let most = removable(&suite, &eve);
    remove_margin(&mut suite, &eve, MARKET, most).unwrap();
    assert_eq!(suite.balance(&eve), most);
    // Eve has no position in ETH and cannot name the vault: the message takes the sender's own.
    refused(
        remove_margin(&mut suite, &eve, "ETH-PERP", 1),
        "perp",
        "unknown_market",
    );
    let mallory = trader(&mut suite, "mallory", K);
    refused(
        remove_margin(&mut suite, &mallory, MARKET, 1),
        "perp",
        "no_position",
    );
    let after = suite.query_position().unwrap();
    assert_eq!(
        (after.margin, after.paid_out),
        (vault_position.margin, vault_position.paid_out)
    );
    let now = suite.query_state().unwrap();
    assert_eq!((now.idle, now.nav), (state.idle, state.nav));
    // The vault's own pull still works after eve's.
    let alice = suite.alice.clone();
    let shares = suite.query_shares(&alice).unwrap().u128() / 2;
    suite.redeem(&alice, shares).unwrap();
    assert_safe(&suite, MARKET, "after the vault's pull");
    assert_books(&suite, &[MARKET], 0, "after both");
}

#[test]
fn remove_margin_refuses_zero_funds_and_anything_past_the_initial_margin() {
    let mut suite = policy("0.2").build();
    let eve = trader(&mut suite, "eve", 30 * K);
    trade(&mut suite, &eve, Side::Long, 50 * K, 20 * K).unwrap();
    refused(
        remove_margin(&mut suite, &eve, MARKET, 0),
        "perp",
        "zero_amount",
    );
    let msg = Perp::RemoveMargin {
        market: MARKET.to_string(),
        amount: Uint128::new(1),
    };
    let perp = suite.perp.clone();
    refused(
        tx(&mut suite, &eve, &perp, &msg, &coins(1, DENOM)),
        "perp",
        "unexpected_funds",
    );
    // Under a loss (the price falls 3%), the boundary is margin - loss - 10% of notional, exactly.
    suite.advance(60);
    suite.publish(suite.price * 97 / 100).unwrap();
    let most = removable(&suite, &eve);
    let margin = position_of(&suite, &eve).margin.u128();
    refused(
        remove_margin(&mut suite, &eve, MARKET, margin + 1),
        "perp",
        "insufficient_margin",
    );
    refused(
        remove_margin(&mut suite, &eve, MARKET, most + 1),
        "perp",
        "insufficient_margin",
    );
    let paid_before = position_of(&suite, &eve).paid_out;
    remove_margin(&mut suite, &eve, MARKET, most).unwrap();
    let p = position_of(&suite, &eve);
    assert_eq!(p.margin.u128(), margin - most);
    assert_eq!(p.paid_out.u128(), paid_before.u128() + most);
    assert!(!p.liquidatable);
    refused(
        remove_margin(&mut suite, &eve, MARKET, 1),
        "perp",
        "insufficient_margin",
    );
}

#[test]
fn remove_margin_counts_no_profit_on_a_short_and_the_whole_loss() {
    let mut suite = policy("0.2").build();
    let eve = trader(&mut suite, "eve", 30 * K);
    trade(&mut suite, &eve, Side::Short, 50 * K, 20 * K).unwrap();
    // The price falls 5%: the short gains, and the gain backs nothing.
    suite.advance(60);
    suite.publish(suite.price * 95 / 100).unwrap();
    let p = position_of(&suite, &eve);
    assert!(p.unrealized_pnl > cosmwasm_std::Int128::zero());
    let most = p.margin.u128() - p.notional.mul_ceil(dec("0.1")).u128();
    assert_eq!(removable(&suite, &eve), most);
    refused(
        remove_margin(&mut suite, &eve, MARKET, most + 1),
        "perp",
        "insufficient_margin",
    );
    remove_margin(&mut suite, &eve, MARKET, most).unwrap();
    // The price then rises 10% over entry: the loss is counted, nothing more comes out.
    suite.advance(60);
    suite.publish(suite.price * 116 / 100).unwrap();
    assert!(position_of(&suite, &eve).unrealized_pnl.is_negative());
    refused(
        remove_margin(&mut suite, &eve, MARKET, 1),
        "perp",
        "insufficient_margin",
    );
}

#[test]
fn remove_margin_refuses_a_stale_price_and_a_redeem_then_refuses_before_pulling() {
    let mut suite = with_bob(policy("0.2").build());
    suite.submit(order(Side::Long, NOTIONAL)).unwrap();
    let eve = trader(&mut suite, "eve", 30 * K);
    trade(&mut suite, &eve, Side::Long, 50 * K, 20 * K).unwrap();
    let (alice, state) = (suite.alice.clone(), suite.query_state().unwrap());
    let shares = suite.query_shares(&alice).unwrap().u128() / 2;
    let (margin, bank) = (margin_in(&suite, MARKET), suite.balance(&suite.vault));
    // Past the perp's max price age (an hour): the perp refuses; the vault's guard refuses first.
    suite.advance(3_601);
    refused(
        remove_margin(&mut suite, &eve, MARKET, 1),
        "perp",
        "stale_price",
    );
    refused(suite.redeem(&alice, shares), "vault", "unpriced_market");
    let position = suite.query_position();
    assert!(position.is_err(), "the perp marks nothing at a stale price");
    suite.publish(suite.price).unwrap();
    assert_eq!(margin_in(&suite, MARKET), margin);
    assert_eq!(suite.query_state().unwrap().idle, state.idle);
    assert_eq!(suite.balance(&suite.vault), bank);
    // A fresh price: the redeem goes through.
    suite.redeem(&alice, shares).unwrap();
    assert_safe(&suite, MARKET, "after the pull");
    assert_books(&suite, &[MARKET], 0, "after the pull");
}

#[test]
fn repeated_rebalances_top_up_once_and_never_below_the_buffer() {
    let mut suite = policy("0.2").build();
    suite.submit(order(Side::Long, NOTIONAL)).unwrap();
    let buffer = |s: &Suite| nav(s).div_ceil(5);
    // The first rebalance may post what the trade's costs left of the position's share; no later one
    // moves margin again.
    tick(&mut suite);
    let first = number(&suite.rebalance().unwrap(), "margin_added");
    assert!(first < NAV / 1_000, "{first}");
    assert!(idle(&suite) >= buffer(&suite));
    for _ in 0..3 {
        tick(&mut suite);
        let res = suite.rebalance().unwrap();
        assert_eq!(number(&res, "margin_added"), 0, "margin moved again");
    }
    // A loss: one rebalance tops up what the loss took from the position's share, never the buffer.
    suite.advance(60);
    suite.publish(suite.price * 96 / 100).unwrap();
    let res = suite.rebalance().unwrap();
    assert!(number(&res, "margin_added") > 0);
    assert!(
        idle(&suite) >= buffer(&suite),
        "{} < {}",
        idle(&suite),
        buffer(&suite)
    );
    for _ in 0..3 {
        tick(&mut suite);
        let res = suite.rebalance().unwrap();
        assert_eq!(number(&res, "margin_added"), 0, "margin moved again");
    }
    assert!(idle(&suite) >= buffer(&suite));
    // After a pulling redeem, the buffer is refilled and a rebalance moves (almost) nothing.
    let alice = suite.alice.clone();
    let shares = suite.query_shares(&alice).unwrap().u128() / 2;
    suite.redeem(&alice, shares).unwrap();
    tick(&mut suite);
    let res = suite.rebalance().unwrap();
    assert!(number(&res, "margin_added") <= 10, "{res:?}");
    assert!(idle(&suite) + 10 >= buffer(&suite));
    assert_books(&suite, &[MARKET], 0, "after the rebalances");
}

#[test]
fn a_deposit_rebalance_redeem_loop_gains_nothing() {
    let mut suite = policy("0.2").build();
    suite.submit(order(Side::Long, NOTIONAL)).unwrap();
    tick(&mut suite);
    let price = share_price(&suite);
    let attacker = trader(&mut suite, "attacker", 500 * K + K);
    for _ in 0..3 {
        suite.deposit(&attacker, 500 * K).unwrap();
        // The keeper posts the deposit beyond the buffer as margin; the redeem pulls it back.
        let posted = number(&suite.rebalance().unwrap(), "margin_added");
        assert!(posted > 0);
        let back = redeem_all(&mut suite, &attacker);
        assert!(back <= 500 * K, "the loop paid {back} for {}", 500 * K);
        tick(&mut suite);
    }
    assert!(suite.balance(&attacker) <= 500 * K + K);
    assert!(share_price(&suite) >= price, "alice paid for the loop");
    assert_books(&suite, &[MARKET], 0, "after the loop");
}
