//! The venue prices impact on each direction's recent flow (300 s, decaying linearly), and the vault
//! sizes against the flow its `PositionTerms` read reports: orders in one block, or a few apart, share
//! one slippage allowance, every fill stays within `max_slippage`, and the margin covers the impact
//! the venue then charges, so no order's transaction fails at the venue.

use ballast_perp::pricing::FLOW_WINDOW;
use ballast_tests::suite::{Suite, SuiteBuilder, order};
use ballast_types::Side;
use ballast_types::vault::{Decision, Reason};
use cosmwasm_std::{Decimal, Decimal256, Uint128};
use cw_multi_test::AppResponse;

use crate::{assert_decision, executed, limit_of};

/// 10M USDC of depth: 1% slippage allows 100k from a still market.
const THIN: u128 = 10_000_000_000_000;
const SLICE: u128 = 100_000_000_000;

/// The impact the perp market charged on the vault's trade in `res`.
fn impact(res: &AppResponse) -> Decimal256 {
    res.events
        .iter()
        .filter(|e| e.ty == "wasm")
        .flat_map(|e| e.attributes.iter())
        .find(|a| a.key == "impact")
        .map(|a| a.value.parse().unwrap())
        .expect("a trade")
}

fn liquidity(suite: &Suite, side: Side) -> u128 {
    let preview = suite.query_preview(order(side, 1)).unwrap();
    limit_of(&preview, Reason::Liquidity).unwrap().u128()
}

#[test]
fn orders_in_one_block_share_one_slippage_allowance() {
    let mut suite = SuiteBuilder::new()
        .venue(|v| v.depth = Uint128::new(THIN))
        .build();
    // 1% is a hair under 0.01 in binary fixed point: the allowance is a unit under 100k.
    let free = SLICE - 1;
    assert_eq!(liquidity(&suite, Side::Long), free);
    let res = suite.submit(order(Side::Long, SLICE)).unwrap();
    assert_decision(&res, "scaled", "liquidity");
    assert_eq!(executed(&res), free);
    assert!(impact(&res) <= Decimal256::percent(1));
    // The buy flow uses the whole allowance of buys; sells keep theirs.
    assert_eq!(liquidity(&suite, Side::Long), 0);
    assert_eq!(liquidity(&suite, Side::Short), free);
    let res = suite.submit(order(Side::Long, SLICE)).unwrap();
    assert_decision(&res, "rejected", "liquidity");
    // Three quarters of the window later a quarter of the flow is left (rounded up, 25k):
    // 100k - 2 * 25k.
    suite.advance(FLOW_WINDOW * 3 / 4);
    suite.publish(suite.price).unwrap();
    let allowed = free - SLICE / 2;
    assert_eq!(liquidity(&suite, Side::Long), allowed);
    let preview = suite.query_preview(order(Side::Long, SLICE)).unwrap();
    assert_eq!(
        (preview.decision, preview.reason, preview.executed.u128()),
        (Decision::Scaled, Reason::Liquidity, allowed)
    );
    let res = suite.submit(order(Side::Long, SLICE)).unwrap();
    assert_decision(&res, "scaled", "liquidity");
    assert_eq!(executed(&res), allowed);
    // (2 * 25k + 50k - 1) / 10M: the fill pays the limit to the unit, not more.
    let paid = Decimal256::from_ratio(2 * SLICE / 4 + allowed, THIN);
    assert_eq!(impact(&res), paid);
    assert!(paid < Decimal256::percent(1));
}

#[test]
fn on_a_curved_market_every_fill_in_one_block_stays_within_the_limit() {
    // Exponents 2 and 0.5 go through the bisection. Both allow 100k from a still market (depth 1M at
    // 1%^(1/2), depth 1B at 1%^2); pieces of 25k and 20k fill twice, then the third is cut to what
    // the flow leaves (its marginal impact is still below 1%), and then nothing is left.
    for (exponent, depth, piece) in [
        ("2", 1_000_000_000_000u128, SLICE / 4),
        ("0.5", 1_000_000_000_000_000, SLICE / 5),
    ] {
        let mut suite = SuiteBuilder::new()
            .venue(|v| {
                v.depth = Uint128::new(depth);
                v.impact_exponent = exponent.parse::<Decimal>().unwrap();
            })
            .build();
        let mut fills = vec![];
        loop {
            let allowed = liquidity(&suite, Side::Long);
            let res = suite.submit(order(Side::Long, piece)).unwrap();
            let filled = executed(&res);
            if filled == 0 {
                assert_decision(&res, "rejected", "liquidity");
                assert_eq!(allowed, 0);
                break;
            }
            // What the preview showed is what the order got, and the venue charged within 1%.
            assert_eq!(filled, allowed.min(piece), "exponent {exponent}");
            assert!(impact(&res) <= Decimal256::percent(1), "{}", impact(&res));
            fills.push(filled);
        }
        assert_eq!(fills.len(), 3, "exponent {exponent}: {fills:?}");
        assert_eq!(&fills[..2], &[piece, piece], "exponent {exponent}");
        assert!(fills[2] < piece, "exponent {exponent}: {fills:?}");
    }
}

#[test]
fn the_margin_covers_the_impact_after_flow() {
    // With 20% slippage allowed, three 300k orders in one block pay 3%, 9% and 15% on average: the
    // margin posted for the later ones must count the flow before them, or the venue refuses the
    // trade (initial margin 10%, the vault's own ratio about 11%).
    let mut suite = SuiteBuilder::new()
        .venue(|v| v.depth = Uint128::new(THIN))
        .params(|p| p.max_slippage = Decimal::percent(20))
        .build();
    let size = 3 * SLICE;
    for (flow, expected) in [(0, 3), (1, 9), (2, 15)] {
        let res = suite
            .submit(order(Side::Long, size))
            .unwrap_or_else(|e| panic!("order after {flow} others: {e}"));
        assert_decision(&res, "accepted", "none");
        assert_eq!(impact(&res), Decimal256::percent(expected));
    }
    let held = suite.query_position().unwrap().notional.u128();
    assert!(held.abs_diff(3 * size) <= 3, "{held}");
}
