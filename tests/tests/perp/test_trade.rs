use ballast_perp::error::ContractError;
use ballast_perp::pricing::FLOW_WINDOW;
use ballast_tests::assertions::assert_err;
use ballast_tests::perp::{DENOM, MARKET, PerpBuilder, attr};
use ballast_types::Side;
use cosmwasm_std::{Coin, Int128, Uint128};

use crate::{START, dec, open_reference_long, sdec, world};

#[test]
fn open_long_records_quantity_entry_and_margin() {
    let mut p = world();
    open_reference_long(&mut p);
    let pos = p.query_position(&p.alice).unwrap();
    assert_eq!(pos.side, Some(Side::Long));
    assert_eq!(pos.quantity, sdec("10000"));
    assert_eq!(pos.entry_price, dec("100.01"));
    assert_eq!(pos.mark_price, dec("100"));
    assert_eq!(pos.notional, Uint128::new(1_000_000));
    assert_eq!(pos.margin, Uint128::new(199_000));
    // 10,000 * (100 - 100.01): the impact just paid.
    assert_eq!(pos.unrealized_pnl, Int128::new(-100));
    assert!(!pos.liquidatable);
    p.assert_books();
}

#[test]
fn open_short_records_negative_quantity() {
    let mut p = world();
    let alice = p.alice.clone();
    p.trade(&alice, Side::Short, 1_000_000, false, 200_000)
        .unwrap();
    let pos = p.query_position(&alice).unwrap();
    assert_eq!(pos.side, Some(Side::Short));
    assert_eq!(pos.quantity, sdec("-10000"));
    assert_eq!(pos.entry_price, dec("99.99"));
    assert_eq!(pos.margin, Uint128::new(199_000));
    assert_eq!(pos.unrealized_pnl, Int128::new(-100));
    p.assert_books();
}

#[test]
fn fee_goes_to_the_pool() {
    let mut p = world();
    let before = p.query_pool().unwrap().balance;
    let res = {
        let alice = p.alice.clone();
        p.trade(&alice, Side::Long, 1_000_000, false, 200_000)
            .unwrap()
    };
    assert_eq!(attr(&res, "fee").as_deref(), Some("1000"));
    assert_eq!(
        p.query_pool().unwrap().balance,
        before + Uint128::new(1_000)
    );
    p.assert_books();
}

#[test]
fn a_buy_fills_above_the_oracle_by_the_impact() {
    // Depth 10^8: impact of 1,000,000 is 1%.
    let mut p = PerpBuilder::new().depth(100_000_000).build();
    let alice = p.alice.clone();
    let res = p
        .trade(&alice, Side::Long, 1_000_000, false, 200_000)
        .unwrap();
    assert_eq!(attr(&res, "impact").as_deref(), Some("0.01"));
    assert_eq!(p.query_position(&alice).unwrap().entry_price, dec("101"));
}

#[test]
fn a_sell_fills_below_the_oracle_by_the_impact() {
    let mut p = PerpBuilder::new().depth(100_000_000).build();
    let alice = p.alice.clone();
    p.trade(&alice, Side::Short, 1_000_000, false, 200_000)
        .unwrap();
    assert_eq!(p.query_position(&alice).unwrap().entry_price, dec("99"));
}

#[test]
fn increase_averages_the_entry_price() {
    let mut p = world();
    open_reference_long(&mut p);
    // Past the flow window, the first trade no longer weighs on the second's impact.
    p.advance(FLOW_WINDOW);
    p.set_price(110).unwrap();
    let alice = p.alice.clone();
    // Impact 1,100,000 / 10^10 = 0.00011: fills at 110.0121, 10,000 more units.
    p.trade(&alice, Side::Long, 1_100_000, false, 200_000)
        .unwrap();
    let pos = p.query_position(&alice).unwrap();
    assert_eq!(pos.quantity, sdec("20000"));
    // (10,000 * 100.01 + 10,000 * 110.0121) / 20,000
    assert_eq!(pos.entry_price, dec("105.01105"));
    assert_eq!(pos.margin, Uint128::new(199_000 + 200_000 - 1_100));
    assert_eq!(
        p.query_market().unwrap().open_interest_long,
        Uint128::new(2_100_221)
    );
    p.assert_books();
}

#[test]
fn reduce_pays_back_released_margin_and_pnl() {
    let mut p = world();
    open_reference_long(&mut p);
    p.set_price(110).unwrap();
    let alice = p.alice.clone();
    let res = p.trade(&alice, Side::Short, 550_000, false, 0).unwrap();
    // Half the position: 5,000 units filled at 110 * (1 - 0.000055) = 109.99395.
    // PnL 5,000 * (109.99395 - 100.01) = 49,919.75, rounded down; half the margin, 99,500, is
    // released; the fee of 550 comes out of the payout.
    assert_eq!(attr(&res, "realized_pnl").as_deref(), Some("49919"));
    assert_eq!(attr(&res, "payout").as_deref(), Some("148869"));
    assert_eq!(p.balance(&alice), START - 200_000 + 148_869);
    let pos = p.query_position(&alice).unwrap();
    assert_eq!(pos.quantity, sdec("5000"));
    assert_eq!(pos.entry_price, dec("100.01"));
    assert_eq!(pos.margin, Uint128::new(99_500));
    assert_eq!(
        p.query_pool().unwrap().balance,
        Uint128::new(100_000_000 + 1_000 - 49_919 + 550)
    );
    p.assert_books();
}

#[test]
fn close_pays_out_everything_and_deletes_the_position() {
    let mut p = world();
    open_reference_long(&mut p);
    let alice = p.alice.clone();
    // Fills at 99.99: loss 10,000 * 0.02 = 200; payout 199,000 - 200 - fee 1,000.
    p.trade(&alice, Side::Short, 1_000_000, false, 0).unwrap();
    let pos = p.query_position(&alice).unwrap();
    assert_eq!(pos.side, None);
    assert_eq!(pos.margin, Uint128::zero());
    assert_eq!(p.balance(&alice), START - 200_000 + 197_800);
    assert_eq!(
        p.query_pool().unwrap().balance,
        Uint128::new(100_000_000 + 1_000 + 200 + 1_000)
    );
    assert_eq!(
        p.query_market().unwrap().open_interest_long,
        Uint128::zero()
    );
    p.assert_books();
}

#[test]
fn flip_keeps_the_proceeds_as_margin_of_the_new_side() {
    let mut p = world();
    open_reference_long(&mut p);
    let alice = p.alice.clone();
    // Impact 0.00015, fill 99.985: the long closes with a loss of 250, then 5,000 units go short.
    let res = p.trade(&alice, Side::Short, 1_500_000, false, 0).unwrap();
    assert_eq!(attr(&res, "payout").as_deref(), Some("0"));
    let pos = p.query_position(&alice).unwrap();
    assert_eq!(pos.side, Some(Side::Short));
    assert_eq!(pos.quantity, sdec("-5000"));
    assert_eq!(pos.entry_price, dec("99.985"));
    assert_eq!(pos.margin, Uint128::new(199_000 - 250 - 1_500));
    let market = p.query_market().unwrap();
    assert_eq!(market.open_interest_long, Uint128::zero());
    assert_eq!(market.open_interest_short, Uint128::new(499_925));
    assert_eq!(p.balance(&alice), START - 200_000);
    p.assert_books();
}

#[test]
fn open_interest_above_the_cap_is_refused() {
    let mut p = PerpBuilder::new().max_open_interest(1_500_000).build();
    open_reference_long(&mut p);
    let bob = p.bob.clone();
    let res = p.trade(&bob, Side::Long, 1_000_000, false, 200_000);
    // Bob buys after alice's flow of 1,000,000 in the same block: impact (2 * 1,000,000 + 1,000,000)
    // / 10^10 = 0.0003, fill 100.03, entry notional 1,000,300 on top of alice's 1,000,100.
    assert_err(
        res,
        ContractError::OpenInterestCapExceeded {
            side: Side::Long,
            open_interest: Uint128::new(2_000_400),
            max: Uint128::new(1_500_000),
        },
    );
}

#[test]
fn margin_below_initial_margin_is_refused() {
    let mut p = world();
    let alice = p.alice.clone();
    // Needs 10% of 1,000,000 plus the 1,000 fee; the 100 of impact is an unrealized loss.
    let res = p.trade(&alice, Side::Long, 1_000_000, false, 100_000);
    assert_err(
        res,
        ContractError::InsufficientMargin {
            required: Uint128::new(101_000),
            available: Uint128::new(99_900),
        },
    );
}

#[test]
fn reduce_only_is_cut_to_the_position() {
    let mut p = world();
    open_reference_long(&mut p);
    let alice = p.alice.clone();
    let res = p.trade(&alice, Side::Short, 5_000_000, true, 0).unwrap();
    assert_eq!(attr(&res, "executed").as_deref(), Some("1000000"));
    assert_eq!(p.query_position(&alice).unwrap().side, None);
    let market = p.query_market().unwrap();
    assert_eq!(market.open_interest_short, Uint128::zero());
    p.assert_books();
}

#[test]
fn reduce_only_without_a_position_is_refused() {
    let mut p = world();
    let alice = p.alice.clone();
    assert_err(
        p.trade(&alice, Side::Short, 1_000_000, true, 0),
        ContractError::NothingToReduce {
            market: MARKET.to_string(),
        },
    );
}

#[test]
fn reduce_only_on_the_same_side_is_refused() {
    let mut p = world();
    open_reference_long(&mut p);
    let alice = p.alice.clone();
    assert_err(
        p.trade(&alice, Side::Long, 1_000_000, true, 0),
        ContractError::NothingToReduce {
            market: MARKET.to_string(),
        },
    );
}

#[test]
fn funds_of_another_denom_are_refused() {
    let mut p = world();
    let alice = p.alice.clone();
    let res = p.trade_with(
        &alice,
        MARKET,
        Side::Long,
        1_000_000,
        false,
        &[Coin::new(200_000u128, "uatom")],
    );
    assert_err(
        res,
        ContractError::InvalidFunds {
            expected: DENOM.to_string(),
            received: "200000uatom".to_string(),
        },
    );
}

#[test]
fn zero_notional_is_refused() {
    let mut p = world();
    let alice = p.alice.clone();
    assert_err(
        p.trade(&alice, Side::Long, 0, false, 200_000),
        ContractError::ZeroAmount { what: "notional" },
    );
}

#[test]
fn trade_on_an_unknown_market_is_refused() {
    let mut p = world();
    let alice = p.alice.clone();
    assert_err(
        p.trade_with(&alice, "ETH-PERP", Side::Long, 1_000, false, &[]),
        ContractError::UnknownMarket {
            market: "ETH-PERP".to_string(),
        },
    );
}

#[test]
fn add_margin_raises_the_margin() {
    let mut p = world();
    open_reference_long(&mut p);
    let alice = p.alice.clone();
    p.add_margin(&alice, 50_000).unwrap();
    assert_eq!(
        p.query_position(&alice).unwrap().margin,
        Uint128::new(249_000)
    );
    p.assert_books();
}

#[test]
fn add_margin_without_a_position_is_refused() {
    let mut p = world();
    let alice = p.alice.clone();
    assert_err(
        p.add_margin(&alice, 50_000),
        ContractError::NoPosition {
            trader: alice.to_string(),
            market: MARKET.to_string(),
        },
    );
}

#[test]
fn add_margin_without_funds_is_refused() {
    let mut p = world();
    open_reference_long(&mut p);
    let alice = p.alice.clone();
    assert_err(
        p.add_margin(&alice, 0),
        ContractError::NoFunds {
            denom: DENOM.to_string(),
        },
    );
}
