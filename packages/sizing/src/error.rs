//! The one error type of the risk math. Every domain error is a value here, never a panic or a wrap.

use thiserror::Error;

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
pub(crate) fn invalid(name: &'static str, value: impl ToString, rule: &'static str) -> SizingError {
    SizingError::InvalidParameter {
        name,
        value: value.to_string(),
        rule,
    }
}
