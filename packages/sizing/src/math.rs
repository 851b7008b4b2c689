//! Fixed-point primitives: ln, exp, pow, sqrt, and the exact product of an amount and a ratio.
//!
//! Public values are [`Fixed`] (`I80F48`: about 6e23 of range, steps of 2^-48). Inside, the series run
//! on [`Wide`] (`I48F80`, steps of 2^-80) so that rounding in the reduction and in the series stays 2^32
//! times below the step of the result; each function rounds once, at the end. Every operation is checked:
//! an overflow is a [`SizingError`], never a wrap and never a saturation.

use fixed::types::{I48F80, I80F48};

use crate::error::{Shown, SizingError, SizingResult, overflow};

/// The fixed-point type of every public ratio, volatility and variance.
pub type Fixed = I80F48;
/// Internal type with 32 more fractional bits than [`Fixed`], range about 1.4e14.
pub type Wide = I48F80;

const LN_2: Wide = Wide::lit("0.6931471805599453094172321214581765680755");
const LN_10: Wide = Wide::lit("2.302585092994045684017991454684364207601");
const SQRT_2: Wide = Wide::lit("1.41421356237309504880168872420969807857");
/// Below this exp(x) rounds to zero in [`Fixed`]; above the positive one it overflows.
const EXP_LIMIT: Wide = Wide::lit("64");
/// Bits by which [`Wide`] is finer than [`Fixed`].
const EXTRA_BITS: u32 = Wide::FRAC_NBITS - Fixed::FRAC_NBITS;

pub(crate) fn add(a: Wide, b: Wide, op: &'static str) -> SizingResult<Wide> {
    a.checked_add(b).ok_or_else(|| overflow(op))
}
pub(crate) fn sub(a: Wide, b: Wide, op: &'static str) -> SizingResult<Wide> {
    a.checked_sub(b).ok_or_else(|| overflow(op))
}
pub(crate) fn mul(a: Wide, b: Wide, op: &'static str) -> SizingResult<Wide> {
    a.checked_mul(b).ok_or_else(|| overflow(op))
}
pub(crate) fn div(a: Wide, b: Wide, op: &'static str) -> SizingResult<Wide> {
    a.checked_div(b).ok_or_else(|| overflow(op))
}

/// Exact conversion into the internal type; fails above about 1.4e14.
pub fn widen(x: Fixed) -> SizingResult<Wide> {
    x.to_bits()
        .checked_mul(1 << EXTRA_BITS)
        .map(Wide::from_bits)
        .ok_or_else(|| overflow("widen"))
}

/// Rounds an internal value to the nearest [`Fixed`] (ties up).
pub fn narrow(x: Wide) -> SizingResult<Fixed> {
    let bits = x
        .to_bits()
        .checked_add(1 << (EXTRA_BITS - 1))
        .ok_or_else(|| overflow("narrow"))?;
    Ok(Fixed::from_bits(bits >> EXTRA_BITS))
}

/// ln(mantissa * 2^-frac_bits) in [`Wide`].
///
/// Writes the value as m * 2^e with m in [sqrt(2)/2, sqrt(2)), then
/// ln = e * ln 2 + 2 * atanh(s) with s = (m - 1) / (m + 1), |s| <= 0.1716, so the series
/// s + s^3/3 + s^5/5 + ... gains 1.5 decimal digits a term.
fn ln_of_bits(mantissa: u128, frac_bits: i32) -> SizingResult<Wide> {
    let top = mantissa
        .checked_ilog2()
        .ok_or_else(|| SizingError::LnOfNonPositive {
            value: "0".to_string(),
        })?;
    let m_frac = Wide::FRAC_NBITS;
    // Bring the leading bit to position FRAC_NBITS, so the mantissa reads as m in [1, 2).
    let m_bits = if top > m_frac {
        mantissa >> (top - m_frac)
    } else {
        mantissa << (m_frac - top)
    };
    let top = i32::try_from(top).map_err(|_| overflow("ln"))?;
    let mut e = top.checked_sub(frac_bits).ok_or_else(|| overflow("ln"))?;
    let mut m = Wide::from_bits(i128::try_from(m_bits).map_err(|_| overflow("ln"))?);
    if m > SQRT_2 {
        m = Wide::from_bits(m.to_bits() >> 1);
        e = e.checked_add(1).ok_or_else(|| overflow("ln"))?;
    }
    let s = div(sub(m, Wide::ONE, "ln")?, add(m, Wide::ONE, "ln")?, "ln")?;
    let s2 = mul(s, s, "ln")?;
    let mut term = s;
    let mut sum = s;
    let mut n: i128 = 1;
    loop {
        term = mul(term, s2, "ln")?;
        n = n.checked_add(2).ok_or_else(|| overflow("ln"))?;
        let t = term.checked_div_int(n).ok_or_else(|| overflow("ln"))?;
        if t == Wide::ZERO {
            break;
        }
        sum = add(sum, t, "ln")?;
    }
    let ln_m = mul(sum, Wide::from_num(2), "ln")?;
    let ln_2e = LN_2
        .checked_mul_int(i128::from(e))
        .ok_or_else(|| overflow("ln"))?;
    add(ln_2e, ln_m, "ln")
}

/// ln(x) in [`Wide`] for a positive [`Fixed`].
pub fn ln_wide(x: Fixed) -> SizingResult<Wide> {
    let bits = u128::try_from(x.to_bits())
        .map_err(|_| SizingError::LnOfNonPositive { value: x.shown() })?;
    if bits == 0 {
        return Err(SizingError::LnOfNonPositive { value: x.shown() });
    }
    ln_of_bits(
        bits,
        i32::try_from(Fixed::FRAC_NBITS).map_err(|_| overflow("ln"))?,
    )
}

/// ln(mantissa * 10^expo) in [`Wide`], exact to 2^-80 whatever the magnitude: the form of oracle prices.
pub fn ln_decimal(mantissa: u128, expo: i32) -> SizingResult<Wide> {
    if mantissa == 0 {
        return Err(SizingError::LnOfNonPositive {
            value: "0".to_string(),
        });
    }
    let ln_10e = LN_10
        .checked_mul_int(i128::from(expo))
        .ok_or_else(|| overflow("ln"))?;
    add(ln_of_bits(mantissa, 0)?, ln_10e, "ln")
}

/// Natural logarithm: ln(x) for x > 0, rounded to the nearest step.
pub fn ln(x: Fixed) -> SizingResult<Fixed> {
    narrow(ln_wide(x)?)
}

/// e^x = sum * 2^k: x = k * ln 2 + r with |r| <= ln(2)/2, and sum = e^r from its Taylor series.
fn exp_parts(x: Wide) -> SizingResult<(Wide, i32)> {
    let k = div(x, LN_2, "exp")?
        .checked_round()
        .ok_or_else(|| overflow("exp"))?;
    let r = sub(x, mul(k, LN_2, "exp")?, "exp")?;
    let mut term = Wide::ONE;
    let mut sum = Wide::ONE;
    let mut n: i128 = 0;
    loop {
        n = n.checked_add(1).ok_or_else(|| overflow("exp"))?;
        term = mul(term, r, "exp")?
            .checked_div_int(n)
            .ok_or_else(|| overflow("exp"))?;
        if term == Wide::ZERO {
            break;
        }
        sum = add(sum, term, "exp")?;
    }
    Ok((sum, k.checked_to_num().ok_or_else(|| overflow("exp"))?))
}

/// bits * 2^shift, rounded to nearest when the shift is to the right; None on overflow.
fn shift_round(bits: i128, shift: i32) -> Option<i128> {
    let s = shift.unsigned_abs();
    if shift >= 0 {
        (bits.leading_zeros() > s).then(|| bits << s)
    } else if s >= 127 {
        Some(0)
    } else {
        Some(bits.checked_add(1 << (s - 1))? >> s)
    }
}

/// e^x for an internal-precision exponent, rounded to the nearest [`Fixed`].
///
/// A result below half a step rounds to zero (that is its nearest value, not a saturation);
/// a result above [`Fixed::MAX`] is an error.
pub fn exp_wide(x: Wide) -> SizingResult<Fixed> {
    if x > EXP_LIMIT {
        return Err(overflow("exp"));
    }
    if x < -EXP_LIMIT {
        return Ok(Fixed::ZERO);
    }
    let (sum, k) = exp_parts(x)?;
    let extra = i32::try_from(EXTRA_BITS).map_err(|_| overflow("exp"))?;
    let shift = k.checked_sub(extra).ok_or_else(|| overflow("exp"))?;
    shift_round(sum.to_bits(), shift)
        .map(Fixed::from_bits)
        .ok_or_else(|| overflow("exp"))
}

/// e^x kept at internal precision, for x <= 0 (a decay factor), where the result is in (0, 1].
pub(crate) fn exp_decay(x: Wide) -> SizingResult<Wide> {
    if x > Wide::ZERO {
        return Err(overflow("exp"));
    }
    if x < -EXP_LIMIT {
        return Ok(Wide::ZERO);
    }
    let (sum, k) = exp_parts(x)?;
    shift_round(sum.to_bits(), k)
        .map(Wide::from_bits)
        .ok_or_else(|| overflow("exp"))
}

/// e^x, rounded to the nearest step; an error above about e^54.7 ([`Fixed::MAX`]).
pub fn exp(x: Fixed) -> SizingResult<Fixed> {
    match widen(x) {
        Ok(w) => exp_wide(w),
        Err(_) if x.is_negative() => Ok(Fixed::ZERO),
        Err(_) => Err(overflow("exp")),
    }
}

/// x^y for x > 0 and any real y, as e^(y * ln x) with the product kept at internal precision.
/// pow(0, y) is 0 for y > 0; a negative base, or a zero base with y <= 0, is an error.
pub fn pow(x: Fixed, y: Fixed) -> SizingResult<Fixed> {
    if x <= Fixed::ZERO {
        if x == Fixed::ZERO && y > Fixed::ZERO {
            return Ok(Fixed::ZERO);
        }
        return Err(SizingError::PowUndefined {
            base: x.shown(),
            exponent: y.shown(),
        });
    }
    // Exact answers need no series (a linear impact curve is the common case).
    if y == Fixed::ONE {
        return Ok(x);
    }
    if y.is_zero() {
        return Ok(Fixed::ONE);
    }
    pow_wide(x, y)
}

/// x^y at internal precision for a decay: 0 < x < 1 and y >= 0, so the result is in (0, 1].
pub(crate) fn decay(x: Fixed, y: Wide) -> SizingResult<Wide> {
    exp_decay(mul(y, ln_wide(x)?, "pow")?)
}

fn pow_wide(x: Fixed, y: Fixed) -> SizingResult<Fixed> {
    let l = ln_wide(x)?;
    // y has 48 fractional bits and l has 80: their product, shifted by 48, is l's format.
    match mul_shift_signed(y.to_bits(), l.to_bits(), Fixed::FRAC_NBITS) {
        Some(t) => exp_wide(Wide::from_bits(t)),
        None if y.is_negative() != l.is_negative() => Ok(Fixed::ZERO),
        None => Err(overflow("pow")),
    }
}

/// Square root, rounded down; an error for a negative argument.
pub fn sqrt(x: Fixed) -> SizingResult<Fixed> {
    if x.is_negative() {
        return Err(SizingError::SqrtOfNegative { value: x.shown() });
    }
    match widen(x) {
        Ok(w) => sqrt_wide(w).and_then(narrow),
        Err(_) => x.checked_sqrt().ok_or_else(|| overflow("sqrt")),
    }
}

/// Square root at internal precision, rounded down.
pub fn sqrt_wide(x: Wide) -> SizingResult<Wide> {
    x.checked_sqrt()
        .ok_or_else(|| SizingError::SqrtOfNegative { value: x.shown() })
}

/// The full 256-bit product of two u128, as (high, low) halves.
pub(crate) fn widening_mul(a: u128, b: u128) -> (u128, u128) {
    const LO: u128 = (1 << 64) - 1;
    let (a1, a0) = (a >> 64, a & LO);
    let (b1, b0) = (b >> 64, b & LO);
    // Each partial product of two 64-bit halves fits in u128.
    let p00 = a0 * b0;
    let p01 = a0 * b1;
    let p10 = a1 * b0;
    let p11 = a1 * b1;
    let mid = (p00 >> 64) + (p01 & LO) + (p10 & LO);
    let lo = (p00 & LO) | (mid << 64);
    let hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    (hi, lo)
}

/// floor(a * b / 2^shift) for shift < 128, or None if it does not fit in u128.
pub(crate) fn mul_shift(a: u128, b: u128, shift: u32) -> Option<u128> {
    let (hi, lo) = widening_mul(a, b);
    if shift == 0 {
        return (hi == 0).then_some(lo);
    }
    if shift >= 128 || hi >> shift != 0 {
        return None;
    }
    Some((hi << (128 - shift)) | (lo >> shift))
}

/// a * b / 2^shift truncated toward zero, or None if it does not fit in i128.
fn mul_shift_signed(a: i128, b: i128, shift: u32) -> Option<i128> {
    let magnitude = mul_shift(a.unsigned_abs(), b.unsigned_abs(), shift)?;
    let m = i128::try_from(magnitude).ok()?;
    Some(if (a < 0) != (b < 0) { -m } else { m })
}
