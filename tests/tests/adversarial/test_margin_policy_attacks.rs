//! Attacks on the margin policy (vault 0.6.0, perp 0.4.0): a redemption buffer kept idle, the rest of
//! nav posted as margin, redeems pulling margin back through the perp's `RemoveMargin`.
//!
//! After every sequence: the idle ledger equals the vault's bank balance (less donations), nav equals
//! the venue's own account of the vault, a pull leaves no position liquidatable, and no holder's share
//! price moves when another redeems. The perp's `RemoveMargin` is attacked directly too: its boundary,
//! a short's profit, a stale price and bad input.

use ballast_tests::errors::{clear_raised, failure};
use ballast_tests::suite::{
    DAY, DENOM, MARKET, NAV, Suite, SuiteBuilder, attr, feed_and_market, order, reduce_only,
};
use ballast_types::Side;
use ballast_types::governor::ExecuteMsg as Govern;
use ballast_types::perp::ExecuteMsg as Perp;
use ballast_types::pyth::PriceIdentifier;
use ballast_types::vault::OrderRequest;
use ballast_vault::margin::allocation;
use cosmwasm_std::{Addr, Coin, Decimal, StdResult, Uint128, coins};
use cw_multi_test::{AppResponse, Executor};

const ETH: &str = "ETH-PERP";
const K: u128 = 1_000_000_000; // a thousand USDC
const NOTIONAL: u128 = 400 * K;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn idle(suite: &Suite) -> u128 {
    suite.query_state().unwrap().idle.u128()
}

fn nav(suite: &Suite) -> u128 {
    suite.query_state().unwrap().nav.u128()
}

fn share_price(suite: &Suite) -> Decimal {
    suite.query_state().unwrap().share_price
}

/// The ledger is the bank balance less the donations.
fn assert_ledger(suite: &Suite, donated: u128, when: &str) {
    let (ledger, bank) = (idle(suite), suite.balance(&suite.vault));
    assert_eq!(ledger + donated, bank, "{when}: idle vs balance");
}

/// The ledger, and nav equal to the venue's account (balance + equity) less the donations: call it
/// when every market's mark is at the current price.
fn assert_books(suite: &Suite, markets: &[&str], donated: u128, when: &str) {
    assert_ledger(suite, donated, when);
    let markets: Vec<String> = markets.iter().map(|m| m.to_string()).collect();
    let fair = suite.fair_nav(&markets).unwrap();
    assert_eq!(
        nav(suite) + donated,
        fair,
        "{when}: nav vs the venue's account"
    );
}

/// The position in `market` carries the venue's initial margin on its notional after its unrealised
/// loss (what `RemoveMargin` and an opening trade require), and cannot be liquidated.
fn assert_safe(suite: &Suite, market: &str, when: &str) {
    let p = suite.query_position_in(market).unwrap();
    let loss = p
        .unrealized_pnl
        .min(cosmwasm_std::Int128::zero())
        .unsigned_abs();
    let initial = p.notional.mul_ceil(dec("0.1"));
    assert!(
        p.margin.saturating_sub(loss) >= initial,
        "{when}: {market} margin {} less loss {loss} below the initial margin {initial}",
        p.margin
    );
    assert!(!p.liquidatable, "{when}: {market} liquidatable");
}

/// The id of the contract error that failed `res` (the last one any contract returned).
fn refused<T: std::fmt::Debug>(res: StdResult<T>, contract: &str, id: &str) -> String {
    let err = res.expect_err("the action must be refused").to_string();
    let (raised, _) = failure().expect("a contract error");
    assert_eq!((raised.contract, raised.id), (contract, id), "{err}");
    clear_raised();
    err
}

fn tx<M: serde::Serialize + std::fmt::Debug>(
    suite: &mut Suite,
    sender: &Addr,
    contract: &Addr,
    msg: &M,
    funds: &[Coin],
) -> StdResult<AppResponse> {
    let (sender, contract) = (sender.clone(), contract.clone());
    suite.app.execute_contract(sender, contract, msg, funds)
}

fn donate(suite: &mut Suite, amount: u128) {
    let (from, vault, funds) = (suite.bob.clone(), suite.vault.clone(), coins(amount, DENOM));
    suite.app.send_tokens(from, vault, &funds).unwrap();
}

/// A minute later, the same price again (fresh for the guards).
fn tick(suite: &mut Suite) {
    suite.advance(60);
    suite.publish(suite.price).unwrap();
}

fn publish(suite: &mut Suite, feed: &PriceIdentifier, price: i64) {
    let now = suite.now() as i64;
    suite
        .publish_feed(feed, price, price as u64 / 1_000, now)
        .unwrap();
}

fn number(res: &AppResponse, key: &str) -> u128 {
    attr(res, key).map_or(0, |v| v.parse().unwrap())
}

fn margin_in(suite: &Suite, market: &str) -> u128 {
    suite.query_position_in(market).unwrap().margin.u128()
}

fn redeem_all(suite: &mut Suite, holder: &Addr) -> u128 {
    let (shares, before) = (suite.query_shares(holder).unwrap(), suite.balance(holder));
    suite.redeem(holder, shares.u128()).unwrap();
    suite.balance(holder) - before
}

/// A buffer of `buffer` and no jump breaker (prices can fall far enough to liquidate).
fn policy(buffer: &str) -> SuiteBuilder {
    let buffer = dec(buffer);
    SuiteBuilder::new().params(move |p| {
        p.redemption_buffer = Some(buffer);
        p.guards.breaker_max_move = dec("5");
        p.guards.breaker_sigmas = dec("100");
    })
}

/// As [`policy`], with caps loose enough that a redeem of most of the vault keeps them.
fn loose_policy(buffer: &str) -> SuiteBuilder {
    policy(buffer).params(|p| {
        p.target_vol = dec("2");
        p.max_concentration = dec("20");
        p.max_leverage = dec("20");
        p.var_budget = dec("1");
    })
}

/// Bob deposits a tenth of alice's deposit: the other holder whose share price must not move.
fn with_bob(mut suite: Suite) -> Suite {
    let bob = suite.bob.clone();
    suite.deposit(&bob, NAV / 10).unwrap();
    suite
}

/// A fresh trader funded with `amount` by bob.
fn trader(suite: &mut Suite, name: &str, amount: u128) -> Addr {
    let who = suite.app.api().addr_make(name);
    let (bob, funds) = (suite.bob.clone(), coins(amount, DENOM));
    suite.app.send_tokens(bob, who.clone(), &funds).unwrap();
    who
}

fn trade(
    suite: &mut Suite,
    who: &Addr,
    side: Side,
    notional: u128,
    margin: u128,
) -> StdResult<AppResponse> {
    let msg = Perp::Trade {
        market: MARKET.to_string(),
        side,
        notional: Uint128::new(notional),
        reduce_only: false,
    };
    let perp = suite.perp.clone();
    tx(suite, who, &perp, &msg, &coins(margin, DENOM))
}

fn remove_margin(
    suite: &mut Suite,
    who: &Addr,
    market: &str,
    amount: u128,
) -> StdResult<AppResponse> {
    let msg = Perp::RemoveMargin {
        market: market.to_string(),
        amount: Uint128::new(amount),
    };
    let perp = suite.perp.clone();
    tx(suite, who, &perp, &msg, &[])
}

/// A trader's position in the first market.
fn position_of(suite: &Suite, who: &Addr) -> ballast_types::perp::PositionResponse {
    let msg = ballast_types::perp::QueryMsg::Position {
        trader: who.to_string(),
        market: MARKET.to_string(),
        at_price: None,
    };
    suite
        .app
        .wrap()
        .query_wasm_smart(&suite.perp, &msg)
        .unwrap()
}

/// The most `RemoveMargin` can take from `who`'s position now: margin less unrealised loss less
/// the initial margin (10%) on the notional, a profit counting for nothing.
fn removable(suite: &Suite, who: &Addr) -> u128 {
    let p = position_of(suite, who);
    let loss = p
        .unrealized_pnl
        .min(cosmwasm_std::Int128::zero())
        .unsigned_abs();
    p.margin
        .saturating_sub(loss)
        .saturating_sub(p.notional.mul_ceil(dec("0.1")))
        .u128()
}

/// Redeems the largest of alice's shares, in steps of a percent of her holding, that the vault pays
/// now; returns the shares redeemed.
fn redeem_the_most(suite: &mut Suite) -> u128 {
    let alice = suite.alice.clone();
    let held = suite.query_shares(&alice).unwrap().u128();
    for percent in (1..=100u128).rev() {
        let shares = held / 100 * percent;
        if suite.redeem(&alice, shares).is_ok() {
            return shares;
        }
    }
    panic!("no redeem went through");
}

fn eth_order(side: Side, size: u128) -> OrderRequest {
    OrderRequest {
        market: ETH.to_string(),
        ..order(side, size)
    }
}

/// BTC and ETH listed under the policy, both warmed up and marked, alice's deposit in; returns ETH's
/// feed and price.
fn two_markets(buffer: &str) -> (Suite, PriceIdentifier, i64) {
    let mut suite = loose_policy(buffer).warm_up(0).deposit(0).build();
    let (eth_feed, eth_config) = feed_and_market(ETH, 0xe7);
    let owner = suite.owner.clone();
    suite.add_market(&owner, eth_config).unwrap();
    let mut eth: i64 = 300_000_000_000;
    for day in 0..6 {
        suite.advance(DAY);
        let (btc, up) = (suite.price, day % 2 == 0);
        let btc = if up { btc * 102 / 100 } else { btc * 100 / 102 };
        suite.publish(btc).unwrap();
        eth = if up { eth * 103 / 100 } else { eth * 100 / 103 };
        publish(&mut suite, &eth_feed, eth);
        suite.mark().unwrap();
        suite.mark_market(ETH).unwrap();
    }
    let alice = suite.alice.clone();
    suite.deposit(&alice, NAV).unwrap();
    (suite, eth_feed, eth)
}

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
    suite.rebalance().unwrap();
    let keeper = suite.keeper.clone();
    let rebalance_eth = ballast_types::vault::ExecuteMsg::Rebalance {
        market: ETH.to_string(),
    };
    suite.execute_vault(&keeper, rebalance_eth).unwrap();
    assert!(idle(&suite) + 10 >= buffer.min(idle(&suite) + 10));
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
