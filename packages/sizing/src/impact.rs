//! Price impact on a venue that prices each trade on the recent flow of its direction.
//!
//! The venue's curve: a trade of `x` from a still market moves the price by `(x / depth)^exponent` and
//! costs `C(x) = x * (x / depth)^exponent` (notional times impact). A venue that keeps each direction's
//! recent flow `r` (`ballast-perp` from 0.3.0) charges a trade of `s` after it `C(r + s) - C(r)`, so
//! pieces of one order traded back to back pay what the whole order pays. With `r = 0` it is the
//! still market's cost, as before flow was priced.
//!
//! [`cost`] is that charge, which the margin posted with a trade must cover;
//! [`crate::caps::liquidity_with_flow`] bounds an order so that its average slippage, `cost / s`, stays
//! within `max_slippage`, searching with [`limit_after_flow`] when the curve is not linear.

use crate::amount::{Notional, mul_div_u128, mul_floor, ratio_floor};
use crate::error::{SizingResult, invalid, overflow};
use crate::math::{self, Fixed, widening_mul};

/// Halvings of the search of [`limit_after_flow`]: the limit it finds is at most `L0 / 2^24` (six
/// parts in 10^8 of the flow-free limit `L0`) below the exact one. Fixed, so the gas is bounded.
pub const SEARCH_STEPS: u32 = 24;

/// `2^36`: a non-linear cost adds `ceil((depth + recent + size) / 2^36)`, 1.5 * 10^-11 of it, for the
/// rounding of the fixed-point evaluations (its own and the venue's).
const ERROR_SHIFT: u32 = 36;

fn require_curve(depth: Notional, exponent: Fixed) -> SizingResult<()> {
    if exponent <= Fixed::ZERO {
        return Err(invalid("impact_exponent", exponent, "> 0"));
    }
    if depth.0 == 0 {
        return Err(invalid("depth", 0, "> 0"));
    }
    Ok(())
}

/// `C(x) = floor(x * (x / depth)^exponent)`, the ratio rounded down to fixed point's step (2^-48):
/// what a trade of `x` costs in a still market, computed as the vault always has.
fn still_cost(x: u128, depth: u128, exponent: Fixed) -> SizingResult<u128> {
    if x == 0 {
        return Ok(0);
    }
    let impact = math::pow(ratio_floor(x, depth)?, exponent)?;
    mul_floor(x, impact)?.ok_or_else(|| overflow("impact_cost"))
}

/// `ceil(a * b / c)` over the full 256-bit product; None when c is 0 or it exceeds u128.
fn mul_div_ceil(a: u128, b: u128, c: u128) -> Option<u128> {
    let floor = mul_div_u128(a, b, c)?;
    let (back_hi, back_lo) = widening_mul(floor, c);
    if (back_hi, back_lo) == widening_mul(a, b) {
        Some(floor)
    } else {
        floor.checked_add(1)
    }
}

/// `ceil(x / 2^shift)` for shift < 128.
fn ceil_shift(x: u128, shift: u32) -> u128 {
    let rest = x & ((1u128 << shift) - 1);
    (x >> shift) + u128::from(rest != 0)
}

/// Impact cost, base units, of a trade of `size` after a flow of `recent` in its direction:
/// `C(recent + size) - C(recent)` with `C(x) = x * (x / depth)^exponent`. Zero depth or an exponent
/// <= 0 is an error.
///
/// Rounded toward the venue, so that the margin posted covers what the venue charges:
/// - `recent = 0`: `floor(size * (size / depth)^exponent)`, the ratio in fixed point: a still
///   market's cost, the figure of a venue without flow (whose impact is rounded down as well).
/// - exponent 1: `ceil(size * (2 * recent + size) / depth)`, exact.
/// - any other exponent: `C(recent + size) - C(recent)`, each `C` as for `recent = 0` (a difference
///   below 0 from `pow`'s last digits counts as 0), plus `ceil((depth + recent + size) / 2^36)`: more
///   than the rounding of those two evaluations and of the venue's own (ratios to 2^-48, `pow` within
///   10^-12 as `tests/accuracy.rs` holds it; for exponents up to 256), so the cost is never below the
///   venue's. On a market 10^13 base units deep (10M USDC), about 150 base units.
///
/// Slices add up to the whole: `cost(r, a) + cost(r + a, b)` is `cost(r, a + b)` within that
/// rounding.
pub fn cost(
    recent: Notional,
    size: Notional,
    depth: Notional,
    exponent: Fixed,
) -> SizingResult<u128> {
    require_curve(depth, exponent)?;
    let (r, s, d) = (recent.0, size.0, depth.0);
    if s == 0 {
        return Ok(0);
    }
    if r == 0 {
        return still_cost(s, d, exponent);
    }
    if exponent == Fixed::ONE {
        // ((r + s)^2 - r^2) / depth = s * (2r + s) / depth.
        let marginal = r
            .checked_mul(2)
            .and_then(|twice| twice.checked_add(s))
            .ok_or_else(|| overflow("impact_cost"))?;
        return mul_div_ceil(s, marginal, d).ok_or_else(|| overflow("impact_cost"));
    }
    let before = still_cost(r, d, exponent)?;
    cost_after(r, s, d, exponent, before)
}

/// [`cost`] on a non-linear curve with `C(recent)` already computed as `before`.
fn cost_after(r: u128, s: u128, d: u128, exponent: Fixed, before: u128) -> SizingResult<u128> {
    let total = r.checked_add(s).ok_or_else(|| overflow("impact_cost"))?;
    let after = still_cost(total, d, exponent)?;
    let span = d
        .checked_add(total)
        .ok_or_else(|| overflow("impact_cost"))?;
    after
        .saturating_sub(before)
        .checked_add(ceil_shift(span, ERROR_SHIFT))
        .ok_or_else(|| overflow("impact_cost"))
}

/// On a non-linear curve, the largest trade `s` in `[0, flow_free]` after a flow of `recent > 0` whose
/// [`cost`] stays within `floor(s * max_slippage)`, by bisection: `flow_free` is the limit without
/// flow, `depth * max_slippage^(1 / exponent)` ([`crate::caps::liquidity`]).
///
/// Why bisection finds it: C is convex with `C(0) = 0`, so the average slippage
/// `(C(r + s) - C(r)) / s` rises with `s` (the sizes that qualify run from 0 up), and it is at least
/// `C(s) / s = (s / depth)^exponent`, so no size above `flow_free` qualifies. [`SEARCH_STEPS`]
/// halvings keep the largest size known to qualify: the result always qualifies (the venue then
/// charges at most `max_slippage` on average, since [`cost`] bounds its charge from above) and is at
/// most `flow_free / 2^SEARCH_STEPS` below the largest that does. Parameters are checked by the
/// caller.
pub fn limit_after_flow(
    recent: Notional,
    depth: Notional,
    max_slippage: Fixed,
    exponent: Fixed,
    flow_free: u128,
) -> SizingResult<u128> {
    let (r, d) = (recent.0, depth.0);
    let before = still_cost(r, d, exponent)?;
    let qualifies = |s: u128| -> SizingResult<bool> {
        let allowed = mul_floor(s, max_slippage)?.ok_or_else(|| overflow("liquidity"))?;
        Ok(cost_after(r, s, d, exponent, before)? <= allowed)
    };
    if qualifies(flow_free)? {
        return Ok(flow_free);
    }
    // Invariant: `low` qualifies or is 0 (which fills nothing, so it is always safe); `high` does not.
    let (mut low, mut high) = (0u128, flow_free);
    for _ in 0..SEARCH_STEPS {
        if high - low <= 1 {
            break;
        }
        let mid = low + (high - low) / 2;
        if qualifies(mid)? {
            low = mid;
        } else {
            high = mid;
        }
    }
    Ok(low)
}

#[cfg(test)]
#[path = "impact_tests.rs"]
mod tests;
