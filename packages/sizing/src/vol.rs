//! The EWMA volatility estimator of DESIGN section 4, one observation at a time.
//!
//! ```text
//! r_i  = ln(P_i / P_{i-1})            D_i = t_i - t_{i-1}
//! a_i  = lambda^(D_i / tau)
//! v_1  = r_1^2 * Y / D_1              (the first return seeds the variance)
//! v_i  = a_i * v_{i-1} + (1 - a_i) * r_i^2 * Y / D_i
//! vol_i = sqrt(v_i)                   annualised, Y = 31,536,000 s
//! ```
//! A gap of any length (a weekend, a congested chain) enters through the fractional exponent D_i / tau.
//! Prices arrive as decimals, mantissa * 10^expo, as oracles publish them, and the log return is
//! taken from the mantissas exactly, so a tiny price (BTC at $0.05) loses no digits.
//! The variance is kept at internal precision between observations.

use std::str::FromStr;

use crate::error::{Shown, SizingError, SizingResult, overflow};
use crate::math::{self, Fixed, Wide};

/// Seconds in the 365-day year used to annualise.
pub const SECONDS_PER_YEAR: u64 = 31_536_000;

/// A positive price written as `mantissa * 10^expo` (Pyth's `price` and `expo`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Price {
    mantissa: u128,
    expo: i32,
}

impl Price {
    /// A price of `mantissa * 10^expo`; an error when the mantissa is zero.
    pub fn new(mantissa: u128, expo: i32) -> SizingResult<Self> {
        if mantissa == 0 {
            return Err(SizingError::NonPositivePrice {
                value: format!("0e{expo}"),
            });
        }
        Ok(Self { mantissa, expo })
    }

    /// The integer mantissa.
    pub fn mantissa(&self) -> u128 {
        self.mantissa
    }

    /// The power of ten.
    pub fn expo(&self) -> i32 {
        self.expo
    }

    /// ln(self / earlier) at internal precision.
    pub fn log_return_since(&self, earlier: &Price) -> SizingResult<Wide> {
        math::sub(
            math::ln_decimal(self.mantissa, self.expo)?,
            math::ln_decimal(earlier.mantissa, earlier.expo)?,
            "log_return",
        )
    }
}

impl FromStr for Price {
    type Err = SizingError;

    /// Parses a decimal such as `0.05`, `64123.5` or `1.5e-3` exactly into mantissa and exponent.
    fn from_str(text: &str) -> SizingResult<Self> {
        let invalid = || SizingError::InvalidDecimal {
            value: text.to_string(),
        };
        if text.starts_with('-') {
            return Err(SizingError::NonPositivePrice {
                value: text.to_string(),
            });
        }
        let unsigned = text.strip_prefix('+').unwrap_or(text);
        let (number, exponent) = match unsigned.split_once(['e', 'E']) {
            Some((n, e)) => (n, e.parse::<i32>().map_err(|_| invalid())?),
            None => (unsigned, 0),
        };
        let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
        let digits_ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() && fraction.is_empty() || !digits_ok(whole) || !digits_ok(fraction) {
            return Err(invalid());
        }
        let mut mantissa: u128 = 0;
        for b in whole.bytes().chain(fraction.bytes()) {
            mantissa = mantissa
                .checked_mul(10)
                .and_then(|m| m.checked_add(u128::from(b - b'0')))
                .ok_or_else(invalid)?;
        }
        let scale = i32::try_from(fraction.len()).map_err(|_| invalid())?;
        let expo = exponent.checked_sub(scale).ok_or_else(invalid)?;
        if mantissa == 0 {
            return Err(SizingError::NonPositivePrice {
                value: text.to_string(),
            });
        }
        Self::new(mantissa, expo)
    }
}

/// Parameters of the estimator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EwmaParams {
    lambda: Fixed,
    step_seconds: u64,
}

impl EwmaParams {
    /// `lambda` is the decay per reference step, in (0, 1); `step_seconds` (tau) is that step, > 0.
    pub fn new(lambda: Fixed, step_seconds: u64) -> SizingResult<Self> {
        if lambda <= Fixed::ZERO || lambda >= Fixed::ONE {
            return Err(SizingError::InvalidParameter {
                name: "lambda",
                value: lambda.shown(),
                rule: "in (0, 1)",
            });
        }
        if step_seconds == 0 {
            return Err(SizingError::InvalidParameter {
                name: "step_seconds",
                value: "0".to_string(),
                rule: "> 0",
            });
        }
        Ok(Self {
            lambda,
            step_seconds,
        })
    }

    /// Decay per reference step.
    pub fn lambda(&self) -> Fixed {
        self.lambda
    }

    /// The reference step tau, seconds.
    pub fn step_seconds(&self) -> u64 {
        self.step_seconds
    }
}

/// The estimator's state between observations: small enough for a contract to store per market.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VolState {
    /// Unix seconds of the last observation.
    pub last_time: u64,
    /// The last observed price.
    pub last_price: Price,
    /// Annualised variance at internal precision; None until the first return.
    pub variance: Option<Wide>,
    /// Number of returns folded in so far.
    pub returns: u64,
}

impl VolState {
    /// The state after the first price: no return yet, so no variance.
    pub fn new(time: u64, price: Price) -> Self {
        Self {
            last_time: time,
            last_price: price,
            variance: None,
            returns: 0,
        }
    }

    /// Folds in the next observation. On error the state is unchanged.
    pub fn observe(&mut self, params: &EwmaParams, time: u64, price: Price) -> SizingResult<()> {
        *self = self.observed(params, time, price)?;
        Ok(())
    }

    /// The state after the next observation, leaving `self` as it is.
    pub fn observed(&self, params: &EwmaParams, time: u64, price: Price) -> SizingResult<Self> {
        let elapsed = match time.checked_sub(self.last_time) {
            Some(d) if d > 0 => d,
            _ => {
                return Err(SizingError::TimeNotIncreasing {
                    previous: self.last_time,
                    time,
                });
            }
        };
        let r = price.log_return_since(&self.last_price)?;
        // r * (r * Y / D): the small square keeps its digits.
        let year = wide_from_u64(SECONDS_PER_YEAR)?;
        let d = wide_from_u64(elapsed)?;
        let r_annual = math::div(math::mul(r, year, "vol")?, d, "vol")?;
        let sample = math::mul(r, r_annual, "vol")?;
        let variance = match self.variance {
            None => sample,
            Some(prev) => {
                let steps = math::div(d, wide_from_u64(params.step_seconds)?, "vol")?;
                let a = math::decay(params.lambda, steps)?;
                let one_minus_a = math::sub(Wide::ONE, a, "vol")?;
                math::add(
                    math::mul(a, prev, "vol")?,
                    math::mul(one_minus_a, sample, "vol")?,
                    "vol",
                )?
            }
        };
        Ok(Self {
            last_time: time,
            last_price: price,
            variance: Some(variance),
            returns: self.returns.checked_add(1).ok_or_else(|| overflow("vol"))?,
        })
    }

    /// Annualised variance, rounded to [`Fixed`]; None before the first return.
    pub fn variance(&self) -> SizingResult<Option<Fixed>> {
        self.variance.map(math::narrow).transpose()
    }

    /// Annualised volatility sqrt(variance) (0.5 = 50%); None before the first return.
    pub fn vol(&self) -> SizingResult<Option<Fixed>> {
        self.variance
            .map(|v| math::sqrt_wide(v).and_then(math::narrow))
            .transpose()
    }
}

fn wide_from_u64(x: u64) -> SizingResult<Wide> {
    Wide::checked_from_num(x).ok_or_else(|| overflow("vol"))
}
