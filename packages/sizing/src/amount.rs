//! Amounts in base units and their exact products with ratios.
//!
//! Any `Uint128` is a valid amount, including 18-decimal denoms where 1e6 tokens is 1e24 units
//! (beyond [`Fixed`]'s range). So an amount is never converted to fixed point: it is multiplied by a
//! ratio's raw bits through a 256-bit product and divided back, rounding down.

use crate::error::{Shown, SizingError, SizingResult};
use crate::math::{Fixed, mul_shift, widening_mul};

/// A position or order size in base units of the collateral denom, |quantity| * price.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Notional(pub u128);

/// An amount of the collateral denom in base units: nav, margin, equity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Collateral(pub u128);

/// floor(amount * num / den) for non-negative fixed-point `num` and positive `den`.
///
/// `Ok(None)` when the quotient exceeds `u128::MAX`: a bound beyond any amount, i.e. no bound.
pub fn mul_div_floor(amount: u128, num: Fixed, den: Fixed) -> SizingResult<Option<u128>> {
    let num_bits = u128::try_from(num.to_bits()).map_err(|_| negative("numerator", num))?;
    let den_bits = u128::try_from(den.to_bits()).map_err(|_| negative("denominator", den))?;
    if den_bits == 0 {
        return Err(SizingError::InvalidParameter {
            name: "denominator",
            value: "0".to_string(),
            rule: "> 0",
        });
    }
    let (hi, lo) = widening_mul(amount, num_bits);
    Ok(div_256_by_128(hi, lo, den_bits))
}

/// floor(amount * ratio), ratio >= 0; `Ok(None)` above `u128::MAX`.
pub fn mul_floor(amount: u128, ratio: Fixed) -> SizingResult<Option<u128>> {
    let bits = u128::try_from(ratio.to_bits()).map_err(|_| negative("ratio", ratio))?;
    Ok(mul_shift(amount, bits, Fixed::FRAC_NBITS))
}

/// floor(numerator / denominator) as [`Fixed`]: the exact entry point for integer ratios such as a
/// `Decimal`'s atomics over 10^18. An error when the denominator is zero or the ratio exceeds the range.
pub fn ratio_floor(numerator: u128, denominator: u128) -> SizingResult<Fixed> {
    if denominator == 0 {
        return Err(SizingError::InvalidParameter {
            name: "denominator",
            value: "0".to_string(),
            rule: "> 0",
        });
    }
    let (hi, lo) = widening_mul(numerator, 1 << Fixed::FRAC_NBITS);
    div_256_by_128(hi, lo, denominator)
        .and_then(|bits| i128::try_from(bits).ok())
        .map(Fixed::from_bits)
        .ok_or(SizingError::Overflow { op: "ratio" })
}

/// floor(a * b / c) over the full 256-bit product; None when c is 0 or the result exceeds u128.
pub fn mul_div_u128(a: u128, b: u128, c: u128) -> Option<u128> {
    if c == 0 {
        return None;
    }
    let (hi, lo) = widening_mul(a, b);
    div_256_by_128(hi, lo, c)
}

fn negative(name: &'static str, value: Fixed) -> SizingError {
    SizingError::InvalidParameter {
        name,
        value: value.shown(),
        rule: ">= 0",
    }
}

/// floor((hi * 2^128 + lo) / den) by binary long division, or None if it exceeds u128.
fn div_256_by_128(hi: u128, lo: u128, den: u128) -> Option<u128> {
    if hi >= den {
        return None;
    }
    // The common case on chain: the product fits 128 bits, one native division.
    if hi == 0 {
        return Some(lo / den);
    }
    // Invariant: rem < den, so the quotient bits fit in 128 once hi < den.
    let mut rem = hi;
    let mut quotient: u128 = 0;
    for i in (0..128).rev() {
        let carry = rem >> 127;
        rem = (rem << 1) | ((lo >> i) & 1);
        quotient <<= 1;
        if carry == 1 || rem >= den {
            rem = rem.wrapping_sub(den);
            quotient |= 1;
        }
    }
    Some(quotient)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn largest_amount_times_one_is_itself() {
        assert_eq!(mul_floor(u128::MAX, Fixed::ONE), Ok(Some(u128::MAX)));
        assert_eq!(
            mul_div_floor(u128::MAX, Fixed::ONE, Fixed::ONE),
            Ok(Some(u128::MAX))
        );
    }

    #[test]
    fn beyond_u128_is_no_bound() {
        assert_eq!(mul_floor(u128::MAX, Fixed::from_num(2)), Ok(None));
        assert_eq!(
            mul_div_floor(u128::MAX, Fixed::ONE, Fixed::lit("0.5")),
            Ok(None)
        );
    }

    #[test]
    fn ratios_of_integers_are_exact_to_the_step() {
        assert_eq!(
            ratio_floor(94, 100),
            Ok(Fixed::from_bits((94i128 << 48) / 100))
        );
        assert_eq!(ratio_floor(u128::MAX, u128::MAX), Ok(Fixed::ONE));
        assert_eq!(
            ratio_floor(u128::MAX, 1),
            Err(SizingError::Overflow { op: "ratio" })
        );
        assert!(matches!(
            ratio_floor(1, 0),
            Err(SizingError::InvalidParameter { .. })
        ));
    }

    #[test]
    fn integer_ratios_use_the_full_product() {
        // (2^127) * 6 / 4 does not fit 128 bits on the way, but its result does.
        assert_eq!(mul_div_u128(1 << 127, 6, 8), Some(3 << 125));
        assert_eq!(mul_div_u128(u128::MAX, 2, 1), None);
        assert_eq!(mul_div_u128(1, 1, 0), None);
        assert_eq!(mul_div_u128(10, 1, 3), Some(3));
    }

    #[test]
    fn rounds_down() {
        // 10 * (1/3) = 3.33.. -> 3; the vault never rounds a limit up.
        assert_eq!(
            mul_div_floor(10, Fixed::ONE, Fixed::from_num(3)),
            Ok(Some(3))
        );
        assert_eq!(mul_floor(7, Fixed::lit("0.5")), Ok(Some(3)));
    }

    #[test]
    fn zero_denominator_and_negative_ratio_are_errors() {
        assert!(matches!(
            mul_div_floor(1, Fixed::ONE, Fixed::ZERO),
            Err(SizingError::InvalidParameter {
                name: "denominator",
                ..
            })
        ));
        assert!(matches!(
            mul_floor(1, Fixed::NEG_ONE),
            Err(SizingError::InvalidParameter { name: "ratio", .. })
        ));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn matches_u128_arithmetic_where_it_fits(a in 0u128..(1 << 64), n in 0u64..1 << 40, d in 1u64..1 << 40) {
            let num = Fixed::from_num(n);
            let den = Fixed::from_num(d);
            let expect = a * u128::from(n) / u128::from(d);
            prop_assert_eq!(mul_div_floor(a, num, den), Ok(Some(expect)));
        }

        #[test]
        fn full_range_agrees_with_reconstruction(a in any::<u128>(), ratio_bits in 0u128..(1 << 60)) {
            let ratio = Fixed::from_bits(i128::try_from(ratio_bits).unwrap());
            if let Some(q) = mul_floor(a, ratio).unwrap() {
                // q = floor(a * bits / 2^48): q * 2^48 <= a * bits < (q + 1) * 2^48
                let (hi, lo) = widening_mul(q, 1 << 48);
                let (phi, plo) = widening_mul(a, ratio_bits);
                prop_assert!((hi, lo) <= (phi, plo));
                let (hi2, lo2) = widening_mul(q + 1, 1 << 48);
                prop_assert!((phi, plo) < (hi2, lo2));
            }
        }
    }
}
