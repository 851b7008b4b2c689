//! How sessions are generated: amounts spread over many orders of magnitude with the edges of
//! `Uint128` mixed in, prices that move, jump, go stale or come from the future, and every role
//! trying every message.

use ballast_types::Side;
use proptest::prelude::*;

use super::changes::PARAM_FIELDS;
use super::data::{ParamChange, PriceEvent, Role, Step, Trader};

/// Longest session.
pub const MAX_STEPS: usize = 50;
/// Depositors in a session.
pub const USERS: usize = 3;

/// `mantissa * 10^exponent` for exponent in `0..=max_exponent`: every order of magnitude as likely.
fn magnitude_strategy(max_exponent: u32) -> impl Strategy<Value = u128> {
    (1u128..10, 0..=max_exponent).prop_map(|(m, e)| m * 10u128.pow(e))
}

/// Order sizes: 1 unit to 100M USDC, and the edges (0, the minimum order and around it, u128::MAX).
pub fn size_strategy() -> impl Strategy<Value = u128> {
    prop_oneof![
        8 => magnitude_strategy(14),
        1 => prop_oneof![
            Just(0u128),
            Just(999_999),
            Just(1_000_000),
            Just(u128::MAX),
            Just(u128::MAX / 2),
        ],
    ]
}

/// Deposits: 1 unit to 90M USDC (users hold 10^18).
pub fn amount_strategy() -> impl Strategy<Value = u128> {
    magnitude_strategy(13)
}

fn side_strategy() -> impl Strategy<Value = Side> {
    prop_oneof![Just(Side::Long), Just(Side::Short)]
}

fn trader_strategy() -> impl Strategy<Value = Trader> {
    prop_oneof![
        8 => Just(Trader::Manager),
        1 => Just(Trader::Depositor),
        1 => Just(Trader::Stranger),
    ]
}

fn role_strategy() -> impl Strategy<Value = Role> {
    prop_oneof![
        4 => Just(Role::Owner),
        4 => Just(Role::Guardian),
        1 => Just(Role::Manager),
        1 => Just(Role::Stranger),
    ]
}

/// Scale factors that loosen as often as they tighten, from a fifth to five times.
fn percent_strategy() -> impl Strategy<Value = u32> {
    prop_oneof![20u32..100, 101u32..500]
}

fn param_change_strategy() -> impl Strategy<Value = ParamChange> {
    (0..PARAM_FIELDS, percent_strategy())
        .prop_map(|(field, percent)| ParamChange { field, percent })
}

/// The publisher's moves, including every way a price can be wrong.
pub fn price_strategy() -> impl Strategy<Value = PriceEvent> {
    prop_oneof![
        6 => (1u64..60, -150i64..=150).prop_map(|(after, bp)| PriceEvent::Normal { after, bp }),
        2 => (60u64..3_600, -300i64..=300).prop_map(|(after, bp)| PriceEvent::Normal { after, bp }),
        2 => (1u64..120, prop_oneof![-60i64..=-5, 5i64..=60])
            .prop_map(|(after, pct)| PriceEvent::Jump { after, pct }),
        2 => (1u64..2_000, 1u64..2_000).prop_map(|(after, age)| PriceEvent::Stale { after, age }),
        1 => prop_oneof![1u64..=5, 6u64..600].prop_map(|skew| PriceEvent::Future { skew }),
        1 => (50u64..2_000).prop_map(|bp| PriceEvent::WideConfidence { bp }),
        1 => (-3_000i64..=3_000).prop_map(|bp| PriceEvent::SameTime { bp }),
        1 => Just(PriceEvent::Replay),
        2 => (1u64..7_200).prop_map(|after| PriceEvent::Missing { after }),
    ]
}

fn order_strategy() -> impl Strategy<Value = Step> {
    (
        trader_strategy(),
        side_strategy(),
        size_strategy(),
        prop::bool::weighted(0.2),
        prop::option::weighted(0.3, -1_000i64..=1_000),
        prop::bool::weighted(0.03),
    )
        .prop_map(
            |(by, side, size, reduce_only, signal_permille, unknown_market)| Step::Order {
                by,
                side,
                size,
                reduce_only,
                signal_permille,
                unknown_market,
            },
        )
}

fn governance_strategy() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (role_strategy(), param_change_strategy())
            .prop_map(|(by, change)| Step::Propose { by, change }),
        3 => Just(Step::Apply),
        1 => role_strategy().prop_map(|by| Step::Cancel { by }),
        3 => (role_strategy(), param_change_strategy())
            .prop_map(|(by, change)| Step::Tighten { by, change }),
        1 => (role_strategy(), percent_strategy(), percent_strategy()).prop_map(
            |(by, weight_percent, notional_percent)| Step::ProposeMarket {
                by,
                weight_percent,
                notional_percent,
            }
        ),
        1 => Just(Step::ApplyMarket),
        1 => (role_strategy(), percent_strategy(), percent_strategy()).prop_map(
            |(by, weight_percent, notional_percent)| Step::TightenMarket {
                by,
                weight_percent,
                notional_percent,
            }
        ),
        1 => role_strategy().prop_map(|by| Step::Pause { by }),
        1 => role_strategy().prop_map(|by| Step::Unpause { by }),
    ]
}

/// One step, weighted toward prices, orders and money moving.
pub fn step_strategy() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => (0..USERS, amount_strategy()).prop_map(|(user, amount)| Step::Deposit { user, amount }),
        5 => (0..USERS, 1u128..=1_000).prop_map(|(user, permille)| Step::Redeem { user, permille }),
        1 => magnitude_strategy(12).prop_map(|amount| Step::Donate { amount }),
        12 => price_strategy().prop_map(Step::Price),
        12 => order_strategy(),
        3 => (1u128..=1_000).prop_map(|permille| Step::ReduceOnly { permille }),
        3 => Just(Step::Rebalance),
        2 => Just(Step::Deleverage),
        3 => Just(Step::Mark),
        1 => Just(Step::Liquidate),
        5 => governance_strategy(),
        2 => (1u64..100_000).prop_map(|seconds| Step::Wait { seconds }),
    ]
}

/// A session of 1 to [`MAX_STEPS`] steps.
pub fn session_strategy() -> impl Strategy<Value = Vec<Step>> {
    prop::collection::vec(step_strategy(), 1..=MAX_STEPS)
}
