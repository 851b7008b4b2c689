//! The one error type of the risk math. Every domain error is a value here, never a panic or a wrap.

use thiserror::Error;

use crate::math::{Fixed, Wide};

/// What went wrong in a computation of `ballast-sizing`.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SizingError {
    /// A result or an intermediate value left the range of its fixed-point or integer type.
    #[error("overflow in {op}")]
    Overflow {
        /// The operation that overflowed, e.g. `exp` or `cap_vol_target`.
        op: &'static str,
    },
    /// The logarithm of zero or of a negative number.
    #[error("ln of a non-positive number ({value})")]
    LnOfNonPositive {
        /// The argument, as a decimal string.
        value: String,
    },
    /// The square root of a negative number.
    #[error("sqrt of a negative number ({value})")]
    SqrtOfNegative {
        /// The argument, as a decimal string.
        value: String,
    },
    /// `pow` with a negative base, or a zero base and a non-positive exponent.
    #[error("pow({base}, {exponent}) is undefined")]
    PowUndefined {
        /// The base, as a decimal string.
        base: String,
        /// The exponent, as a decimal string.
        exponent: String,
    },
    /// A price of zero or below.
    #[error("price must be positive, got {value}")]
    NonPositivePrice {
        /// The price as received.
        value: String,
    },
    /// Text that is not a plain decimal number (`123.45`, `1.2e-3`).
    #[error("{value:?} is not a decimal number")]
    InvalidDecimal {
        /// The text received.
        value: String,
    },
    /// An observation that is not strictly later than the previous one.
    #[error("observation time {time} is not after the previous one ({previous})")]
    TimeNotIncreasing {
        /// Unix seconds of the previous observation.
        previous: u64,
        /// Unix seconds of the rejected observation.
        time: u64,
    },
    /// A parameter outside the range the formula needs.
    #[error("{name} is {value}, must be {rule}")]
    InvalidParameter {
        /// The parameter's name, as in messages (`lambda`, `max_slippage`).
        name: &'static str,
        /// The value received, as a decimal string.
        value: String,
        /// The rule it broke, e.g. `in (0, 1)`.
        rule: &'static str,
    },
}

/// Result of every fallible function in this crate.
pub type SizingResult<T> = Result<T, SizingError>;

pub(crate) fn overflow(op: &'static str) -> SizingError {
    SizingError::Overflow { op }
}

/// The parameter `name` is `value`, which breaks `rule`.
pub(crate) fn invalid(name: &'static str, value: impl Shown, rule: &'static str) -> SizingError {
    SizingError::InvalidParameter {
        name,
        value: value.shown(),
        rule,
    }
}

/// A value as an error message writes it.
pub trait Shown {
    /// Its decimal text.
    fn shown(&self) -> String;
}

impl Shown for u64 {
    fn shown(&self) -> String {
        self.to_string()
    }
}

impl Shown for i32 {
    fn shown(&self) -> String {
        self.to_string()
    }
}

impl Shown for Fixed {
    /// 2^-48 is 3.6e-15: 16 digits tell any two values apart.
    fn shown(&self) -> String {
        decimal_text(self.to_bits(), Fixed::FRAC_NBITS, 16)
    }
}

impl Shown for Wide {
    /// 2^-80 is 8.3e-25: 25 digits tell any two values apart.
    fn shown(&self) -> String {
        decimal_text(self.to_bits(), Wide::FRAC_NBITS, 25)
    }
}

/// `bits / 2^frac_bits` in decimal, its fraction cut after `digits` digits, trailing zeros dropped.
/// (The `fixed` crate's own formatting is exact but adds 10 KB to every contract for these messages.)
fn decimal_text(bits: i128, frac_bits: u32, digits: usize) -> String {
    let magnitude = bits.unsigned_abs();
    let mask = u128::MAX.checked_shr(128 - frac_bits.min(127)).unwrap_or(0);
    let mut text = if bits < 0 {
        String::from("-")
    } else {
        String::new()
    };
    text.push_str(&magnitude.checked_shr(frac_bits).unwrap_or(0).to_string());
    let mut fraction = magnitude & mask;
    if fraction != 0 {
        text.push('.');
        for _ in 0..digits {
            // fraction < 2^frac_bits <= 2^80, so ten times it fits in u128
            let Some(tenfold) = fraction.checked_mul(10) else {
                break;
            };
            fraction = tenfold;
            let digit = u8::try_from(fraction.checked_shr(frac_bits).unwrap_or(0)).unwrap_or(0);
            text.push(char::from(b'0' + digit));
            fraction &= mask;
            if fraction == 0 {
                break;
            }
        }
        let kept = text.trim_end_matches('0').len();
        text.truncate(kept);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_values_read_as_short_decimals() {
        let cases = [
            (Fixed::ZERO, "0"),
            (Fixed::ONE, "1"),
            (Fixed::from_num(-5) / 4, "-1.25"),
            (Fixed::ONE / 3, "0.3333333333333321"),
            (Fixed::MIN, "-604462909807314587353088"),
            (Fixed::DELTA, "0.0000000000000035"),
        ];
        for (value, text) in cases {
            assert_eq!(value.shown(), text);
        }
        assert_eq!(Wide::ONE.shown(), "1");
        assert_eq!((Wide::ONE / 3).shown(), "0.333333333333333333333333");
        assert_eq!((-Wide::DELTA).shown(), "-0.0000000000000000000000008");
    }

    #[test]
    fn a_shown_value_parses_back_within_its_last_digit() {
        for bits in [
            1i128,
            7,
            1 << 47,
            (1 << 48) + 1,
            -(3 << 50) - 5,
            i128::MAX >> 3,
        ] {
            let value = Fixed::from_bits(bits);
            let back: Fixed = value.shown().parse().unwrap();
            assert!(
                (back - value).abs() <= Fixed::from_num(1) / 10_i128.pow(15),
                "{value}"
            );
        }
    }
}
