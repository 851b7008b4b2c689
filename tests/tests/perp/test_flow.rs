//! Price impact on a side's recent flow: an order split into pieces pays what one order pays.

use ballast_perp::error::ContractError;
use ballast_perp::pricing::FLOW_WINDOW;
use ballast_tests::assertions::assert_err;
use ballast_tests::perp::{Perp, PerpBuilder, attr};
use ballast_types::Side;
use ballast_types::perp::RecentFlow;
use cosmwasm_std::{Decimal, Decimal256, Uint128};

use crate::{dec, world};

/// Impact paid by a trade: executed notional times impact, from its attributes.
fn impact_paid(res: &cw_multi_test::AppResponse) -> Decimal256 {
    let executed: Decimal256 = attr(res, "executed").unwrap().parse().unwrap();
    let impact: Decimal256 = attr(res, "impact").unwrap().parse().unwrap();
    executed * impact
}

/// Alice buys 1,000,000 in `pieces` equal trades in one block; the impact paid in total.
fn buy_in_pieces(p: &mut Perp, pieces: u128) -> Decimal256 {
    let alice = p.alice.clone();
    let mut paid = Decimal256::zero();
    for i in 0..pieces {
        let margin = if i == 0 { 200_000 } else { 0 };
        let res = p
            .trade(&alice, Side::Long, 1_000_000 / pieces, false, margin)
            .unwrap();
        paid += impact_paid(&res);
    }
    paid
}

#[test]
fn ten_pieces_in_one_block_pay_the_impact_of_one_order() {
    let mut whole = world();
    let mut split = world();
    let paid_whole = buy_in_pieces(&mut whole, 1);
    let paid_split = buy_in_pieces(&mut split, 10);
    // One order: 1,000,000 * 0.0001 = 100.
    assert_eq!(paid_whole, dec("100"));
    assert!(
        paid_split.abs_diff(paid_whole) < dec("0.000001"),
        "ten pieces paid {paid_split}, one order {paid_whole}"
    );
    let entry = |p: &Perp| p.query_position(&p.alice).unwrap().entry_price;
    assert!(
        entry(&split).abs_diff(entry(&whole)) < dec("0.000000000001"),
        "entry {} after ten pieces, {} after one order",
        entry(&split),
        entry(&whole)
    );
}

#[test]
fn the_quote_reports_the_impact_the_trade_charges_after_a_flow() {
    let mut p = world();
    buy_in_pieces(&mut p, 1);
    let bob = p.bob.clone();
    // After a flow of 1,000,000: (2 * 1,000,000 + 500,000) / 10^10.
    let quote = p.query_quote(Side::Long, 500_000).unwrap();
    assert_eq!(quote.impact, dec("0.00025"));
    let res = p.trade(&bob, Side::Long, 500_000, false, 100_000).unwrap();
    assert_eq!(attr(&res, "impact"), Some(quote.impact.to_string()));
    assert_eq!(attr(&res, "fill_price"), Some(quote.fill_price.to_string()));
}

#[test]
fn the_flow_decays_linearly_over_the_window() {
    let mut p = world();
    buy_in_pieces(&mut p, 10);
    // Half the window: half the flow, 500,000, is left.
    p.advance(FLOW_WINDOW / 2);
    p.set_price(100).unwrap();
    let impact = p.query_quote(Side::Long, 100_000).unwrap().impact;
    assert_eq!(impact, dec("0.00011"));
    // After the window, a trade pays the impact of its own size again.
    p.advance(FLOW_WINDOW / 2);
    p.set_price(100).unwrap();
    let impact = p.query_quote(Side::Long, 100_000).unwrap().impact;
    assert_eq!(impact, dec("0.00001"));
}

#[test]
fn a_sell_neither_nets_against_the_buy_flow_nor_pays_it() {
    let mut p = world();
    buy_in_pieces(&mut p, 1);
    assert_eq!(
        p.query_quote(Side::Short, 100_000).unwrap().impact,
        dec("0.00001")
    );
    // Closing alice's long in ten pieces pays what closing it at once does: reductions count
    // toward their own direction's flow.
    let mut whole = world();
    buy_in_pieces(&mut whole, 1);
    let alice = p.alice.clone();
    let mut paid = Decimal256::zero();
    for _ in 0..10 {
        let res = p.trade(&alice, Side::Short, 100_000, true, 0).unwrap();
        paid += impact_paid(&res);
    }
    let res = whole
        .trade(&alice, Side::Short, 1_000_000, true, 0)
        .unwrap();
    assert!(paid.abs_diff(impact_paid(&res)) < dec("0.000001"));
    assert_eq!(p.query_position(&alice).unwrap().side, None);
}

#[test]
fn pieces_on_a_curved_impact_pay_what_one_order_pays() {
    let build = || {
        PerpBuilder::new()
            .impact_exponent(Decimal::percent(150))
            .depth(100_000_000)
            .build()
    };
    let (mut whole, mut split) = (build(), build());
    let paid_whole = buy_in_pieces(&mut whole, 1);
    let paid_split = buy_in_pieces(&mut split, 10);
    // 1,000,000 * (1,000,000 / 10^8)^1.5 = 1,000.
    assert!(
        paid_whole.abs_diff(dec("1000")) < dec("0.00001"),
        "{paid_whole}"
    );
    assert!(
        paid_split.abs_diff(paid_whole) < dec("0.00001"),
        "ten pieces paid {paid_split}, one order {paid_whole}"
    );
}

#[test]
fn a_flow_and_a_trade_reaching_the_depth_are_refused() {
    let mut p = PerpBuilder::new().depth(10_000_000).build();
    let (alice, bob) = (p.alice.clone(), p.bob.clone());
    p.trade(&alice, Side::Long, 4_000_000, false, 5_000_000)
        .unwrap();
    // 4,000,000 + 6,000,000 reaches the depth, though 6,000,000 alone would not.
    assert_err(
        p.trade(&bob, Side::Long, 6_000_000, false, 2_000_000),
        ContractError::ImpactTooLarge {
            notional: Uint128::new(6_000_000),
            recent_flow: Uint128::new(4_000_000),
            depth: Uint128::new(10_000_000),
        },
    );
    // Below the depth, but the impact (2 * 4,000,000 + 2,000,000) / 10^7 would be 100%.
    assert_err(
        p.trade(&bob, Side::Long, 2_000_000, false, 2_000_000),
        ContractError::ImpactTooLarge {
            notional: Uint128::new(2_000_000),
            recent_flow: Uint128::new(4_000_000),
            depth: Uint128::new(10_000_000),
        },
    );
    p.advance(FLOW_WINDOW);
    p.set_price(100).unwrap();
    p.trade(&bob, Side::Long, 2_000_000, false, 2_000_000)
        .unwrap();
}

#[test]
fn position_terms_report_each_directions_flow_as_the_next_trade_counts_it() {
    let mut p = world();
    let (alice, bob) = (p.alice.clone(), p.bob.clone());
    let flow = |p: &Perp| p.query_position_terms(&bob).unwrap().recent_flow;
    assert_eq!(flow(&p), RecentFlow::default());
    buy_in_pieces(&mut p, 10);
    // Alice's buys count for anyone's next buy (bob has no position, and gets the flow too);
    // a reduction is a sell.
    p.trade(&alice, Side::Short, 300_000, true, 0).unwrap();
    let read = flow(&p);
    assert_eq!(read.of(Side::Long), Uint128::new(1_000_000));
    assert_eq!(read.of(Side::Short), Uint128::new(300_000));
    // A third of the window later: two thirds left, rounded up.
    p.advance(FLOW_WINDOW / 3);
    p.set_price(100).unwrap();
    let read = flow(&p);
    assert_eq!(read.long, Uint128::new(666_667));
    assert_eq!(read.short, Uint128::new(200_000));
    // The quote charges exactly that flow: (2 * 666,667 + 100,000) / 10^10.
    let quote = p.query_quote(Side::Long, 100_000).unwrap();
    assert_eq!(quote.impact, dec("0.0001433334"));
    // Unmarkable (no fresh price), the position still comes with the terms and the flow.
    p.advance(FLOW_WINDOW / 3 + 4_000);
    let read = p.query_position_terms(&alice).unwrap();
    assert!(
        read.position.is_none() && read.unmarked.is_some(),
        "{read:?}"
    );
    assert_eq!(read.recent_flow, RecentFlow::default());
}
