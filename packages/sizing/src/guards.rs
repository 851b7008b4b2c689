//! Oracle guards that are formulas: the jump circuit breaker.

use crate::caps::years;
use crate::error::{SizingError, SizingResult, overflow};
use crate::math::{self, Fixed};

/// Jump circuit breaker: a move is a jump when
/// `|log_return| > breaker_sigmas * vol * sqrt(elapsed / year)` (more than that many standard
/// deviations of the move expected over the elapsed time) or `|log_return| > max_move` (an absolute
/// cap that also covers a market whose volatility is not known yet, `vol = None`).
pub fn is_jump(
    log_return: Fixed,
    vol: Option<Fixed>,
    elapsed_seconds: u64,
    breaker_sigmas: Fixed,
    max_move: Fixed,
) -> SizingResult<bool> {
    if breaker_sigmas.is_negative() || max_move.is_negative() {
        return Err(SizingError::InvalidParameter {
            name: "breaker",
            value: format!("sigmas {breaker_sigmas}, max_move {max_move}"),
            rule: ">= 0",
        });
    }
    let size = log_return
        .checked_abs()
        .ok_or_else(|| overflow("is_jump"))?;
    if size > max_move {
        return Ok(true);
    }
    let Some(vol) = vol else {
        return Ok(false);
    };
    let expected = breaker_sigmas
        .checked_mul(vol)
        .and_then(|sv| sv.checked_mul(math::sqrt(years(elapsed_seconds).ok()?).ok()?))
        .ok_or_else(|| overflow("is_jump"))?;
    Ok(size > expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: u64 = 86_400;

    #[test]
    fn a_move_within_the_sigmas_passes() {
        // vol 0.73 a year over one day: sigma = 0.73 / sqrt(365) = 0.0382; 4 sigmas = 0.153
        let jump = is_jump(
            Fixed::lit("0.15"),
            Some(Fixed::lit("0.73")),
            DAY,
            Fixed::from_num(4),
            Fixed::ONE,
        );
        assert_eq!(jump, Ok(false));
    }

    #[test]
    fn a_move_beyond_the_sigmas_trips() {
        let jump = is_jump(
            Fixed::lit("-0.16"),
            Some(Fixed::lit("0.73")),
            DAY,
            Fixed::from_num(4),
            Fixed::ONE,
        );
        assert_eq!(jump, Ok(true));
    }

    #[test]
    fn a_longer_gap_allows_a_larger_move() {
        // four days double sigma: 8 day-sigmas = 0.306
        let jump = is_jump(
            Fixed::lit("0.2"),
            Some(Fixed::lit("0.73")),
            4 * DAY,
            Fixed::from_num(4),
            Fixed::ONE,
        );
        assert_eq!(jump, Ok(false));
    }

    #[test]
    fn the_absolute_cap_trips_without_a_volatility() {
        assert_eq!(
            is_jump(
                Fixed::lit("0.3"),
                None,
                DAY,
                Fixed::from_num(4),
                Fixed::lit("0.25")
            ),
            Ok(true)
        );
        assert_eq!(
            is_jump(
                Fixed::lit("0.2"),
                None,
                DAY,
                Fixed::from_num(4),
                Fixed::lit("0.25")
            ),
            Ok(false)
        );
    }

    #[test]
    fn zero_vol_makes_any_move_a_jump() {
        assert_eq!(
            is_jump(
                Fixed::DELTA,
                Some(Fixed::ZERO),
                DAY,
                Fixed::from_num(4),
                Fixed::ONE
            ),
            Ok(true)
        );
        assert_eq!(
            is_jump(
                Fixed::ZERO,
                Some(Fixed::ZERO),
                DAY,
                Fixed::from_num(4),
                Fixed::ONE
            ),
            Ok(false)
        );
    }

    #[test]
    fn negative_parameters_are_refused() {
        assert!(matches!(
            is_jump(Fixed::ZERO, None, DAY, Fixed::NEG_ONE, Fixed::ONE),
            Err(SizingError::InvalidParameter {
                name: "breaker",
                ..
            })
        ));
    }
}
