//! The drawdown brake: the volatility budget shrinks as the vault's share price falls below its recent
//! peak, and closes at the largest drawdown governance accepts.
//!
//! Volatility targeting sizes for the risk the market shows, not for the path: in a long, calm decline
//! (BTC in 2014, WTI in 2014-15) falling volatility *raises* exposure on the way down. The brake bounds
//! that path risk the way drawdown-controlled funds do (Grossman and Zhou, 1993): exposure falls
//! linearly with the drawdown between `start` and `max`. The peak decays toward the share price with a
//! half-life, so a vault that hit the bottom of its budget is not flat forever.

use crate::amount::{Notional, mul_floor};
use crate::caps::{Cap, CapKind};
use crate::error::{SizingResult, invalid, overflow};
use crate::math::{self, Fixed};

/// One half: the share of the gap a half-life keeps (parsed at compile time, not in every call).
const HALF: Fixed = Fixed::lit("0.5");

/// `1 - share_price / peak`, and 0 at or above the peak. The peak must be positive.
pub fn drawdown(share_price: Fixed, peak: Fixed) -> SizingResult<Fixed> {
    if peak <= Fixed::ZERO {
        return Err(invalid("peak", peak, "> 0"));
    }
    if share_price >= peak {
        return Ok(Fixed::ZERO);
    }
    let ratio = share_price
        .checked_div(peak)
        .ok_or_else(|| overflow("drawdown"))?;
    Fixed::ONE
        .checked_sub(ratio)
        .ok_or_else(|| overflow("drawdown"))
}

/// The share of the volatility budget left at `drawdown`: `clamp((max - drawdown) / (max - start), 0, 1)`.
///
/// 1 up to `start`, 0 from `max` on, linear between. Requires `0 <= start < max <= 1`.
pub fn brake_scale(drawdown: Fixed, start: Fixed, max: Fixed) -> SizingResult<Fixed> {
    if start < Fixed::ZERO || start >= max {
        return Err(invalid("drawdown_start", start, "in [0, max_drawdown)"));
    }
    if max > Fixed::ONE {
        return Err(invalid("max_drawdown", max, "in (drawdown_start, 1]"));
    }
    if drawdown <= start {
        return Ok(Fixed::ONE);
    }
    if drawdown >= max {
        return Ok(Fixed::ZERO);
    }
    let left = max.checked_sub(drawdown).ok_or_else(|| overflow("brake"))?;
    let width = max.checked_sub(start).ok_or_else(|| overflow("brake"))?;
    left.checked_div(width).ok_or_else(|| overflow("brake"))
}

/// The peak after `elapsed` seconds at `share_price`:
/// `max(share_price, share_price + (peak - share_price) * 2^(-elapsed / half_life))`.
///
/// A new high becomes the peak at once; below it, the gap to the peak halves every `half_life` seconds.
pub fn decayed_peak(
    peak: Fixed,
    share_price: Fixed,
    elapsed: u64,
    half_life: u64,
) -> SizingResult<Fixed> {
    if half_life == 0 {
        return Err(invalid("peak_half_life", half_life, "> 0 seconds"));
    }
    if share_price >= peak {
        return Ok(share_price);
    }
    let halvings = Fixed::from_num(elapsed)
        .checked_div(Fixed::from_num(half_life))
        .ok_or_else(|| overflow("decayed_peak"))?;
    // 2^-h = 0.5^h; beyond 200 halvings the gap is far below the type's step.
    let kept = if halvings > Fixed::from_num(200) {
        Fixed::ZERO
    } else {
        math::pow(HALF, halvings)?
    };
    let gap = peak
        .checked_sub(share_price)
        .and_then(|g| g.checked_mul(kept))
        .ok_or_else(|| overflow("decayed_peak"))?;
    share_price
        .checked_add(gap)
        .ok_or_else(|| overflow("decayed_peak"))
}

/// Drawdown cap: `vol_target_limit * scale`, with `scale` from [`brake_scale`] in [0, 1].
pub fn cap(vol_target_limit: Option<Notional>, scale: Fixed) -> SizingResult<Cap> {
    if scale < Fixed::ZERO || scale > Fixed::ONE {
        return Err(invalid("brake_scale", scale, "in [0, 1]"));
    }
    let limit = match vol_target_limit {
        Some(Notional(target)) => mul_floor(target, scale)?.map(Notional),
        None if scale.is_zero() => Some(Notional(0)),
        None => None,
    };
    Ok(Cap {
        kind: CapKind::Drawdown,
        limit,
    })
}

#[cfg(test)]
#[path = "drawdown_tests.rs"]
mod tests;
