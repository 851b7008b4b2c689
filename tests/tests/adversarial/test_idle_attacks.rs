//! Attacks on idle as a ledger (vault 0.4.0, perp 0.3.2). After every sequence the ledger must equal
//! the vault's bank balance less the donations, each perp payout counted once; a donation moves
//! neither nav nor the share price; nav equals the venue's own account of the vault.

use ballast_tests::suite::{
    DAY, DENOM, MARKET, NAV, Suite, SuiteBuilder, attr, default_venue, feed_and_market, order,
    reduce_only,
};
use ballast_types::Side;
use ballast_types::governor::ExecuteMsg as Govern;
use ballast_types::perp::ExecuteMsg as Perp;
use ballast_types::pyth::PriceIdentifier;
use ballast_types::vault::ExecuteMsg;
use cosmwasm_std::{Addr, Coin, StdResult, Uint128, coins};
use cw_multi_test::{AppResponse, Executor};

const ETH: &str = "ETH-PERP";
const K: u128 = 1_000_000_000; // a thousand USDC

fn idle(suite: &Suite) -> u128 {
    suite.query_state().unwrap().idle.u128()
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
    let nav = suite.query_state().unwrap().nav.u128();
    assert_eq!(nav + donated, fair, "{when}: nav vs the venue's account");
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

/// `price` for `feed` now, with a 0.1% confidence interval.
fn publish(suite: &mut Suite, feed: &PriceIdentifier, price: i64) {
    let now = suite.now() as i64;
    suite
        .publish_feed(feed, price, price as u64 / 1_000, now)
        .unwrap();
}

/// A minute later, the same price again (fresh for the guards).
fn tick(suite: &mut Suite) {
    suite.advance(60);
    suite.publish(suite.price).unwrap();
}

fn number(res: &AppResponse, key: &str) -> u128 {
    attr(res, key).expect(key).parse().unwrap()
}

fn redeem_all(suite: &mut Suite, holder: &Addr) -> u128 {
    let (shares, before) = (suite.query_shares(holder).unwrap(), suite.balance(holder));
    suite.redeem(holder, shares.u128()).unwrap();
    suite.balance(holder) - before
}

/// No jump breaker: prices can fall far enough to liquidate.
fn no_breaker() -> SuiteBuilder {
    SuiteBuilder::new().params(|p| {
        p.guards.breaker_max_move = "5".parse().unwrap();
        p.guards.breaker_sigmas = "100".parse().unwrap();
    })
}

/// Lowers `feed`'s price 1% a minute until the vault's position in `market` is liquidatable, then a
/// keeper liquidates it; returns what the vault was paid.
fn liquidate(suite: &mut Suite, market: &str, feed: &PriceIdentifier, mut price: i64) -> u128 {
    while !suite.query_position_in(market).unwrap().liquidatable {
        price = price * 99 / 100;
        suite.advance(60);
        publish(suite, feed, price);
    }
    let before = suite.balance(&suite.vault);
    let (trader, market) = (suite.vault.to_string(), market.to_string());
    let (keeper, perp) = (suite.keeper.clone(), suite.perp.clone());
    let msg = Perp::Liquidate { trader, market };
    tx(suite, &keeper, &perp, &msg, &[]).unwrap();
    let paid = suite.balance(&suite.vault) - before;
    assert!(paid > 0, "the liquidation left the vault nothing");
    paid
}

fn liquidate_btc(suite: &mut Suite) -> u128 {
    let (feed, price) = (suite.feed.clone(), suite.price);
    liquidate(suite, MARKET, &feed, price)
}

/// Eve, another trader, opens a long in `market` in her own name and closes it (a payout to her).
fn eve_opens_and_closes(suite: &mut Suite, market: &str) {
    let [keeper, perp] = [&suite.keeper, &suite.perp].map(Addr::clone);
    let (eve, margin) = (suite.app.api().addr_make("eve"), coins(10 * K, DENOM));
    suite.app.send_tokens(keeper, eve.clone(), &margin).unwrap();
    let (market, notional) = (market.to_string(), Uint128::new(50 * K));
    let trade = |side, reduce_only| Perp::Trade {
        market: market.clone(),
        side,
        notional,
        reduce_only,
    };
    tx(suite, &eve, &perp, &trade(Side::Long, false), &margin).unwrap();
    tx(suite, &eve, &perp, &trade(Side::Short, true), &[]).unwrap();
}

/// BTC and ETH listed, both warmed up and marked, alice's deposit in; returns ETH's feed and price.
fn two_markets() -> (Suite, PriceIdentifier, i64) {
    let mut suite = no_breaker().warm_up(0).deposit(0).build();
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
fn a_third_party_liquidation_is_counted_once_whichever_action_reads_it_first() {
    let mut suite = no_breaker().build();
    suite.submit(order(Side::Long, 500 * K)).unwrap();
    suite.submit(reduce_only(Side::Short, 100 * K)).unwrap();
    let price = suite.price * 97 / 100;
    suite.next_day(price).unwrap();
    number(&suite.rebalance().unwrap(), "margin_added");
    let idle_before = idle(&suite);
    let paid = liquidate_btc(&mut suite);
    // A donation lands in the same window: it must not pass for (part of) the payout.
    donate(&mut suite, 7_777_777);
    assert_eq!(idle(&suite), idle_before, "nothing counted before a read");
    // A deposit's valuation reads the payout first; marks and a redeem read the total again.
    let bob = suite.bob.clone();
    suite.deposit(&bob, K).unwrap();
    assert_eq!(idle(&suite), idle_before + paid + K);
    let bought = suite.query_holder(&bob).unwrap().value.u128();
    assert!(bought <= K, "the deposit bought {bought} for {K}");
    suite.mark().unwrap();
    tick(&mut suite);
    suite.mark().unwrap();
    // Every holder leaves, each paid from the ledger: only dust and the donation stay.
    for holder in [bob, suite.alice.clone()] {
        redeem_all(&mut suite, &holder);
    }
    assert!(idle(&suite) <= 2, "left in the ledger: {}", idle(&suite));
    assert_books(&suite, &[MARKET], 7_777_777, "after the liquidation");
}

#[test]
fn an_order_right_after_a_liquidation_counts_its_payout_and_outsiders_cannot_remark() {
    let mut suite = no_breaker().build();
    suite.submit(order(Side::Long, 500 * K)).unwrap();
    let idle_before = idle(&suite);
    let paid = liquidate_btc(&mut suite);
    // `RemarkAfterTrade` from anyone but the vault (with or without funds) is refused.
    let (market, price) = (MARKET.to_string(), None);
    let remark = ExecuteMsg::RemarkAfterTrade { market, price };
    let vault = suite.vault.clone();
    for sender in [&suite.keeper, &suite.manager, &suite.perp].map(Addr::clone) {
        assert!(tx(&mut suite, &sender, &vault, &remark, &[]).is_err());
    }
    let keeper = suite.keeper.clone();
    assert!(tx(&mut suite, &keeper, &vault, &remark, &coins(1, DENOM)).is_err());
    assert_eq!(idle(&suite), idle_before);
    // The manager's next order is the first read: the payout in, the new margin out.
    let res = suite.submit(order(Side::Long, 100 * K)).unwrap();
    let posted = number(&res, "margin_posted");
    assert_eq!(idle(&suite), idle_before + paid - posted);
    assert_books(&suite, &[MARKET], 0, "order after the liquidation");
}

#[test]
fn a_reduction_a_flip_and_a_close_each_count_their_payout_once() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, 400 * K)).unwrap();
    suite.submit(reduce_only(Side::Short, 150 * K)).unwrap();
    assert_books(&suite, &[MARKET], 0, "partial reduction");
    // A flip: the long's proceeds stay as the short's margin; the vault posts the rest.
    let long = suite.query_position().unwrap().notional.u128();
    let idle_before = idle(&suite);
    let res = suite.submit(order(Side::Short, long + 100 * K)).unwrap();
    assert_eq!(suite.query_position().unwrap().side, Some(Side::Short));
    let posted = number(&res, "margin_posted");
    // `collateral_sent` is exactly what was attached.
    assert_eq!(idle_before - idle(&suite), posted);
    assert_books(&suite, &[MARKET], 0, "flip");
    suite.submit(reduce_only(Side::Long, u128::MAX)).unwrap();
    assert!(suite.query_position().unwrap().side.is_none());
    assert_books(&suite, &[MARKET], 0, "close");
}

#[test]
fn keeper_reductions_and_a_deleverage_count_every_slice() {
    let mut suite = SuiteBuilder::new().build();
    suite.set_signal("1").unwrap();
    suite.rebalance().unwrap();
    assert_books(&suite, &[MARKET], 0, "keeper opens");
    // The guardian halves the market's notional limit: the keeper deleverages to it.
    let mut config = suite.query_market().unwrap().config;
    config.max_notional = suite.query_position().unwrap().notional / Uint128::new(2);
    let guardian = suite.guardian.clone();
    let tighten = Govern::TightenMarket { config };
    suite.govern(&guardian, tighten).unwrap();
    suite.deleverage().unwrap();
    assert_books(&suite, &[MARKET], 0, "deleverage");
    suite.set_signal("0").unwrap();
    for _ in 0..5 {
        if suite.query_position().unwrap().side.is_some() {
            suite.rebalance().unwrap();
        }
    }
    assert!(suite.query_position().unwrap().side.is_none());
    assert_books(&suite, &[MARKET], 0, "keeper closes");
}

#[test]
fn a_margin_top_up_leaves_idle_once_and_a_flat_market_tops_up_nothing() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, 300 * K)).unwrap();
    let price = suite.price * 97 / 100;
    suite.next_day(price).unwrap();
    let idle_before = idle(&suite);
    let res = suite.rebalance().unwrap();
    let added = number(&res, "margin_added");
    assert_eq!(idle_before - idle(&suite), added);
    assert_books(&suite, &[MARKET], 0, "top-up");
    // Flat: a keeper's rebalance (twice, in one block) moves nothing.
    suite.submit(reduce_only(Side::Short, u128::MAX)).unwrap();
    let flat = idle(&suite);
    for _ in 0..2 {
        let res = suite.rebalance().unwrap();
        assert_eq!(attr(&res, "margin_added"), None);
    }
    assert_eq!(idle(&suite), flat);
    assert_books(&suite, &[MARKET], 0, "flat rebalance");
}

#[test]
fn a_donation_buys_a_later_depositor_nothing_and_stays_behind_after_a_full_exit() {
    // Before the first deposit (the inflation attack), then with a position open.
    let mut suite = SuiteBuilder::new().deposit(0).build();
    let preview = suite.query_preview_deposit(NAV).unwrap();
    donate(&mut suite, NAV);
    let alice = suite.alice.clone();
    suite.deposit(&alice, NAV).unwrap();
    assert_eq!(suite.query_shares(&alice).unwrap(), preview);
    suite.submit(order(Side::Long, 300 * K)).unwrap();
    let before = suite.query_state().unwrap();
    donate(&mut suite, 3 * NAV);
    assert_eq!(suite.query_state().unwrap(), before);
    assert_books(&suite, &[MARKET], 4 * NAV, "donations");
    // Funds on any action but a deposit are refused, not kept.
    let (vault, accrue) = (suite.vault.clone(), ExecuteMsg::AccrueFees {});
    assert!(tx(&mut suite, &alice, &vault, &accrue, &coins(5, DENOM)).is_err());
    // Every holder leaves: the redeem is paid from the ledger, the donations stay.
    suite.submit(reduce_only(Side::Short, u128::MAX)).unwrap();
    assert!(redeem_all(&mut suite, &alice) <= NAV, "a donation paid out");
    assert!(idle(&suite) <= 2, "dust left: {}", idle(&suite));
    assert_ledger(&suite, 4 * NAV, "full exit");
}

#[test]
fn two_markets_and_other_traders_count_only_the_vaults_own_payouts() {
    let (mut suite, eth_feed, eth) = two_markets();
    suite.submit(order(Side::Long, 200 * K)).unwrap(); // the same trader in both markets
    let mut eth_long = order(Side::Long, 200 * K);
    eth_long.market = ETH.to_string();
    suite.submit(eth_long).unwrap();
    // Another trader opens and closes in both markets: its payouts are not the vault's.
    eve_opens_and_closes(&mut suite, MARKET);
    eve_opens_and_closes(&mut suite, ETH);
    let idle_before = idle(&suite);
    suite.mark().unwrap();
    suite.mark_market(ETH).unwrap();
    assert_eq!(idle(&suite), idle_before, "another trader's payouts");
    // BTC closes: ETH's marks must not count BTC's payout again.
    suite.submit(reduce_only(Side::Short, u128::MAX)).unwrap();
    let after_close = idle(&suite);
    suite.mark_market(ETH).unwrap();
    assert_eq!(idle(&suite), after_close);
    assert_books(&suite, &[MARKET, ETH], 0, "BTC closed");
    // ETH is liquidated: a BTC mark does not see it, a redeem's valuation counts it once.
    let paid = liquidate(&mut suite, ETH, &eth_feed, eth);
    tick(&mut suite);
    suite.mark().unwrap();
    assert_eq!(idle(&suite), after_close);
    let alice = suite.alice.clone();
    let redeemed = redeem_all(&mut suite, &alice);
    assert_eq!(idle(&suite), after_close + paid - redeemed);
    assert!(
        idle(&suite) <= 2,
        "the sole holder left {} behind",
        idle(&suite)
    );
    suite.mark_market(ETH).unwrap();
    assert_books(&suite, &[MARKET, ETH], 0, "ETH liquidated");
}

#[test]
fn a_round_trip_around_a_payout_pays_the_depositor_nothing() {
    // Around the vault's own close at a profit, then around a third party's liquidation.
    let mut suite = no_breaker().build();
    suite.submit(order(Side::Long, 400 * K)).unwrap();
    suite.advance(60);
    suite.publish(suite.price * 103 / 100).unwrap();
    let bob = suite.bob.clone();
    let start = suite.balance(&bob);
    suite.deposit(&bob, NAV).unwrap();
    suite.submit(reduce_only(Side::Short, u128::MAX)).unwrap();
    redeem_all(&mut suite, &bob);
    assert!(suite.balance(&bob) <= start, "bob gained");
    suite.submit(order(Side::Long, 500 * K)).unwrap();
    suite.deposit(&bob, NAV).unwrap();
    liquidate_btc(&mut suite);
    redeem_all(&mut suite, &bob);
    assert!(suite.balance(&bob) <= start, "bob gained");
    suite.mark().unwrap();
    assert_books(&suite, &[MARKET], 0, "round trips");
}

#[test]
fn a_market_proposed_again_keeps_the_total_its_mark_has_counted() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, 300 * K)).unwrap();
    suite.submit(reduce_only(Side::Short, u128::MAX)).unwrap();
    let before = idle(&suite);
    // The owner proposes the market again (another weight, the same venue); the perp market refuses
    // to list the id a second time, so its running total cannot restart.
    let mut config = suite.query_market().unwrap().config;
    config.weight = "0.5".parse().unwrap();
    let [owner, keeper, perp] = [&suite.owner, &suite.keeper, &suite.perp].map(Addr::clone);
    suite
        .govern(&owner, Govern::ProposeMarket { config })
        .unwrap();
    suite.advance(DAY);
    let market = MARKET.to_string();
    let apply = Govern::ApplyMarket { market };
    suite.govern(&keeper, apply).unwrap();
    let (market, params) = (MARKET.to_string(), default_venue(&suite.feed));
    let relist = Perp::AddMarket { market, params };
    assert!(tx(&mut suite, &owner, &perp, &relist, &[]).is_err());
    tick(&mut suite);
    suite.mark().unwrap();
    assert_eq!(idle(&suite), before);
    suite.submit(order(Side::Long, 100 * K)).unwrap();
    assert_books(&suite, &[MARKET], 0, "market proposed again");
}

#[test]
fn a_migration_after_an_unseen_liquidation_counts_its_payout_once() {
    let mut suite = no_breaker().build();
    suite.submit(order(Side::Long, 500 * K)).unwrap();
    liquidate_btc(&mut suite);
    // 0.3 never marked the market after the liquidation: its stored mark still shows the position.
    suite.downgrade_store_to_0_3();
    let governor = suite.governor.clone();
    suite.migrate_vault(Some(&governor)).unwrap();
    assert_ledger(&suite, 0, "migrated");
    suite.mark().unwrap();
    assert_books(&suite, &[MARKET], 0, "marked after the migration");
    // After it a donation is not counted, and a new payout is, once.
    donate(&mut suite, 5_000_000);
    tick(&mut suite);
    suite.submit(order(Side::Long, 200 * K)).unwrap();
    suite.submit(reduce_only(Side::Short, 50 * K)).unwrap();
    suite.mark().unwrap();
    assert_books(&suite, &[MARKET], 5_000_000, "trading after the migration");
}
