//! Price impact on a side's recent flow: an order split into pieces pays what one order pays.

use ballast_tests::perp::{Perp, attr};
use ballast_types::Side;
use cosmwasm_std::Decimal256;

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
