//! The standard normal distribution: its quantile z(alpha) for the VaR confidence levels governance
//! may choose, and its cumulative distribution function N(x) for option deltas.
//!
//! The quantile is a table, not an approximation: each value is the exact quantile rounded to 30
//! digits (mpmath, `sqrt(2) * erfinv(2 * alpha - 1)` at 40 digits), so the VaR cap carries no
//! approximation error. A level outside the table is an error naming the allowed ones.
//!
//! N(x) is computed at internal precision ([`Wide`], steps of 2^-80) and rounded once: a power series
//! for |x| < 5 and a continued fraction for the tail beyond, each far below the step of [`Fixed`].

use crate::error::{SizingError, SizingResult, overflow};
use crate::math::{self, Fixed, Wide};

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

/// 1 / sqrt(2 pi), the density of the standard normal at 0.
const INV_SQRT_2PI: Wide = Wide::lit("0.3989422804014326779399460599343818684759");
/// One half, N(0).
const HALF: Wide = Wide::lit("0.5");
/// Below this |x| the power series, at and above it the continued fraction.
const SERIES_LIMIT: Wide = Wide::lit("5");
/// From this |x| on, min(N(x), 1 - N(x)) < 2e-32: N(x) is 0 or 1 to far below a step of [`Wide`].
const TAIL_LIMIT: Wide = Wide::lit("12");
/// Levels of the continued fraction: at x = 5 its relative error is below 1e-22 (mpmath).
const CF_TERMS: i128 = 40;

/// The standard normal density phi(x) = exp(-x^2 / 2) / sqrt(2 pi), for |x| < [`TAIL_LIMIT`].
fn density(x: Wide) -> SizingResult<Wide> {
    let half_square = math::mul(x, x, "normal_cdf")?
        .checked_div_int(2)
        .ok_or_else(|| overflow("normal_cdf"))?;
    math::mul(math::exp_decay(-half_square)?, INV_SQRT_2PI, "normal_cdf")
}

/// N(x) - 1/2 = phi(x) * (x + x^3/3 + x^5/(3*5) + x^7/(3*5*7) + ...) for |x| < 5.
///
/// Every term has the sign of x, so nothing cancels; the sum stays below 4e5.
fn cdf_series(x: Wide) -> SizingResult<Wide> {
    let x2 = math::mul(x, x, "normal_cdf")?;
    let mut term = x;
    let mut sum = x;
    let mut odd: i128 = 1;
    while term != Wide::ZERO {
        odd = odd.checked_add(2).ok_or_else(|| overflow("normal_cdf"))?;
        term = math::mul(term, x2, "normal_cdf")?
            .checked_div_int(odd)
            .ok_or_else(|| overflow("normal_cdf"))?;
        sum = math::add(sum, term, "normal_cdf")?;
    }
    math::mul(density(x)?, sum, "normal_cdf")
}

/// The upper tail 1 - N(x) for 5 <= x < 12, by Laplace's continued fraction
/// phi(x) / (x + 1/(x + 2/(x + 3/(x + ...)))), evaluated from level [`CF_TERMS`] up.
fn upper_tail(x: Wide) -> SizingResult<Wide> {
    let mut t = x;
    for k in (1..=CF_TERMS).rev() {
        let k = Wide::checked_from_num(k).ok_or_else(|| overflow("normal_cdf"))?;
        t = math::add(x, math::div(k, t, "normal_cdf")?, "normal_cdf")?;
    }
    math::div(density(x)?, t, "normal_cdf")
}

/// N(x) at internal precision, in [0, 1].
pub(crate) fn normal_cdf_wide(x: Wide) -> SizingResult<Wide> {
    let magnitude = x.checked_abs().ok_or_else(|| overflow("normal_cdf"))?;
    let tail = if magnitude >= TAIL_LIMIT {
        Wide::ZERO
    } else if magnitude >= SERIES_LIMIT {
        upper_tail(magnitude)?
    } else {
        return math::add(HALF, cdf_series(x)?, "normal_cdf");
    };
    if x.is_negative() {
        Ok(tail)
    } else {
        math::sub(Wide::ONE, tail, "normal_cdf")
    }
}

/// The standard normal CDF N(x) = P(Z <= x), rounded to the nearest step; in [0, 1] for every x.
///
/// N(x) = 1/2 + phi(x) * sum x^(2n+1) / (1*3*...*(2n+1)) for |x| < 5, and
/// 1 - N(|x|) = phi(|x|) / (|x| + 1/(|x| + 2/(|x| + ...))) beyond; for |x| >= 12 the result is
/// 0 or 1, its nearest value (the tail is below 2e-32).
pub fn normal_cdf(x: Fixed) -> SizingResult<Fixed> {
    match math::widen(x) {
        Ok(w) => math::narrow(normal_cdf_wide(w)?),
        // Beyond about 1.4e14 the tail is zero at any precision.
        Err(_) if x.is_negative() => Ok(Fixed::ZERO),
        Err(_) => Ok(Fixed::ONE),
    }
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

    /// N(x) at 35 digits from mpmath (`ncdf` at 50 digits).
    #[rustfmt::skip]
    const CDF: [(&str, &str); 13] = [
        ("-10", "0.0000000000000000000000076198530241605260659733"),
        ("-8", "0.00000000000000062209605742717841235159951725881884"),
        ("-7", "0.000000000001279812543885835004383623690780833"),
        ("-5", "0.00000028665157187919391167375233287464535"),
        ("-3", "0.0013498980316300945266518147675949774"),
        ("-1", "0.15865525393145705141476745436796208"),
        ("-0.5", "0.30853753872598689636229538939166226"),
        ("0", "0.5"),
        ("0.25", "0.59870632568292372424085379158103374"),
        ("1.96", "0.97500210485177956586341573095916281"),
        ("3", "0.99865010196836990547334818523240502"),
        ("5", "0.99999971334842812080608832624766713"),
        ("7", "0.99999999999872018745611416499561638"),
    ];

    #[test]
    fn cdf_is_the_nearest_step_to_high_precision_values() {
        for (x, want) in CDF {
            let got = normal_cdf(x.parse().unwrap()).unwrap();
            // The nearest Fixed to the 35-digit value; internal error may move a tie by one step.
            let nearest: Fixed = want.parse().unwrap();
            let off = (got - nearest).abs();
            assert!(
                off <= Fixed::DELTA,
                "N({x}) = {got}, nearest step {nearest}"
            );
        }
    }

    #[test]
    fn cdf_is_symmetric() {
        for x in ["0.1", "1.5", "4.999", "5", "6.2", "11.9"] {
            let x: Fixed = x.parse().unwrap();
            let sum = normal_cdf(x).unwrap() + normal_cdf(-x).unwrap();
            assert!(
                (sum - Fixed::ONE).abs() <= Fixed::DELTA,
                "N({x}) + N(-{x}) = {sum}"
            );
        }
    }

    #[test]
    fn cdf_is_continuous_where_the_method_changes() {
        // Series on one side of 5, continued fraction on the other: one step of x apart.
        let five = Fixed::lit("5");
        let below = normal_cdf(five - Fixed::DELTA).unwrap();
        let at = normal_cdf(five).unwrap();
        assert!((at - below).abs() <= Fixed::DELTA, "{below} vs {at}");
    }

    #[test]
    fn cdf_saturates_exactly_far_out() {
        assert_eq!(normal_cdf(Fixed::lit("12")), Ok(Fixed::ONE));
        assert_eq!(normal_cdf(Fixed::lit("-12")), Ok(Fixed::ZERO));
        assert_eq!(normal_cdf(Fixed::MAX), Ok(Fixed::ONE));
        assert_eq!(normal_cdf(Fixed::MIN), Ok(Fixed::ZERO));
        // Just inside 12 the tail is still below half a step.
        assert_eq!(normal_cdf(Fixed::lit("11.99")), Ok(Fixed::ONE));
    }
}
