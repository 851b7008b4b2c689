//! The one boundary between cosmwasm numbers and `ballast-sizing`'s fixed point.
//!
//! Every conversion fails loudly on loss of range; none rounds up in the caller's favour:
//! `Decimal` -> [`Fixed`] rounds down (to the 2^-48 step), [`Fixed`] -> `Decimal` rounds down
//! (to 10^-18).

use ballast_sizing::error::Shown;
use ballast_sizing::{Fixed, Price, SizingError, mul_floor, ratio_floor};
use cosmwasm_std::{Decimal, Decimal256, SignedDecimal, Uint128, Uint256};
use thiserror::Error;

use crate::pyth::PythPrice;

/// 10^18, the scale of `Decimal` atomics.
const DECIMAL_SCALE: u128 = 1_000_000_000_000_000_000;

/// A number that does not survive the crossing.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ConvertError {
    /// Out of the target type's range.
    #[error("{what} is out of range: {value}")]
    OutOfRange {
        /// What was converted (`decimal`, `price`).
        what: &'static str,
        /// The value, as text.
        value: String,
    },
    /// A negative value where only non-negative ones make sense.
    #[error("{what} must not be negative: {value}")]
    Negative {
        /// What was converted.
        what: &'static str,
        /// The value, as text.
        value: String,
    },
    /// A price of zero or below.
    #[error("price must be positive: {value}")]
    NonPositivePrice {
        /// The price mantissa.
        value: i64,
    },
}

fn out_of_range(what: &'static str, value: impl ToString) -> ConvertError {
    ConvertError::OutOfRange {
        what,
        value: value.to_string(),
    }
}

/// A `Decimal` ratio as [`Fixed`], rounded down to the step.
pub fn decimal_to_fixed(d: Decimal) -> Result<Fixed, ConvertError> {
    ratio_floor(d.atomics().u128(), DECIMAL_SCALE).map_err(|_| out_of_range("decimal", d))
}

/// A `SignedDecimal` as [`Fixed`], its magnitude rounded down.
pub fn signed_decimal_to_fixed(d: SignedDecimal) -> Result<Fixed, ConvertError> {
    let magnitude = ratio_floor(d.atomics().i128().unsigned_abs(), DECIMAL_SCALE)
        .map_err(|_| out_of_range("signed decimal", d))?;
    Ok(if d.is_negative() {
        -magnitude
    } else {
        magnitude
    })
}

/// A non-negative [`Fixed`] as `Decimal`, rounded down to 10^-18.
pub fn fixed_to_decimal(x: Fixed) -> Result<Decimal, ConvertError> {
    if x.is_negative() {
        return Err(ConvertError::Negative {
            what: "ratio",
            value: x.shown(),
        });
    }
    let atomics = mul_floor(DECIMAL_SCALE, x)
        .map_err(|_| out_of_range("ratio", x.shown()))?
        .ok_or_else(|| out_of_range("ratio", x.shown()))?;
    Decimal::from_atomics(Uint128::new(atomics), 18).map_err(|_| out_of_range("ratio", x.shown()))
}

/// A signed [`Fixed`] as `SignedDecimal`, its magnitude rounded down to 10^-18.
pub fn fixed_to_signed_decimal(x: Fixed) -> Result<SignedDecimal, ConvertError> {
    let magnitude = fixed_to_decimal(
        x.checked_abs()
            .ok_or_else(|| out_of_range("ratio", x.shown()))?,
    )?;
    let signed =
        SignedDecimal::try_from(magnitude).map_err(|_| out_of_range("signed ratio", x.shown()))?;
    Ok(if x.is_negative() { -signed } else { signed })
}

/// z(alpha) of a VaR confidence level given as a `Decimal` (0.99), looked up exactly.
pub fn var_quantile(alpha: Decimal) -> Result<Fixed, ConvertError> {
    let atomics = alpha.atomics().u128();
    const PER_MILLE: u128 = DECIMAL_SCALE / 1_000;
    let unlisted = || out_of_range("var_confidence", alpha);
    if !atomics.is_multiple_of(PER_MILLE) {
        return Err(unlisted());
    }
    let permille = u32::try_from(atomics / PER_MILLE).map_err(|_| unlisted())?;
    ballast_sizing::normal_quantile_permille(permille).map_err(|_| unlisted())
}

/// A Pyth price as the estimator's exact decimal `mantissa * 10^expo`.
pub fn pyth_to_price(p: &PythPrice) -> Result<Price, ConvertError> {
    let mantissa = u128::try_from(p.price.i64())
        .ok()
        .filter(|m| *m > 0)
        .ok_or(ConvertError::NonPositivePrice {
            value: p.price.i64(),
        })?;
    Price::new(mantissa, p.expo).map_err(|_| ConvertError::NonPositivePrice {
        value: p.price.i64(),
    })
}

/// A Pyth price `price * 10^expo` as `Decimal256`; exponents below -18 lose digits and are refused.
pub fn pyth_to_decimal256(p: &PythPrice) -> Result<Decimal256, ConvertError> {
    let price = pyth_to_price(p)?;
    decimal256_from_parts(price.mantissa(), p.expo)
}

/// A Pyth price `price * 10^expo` as `Decimal`, for venues that take a price; beyond `Decimal`'s range
/// is refused.
pub fn pyth_to_decimal(p: &PythPrice) -> Result<Decimal, ConvertError> {
    let wide = pyth_to_decimal256(p)?;
    Decimal::try_from(wide).map_err(|_| out_of_range("price", format!("{}e{}", p.price, p.expo)))
}

/// conf / price as [`Fixed`]: the relative width of the confidence interval.
pub fn confidence_ratio(p: &PythPrice) -> Result<Fixed, ConvertError> {
    let price = pyth_to_price(p)?;
    ratio_floor(u128::from(p.conf.u64()), price.mantissa())
        .map_err(|_| out_of_range("confidence", p.conf))
}

fn decimal256_from_parts(mantissa: u128, expo: i32) -> Result<Decimal256, ConvertError> {
    let value = || format!("{mantissa}e{expo}");
    // Decimal256 holds 18 decimal places; finer prices would be truncated.
    if expo < -18 {
        return Err(out_of_range("price", value()));
    }
    if expo >= 0 {
        let factor = Uint256::from(10u8)
            .checked_pow(expo.unsigned_abs())
            .map_err(|_| out_of_range("price", value()))?;
        let whole = Uint256::from(mantissa)
            .checked_mul(factor)
            .map_err(|_| out_of_range("price", value()))?;
        Decimal256::from_atomics(whole, 0).map_err(|_| out_of_range("price", value()))
    } else {
        Decimal256::from_atomics(Uint256::from(mantissa), expo.unsigned_abs())
            .map_err(|_| out_of_range("price", value()))
    }
}

/// A sizing error from a conversion input, for callers that need one error type.
impl From<SizingError> for ConvertError {
    fn from(e: SizingError) -> Self {
        out_of_range("value", e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::{Int64, Uint64};

    fn pyth(price: i64, conf: u64, expo: i32) -> PythPrice {
        PythPrice {
            price: Int64::new(price),
            conf: Uint64::new(conf),
            expo,
            publish_time: 0,
        }
    }

    #[test]
    fn decimals_cross_and_come_back_rounded_down() {
        let d = Decimal::percent(94);
        let x = decimal_to_fixed(d).unwrap();
        assert!(x <= Fixed::lit("0.94") && Fixed::lit("0.94") - x <= Fixed::DELTA);
        let back = fixed_to_decimal(x).unwrap();
        assert!(back <= d && d - back < Decimal::from_atomics(10_000u128, 18).unwrap());
    }

    #[test]
    fn the_largest_decimal_fits() {
        // Decimal::MAX is about 3.4e20, inside I80F48's 6e23.
        let x = decimal_to_fixed(Decimal::MAX).unwrap();
        assert_eq!(x.to_num::<u128>(), Decimal::MAX.to_uint_floor().u128());
    }

    #[test]
    fn negative_signed_decimals_keep_their_sign() {
        let x = signed_decimal_to_fixed(SignedDecimal::percent(-50)).unwrap();
        assert_eq!(x, Fixed::lit("-0.5"));
    }

    #[test]
    fn signed_fixed_crosses_with_its_sign() {
        let d = fixed_to_signed_decimal(Fixed::lit("-2.5")).unwrap();
        assert_eq!(d, SignedDecimal::percent(-250));
        assert_eq!(
            fixed_to_signed_decimal(Fixed::lit("0.75")).unwrap(),
            SignedDecimal::percent(75)
        );
    }

    #[test]
    fn negative_fixed_is_not_a_decimal() {
        assert!(matches!(
            fixed_to_decimal(Fixed::NEG_ONE),
            Err(ConvertError::Negative { .. })
        ));
    }

    #[test]
    fn pyth_prices_convert_exactly() {
        let p = pyth(6_500_012_345_678, 0, -8);
        assert_eq!(
            pyth_to_decimal256(&p).unwrap(),
            "65000.12345678".parse::<Decimal256>().unwrap()
        );
        assert_eq!(
            pyth_to_decimal256(&pyth(12, 0, 3)).unwrap(),
            Decimal256::from_atomics(12_000u128, 0).unwrap()
        );
        let price = pyth_to_price(&p).unwrap();
        assert_eq!((price.mantissa(), price.expo()), (6_500_012_345_678, -8));
    }

    #[test]
    fn non_positive_and_too_fine_prices_are_refused() {
        assert_eq!(
            pyth_to_price(&pyth(0, 0, -8)),
            Err(ConvertError::NonPositivePrice { value: 0 })
        );
        assert_eq!(
            pyth_to_price(&pyth(-5, 0, -8)),
            Err(ConvertError::NonPositivePrice { value: -5 })
        );
        assert!(matches!(
            pyth_to_decimal256(&pyth(5, 0, -19)),
            Err(ConvertError::OutOfRange { what: "price", .. })
        ));
    }

    #[test]
    fn confidence_is_relative_to_price() {
        let r = confidence_ratio(&pyth(10_000, 25, -2)).unwrap();
        assert_eq!(r, Fixed::from_bits((25i128 << 48) / 10_000));
    }
}
