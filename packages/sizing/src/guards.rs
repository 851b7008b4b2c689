//! Oracle guards that are formulas: the jump circuit breaker.

use crate::caps::years;
use crate::error::{Shown, SizingError, SizingResult, overflow};
use crate::math::{self, Fixed};

/// The shortest interval the breaker measures a move over, seconds: one hour.
///
/// The volatility it scales by is estimated from returns a day apart (the estimator's usual step);
/// `sqrt(elapsed)` carries it down to an hour fairly, but over seconds prices move by ticks and
/// oracle noise, not by diffusion, and the expected move shrinks toward zero. Without a floor anyone
/// who marks every few seconds makes an ordinary +0.3% tick a many-sigma "jump" and halts the market
/// at will. Over an hour, eight sigmas of a 40% volatility are 3.4%: a real jump still trips it.
pub const BREAKER_MIN_INTERVAL: u64 = 3_600;

/// Jump circuit breaker: a move is a jump when
/// `|log_return| > breaker_sigmas * vol * sqrt(max(elapsed, BREAKER_MIN_INTERVAL) / year)` (more
/// than that many standard deviations of the move expected over the elapsed time, at least an hour)
/// or `|log_return| > max_move` (an absolute cap that also covers a market whose volatility is not
/// known yet, `vol = None`).
///
/// `elapsed_seconds = 0` is a price that is not newer than the last one (the same publish time, or
/// an older one): not a later observation but a contradiction of one, so any move at all is a jump.
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
            value: format!(
                "sigmas {}, max_move {}",
                breaker_sigmas.shown(),
                max_move.shown()
            ),
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
    let interval = match elapsed_seconds {
        0 => 0,
        elapsed => elapsed.max(BREAKER_MIN_INTERVAL),
    };
    let expected = breaker_sigmas
        .checked_mul(vol)
        .and_then(|sv| sv.checked_mul(math::sqrt(years(interval).ok()?).ok()?))
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
    fn a_move_seconds_after_the_last_is_measured_over_the_minimum_interval() {
        // vol 0.4 over 5 s: 8 sigmas = 0.0032, so +0.3% tripped; over an hour 8 sigmas = 0.0342.
        let tick = |elapsed| {
            is_jump(
                Fixed::lit("0.003"),
                Some(Fixed::lit("0.4")),
                elapsed,
                Fixed::from_num(8),
                Fixed::lit("0.25"),
            )
        };
        assert_eq!(tick(5), Ok(false));
        assert_eq!(tick(1), Ok(false));
        assert_eq!(tick(BREAKER_MIN_INTERVAL), Ok(false));
    }

    #[test]
    fn the_floor_is_the_hour_and_longer_gaps_scale_as_before() {
        // Just past 8 sigmas of an hour (0.0342) trips 5 s or an hour later, not two hours later.
        let jump = |elapsed| {
            is_jump(
                Fixed::lit("0.035"),
                Some(Fixed::lit("0.4")),
                elapsed,
                Fixed::from_num(8),
                Fixed::lit("0.25"),
            )
        };
        assert_eq!(jump(5), Ok(true));
        assert_eq!(jump(BREAKER_MIN_INTERVAL), Ok(true));
        assert_eq!(jump(2 * BREAKER_MIN_INTERVAL), Ok(false));
    }

    #[test]
    fn a_real_jump_seconds_later_still_trips() {
        // -20% and +20% in 5 s: inside the 0.25 absolute cap, far past 8 sigmas of an hour.
        for log_return in ["-0.223", "0.182"] {
            let jump = is_jump(
                Fixed::lit(log_return),
                Some(Fixed::lit("0.4")),
                5,
                Fixed::from_num(8),
                Fixed::lit("0.25"),
            );
            assert_eq!(jump, Ok(true), "{log_return}");
        }
    }

    #[test]
    fn a_move_over_no_time_is_a_jump() {
        // A second price for the same publish time (or an older one) gets no floor.
        let jump = is_jump(
            Fixed::lit("0.001"),
            Some(Fixed::lit("0.4")),
            0,
            Fixed::from_num(8),
            Fixed::lit("0.25"),
        );
        assert_eq!(jump, Ok(true));
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
