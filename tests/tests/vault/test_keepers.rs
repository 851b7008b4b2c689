//! The permissionless keepers' actions: Rebalance, Deleverage and Mark.

use ballast_perp::pricing::FLOW_WINDOW;
use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{MARKET, SuiteBuilder, attr, order};
use ballast_types::Side;
use ballast_types::vault::Reason;
use ballast_vault::error::ContractError;

use crate::test_reduce_only::spike_volatility;
use crate::{assert_decision, limit_of};

#[test]
fn rebalance_opens_the_volatility_target_on_a_long_signal() {
    // A pure volatility-target vault: a long signal of 1, and max_edge at its bound so that the Kelly
    // cap a signal brings (0.5 * 10 / vol^2 of nav) stays far above the target.
    let mut suite = SuiteBuilder::new()
        .params(|p| p.max_edge = cosmwasm_std::Decimal::from_atomics(10u8, 0).unwrap())
        .build();
    suite.set_signal("1").unwrap();
    let preview = suite.query_preview(order(Side::Long, 1)).unwrap();
    let target = limit_of(&preview, Reason::VolTarget).unwrap().u128();
    let res = suite.rebalance().unwrap();
    assert_decision(&res, "accepted", "none");
    let notional = suite.query_position().unwrap().notional.u128();
    assert!(notional.abs_diff(target) <= 1, "{notional} vs {target}");
}

#[test]
fn rebalance_within_the_threshold_does_nothing() {
    let mut suite = SuiteBuilder::new().build();
    suite.set_signal("1").unwrap();
    suite.rebalance().unwrap();
    let before = suite.query_position().unwrap().notional;
    let res = suite.rebalance().unwrap();
    assert_eq!(attr(&res, "executed").as_deref(), Some("0"));
    assert_eq!(suite.query_position().unwrap().notional, before);
}

#[test]
fn rebalance_sheds_size_when_volatility_rises() {
    // The manager's position at its caps, no signal: the keeper cuts it back to the tighter caps.
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, u128::MAX)).unwrap();
    let before = suite.query_position().unwrap().notional;
    spike_volatility(&mut suite);
    let res = suite.rebalance().unwrap();
    assert_eq!(attr(&res, "side").as_deref(), Some("short"));
    assert!(suite.query_position().unwrap().notional < before);
}

#[test]
fn deleverage_cuts_a_position_over_its_caps_back_to_them() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, 400_000_000_000)).unwrap();
    spike_volatility(&mut suite);
    let preview = suite.query_preview(order(Side::Long, 1)).unwrap();
    let target = limit_of(&preview, Reason::VolTarget).unwrap().u128();
    let res = suite.deleverage().unwrap();
    assert_decision(&res, "accepted", "none");
    let notional = suite.query_position().unwrap().notional.u128();
    assert!(notional.abs_diff(target) <= 2, "{notional} vs {target}");
}

#[test]
fn deleverage_within_tolerance_is_refused() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
    let preview = suite.query_preview(order(Side::Long, 1)).unwrap();
    let limit = preview
        .caps
        .iter()
        .filter(|c| c.cap != Reason::Liquidity)
        .filter_map(|c| c.limit)
        .min()
        .unwrap();
    let notional = suite.query_position().unwrap().notional;
    assert_err(
        suite.deleverage(),
        ContractError::NothingToDeleverage {
            market: MARKET.to_string(),
            notional,
            limit,
        },
    );
}

#[test]
fn mark_folds_the_price_and_stores_the_position() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
    let observations = suite.query_market().unwrap().observations;
    let price = suite.price * 105 / 100;
    suite.next_day(price).unwrap();
    let market = suite.query_market().unwrap();
    assert_eq!(market.observations, observations + 1);
    assert_eq!(
        market.mark.notional,
        suite.query_position().unwrap().notional
    );
    assert!(market.mark.unrealized_pnl.i128() > 0);
}

#[test]
fn rebalance_tops_up_margin_worn_down_by_losses() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, 300_000_000_000)).unwrap();
    let margin_before = suite.query_position().unwrap().margin;
    // -3%: inside the rebalance band, but the loss comes out of the posted margin.
    let price = suite.price * 97 / 100;
    suite.next_day(price).unwrap();
    let res = suite.rebalance().unwrap();
    assert_eq!(attr(&res, "executed").as_deref(), Some("0"));
    let added: u128 = attr(&res, "margin_added")
        .expect("a top-up")
        .parse()
        .unwrap();
    assert!(added > 0);
    let position = suite.query_position().unwrap();
    assert_eq!(position.margin.u128(), margin_before.u128() + added);
    assert_eq!(suite.query_market().unwrap().mark.margin, position.margin);
}

#[test]
fn rebalance_during_an_oracle_outage_records_a_stale_price_and_moves_nothing() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, 300_000_000_000)).unwrap();
    // Two days without a price: the vault and the venue both refuse it (so nothing can be re-marked
    // either: the stored mark must stay the one the trade left).
    suite.advance(2 * 86_400);
    let (markets, people) = ([MARKET.to_string()], [suite.keeper.clone()]);
    let before = suite.holdings(&markets, &people);
    let res = suite.rebalance().unwrap();
    assert_decision(&res, "rejected", "stale_price");
    let moved = before.moved(&suite.holdings(&markets, &people));
    assert!(moved.is_empty(), "a rejected rebalance moved {moved:?}");
}

#[test]
fn a_rebalance_rejected_on_a_halted_market_moves_nothing() {
    // A signal brings the Kelly cap: an edge of 10 keeps it above the volatility target.
    let mut suite = SuiteBuilder::new()
        .params(|p| p.max_edge = "10".parse().unwrap())
        .build();
    // Well under the target, which stays above it after the jump: the rebalance, following a long
    // signal, adds, and is refused.
    suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
    suite.set_signal("1").unwrap();
    suite.advance(10);
    let price = suite.price * 130 / 100;
    suite.publish(price).unwrap();
    // The Mark sees the jump, halts the market and stores the mark at the new price.
    suite.mark().unwrap();
    let (markets, people) = ([MARKET.to_string()], [suite.keeper.clone()]);
    let before = suite.holdings(&markets, &people);
    let res = suite.rebalance().unwrap();
    assert_decision(&res, "rejected", "market_halted");
    let moved = before.moved(&suite.holdings(&markets, &people));
    assert!(moved.is_empty(), "a rejected rebalance moved {moved:?}");
}

#[test]
fn keeper_reductions_are_sliced_by_the_liquidity_cap() {
    // 10M depth: 100k per order at 1% slippage.
    let mut suite = SuiteBuilder::new()
        .venue(|v| v.depth = cosmwasm_std::Uint128::new(10_000_000_000_000))
        .build();
    for _ in 0..4 {
        suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
        // The venue prices impact on its recent flow, and the vault caps each order by what that
        // flow leaves of the slippage allowance: in one block only the first slice would fill.
        suite.advance(FLOW_WINDOW);
        suite.publish(suite.price).unwrap();
    }
    spike_volatility(&mut suite);
    let notional = |suite: &ballast_tests::suite::Suite| suite.query_position().unwrap().notional;
    let before = notional(&suite).u128();
    let res = suite.rebalance().unwrap();
    assert_eq!(attr(&res, "side").as_deref(), Some("short"));
    let shed = before - notional(&suite).u128();
    assert!(shed <= 100_000_000_000, "{shed}");
    // A second call in the same block finds the sell allowance used: it sheds nothing more.
    let held = notional(&suite);
    let res = suite.rebalance().unwrap();
    assert_eq!(attr(&res, "executed").as_deref(), Some("0"));
    assert_eq!(notional(&suite), held);
    // Once the flow has decayed, the next slice goes.
    suite.advance(FLOW_WINDOW);
    suite.publish(suite.price).unwrap();
    suite.rebalance().unwrap();
    let next = held.u128() - notional(&suite).u128();
    assert!(next > 0 && next <= 100_000_000_000, "{next}");
}

#[test]
fn mark_names_the_venue_that_cannot_mark_the_position() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, 250_000_000_000)).unwrap();
    // No price for longer than the perp market's max_price_age (3,600 s): it refuses to mark.
    suite.advance(3_601);
    let err = suite.mark().unwrap_err().to_string();
    assert!(
        err.contains(&format!("the ballast venue cannot mark {MARKET}: ")),
        "{err}"
    );
    assert!(
        err.to_lowercase().contains("stale") || err.contains("older"),
        "{err}"
    );
}
