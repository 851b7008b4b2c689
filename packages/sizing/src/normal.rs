//! The standard normal quantile z(alpha) for the VaR confidence levels governance may choose.
//!
//! A table, not an approximation: each value is the exact quantile rounded to 30 digits
//! (mpmath, `sqrt(2) * erfinv(2 * alpha - 1)` at 40 digits), so the VaR cap carries no
//! approximation error. A level outside the table is an error naming the allowed ones.

use crate::error::{SizingError, SizingResult};
use crate::math::Fixed;

/// (alpha in thousandths, alpha, z(alpha)) for every level governance may choose.
#[rustfmt::skip]
const QUANTILES: [(u32, Fixed, Fixed); 6] = [
    (900, Fixed::lit("0.9"), Fixed::lit("1.28155156554460046696510332945")),
    (950, Fixed::lit("0.95"), Fixed::lit("1.64485362695147271486384890799")),
    (975, Fixed::lit("0.975"), Fixed::lit("1.95996398454005423552459443052")),
    (990, Fixed::lit("0.99"), Fixed::lit("2.32634787404084110088560616335")),
    (995, Fixed::lit("0.995"), Fixed::lit("2.5758293035489007609785767486")),
    (999, Fixed::lit("0.999"), Fixed::lit("3.09023230616781354154039983011")),
];

fn unlisted(value: String) -> SizingError {
    SizingError::InvalidParameter {
        name: "var_confidence",
        value,
        rule: "one of 0.9, 0.95, 0.975, 0.99, 0.995, 0.999",
    }
}

/// z(alpha) for alpha given in thousandths (990 for 0.99): exact for decimal inputs.
pub fn normal_quantile_permille(permille: u32) -> SizingResult<Fixed> {
    QUANTILES
        .iter()
        .find(|(level, _, _)| *level == permille)
        .map(|(_, _, z)| *z)
        .ok_or_else(|| unlisted(format!("{permille}/1000")))
}

/// z(alpha), the standard normal quantile at confidence `alpha` (0.99 gives 2.3263...).
pub fn normal_quantile(alpha: Fixed) -> SizingResult<Fixed> {
    QUANTILES
        .iter()
        .find(|(_, level, _)| *level == alpha)
        .map(|(_, _, z)| *z)
        .ok_or_else(|| unlisted(alpha.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_level_matches_the_inverse_cdf() {
        // f64 references from the inverse CDF; the table holds each value to the nearest step.
        let reference = [
            (0.9, 1.2815515655446004),
            (0.95, 1.6448536269514722),
            (0.975, 1.959963984540054),
            (0.99, 2.3263478740408408),
            (0.995, 2.5758293035489004),
            (0.999, 3.090232306167813),
        ];
        for (alpha, z) in reference {
            let got = normal_quantile(Fixed::from_num(alpha)).expect("level in table");
            assert!(
                (got.to_num::<f64>() - z).abs() <= Fixed::DELTA.to_num::<f64>(),
                "z({alpha}) = {got}"
            );
        }
    }

    #[test]
    fn thousandths_find_the_same_levels() {
        assert_eq!(
            normal_quantile_permille(990),
            normal_quantile(Fixed::lit("0.99"))
        );
        assert!(normal_quantile_permille(980).is_err());
    }

    #[test]
    fn unlisted_level_is_refused_by_name() {
        let err = normal_quantile(Fixed::lit("0.98")).unwrap_err();
        assert!(matches!(
            err,
            SizingError::InvalidParameter {
                name: "var_confidence",
                ..
            }
        ));
    }
}
