//! The covariance update against an f64 reference, and the portfolio volatility cap: one market is
//! the per-market volatility target, uncorrelated and hedging markets share the budget, the bound is
//! tight (its variance within the target, a little more beyond it), and a portfolio already over the
//! target only lets a market hedge.
#![allow(clippy::float_arithmetic)]

use proptest::prelude::*;

use super::*;
use crate::caps::vol_target;

const NAV: Collateral = Collateral(1_000_000_000_000);
const DAILY: Fixed = Fixed::lit("365");

fn fx(x: f64) -> Fixed {
    Fixed::from_num(x)
}

fn f(x: Fixed) -> f64 {
    x.to_num()
}

/// A matrix with the given annualised covariances (row-major, symmetric) on a daily step.
fn matrix(annual: &[&[f64]]) -> Covariance {
    let n = annual.len();
    let mut cells = vec![];
    for (j, row) in annual.iter().enumerate() {
        cells.extend(row[..=j].iter().map(|c| fx(c / 365.0)));
    }
    Covariance::from_cells(n, cells, 100).unwrap()
}

fn limit(s: &Covariance, e: &[f64], i: usize, target: f64, long: bool) -> Option<u128> {
    let e: Vec<Fixed> = e.iter().map(|&x| fx(x)).collect();
    let outlook = Outlook::of(s, &e, i, DAILY).unwrap();
    portfolio_vol(NAV, &outlook, fx(target), long)
        .unwrap()
        .map(|n| n.0)
}

fn exposure(notional: u128) -> f64 {
    f(crate::amount::ratio_floor(notional, NAV.0).unwrap())
}

#[test]
fn the_update_is_the_ewma_of_products() {
    let mut s = Covariance::new(2);
    let lambda = Fixed::lit("0.94");
    let steps = [[0.01, -0.02], [0.03, 0.01], [-0.02, -0.01]];
    let mut reference = [0.0f64; 3];
    for r in steps {
        s.observe(lambda, &[fx(r[0]), fx(r[1])]).unwrap();
        let products = [r[0] * r[0], r[1] * r[0], r[1] * r[1]];
        for (cell, p) in reference.iter_mut().zip(products) {
            *cell = 0.94 * *cell + 0.06 * p;
        }
    }
    for (got, want) in s.cells().iter().zip(reference) {
        assert!((f(*got) - want).abs() < 1e-12, "{got} vs {want}");
    }
    assert_eq!(s.observations(), 3);
    assert_eq!(
        s.annualised(0, 1, DAILY).unwrap(),
        s.annualised(1, 0, DAILY).unwrap()
    );
}

#[test]
fn bad_inputs_are_named() {
    let mut s = Covariance::new(2);
    assert!(matches!(
        s.observe(Fixed::ONE, &[fx(0.0), fx(0.0)]),
        Err(SizingError::InvalidParameter { name: "lambda", .. })
    ));
    assert!(matches!(
        s.observe(Fixed::lit("0.9"), &[fx(0.0)]),
        Err(SizingError::InvalidParameter {
            name: "returns",
            ..
        })
    ));
    assert!(matches!(
        Covariance::from_cells(2, vec![Fixed::ZERO; 2], 0),
        Err(SizingError::InvalidParameter { name: "cells", .. })
    ));
    assert!(matches!(
        s.annualised(2, 0, DAILY),
        Err(SizingError::InvalidParameter { name: "market", .. })
    ));
    let outlook = Outlook::of(&s, &[fx(0.0), fx(0.0)], 0, DAILY).unwrap();
    assert!(matches!(
        portfolio_vol(NAV, &outlook, fx(-0.1), true),
        Err(SizingError::InvalidParameter {
            name: "target_vol",
            ..
        })
    ));
}

#[test]
fn one_market_is_the_volatility_target() {
    let s = matrix(&[&[0.16]]);
    let got = limit(&s, &[0.0], 0, 0.10, true).unwrap();
    let per_market = vol_target(NAV, Fixed::ONE, fx(0.10), fx(0.4)).unwrap();
    let want = per_market.limit.unwrap().0;
    // 0.1 / 0.4 of nav, up to the rounding of the matrix's cells.
    assert!(got.abs_diff(want) <= want / 1_000_000, "{got} vs {want}");
    assert_eq!(limit(&s, &[0.0], 0, 0.10, false), Some(got));
}

#[test]
fn an_uncorrelated_market_shares_the_budget_by_pythagoras() {
    // The other market already carries 6% of volatility: this one may add sqrt(10%^2 - 6%^2) = 8%.
    let s = matrix(&[&[0.16, 0.0], &[0.0, 0.09]]);
    let other = 0.06 / 0.3;
    let got = exposure(limit(&s, &[0.0, other], 0, 0.10, true).unwrap());
    assert!((got - 0.08 / 0.4).abs() < 1e-6, "{got}");
    // Perfectly correlated, the same other exposure leaves 10% - 6% = 4% on the long side.
    let s = matrix(&[&[0.16, 0.12], &[0.12, 0.09]]);
    let got = exposure(limit(&s, &[0.0, other], 0, 0.10, true).unwrap());
    assert!((got - 0.04 / 0.4).abs() < 1e-6, "{got}");
    // ... and 16% short, where it hedges the other market first.
    let got = exposure(limit(&s, &[0.0, other], 0, 0.10, false).unwrap());
    assert!((got - 0.16 / 0.4).abs() < 1e-6, "{got}");
}

#[test]
fn a_portfolio_over_the_target_only_lets_a_market_hedge() {
    // Correlation 0.5; the other market alone carries 30% against a 10% target.
    let s = matrix(&[&[0.16, 0.06], &[0.06, 0.09]]);
    let other = 1.0;
    assert_eq!(limit(&s, &[0.0, other], 0, 0.10, true), Some(0));
    // Short, it may reduce the variance down to its least: -cross / own = 0.06 / 0.16.
    let got = exposure(limit(&s, &[0.0, other], 0, 0.10, false).unwrap());
    assert!((got - 0.375).abs() < 1e-6, "{got}");
}

#[test]
fn a_market_without_variance_is_unbounded() {
    let s = matrix(&[&[0.0, 0.0], &[0.0, 0.09]]);
    assert_eq!(limit(&s, &[0.0, 0.2], 0, 0.10, true), None);
}

/// Covariances from random return histories (so the matrix is a real one), random exposures.
fn portfolio() -> impl Strategy<Value = (Covariance, Vec<f64>, usize, bool)> {
    (2usize..6).prop_flat_map(|n| {
        (
            prop::collection::vec(prop::collection::vec(-0.05f64..0.05, n), 30..60),
            prop::collection::vec(-1.5f64..1.5, n),
            0..n,
            any::<bool>(),
        )
            .prop_map(move |(history, e, i, long)| {
                let mut s = Covariance::new(n);
                for r in history {
                    let r: Vec<Fixed> = r.into_iter().map(fx).collect();
                    s.observe(Fixed::lit("0.94"), &r).unwrap();
                }
                (s, e, i, long)
            })
    })
}

proptest! {
    #[test]
    fn the_bound_is_tight((s, e, i, long) in portfolio(), target in 0.02f64..0.6) {
        let e: Vec<Fixed> = e.into_iter().map(fx).collect();
        let outlook = Outlook::of(&s, &e, i, DAILY).unwrap();
        let Some(bound) = portfolio_vol(NAV, &outlook, fx(target), long).unwrap() else {
            return Ok(());
        };
        let y = exposure(bound.0) * if long { 1.0 } else { -1.0 };
        let variance = |y: f64| f(outlook.own) * y * y + 2.0 * f(outlook.cross) * y + f(outlook.rest);
        let least = (f(outlook.rest) - f(outlook.cross).powi(2) / f(outlook.own)).max(0.0);
        let step = if long { 1e-3 } else { -1e-3 };
        if least > target * target {
            // Over the target whatever this market does: it may only move toward the least variance.
            prop_assert!(variance(y) <= variance(0.0) + 1e-9);
        } else if bound.0 > 0 {
            // Within the target at the bound, beyond it a little further out.
            prop_assert!(variance(y) <= target * target * (1.0 + 1e-6) + 1e-12);
            prop_assert!(variance(y + step) > target * target * (1.0 - 1e-6));
        } else {
            // Nothing on this side: the exposures within the target all lie on the other.
            prop_assert!(variance(step) > target * target * (1.0 - 1e-6));
        }
    }
}

/// Each market's share of the portfolio's variance at exposures `x`: `x_i (S x)_i / (x' S x)`.
fn contributions(s: &Covariance, x: &[Fixed]) -> Vec<f64> {
    let n = x.len();
    let cov = |j, k| f(s.annualised(j, k, DAILY).unwrap());
    let marginal: Vec<f64> = (0..n)
        .map(|i| (0..n).map(|j| cov(i, j) * f(x[j])).sum())
        .collect();
    let total: f64 = (0..n).map(|i| f(x[i]) * marginal[i]).sum();
    (0..n).map(|i| f(x[i]) * marginal[i] / total).collect()
}

#[test]
fn risk_parity_of_uncorrelated_markets_is_inverse_volatility() {
    let s = matrix(&[&[0.16, 0.0], &[0.0, 0.04]]);
    let one = Fixed::ONE;
    let x = risk_parity(&s, &[one, one], &[true, false], fx(0.10), DAILY).unwrap();
    // Each carries half the variance: |x_i| vol_i equal, the portfolio at 10%.
    assert!((f(x[0]) * 0.4 - (-f(x[1])) * 0.2).abs() < 1e-6, "{x:?}");
    assert!(x[1] < Fixed::ZERO);
    let vol = (f(x[0]).powi(2) * 0.16 + f(x[1]).powi(2) * 0.04).sqrt();
    assert!((vol - 0.10).abs() < 1e-6, "{vol}");
}

#[test]
fn risk_parity_without_budget_or_variance_is_flat() {
    let s = matrix(&[&[0.16, 0.0], &[0.0, 0.0]]);
    let zero = Fixed::ZERO;
    let x = risk_parity(&s, &[zero, zero], &[true, true], fx(0.1), DAILY).unwrap();
    assert_eq!(x, vec![zero, zero]);
    let x = risk_parity(&s, &[Fixed::ONE, Fixed::ONE], &[true, true], fx(0.1), DAILY).unwrap();
    assert_eq!(x[1], zero);
    assert!(matches!(
        risk_parity(&s, &[Fixed::ONE], &[true, true], fx(0.1), DAILY),
        Err(SizingError::InvalidParameter {
            name: "budgets",
            ..
        })
    ));
}

proptest! {
    #[test]
    fn risk_parity_meets_the_budgets_and_the_target(
        (s, e, _, _) in portfolio(),
        budgets in prop::collection::vec(1u32..10, 6),
    ) {
        let n = s.markets();
        let sides: Vec<bool> = e.iter().map(|&x| x >= 0.0).collect();
        let budgets: Vec<Fixed> = budgets[..n].iter().map(|&b| Fixed::from_num(b)).collect();
        let x = risk_parity(&s, &budgets, &sides, fx(0.1), DAILY).unwrap();
        let total: f64 = budgets.iter().map(|&b| f(b)).sum();
        for (share, budget) in contributions(&s, &x).iter().zip(&budgets) {
            prop_assert!((share - f(*budget) / total).abs() < 1e-4, "{share} vs {budget}");
        }
        for (xi, long) in x.iter().zip(&sides) {
            prop_assert_eq!(*xi >= Fixed::ZERO, *long);
        }
        let outlook = Outlook::of(&s, &x, 0, DAILY).unwrap();
        let vol = f(outlook.variance_at(x[0]).unwrap()).sqrt();
        prop_assert!((vol - 0.1).abs() < 1e-6, "{vol}");
    }
}
