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

pub const ETH: &str = "ETH-PERP";
pub const K: u128 = 1_000_000_000; // a thousand USDC
pub const NOTIONAL: u128 = 400 * K;

pub fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

pub fn idle(suite: &Suite) -> u128 {
    suite.query_state().unwrap().idle.u128()
}

pub fn nav(suite: &Suite) -> u128 {
    suite.query_state().unwrap().nav.u128()
}

pub fn share_price(suite: &Suite) -> Decimal {
    suite.query_state().unwrap().share_price
}

/// The ledger is the bank balance less the donations.
pub fn assert_ledger(suite: &Suite, donated: u128, when: &str) {
    let (ledger, bank) = (idle(suite), suite.balance(&suite.vault));
    assert_eq!(ledger + donated, bank, "{when}: idle vs balance");
}

/// The ledger, and nav equal to the venue's account (balance + equity) less the donations: call it
/// when every market's mark is at the current price.
pub fn assert_books(suite: &Suite, markets: &[&str], donated: u128, when: &str) {
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
pub fn assert_safe(suite: &Suite, market: &str, when: &str) {
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
pub fn refused<T: std::fmt::Debug>(res: StdResult<T>, contract: &str, id: &str) -> String {
    let err = res.expect_err("the action must be refused").to_string();
    let (raised, _) = failure().expect("a contract error");
    assert_eq!((raised.contract, raised.id), (contract, id), "{err}");
    clear_raised();
    err
}

pub fn tx<M: serde::Serialize + std::fmt::Debug>(
    suite: &mut Suite,
    sender: &Addr,
    contract: &Addr,
    msg: &M,
    funds: &[Coin],
) -> StdResult<AppResponse> {
    let (sender, contract) = (sender.clone(), contract.clone());
    suite.app.execute_contract(sender, contract, msg, funds)
}

pub fn donate(suite: &mut Suite, amount: u128) {
    let (from, vault, funds) = (suite.bob.clone(), suite.vault.clone(), coins(amount, DENOM));
    suite.app.send_tokens(from, vault, &funds).unwrap();
}

/// A minute later, the same price again (fresh for the guards).
pub fn tick(suite: &mut Suite) {
    suite.advance(60);
    suite.publish(suite.price).unwrap();
}

pub fn publish(suite: &mut Suite, feed: &PriceIdentifier, price: i64) {
    let now = suite.now() as i64;
    suite
        .publish_feed(feed, price, price as u64 / 1_000, now)
        .unwrap();
}

pub fn number(res: &AppResponse, key: &str) -> u128 {
    attr(res, key).map_or(0, |v| v.parse().unwrap())
}

pub fn margin_in(suite: &Suite, market: &str) -> u128 {
    suite.query_position_in(market).unwrap().margin.u128()
}

pub fn redeem_all(suite: &mut Suite, holder: &Addr) -> u128 {
    let (shares, before) = (suite.query_shares(holder).unwrap(), suite.balance(holder));
    suite.redeem(holder, shares.u128()).unwrap();
    suite.balance(holder) - before
}

/// A buffer of `buffer` and no jump breaker (prices can fall far enough to liquidate).
pub fn policy(buffer: &str) -> SuiteBuilder {
    let buffer = dec(buffer);
    SuiteBuilder::new().params(move |p| {
        p.redemption_buffer = Some(buffer);
        p.guards.breaker_max_move = dec("5");
        p.guards.breaker_sigmas = dec("100");
    })
}

/// As [`policy`], with caps loose enough that a redeem of most of the vault keeps them.
pub fn loose_policy(buffer: &str) -> SuiteBuilder {
    policy(buffer).params(|p| {
        p.target_vol = dec("2");
        p.max_concentration = dec("20");
        p.max_leverage = dec("20");
        p.var_budget = dec("1");
    })
}

/// Bob deposits a tenth of alice's deposit: the other holder whose share price must not move.
pub fn with_bob(mut suite: Suite) -> Suite {
    let bob = suite.bob.clone();
    suite.deposit(&bob, NAV / 10).unwrap();
    suite
}

/// A fresh trader funded with `amount` by bob.
pub fn trader(suite: &mut Suite, name: &str, amount: u128) -> Addr {
    let who = suite.app.api().addr_make(name);
    let (bob, funds) = (suite.bob.clone(), coins(amount, DENOM));
    suite.app.send_tokens(bob, who.clone(), &funds).unwrap();
    who
}

pub fn trade(
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

pub fn remove_margin(
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
pub fn position_of(suite: &Suite, who: &Addr) -> ballast_types::perp::PositionResponse {
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
pub fn removable(suite: &Suite, who: &Addr) -> u128 {
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
pub fn redeem_the_most(suite: &mut Suite) -> u128 {
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

pub fn eth_order(side: Side, size: u128) -> OrderRequest {
    OrderRequest {
        market: ETH.to_string(),
        ..order(side, size)
    }
}

/// BTC and ETH listed under the policy, both warmed up and marked, alice's deposit in; returns ETH's
/// feed and price.
pub fn two_markets(buffer: &str) -> (Suite, PriceIdentifier, i64) {
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

mod flows;
mod pulls;
