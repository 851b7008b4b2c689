//! Property test of `decide`: for any order, position and caps, the decision obeys the module's rules.

use super::*;
use proptest::prelude::*;

// Property: for any order, position and caps, the decision obeys the rules of the module docs.

fn side_strategy() -> impl Strategy<Value = Side> {
    prop_oneof![Just(Side::Long), Just(Side::Short)]
}

/// Mostly small amounts, so that orders, positions and caps meet; also the full range and its ends.
fn amount_strategy() -> impl Strategy<Value = u128> {
    prop_oneof![
        4 => 0u128..2_000,
        1 => any::<u128>(),
        1 => prop::sample::select(vec![0, 1, MAX - 1, MAX]),
    ]
}

fn cap_strategy() -> impl Strategy<Value = Cap> {
    let kind = prop::sample::select(vec![
        CapKind::VolTarget,
        CapKind::GrossLeverage,
        CapKind::MarketNotional,
        CapKind::Concentration,
        CapKind::Kelly,
        CapKind::Var,
        CapKind::Liquidity,
        CapKind::LiquidationDistance,
        CapKind::Signal,
    ]);
    let limit = prop::option::weighted(0.8, amount_strategy().prop_map(Notional));
    (kind, limit).prop_map(|(kind, limit)| Cap { kind, limit })
}

fn order_strategy() -> impl Strategy<Value = Order> {
    (side_strategy(), amount_strategy(), any::<bool>()).prop_map(|(side, size, reduce_only)| {
        Order {
            side,
            size: Notional(size),
            reduce_only,
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn decision_respects_every_cap(
        order in order_strategy(),
        current_side in side_strategy(),
        current in amount_strategy(),
        caps in prop::collection::vec(cap_strategy(), 0..6),
        min_order in amount_strategy(),
    ) {
        let got = decide(&order, current_side, Notional(current), &caps, Notional(min_order))
            .expect("decide never fails");
        let requested = order.size.0;
        let executed = got.executed.0;
        let opposes = current > 0 && current_side != order.side;
        let reducible = if opposes { requested.min(current) } else { 0 };

        prop_assert!(executed <= requested);
        match got.decision {
            Decision::Accepted => {
                prop_assert_eq!(executed, requested);
                prop_assert_eq!(got.binding_cap, None);
            }
            Decision::Scaled => {
                prop_assert!(0 < executed && executed < requested);
                prop_assert!(got.binding_cap.is_some());
            }
            Decision::Rejected => {
                prop_assert_eq!(executed, 0);
                prop_assert!(got.binding_cap.is_some());
            }
        }

        if order.reduce_only {
            // Only ever reduces, and does all of the reduction it asked for.
            prop_assert_eq!(executed, reducible);
            if reducible > 0 {
                prop_assert_ne!(got.decision, Decision::Rejected);
            }
            return Ok(());
        }

        // The reducing part always executes; what is added respects every cap's room.
        prop_assert!(executed >= reducible);
        let added = executed - reducible;
        let existing = if opposes { 0 } else { current };
        let mut room = requested - reducible;
        for cap in &caps {
            let Some(Notional(limit)) = cap.limit else { continue };
            let used = if cap.kind.limits_order() { reducible } else { existing };
            let cap_room = limit.saturating_sub(used);
            prop_assert!(added <= cap_room, "{:?} leaves {} but {} added", cap, cap_room, added);
            if cap.kind.limits_order() {
                // The whole order stays within an order cap, unless its reducing part alone is larger.
                prop_assert!(executed <= limit.max(reducible));
            }
            room = room.min(cap_room);
        }
        // A binding cap other than the minimum order is one of the bounded caps given.
        if let Some(kind) = got.binding_cap.filter(|kind| *kind != CapKind::MinOrder) {
            prop_assert!(caps.iter().any(|cap| cap.kind == kind && cap.limit.is_some()));
        }
        // And it is the largest such amount, unless that is below the minimum order: a pure open is
        // then rejected, and an order that also reduces only reduces.
        if reducible == 0 && (room == 0 || room < min_order) {
            prop_assert_eq!(got.decision, Decision::Rejected);
        } else if room < min_order {
            prop_assert_eq!(added, 0);
        } else {
            prop_assert_eq!(added, room);
        }
    }
}
