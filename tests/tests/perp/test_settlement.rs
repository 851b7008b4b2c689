//! How realised PnL settles between a position's margin and the pool.

use ballast_tests::perp::{PerpBuilder, attr};
use ballast_types::Side;
use cosmwasm_std::Uint128;

use crate::{START, open_reference_long, world};

#[test]
fn profit_is_paid_from_the_pool() {
    let mut p = world();
    open_reference_long(&mut p);
    p.set_price(120).unwrap();
    let alice = p.alice.clone();
    // Fills at 120 * (1 - 0.00012) = 119.9856: profit 10,000 * 19.9756 = 199,756.
    let res = p.trade(&alice, Side::Short, 1_200_000, true, 0).unwrap();
    assert_eq!(attr(&res, "realized_pnl").as_deref(), Some("199756"));
    assert_eq!(attr(&res, "unpaid_profit"), None);
    assert_eq!(
        p.balance(&alice),
        START - 200_000 + 199_000 + 199_756 - 1_200
    );
    assert_eq!(
        p.query_pool().unwrap().balance,
        Uint128::new(100_000_000 + 1_000 - 199_756 + 1_200)
    );
    p.assert_books();
}

#[test]
fn profit_beyond_the_pool_is_capped_at_its_balance() {
    let mut p = PerpBuilder::new().pool(50_000).build();
    open_reference_long(&mut p);
    p.set_price(120).unwrap();
    let alice = p.alice.clone();
    // The pool holds 51,000 (deposit and fee): it pays that and no more.
    let res = p.trade(&alice, Side::Short, 1_200_000, true, 0).unwrap();
    assert_eq!(attr(&res, "unpaid_profit").as_deref(), Some("148756"));
    assert_eq!(
        p.balance(&alice),
        START - 200_000 + 199_000 + 51_000 - 1_200
    );
    // Only the closing fee is left in the pool.
    assert_eq!(p.query_pool().unwrap().balance, Uint128::new(1_200));
    p.assert_books();
}

#[test]
fn loss_beyond_the_margin_is_absorbed_by_the_pool() {
    let mut p = world();
    let alice = p.alice.clone();
    p.trade(&alice, Side::Long, 1_000_000, false, 110_000)
        .unwrap();
    p.set_price(80).unwrap();
    // Fills at 79.9936: loss 10,000 * 20.0164 = 200,164 against a margin of 109,000.
    let res = p.trade(&alice, Side::Short, 800_000, true, 0).unwrap();
    assert_eq!(attr(&res, "bad_debt").as_deref(), Some("91164"));
    assert_eq!(attr(&res, "payout").as_deref(), Some("0"));
    // Nothing is left to pay the fee with.
    assert_eq!(attr(&res, "fee").as_deref(), Some("0"));
    assert_eq!(p.balance(&alice), START - 110_000);
    assert_eq!(
        p.query_pool().unwrap().balance,
        Uint128::new(100_000_000 + 1_000 + 109_000)
    );
    assert_eq!(p.query_position(&alice).unwrap().side, None);
    p.assert_books();
}

#[test]
fn books_balance_through_a_busy_session() {
    let mut p = world();
    let (alice, bob, carol, lp) = (
        p.alice.clone(),
        p.bob.clone(),
        p.carol.clone(),
        p.lp.clone(),
    );
    p.trade(&alice, Side::Long, 1_000_000, false, 200_000)
        .unwrap();
    p.assert_books();
    p.trade(&bob, Side::Short, 3_000_000, false, 500_000)
        .unwrap();
    p.assert_books();
    p.set_price(103).unwrap();
    p.trade(&carol, Side::Long, 700_000, false, 90_000).unwrap();
    p.assert_books();
    p.trade(&alice, Side::Short, 333_333, false, 0).unwrap();
    p.assert_books();
    p.add_margin(&bob, 12_345).unwrap();
    p.assert_books();
    p.deposit_liquidity(&carol, 1_234_567).unwrap();
    p.assert_books();
    p.set_price(97).unwrap();
    p.trade(&bob, Side::Long, 5_000_000, false, 300_000)
        .unwrap();
    p.assert_books();
    p.withdraw_liquidity(&lp, 12_345_678).unwrap();
    p.assert_books();
    p.trade(&carol, Side::Short, 10_000_000, true, 0).unwrap();
    p.assert_books();
    p.trade(&alice, Side::Short, 10_000_000, true, 0).unwrap();
    p.trade(&bob, Side::Short, 10_000_000, true, 0).unwrap();
    p.assert_books();
    let market = p.query_market().unwrap();
    assert_eq!(market.open_interest_long, Uint128::zero());
    assert_eq!(market.open_interest_short, Uint128::zero());
    // Everyone is flat: the contract holds exactly the pool.
    assert_eq!(
        p.balance(&p.addr.clone()),
        p.query_pool().unwrap().balance.u128()
    );
}

#[test]
fn a_partial_reduction_keeps_the_margin_the_rest_of_the_loss_needs() {
    // Review round 2: a reduction released its share of the margin even when what stayed no longer
    // covered the rest of the position's loss; the pool then absorbed that loss at the liquidation,
    // and the trader (a vault whose nav floors the position at zero) had taken the margin out.
    let mut p = world();
    let alice = p.alice.clone();
    p.trade(&alice, Side::Long, 1_000_000, false, 110_000)
        .unwrap();
    p.set_price(92).unwrap();
    let before = p.balance(&alice);
    p.trade(&alice, Side::Short, 460_000, true, 0).unwrap();
    let position = p.query_position(&alice).unwrap();
    let equity = position.margin.u128() as i128 + position.unrealized_pnl.i128();
    assert!(
        equity >= 0,
        "the rest is under water after the release: {position:?}"
    );
    // The margin beyond the rest's loss still comes back.
    let released = p.balance(&alice) - before;
    assert!(released > 0, "a position above water still releases margin");
    p.assert_books();
}
