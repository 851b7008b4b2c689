//! Tests of [`decide`]: accepted, scaled and rejected orders, the binding cap, flips, reduce-only
//! orders and the largest amounts, and a property test of the rules over random inputs.

use super::*;

const MAX: u128 = u128::MAX;
const FLAT: Notional = Notional(0);
const NO_MIN: Notional = Notional(0);

fn order(side: Side, size: u128) -> Order {
    Order {
        side,
        size: Notional(size),
        reduce_only: false,
    }
}

fn reduce_only_order(side: Side, size: u128) -> Order {
    Order {
        side,
        size: Notional(size),
        reduce_only: true,
    }
}

fn cap(kind: CapKind, limit: u128) -> Cap {
    Cap {
        kind,
        limit: Some(Notional(limit)),
    }
}

fn accepted(executed: u128) -> SizingResult<Outcome> {
    Ok(Outcome {
        decision: Decision::Accepted,
        executed: Notional(executed),
        binding_cap: None,
    })
}

fn scaled(executed: u128, binding: CapKind) -> SizingResult<Outcome> {
    Ok(Outcome {
        decision: Decision::Scaled,
        executed: Notional(executed),
        binding_cap: Some(binding),
    })
}

fn rejected(binding: CapKind) -> SizingResult<Outcome> {
    Ok(Outcome {
        decision: Decision::Rejected,
        executed: Notional(0),
        binding_cap: Some(binding),
    })
}

/// Every kind, each with a limit of zero.
fn zero_caps() -> Vec<Cap> {
    [
        CapKind::VolTarget,
        CapKind::GrossLeverage,
        CapKind::MarketNotional,
        CapKind::Concentration,
        CapKind::Kelly,
        CapKind::Var,
        CapKind::Liquidity,
        CapKind::LiquidationDistance,
        CapKind::Signal,
    ]
    .into_iter()
    .map(|kind| cap(kind, 0))
    .collect()
}

#[test]
fn order_within_every_cap_is_accepted_in_full() {
    let caps = [
        cap(CapKind::VolTarget, 500),
        cap(CapKind::MarketNotional, 1_000),
    ];
    let got = decide(
        &order(Side::Long, 100),
        Side::Long,
        FLAT,
        &caps,
        Notional(10),
    );
    assert_eq!(got, accepted(100));
}

#[test]
fn order_exactly_at_a_cap_is_accepted() {
    let caps = [cap(CapKind::VolTarget, 500)];
    let got = decide(&order(Side::Long, 500), Side::Long, FLAT, &caps, NO_MIN);
    assert_eq!(got, accepted(500));
}

#[test]
fn order_is_scaled_to_the_tightest_cap() {
    let caps = [
        cap(CapKind::VolTarget, 800),
        cap(CapKind::Kelly, 300),
        cap(CapKind::MarketNotional, 600),
    ];
    let got = decide(
        &order(Side::Long, 1_000),
        Side::Long,
        FLAT,
        &caps,
        Notional(10),
    );
    assert_eq!(got, scaled(300, CapKind::Kelly));
}

#[test]
fn short_order_is_scaled_like_a_long_one() {
    let caps = [cap(CapKind::Var, 250)];
    let got = decide(&order(Side::Short, 1_000), Side::Short, FLAT, &caps, NO_MIN);
    assert_eq!(got, scaled(250, CapKind::Var));
}

#[test]
fn tie_goes_to_the_first_cap() {
    let caps = [cap(CapKind::Concentration, 300), cap(CapKind::Kelly, 300)];
    let got = decide(&order(Side::Long, 1_000), Side::Long, FLAT, &caps, NO_MIN);
    assert_eq!(got, scaled(300, CapKind::Concentration));
}

#[test]
fn existing_position_on_the_same_side_uses_up_room() {
    // long 400, cap 600: 200 of room for a 500 buy
    let caps = [cap(CapKind::MarketNotional, 600)];
    let got = decide(
        &order(Side::Long, 500),
        Side::Long,
        Notional(400),
        &caps,
        NO_MIN,
    );
    assert_eq!(got, scaled(200, CapKind::MarketNotional));
}

#[test]
fn existing_short_position_uses_up_room_for_short_orders() {
    let caps = [cap(CapKind::Concentration, 600)];
    let got = decide(
        &order(Side::Short, 500),
        Side::Short,
        Notional(400),
        &caps,
        NO_MIN,
    );
    assert_eq!(got, scaled(200, CapKind::Concentration));
}

#[test]
fn position_already_over_a_cap_refuses_more() {
    let caps = [cap(CapKind::GrossLeverage, 600)];
    let got = decide(
        &order(Side::Long, 100),
        Side::Long,
        Notional(700),
        &caps,
        NO_MIN,
    );
    assert_eq!(got, rejected(CapKind::GrossLeverage));
}

#[test]
fn a_position_over_several_caps_names_the_one_it_exceeds_most() {
    // No room under either cap: the tighter one (the drawdown brake at 0) is the reason.
    let caps = [cap(CapKind::VolTarget, 600), cap(CapKind::Drawdown, 0)];
    let got = decide(
        &order(Side::Long, 100),
        Side::Long,
        Notional(700),
        &caps,
        NO_MIN,
    );
    assert_eq!(got, rejected(CapKind::Drawdown));
}

#[test]
fn empty_position_on_the_other_side_counts_as_flat() {
    let caps = [cap(CapKind::MarketNotional, 50)];
    let got = decide(&order(Side::Long, 100), Side::Short, FLAT, &caps, NO_MIN);
    assert_eq!(got, scaled(50, CapKind::MarketNotional));
}

#[test]
fn liquidity_cap_counts_only_the_order_not_the_position() {
    // long 900 already: the liquidity cap of 250 limits this trade, not the position
    let caps = [
        cap(CapKind::MarketNotional, 10_000),
        cap(CapKind::Liquidity, 250),
    ];
    let got = decide(
        &order(Side::Long, 300),
        Side::Long,
        Notional(900),
        &caps,
        NO_MIN,
    );
    assert_eq!(got, scaled(250, CapKind::Liquidity));
}

#[test]
fn liquidity_cap_limits_order_not_position() {
    assert!(CapKind::Liquidity.limits_order());
    assert!(!CapKind::MarketNotional.limits_order());
}

#[test]
fn liquidity_cap_counts_the_reducing_part_of_a_flip() {
    // long 100, sell 300: 100 reduces, the liquidity cap of 250 leaves 150 to add
    let caps = [cap(CapKind::Liquidity, 250)];
    let got = decide(
        &order(Side::Short, 300),
        Side::Long,
        Notional(100),
        &caps,
        NO_MIN,
    );
    assert_eq!(got, scaled(250, CapKind::Liquidity));
}

#[test]
fn position_caps_see_only_the_new_side_of_a_flip() {
    // long 100, sell 300: the position caps bound the short 200 that remains, not 100 + 200
    let caps = [cap(CapKind::MarketNotional, 150)];
    let got = decide(
        &order(Side::Short, 300),
        Side::Long,
        Notional(100),
        &caps,
        NO_MIN,
    );
    assert_eq!(got, scaled(250, CapKind::MarketNotional));
}

#[test]
fn flip_within_caps_is_accepted() {
    let caps = [
        cap(CapKind::MarketNotional, 200),
        cap(CapKind::Liquidity, 300),
    ];
    let got = decide(
        &order(Side::Short, 300),
        Side::Long,
        Notional(100),
        &caps,
        NO_MIN,
    );
    assert_eq!(got, accepted(300));
}

#[test]
fn flip_executes_the_reducing_part_even_when_every_cap_is_zero() {
    let got = decide(
        &order(Side::Short, 300),
        Side::Long,
        Notional(100),
        &zero_caps(),
        NO_MIN,
    );
    assert_eq!(got, scaled(100, CapKind::VolTarget));
}

#[test]
fn reducing_order_is_accepted_whatever_the_caps() {
    let got = decide(
        &order(Side::Short, 200),
        Side::Long,
        Notional(500),
        &zero_caps(),
        NO_MIN,
    );
    assert_eq!(got, accepted(200));
}

#[test]
fn reducing_order_below_min_order_is_accepted() {
    let got = decide(
        &order(Side::Short, 5),
        Side::Long,
        Notional(500),
        &[],
        Notional(10),
    );
    assert_eq!(got, accepted(5));
}

#[test]
fn flip_by_less_than_min_order_only_reduces() {
    // long 100, sell 105 with a minimum order of 10: the short 5 would be dust; the order closes
    let got = decide(
        &order(Side::Short, 105),
        Side::Long,
        Notional(100),
        &[],
        Notional(10),
    );
    assert_eq!(got, scaled(100, CapKind::MinOrder));
}

#[test]
fn flip_cut_below_min_order_by_a_cap_only_reduces_with_that_cap() {
    let caps = [cap(CapKind::MarketNotional, 5)];
    let got = decide(
        &order(Side::Short, 300),
        Side::Long,
        Notional(100),
        &caps,
        Notional(10),
    );
    assert_eq!(got, scaled(100, CapKind::MarketNotional));
}

#[test]
fn order_below_min_order_is_rejected_with_min_order() {
    let caps = [cap(CapKind::MarketNotional, 1_000)];
    let got = decide(&order(Side::Long, 5), Side::Long, FLAT, &caps, Notional(10));
    assert_eq!(got, rejected(CapKind::MinOrder));
}

#[test]
fn order_cut_below_min_order_is_rejected_with_the_cutting_cap() {
    let caps = [cap(CapKind::MarketNotional, 1_000), cap(CapKind::Kelly, 5)];
    let got = decide(
        &order(Side::Long, 100),
        Side::Long,
        FLAT,
        &caps,
        Notional(10),
    );
    assert_eq!(got, rejected(CapKind::Kelly));
}

#[test]
fn order_cut_exactly_to_min_order_is_scaled() {
    let caps = [cap(CapKind::Kelly, 10)];
    let got = decide(
        &order(Side::Long, 100),
        Side::Long,
        FLAT,
        &caps,
        Notional(10),
    );
    assert_eq!(got, scaled(10, CapKind::Kelly));
}

#[test]
fn order_cut_to_zero_is_rejected_without_min_order() {
    let caps = [cap(CapKind::Signal, 0)];
    let got = decide(&order(Side::Long, 100), Side::Long, FLAT, &caps, NO_MIN);
    assert_eq!(got, rejected(CapKind::Signal));
}

#[test]
fn empty_order_is_rejected_with_min_order() {
    let got = decide(&order(Side::Long, 0), Side::Long, FLAT, &[], NO_MIN);
    assert_eq!(got, rejected(CapKind::MinOrder));
}

#[test]
fn caps_without_limit_never_bind() {
    let caps = [
        Cap {
            kind: CapKind::VolTarget,
            limit: None,
        },
        Cap {
            kind: CapKind::Liquidity,
            limit: None,
        },
    ];
    let got = decide(
        &order(Side::Long, MAX),
        Side::Long,
        Notional(MAX),
        &caps,
        NO_MIN,
    );
    assert_eq!(got, accepted(MAX));
}

#[test]
fn cap_without_limit_does_not_hide_a_later_bound() {
    let caps = [
        Cap {
            kind: CapKind::Kelly,
            limit: None,
        },
        cap(CapKind::Var, 300),
    ];
    let got = decide(&order(Side::Long, 1_000), Side::Long, FLAT, &caps, NO_MIN);
    assert_eq!(got, scaled(300, CapKind::Var));
}

#[test]
fn largest_order_under_largest_cap_is_accepted() {
    let caps = [
        cap(CapKind::MarketNotional, MAX),
        cap(CapKind::Liquidity, MAX),
    ];
    let got = decide(
        &order(Side::Long, MAX),
        Side::Long,
        FLAT,
        &caps,
        Notional(MAX),
    );
    assert_eq!(got, accepted(MAX));
}

#[test]
fn largest_order_closing_largest_position_does_not_overflow() {
    let got = decide(
        &order(Side::Short, MAX),
        Side::Long,
        Notional(MAX),
        &zero_caps(),
        NO_MIN,
    );
    assert_eq!(got, accepted(MAX));
}

#[test]
fn largest_flip_does_not_overflow() {
    // long 1, sell MAX: 1 reduces and MAX - 1 fits under the cap
    let caps = [
        cap(CapKind::MarketNotional, MAX),
        cap(CapKind::Liquidity, MAX),
    ];
    let got = decide(
        &order(Side::Short, MAX),
        Side::Long,
        Notional(1),
        &caps,
        NO_MIN,
    );
    assert_eq!(got, accepted(MAX));
}

#[test]
fn largest_position_leaves_no_room_under_largest_cap() {
    let caps = [cap(CapKind::MarketNotional, MAX)];
    let got = decide(
        &order(Side::Long, MAX),
        Side::Long,
        Notional(MAX),
        &caps,
        NO_MIN,
    );
    assert_eq!(got, rejected(CapKind::MarketNotional));
}

#[test]
fn reduce_only_within_the_position_is_accepted() {
    let order = reduce_only_order(Side::Short, 200);
    let got = decide(&order, Side::Long, Notional(500), &[], NO_MIN);
    assert_eq!(got, accepted(200));
}

#[test]
fn reduce_only_closing_the_whole_position_is_accepted() {
    let order = reduce_only_order(Side::Long, 500);
    let got = decide(&order, Side::Short, Notional(500), &[], NO_MIN);
    assert_eq!(got, accepted(500));
}

#[test]
fn reduce_only_larger_than_the_position_is_scaled_to_it() {
    let order = reduce_only_order(Side::Short, 800);
    let got = decide(&order, Side::Long, Notional(500), &[], NO_MIN);
    assert_eq!(got, scaled(500, CapKind::ReduceOnly));
}

#[test]
fn reduce_only_is_not_cut_by_any_cap() {
    let order = reduce_only_order(Side::Short, 200);
    let got = decide(&order, Side::Long, Notional(500), &zero_caps(), NO_MIN);
    assert_eq!(got, accepted(200));
}

#[test]
fn reduce_only_below_min_order_is_accepted() {
    let order = reduce_only_order(Side::Short, 5);
    let got = decide(&order, Side::Long, Notional(500), &[], Notional(10));
    assert_eq!(got, accepted(5));
}

#[test]
fn reduce_only_without_a_position_is_rejected() {
    let order = reduce_only_order(Side::Short, 200);
    let got = decide(&order, Side::Long, FLAT, &[], NO_MIN);
    assert_eq!(got, rejected(CapKind::ReduceOnly));
}

#[test]
fn reduce_only_on_the_side_of_the_position_is_rejected() {
    let order = reduce_only_order(Side::Long, 200);
    let caps = [cap(CapKind::MarketNotional, MAX)];
    let got = decide(&order, Side::Long, Notional(500), &caps, NO_MIN);
    assert_eq!(got, rejected(CapKind::ReduceOnly));
}

#[test]
fn reduce_only_of_largest_amounts_does_not_overflow() {
    let order = reduce_only_order(Side::Long, MAX);
    let got = decide(
        &order,
        Side::Short,
        Notional(MAX),
        &zero_caps(),
        Notional(MAX),
    );
    assert_eq!(got, accepted(MAX));
}

#[path = "decide_prop_tests.rs"]
mod property;
