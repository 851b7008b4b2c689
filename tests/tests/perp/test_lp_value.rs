//! LP shares priced on the pool's value: its balance less the traders' unrealised PnL at the oracle
//! price. The attacks: a just-in-time LP that deposits ahead of a liquidation and withdraws after it,
//! and an LP that leaves ahead of the traders' profits.

use ballast_perp::error::ContractError;
use ballast_perp::pricing::FLOW_WINDOW;
use ballast_tests::assertions::assert_err;
use ballast_tests::perp::{MARKET, PerpBuilder, attr};
use ballast_types::Side;
use cosmwasm_std::{Int128, Uint128};

use crate::{START, open_reference_long, world};

/// Alice's reference long (10,000 units at 100.01, margin 199,000) loses 160,100 at 84: liquidatable
/// (equity 38,900 < maintenance 42,000), without bad debt. An attacker deposits nine times the pool
/// after the price fell, the price falls one more unit during their stay (10,000 more loss), the
/// position is liquidated and the attacker withdraws. The attacker earns their pro-rata share of the
/// 10,000 lost during their stay and nothing of the 160,100 lost before it; the incumbent LP, who
/// carried the position, gets the rest.
#[test]
fn a_just_in_time_lp_gets_only_its_share_of_what_happened_during_its_stay() {
    let mut p = world();
    open_reference_long(&mut p);
    p.set_price(84).unwrap();
    let (lp, bob, alice, liquidator) = (
        p.lp.clone(),
        p.bob.clone(),
        p.alice.clone(),
        p.liquidator.clone(),
    );
    // Pool value before the attacker: balance 100,001,000 plus alice's loss 160,100.
    let value_before: u128 = 100_001_000 + 160_100;
    let value = p.query_pool_value().unwrap();
    assert_eq!(value.traders_pnl, Int128::new(-160_100));
    assert_eq!(value.value, Int128::new(100_161_100));
    assert_eq!(value.reserved, Uint128::zero());
    let deposit: u128 = 9 * 100_001_000;
    p.deposit_liquidity(&bob, deposit).unwrap();
    p.set_price(83).unwrap();
    p.liquidate(&liquidator, &alice).unwrap();
    let bob_shares = p.query_lp_shares(&bob).unwrap().u128();
    p.withdraw_liquidity(&bob, bob_shares).unwrap();
    let lp_shares = p.query_lp_shares(&lp).unwrap().u128();
    p.withdraw_liquidity(&lp, lp_shares).unwrap();

    let bob_gain = i128::try_from(p.balance(&bob)).unwrap() - i128::try_from(START).unwrap();
    // Bob's share of the value while he stayed, times the 10,000 lost meanwhile.
    let fair = 10_000 * deposit / (deposit + value_before);
    assert!(
        bob_gain <= i128::try_from(fair).unwrap() && bob_gain >= i128::try_from(fair).unwrap() - 2,
        "the attacker gained {bob_gain}, its pro-rata share is {fair}"
    );
    let lp_gain = p.balance(&lp) - (START - 100_000_000);
    let lp_fair = value_before + 10_000 * value_before / (deposit + value_before);
    assert!(
        lp_gain >= lp_fair && lp_gain <= lp_fair + 2,
        "the incumbent LP got {lp_gain}, its value is {lp_fair}"
    );
    p.assert_books();
}

/// At 120 alice's reference long is up 199,900. The LP withdraws every share: it gets the pool's
/// value, not its balance, so the profit stays behind and alice is paid in full when she closes.
#[test]
fn an_lp_leaving_ahead_of_the_traders_profit_leaves_it_behind() {
    let mut p = world();
    open_reference_long(&mut p);
    p.set_price(120).unwrap();
    let (lp, alice) = (p.lp.clone(), p.alice.clone());
    let value = p.query_pool_value().unwrap();
    assert_eq!(value.traders_pnl, Int128::new(199_900));
    assert_eq!(value.reserved, Uint128::new(199_900));
    let res = p.withdraw_liquidity(&lp, 100_000_000).unwrap();
    assert_eq!(attr(&res, "amount").as_deref(), Some("99801100"));
    // Closing fills at 119.9856: profit 199,756, closing fee 1,200.
    let res = p.trade(&alice, Side::Short, 1_200_000, true, 0).unwrap();
    assert_eq!(attr(&res, "unpaid_profit"), None);
    assert_eq!(
        p.balance(&alice),
        START - 200_000 + 199_000 + 199_756 - 1_200
    );
    // The LP got the balance less the profit owed at the oracle price.
    assert_eq!(p.balance(&lp), START - 100_000_000 + 100_001_000 - 199_900);
    p.assert_books();
}

/// Alice's long is up 199,900 and bob's short down 200,100: the traders' PnL nets to -200, but bob's
/// loss is only collected when he closes. The LP cannot take the 199,900 alice is owed with it.
#[test]
fn an_lp_cannot_withdraw_what_a_winning_side_is_owed() {
    let mut p = world();
    open_reference_long(&mut p);
    let (lp, alice, bob) = (p.lp.clone(), p.alice.clone(), p.bob.clone());
    p.trade(&bob, Side::Short, 1_000_000, false, 400_000)
        .unwrap();
    // Past the flow window, so that alice's close pays the impact of its own size only.
    p.advance(FLOW_WINDOW);
    p.set_price(120).unwrap();
    // Balance 100,002,000 (two fees); value 100,002,000 + 200,100 - 199,900 = 100,002,200.
    assert_err(
        p.withdraw_liquidity(&lp, 100_000_000),
        ContractError::PoolReserved {
            amount: Uint128::new(100_002_200),
            balance: Uint128::new(100_002_000),
            reserved: Uint128::new(199_900),
        },
    );
    // What is not reserved may leave: 99,802,100 of the balance.
    let shares = 99_802_100u128 * 100_000_000 / 100_002_200;
    let res = p.withdraw_liquidity(&lp, shares).unwrap();
    assert_eq!(attr(&res, "amount").as_deref(), Some("99802099"));
    let res = p.trade(&alice, Side::Short, 1_200_000, true, 0).unwrap();
    assert_eq!(attr(&res, "unpaid_profit"), None);
    assert_eq!(
        p.balance(&alice),
        START - 200_000 + 199_000 + 199_756 - 1_200
    );
    p.assert_books();
}

/// A market with open positions and no usable price cannot be valued: LP actions wait for a price.
#[test]
fn lp_actions_need_a_usable_price_for_every_market_with_positions() {
    let mut p = world();
    let (lp, bob) = (p.lp.clone(), p.bob.clone());
    // No position yet: the pool is its balance and needs no price.
    p.advance(120);
    p.deposit_liquidity(&bob, 1_000).unwrap();
    p.set_price(100).unwrap();
    open_reference_long(&mut p);
    let published = p.now();
    p.advance(61);
    let unpriced = ContractError::PoolUnpriced {
        market: MARKET.to_string(),
        reason: Box::new(ContractError::StalePrice {
            feed_id: p.feed.0.clone(),
            publish_time: i64::try_from(published).unwrap(),
            now: published + 61,
            max_age: 60,
        }),
    };
    assert_err(p.deposit_liquidity(&bob, 1_000_000), &unpriced);
    assert_err(p.withdraw_liquidity(&lp, 1_000), &unpriced);
    p.set_price(100).unwrap();
    p.withdraw_liquidity(&lp, 1_000).unwrap();
}

/// Traders owed more than the pool holds: the shares are worth nothing and neither enter nor leave.
#[test]
fn a_pool_worth_nothing_takes_no_deposit_and_pays_no_withdrawal() {
    let mut p = PerpBuilder::new().pool(50_000).build();
    open_reference_long(&mut p);
    p.set_price(120).unwrap();
    let (lp, bob) = (p.lp.clone(), p.bob.clone());
    let insolvent = || ContractError::PoolInsolvent {
        balance: Uint128::new(51_000),
        traders_pnl: Int128::new(199_900),
        total_shares: Uint128::new(50_000),
    };
    assert_eq!(p.query_pool_value().unwrap().value, Int128::new(-148_900));
    assert_err(p.deposit_liquidity(&bob, 1_000_000), insolvent());
    assert_err(p.withdraw_liquidity(&lp, 50_000), insolvent());
}
