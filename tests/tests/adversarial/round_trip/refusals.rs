//! The refusals each action and step of a round-trip session may meet, by typed error id (see
//! [`crate::sequences`]'s allow-list for the reasoning); anything else fails the case.

use super::data::{Action, RoleChange, Step};

/// `contract:id` of a refusal.
pub type Refusal = (&'static str, &'static str);

/// The vault cannot read a venue (its price is unusable).
const VENUE: Refusal = ("vault", "venue_unavailable");
/// A share action values every open market now: refused while a price fails a guard.
const UNPRICED: Refusal = ("vault", "unpriced_market");
/// The perp market refuses its oracle's price.
const PERP_PRICE: [Refusal; 2] = [("perp", "stale_price"), ("perp", "future_price")];

fn trading(extra: &[Refusal]) -> Vec<Refusal> {
    let mut out = vec![VENUE];
    out.extend(PERP_PRICE);
    out.extend_from_slice(extra);
    out
}

/// A deposit's refusals (the attacker's too).
pub fn deposit() -> Vec<Refusal> {
    vec![UNPRICED, VENUE, ("vault", "zero_shares")]
}

/// A redeem's refusals (the attacker's too).
pub fn redeem() -> Vec<Refusal> {
    vec![
        UNPRICED,
        VENUE,
        ("vault", "wrong_funds"),
        ("vault", "withdraw_breaks_cap"),
        ("vault", "insufficient_idle"),
    ]
}

/// The refusals `action` may meet.
pub fn action(action: &Action) -> Vec<Refusal> {
    match action {
        Action::Mark(_) => vec![VENUE],
        Action::Rebalance(_) => trading(&[("vault", "hedged_market")]),
        Action::Deleverage(_) => trading(&[("vault", "nothing_to_deleverage")]),
        Action::Liquidate(_) => [("perp", "not_liquidatable"), ("perp", "no_position")]
            .into_iter()
            .chain(PERP_PRICE)
            .collect(),
        // Published now: never older than the stored price, never from the future.
        Action::Price { .. } => vec![],
        Action::GridLevel { .. } => trading(&[
            ("strategies", "unknown_grid"),
            ("strategies", "grid_level_out_of_range"),
            ("strategies", "grid_level_not_crossed"),
            ("strategies", "grid_level_filled"),
            ("strategies", "grid_expired"),
        ]),
        Action::Hedge(_) => trading(&[("strategies", "no_hedge")]),
        Action::AccrueFees => vec![UNPRICED, VENUE],
        // LP shares are priced on the pool's value: refused while a market with positions has no
        // usable price, while the pool is worth nothing, for a deposit too small to mint one share,
        // or (withdrawals) past what winners are owed.
        Action::LpDeposit { .. } => vec![
            ("perp", "zero_amount"),
            ("perp", "pool_unpriced"),
            ("perp", "pool_insolvent"),
        ],
        Action::LpWithdraw { .. } => vec![
            ("perp", "zero_amount"),
            ("perp", "pool_unpriced"),
            ("perp", "pool_insolvent"),
            ("perp", "pool_reserved"),
        ],
    }
}

/// The refusals `step` may meet.
pub fn step(step: &Step) -> Vec<Refusal> {
    match step {
        Step::Act(a) => action(a),
        Step::Wait { .. } | Step::Signal { .. } | Step::Pause | Step::Unpause => vec![],
        Step::PriceLater { .. } => vec![],
        Step::Order { .. } => trading(&[]),
        Step::Deposit { .. } => deposit(),
        Step::Redeem { .. } => redeem(),
        Step::RegisterGrid { .. } => vec![],
        Step::CancelGrid { .. } => vec![("strategies", "unknown_grid")],
        Step::SetHedge { .. } => vec![],
        Step::ClearHedge(_) => vec![("strategies", "no_hedge")],
        // Accepting what was not offered to the other owner address.
        Step::Role(RoleChange::AcceptOwnership) => vec![("governor", "unauthorized")],
        Step::Role(_) => vec![],
    }
}
