//! The hedge plan in the vault's units.

use super::*;
use crate::options::{EuropeanOption, OptionKind};

fn fx(decimal: &str) -> Fixed {
    decimal.parse().unwrap()
}

/// BTC at 60,000 with Pyth's exponent -8.
fn btc() -> Price {
    Price::new(6_000_000_000_000, -8).unwrap()
}

#[test]
fn prices_convert_exactly_or_round_down() {
    assert_eq!(price_to_fixed(btc()).unwrap(), fx("60000"));
    assert_eq!(
        price_to_fixed(Price::new(12, 3).unwrap()).unwrap(),
        fx("12000")
    );
    let third = price_to_fixed(Price::new(1, -1).unwrap()).unwrap();
    assert!(third <= fx("0.1") && fx("0.1") - third <= Fixed::DELTA);
}

#[test]
fn a_price_beyond_the_range_is_an_error() {
    assert!(price_to_fixed(Price::new(1, 30).unwrap()).is_err());
    assert!(price_to_fixed(Price::new(1, 40).unwrap()).is_err());
}

#[test]
fn quantity_and_notional_round_trip() {
    let price = fx("60000");
    assert_eq!(quantity_of(Notional(600_000), price).unwrap(), fx("10"));
    assert_eq!(notional_of(fx("-10"), price).unwrap(), Notional(600_000));
    // Rounded down: 1 base unit is 1/60000 of a unit.
    let q = quantity_of(Notional(1), price).unwrap();
    assert!(notional_of(q, price).unwrap() <= Notional(1));
    assert!(quantity_of(Notional(1), Fixed::ZERO).is_err());
}

#[test]
fn a_long_spot_leg_without_a_perp_position_is_hedged_short() {
    let leg = Leg::Spot { quantity: fx("10") };
    let plan = plan(&leg, None, Notional(0), btc(), Fixed::ZERO).unwrap();
    assert_eq!((plan.leg_delta, plan.perp_delta), (fx("10"), Fixed::ZERO));
    assert_eq!(plan.order, fx("-10"));
    assert_eq!(plan.side(), Side::Short);
    assert_eq!(plan.notional, Notional(600_000));
    assert!(!plan.reduces);
}

#[test]
fn a_hedged_leg_needs_no_order() {
    let leg = Leg::Spot { quantity: fx("10") };
    let plan = plan(&leg, Some(Side::Short), Notional(600_000), btc(), fx("0.5")).unwrap();
    assert_eq!(plan.net_delta, Fixed::ZERO);
    assert_eq!(plan.notional, Notional(0));
}

#[test]
fn an_over_hedge_is_reduced_to_the_band_edge() {
    // Short 12 against a long 10: net -2, band 1, buy 1 back: a reduction.
    let leg = Leg::Spot { quantity: fx("10") };
    let plan = plan(&leg, Some(Side::Short), Notional(720_000), btc(), fx("1")).unwrap();
    assert_eq!(plan.net_delta, fx("-2"));
    assert_eq!(plan.order, fx("1"));
    assert_eq!(plan.side(), Side::Long);
    assert!(plan.reduces);
}

#[test]
fn an_order_past_flat_does_not_only_reduce() {
    // Long 5 perp beside a long 10 leg: sell 15, through flat.
    let leg = Leg::Spot { quantity: fx("10") };
    let plan = plan(
        &leg,
        Some(Side::Long),
        Notional(300_000),
        btc(),
        Fixed::ZERO,
    )
    .unwrap();
    assert_eq!(plan.order, fx("-15"));
    assert!(!plan.reduces);
}

#[test]
fn an_option_leg_hedges_its_black_scholes_delta() {
    let option = EuropeanOption {
        kind: OptionKind::Call,
        strike: fx("60000"),
        years: fx("1"),
        implied_vol: fx("0.5"),
        rate: Fixed::ZERO,
    };
    let leg = Leg::Option {
        quantity: fx("100"),
        option,
    };
    let plan = plan(&leg, None, Notional(0), btc(), Fixed::ZERO).unwrap();
    // N(0.25) = 0.5987...: about 59.87 units short.
    assert!((plan.order + fx("59.87063256829237")).abs() < fx("0.000001"));
}
