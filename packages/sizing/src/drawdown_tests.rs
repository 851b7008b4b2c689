use super::*;
use crate::error::SizingError;

fn fx(s: &str) -> Fixed {
    s.parse().expect("fixed literal")
}

fn close(a: Fixed, b: Fixed) -> bool {
    a.abs_diff(b) <= Fixed::from_bits(16)
}

const DAY: u64 = 86_400;

#[test]
fn drawdown_is_the_fall_from_the_peak() {
    assert_eq!(drawdown(fx("0.75"), fx("1")), Ok(fx("0.25")));
    assert_eq!(drawdown(fx("2"), fx("4")), Ok(fx("0.5")));
}

#[test]
fn drawdown_is_zero_at_or_above_the_peak() {
    assert_eq!(drawdown(fx("1"), fx("1")), Ok(Fixed::ZERO));
    assert_eq!(drawdown(fx("1.5"), fx("1")), Ok(Fixed::ZERO));
}

#[test]
fn drawdown_of_a_worthless_share_is_one_and_a_zero_peak_is_an_error() {
    assert_eq!(drawdown(Fixed::ZERO, fx("3")), Ok(Fixed::ONE));
    assert!(matches!(
        drawdown(fx("1"), Fixed::ZERO),
        Err(SizingError::InvalidParameter { name: "peak", .. })
    ));
}

#[test]
fn scale_is_one_until_start_zero_from_max_and_linear_between() {
    let (start, max) = (fx("0.25"), fx("0.5"));
    assert_eq!(brake_scale(Fixed::ZERO, start, max), Ok(Fixed::ONE));
    assert_eq!(brake_scale(fx("0.25"), start, max), Ok(Fixed::ONE));
    let at_30 = brake_scale(fx("0.3"), start, max).unwrap();
    assert!(close(at_30, fx("0.8")), "{at_30}");
    assert_eq!(brake_scale(fx("0.375"), start, max), Ok(fx("0.5")));
    assert_eq!(brake_scale(fx("0.5"), start, max), Ok(Fixed::ZERO));
    assert_eq!(brake_scale(fx("0.9"), start, max), Ok(Fixed::ZERO));
}

#[test]
fn scale_with_start_zero_brakes_from_the_first_loss() {
    let scale = brake_scale(fx("0.1"), Fixed::ZERO, fx("0.4")).unwrap();
    assert!(close(scale, fx("0.75")), "{scale}");
}

#[test]
fn scale_refuses_a_start_at_or_beyond_max_and_a_max_above_one() {
    for (start, max) in [("0.5", "0.5"), ("0.6", "0.5"), ("-0.1", "0.5")] {
        assert!(matches!(
            brake_scale(fx("0.1"), fx(start), fx(max)),
            Err(SizingError::InvalidParameter {
                name: "drawdown_start",
                ..
            })
        ));
    }
    assert!(matches!(
        brake_scale(fx("0.1"), fx("0.2"), fx("1.5")),
        Err(SizingError::InvalidParameter {
            name: "max_drawdown",
            ..
        })
    ));
}

#[test]
fn a_new_high_is_the_peak_at_once() {
    assert_eq!(
        decayed_peak(fx("1"), fx("1.2"), DAY, 365 * DAY),
        Ok(fx("1.2"))
    );
    assert_eq!(decayed_peak(fx("1"), fx("1"), 0, DAY), Ok(fx("1")));
}

#[test]
fn below_the_peak_the_gap_halves_every_half_life() {
    let hl = 730 * DAY;
    assert_eq!(decayed_peak(fx("2"), fx("1"), 0, hl), Ok(fx("2")));
    let one = decayed_peak(fx("2"), fx("1"), hl, hl).unwrap();
    assert!(close(one, fx("1.5")), "{one}");
    let two = decayed_peak(fx("2"), fx("1"), 2 * hl, hl).unwrap();
    assert!(close(two, fx("1.25")), "{two}");
    // One day at a time over a half-life gives the same as one step (2^-a * 2^-b = 2^-(a+b)).
    let mut peak = fx("2");
    for _ in 0..730 {
        peak = decayed_peak(peak, fx("1"), DAY, hl).unwrap();
    }
    assert!(peak.abs_diff(fx("1.5")) < fx("0.000000001"), "{peak}");
}

#[test]
fn a_very_old_peak_is_forgotten_and_a_zero_half_life_is_an_error() {
    assert_eq!(decayed_peak(fx("2"), fx("1"), u64::MAX, DAY), Ok(fx("1")));
    assert!(matches!(
        decayed_peak(fx("2"), fx("1"), DAY, 0),
        Err(SizingError::InvalidParameter {
            name: "peak_half_life",
            ..
        })
    ));
}

#[test]
fn cap_scales_the_volatility_target() {
    let c = cap(Some(Notional(1_000)), fx("0.5")).unwrap();
    assert_eq!(c.kind, CapKind::Drawdown);
    assert_eq!(c.limit, Some(Notional(500)));
    assert_eq!(
        cap(Some(Notional(1_000)), Fixed::ONE).unwrap().limit,
        Some(Notional(1_000))
    );
    assert_eq!(
        cap(Some(Notional(1_000)), Fixed::ZERO).unwrap().limit,
        Some(Notional(0))
    );
}

#[test]
fn cap_without_a_bound_stays_unbounded_unless_the_brake_is_shut() {
    assert_eq!(cap(None, fx("0.5")).unwrap().limit, None);
    assert_eq!(cap(None, Fixed::ZERO).unwrap().limit, Some(Notional(0)));
}

#[test]
fn cap_refuses_a_scale_outside_zero_one() {
    assert!(cap(Some(Notional(1)), fx("1.5")).is_err());
    assert!(cap(Some(Notional(1)), fx("-0.5")).is_err());
}
