//! The decision of step 5: the request against every cap, giving accepted, scaled or rejected.
//!
//! An order splits into the part that reduces the open position (never capped) and the part that adds
//! exposure. The added part is cut to the tightest cap: position caps leave `limit - existing` of room,
//! order caps (liquidity) leave `limit - reduced`. A reduce-only order only ever reduces: it is cut to
//! the open position, never scaled up and never refused by a cap.

use crate::amount::Notional;
use crate::caps::{Cap, CapKind};
use crate::error::{SizingResult, overflow};

/// Direction of an order or a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Gains when the price rises.
    Long,
    /// Gains when the price falls.
    Short,
}

/// An order as the manager or keeper requests it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Order {
    /// Direction of the trade.
    pub side: Side,
    /// Requested notional, base units.
    pub size: Notional,
    /// Only reduce the open position, never open or flip.
    pub reduce_only: bool,
}

/// What happens to an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Executed at the full requested size.
    Accepted,
    /// Executed at a smaller size, cut by the binding cap.
    Scaled,
    /// Not executed.
    Rejected,
}

/// The result of [`decide`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Accepted, scaled or rejected.
    pub decision: Decision,
    /// Notional to execute, base units; zero when rejected.
    pub executed: Notional,
    /// The cap that cut or refused the order, if one did.
    pub binding_cap: Option<CapKind>,
}

/// Decides an order against the current position (`current_side`, `current`) and every cap.
///
/// An order whose added exposure ends below `min_order` is rejected, unless it also reduces the
/// position: reducing is always allowed, and only the added part is dropped. Ties between caps go to
/// the first in `caps`.
pub fn decide(
    order: &Order,
    current_side: Side,
    current: Notional,
    caps: &[Cap],
    min_order: Notional,
) -> SizingResult<Outcome> {
    let opposes = current.0 > 0 && current_side != order.side;
    let reduced = if opposes {
        order.size.0.min(current.0)
    } else {
        0
    };
    if order.reduce_only {
        return Ok(reduce_only(order.size.0, reduced));
    }
    let adding = order.size.0 - reduced;
    let existing = if opposes { 0 } else { current.0 };
    let mut room = adding;
    let mut binding: Option<(CapKind, u128)> = None;
    for cap in caps {
        let Some(Notional(limit)) = cap.limit else {
            continue;
        };
        let used = if cap.kind.limits_order() {
            reduced
        } else {
            existing
        };
        // A position already past this cap leaves no room (0), it is not an error. Among caps that
        // leave the same room, the one with the smallest limit binds: it is the one exceeded most.
        let cap_room = limit.saturating_sub(used);
        let tighter_tie = cap_room == room && binding.is_some_and(|(_, l)| limit < l);
        if cap_room < room || tighter_tie {
            room = cap_room;
            binding = Some((cap.kind, limit));
        }
    }
    let mut binding = binding.map(|(kind, _)| kind);
    // On an order that also reduces, an added part below the minimum order is dropped: a flip into
    // dust would leave a position too small to reduce (its notional rounds to nothing) holding all of
    // the old position's margin.
    if reduced > 0 && room > 0 && room < min_order.0 {
        room = 0;
        binding = Some(binding.unwrap_or(CapKind::MinOrder));
    }
    let executed = reduced
        .checked_add(room)
        .ok_or_else(|| overflow("decide"))?;
    if reduced == 0 && (room == 0 || room < min_order.0) {
        return Ok(Outcome {
            decision: Decision::Rejected,
            executed: Notional(0),
            binding_cap: Some(binding.unwrap_or(CapKind::MinOrder)),
        });
    }
    let decision = if executed == order.size.0 {
        Decision::Accepted
    } else {
        Decision::Scaled
    };
    Ok(Outcome {
        decision,
        executed: Notional(executed),
        binding_cap: binding,
    })
}

fn reduce_only(requested: u128, reducible: u128) -> Outcome {
    let (decision, binding_cap) = if reducible == 0 {
        (Decision::Rejected, Some(CapKind::ReduceOnly))
    } else if reducible < requested {
        (Decision::Scaled, Some(CapKind::ReduceOnly))
    } else {
        (Decision::Accepted, None)
    };
    Outcome {
        decision,
        executed: Notional(reducible),
        binding_cap,
    }
}

#[cfg(test)]
#[path = "decide_tests.rs"]
mod tests;
