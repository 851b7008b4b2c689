//! How round-trip sessions are generated: steps across blocks that build positions, grids, hedges,
//! signals, role changes and pool moves, and round trips whose block holds any permissionless
//! action, prices that jump included.

use ballast_types::Side;
use proptest::prelude::*;

use super::data::{Action, Market, RoleChange, RoundTrip, Segment, Step};

/// Segments per session (from one, so that a failure shrinks to its few segments).
pub const SEGMENTS: std::ops::RangeInclusive<usize> = 1..=80;
/// Steps a session averages (segments times the actions per segment; measured about 100), taken
/// low: the session count for a step budget is computed from it, and the run asserts the budget.
pub const AVERAGE_STEPS: u64 = 90;

/// `mantissa * 10^exponent` for exponent in `min..=max`.
fn magnitude(min: u32, max: u32) -> impl Strategy<Value = u128> {
    (1u128..10, min..=max).prop_map(|(m, e)| m * 10u128.pow(e))
}

fn market() -> impl Strategy<Value = Market> {
    0usize..2
}

fn side() -> impl Strategy<Value = Side> {
    prop_oneof![Just(Side::Long), Just(Side::Short)]
}

/// A price move in basis points: mostly small, sometimes a jump that can liquidate.
fn move_bp() -> impl Strategy<Value = i64> {
    prop_oneof![
        5 => -150i64..=150,
        2 => -1_500i64..=1_500,
        1 => prop_oneof![-6_000i64..=-1_500, 1_500i64..=6_000],
    ]
}

/// A move between blocks: mostly within what the vault's circuit breaker lets orders trade on,
/// sometimes a jump that can liquidate.
fn calm_bp() -> impl Strategy<Value = i64> {
    prop_oneof![
        8 => -40i64..=40,
        2 => -150i64..=150,
        1 => prop_oneof![-6_000i64..=-1_000, 1_000i64..=6_000],
    ]
}

/// A permissionless action.
pub fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        4 => market().prop_map(Action::Mark),
        3 => market().prop_map(Action::Rebalance),
        2 => market().prop_map(Action::Deleverage),
        3 => market().prop_map(Action::Liquidate),
        5 => (market(), move_bp()).prop_map(|(market, bp)| Action::Price { market, bp }),
        3 => (0usize..8, 0u32..3).prop_map(|(pick, level)| Action::GridLevel { pick, level }),
        2 => market().prop_map(Action::Hedge),
        1 => Just(Action::AccrueFees),
        1 => magnitude(6, 14).prop_map(|amount| Action::LpDeposit { amount }),
        1 => (1u128..=1_000).prop_map(|permille| Action::LpWithdraw { permille }),
    ]
}

fn role_change() -> impl Strategy<Value = RoleChange> {
    prop_oneof![
        Just(RoleChange::TransferOwnership),
        Just(RoleChange::AcceptOwnership),
        Just(RoleChange::SwapManager),
        Just(RoleChange::SwapGuardian),
    ]
}

/// A step between round trips.
pub fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => action().prop_map(Step::Act),
        1 => prop_oneof![4 => 1u64..3_600, 1 => 3_600u64..200_000]
            .prop_map(|seconds| Step::Wait { seconds }),
        7 => (1u64..900, calm_bp(), calm_bp())
            .prop_map(|(after, a, b)| Step::PriceLater { after, bp: [a, b] }),
        6 => (market(), side(), magnitude(5, 13), prop::bool::weighted(0.2)).prop_map(
            |(market, side, size, reduce_only)| Step::Order { market, side, size, reduce_only }
        ),
        2 => (0usize..2, magnitude(4, 12)).prop_map(|(user, amount)| Step::Deposit { user, amount }),
        2 => (0usize..2, 1u128..=1_000).prop_map(|(user, permille)| Step::Redeem { user, permille }),
        1 => (market(), -1_000i64..=1_000)
            .prop_map(|(market, permille)| Step::Signal { market, permille }),
        3 => (market(), side(), 5u32..60, 1u32..=3, magnitude(8, 12), prop::bool::weighted(0.2))
            .prop_map(|(market, side, spacing_bp, levels, size, reduce_only)| Step::RegisterGrid {
                market,
                side,
                spacing_bp,
                levels,
                size,
                reduce_only,
            }),
        1 => (0usize..8).prop_map(|pick| Step::CancelGrid { pick }),
        2 => (market(), prop_oneof![-20_000_000i64..=-100_000, 100_000i64..=20_000_000], 0u32..2_000_000)
            .prop_map(|(market, size, band)| Step::SetHedge { market, size, band }),
        1 => market().prop_map(Step::ClearHedge),
        1 => role_change().prop_map(Step::Role),
        1 => Just(Step::Pause),
        1 => Just(Step::Unpause),
    ]
}

/// What happens before the attacker's deposit: prices above all (pushed while the marks are older).
fn before() -> impl Strategy<Value = Action> {
    prop_oneof![
        3 => (market(), move_bp()).prop_map(|(market, bp)| Action::Price { market, bp }),
        2 => action(),
    ]
}

/// A round trip.
pub fn round_trip() -> impl Strategy<Value = RoundTrip> {
    (
        prop::collection::vec(before(), 0..=3),
        magnitude(0, 13),
        prop::collection::vec(action(), 0..=6),
    )
        .prop_map(|(before, deposit, inside)| RoundTrip {
            before,
            deposit,
            inside,
        })
}

/// A session.
pub fn session() -> impl Strategy<Value = Vec<Segment>> {
    let segment = prop_oneof![
        13 => step().prop_map(Segment::Step),
        7 => round_trip().prop_map(Segment::RoundTrip),
    ];
    prop::collection::vec(segment, SEGMENTS)
}
