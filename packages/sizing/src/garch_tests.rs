//! GARCH(1,1): parameter checks, the one-step recursion, the gap rule and the state on error.
#![allow(clippy::float_arithmetic)]

use super::*;

fn fx(decimal: &str) -> Fixed {
    decimal.parse().unwrap()
}

fn params() -> GarchParams {
    GarchParams::new(fx("0.00002"), fx("0.1"), fx("0.85"), 86_400).unwrap()
}

/// (omega, alpha, beta) of [`params`] as stored (0.00002 is not exact in binary), in f64.
fn stored() -> (f64, f64, f64) {
    let p = params();
    (p.omega().to_num(), p.alpha().to_num(), p.beta().to_num())
}

fn price(text: &str) -> Price {
    text.parse().unwrap()
}

fn named(r: SizingResult<GarchParams>) -> &'static str {
    match r {
        Err(SizingError::InvalidParameter { name, .. }) => name,
        other => panic!("expected InvalidParameter, got {other:?}"),
    }
}

#[test]
fn parameters_out_of_range_are_named() {
    let new = |o: &str, a: &str, b: &str, step| GarchParams::new(fx(o), fx(a), fx(b), step);
    assert_eq!(named(new("0", "0.1", "0.8", 86_400)), "omega");
    assert_eq!(named(new("-0.0001", "0.1", "0.8", 86_400)), "omega");
    assert_eq!(named(new("0.00001", "-0.1", "0.8", 86_400)), "alpha");
    assert_eq!(named(new("0.00001", "0.1", "-0.8", 86_400)), "beta");
    assert_eq!(named(new("0.00001", "0.2", "0.8", 86_400)), "persistence");
    assert_eq!(named(new("0.00001", "0.5", "0.7", 86_400)), "persistence");
    assert_eq!(named(new("0.00001", "0.1", "0.8", 0)), "step_seconds");
    assert!(new("0.00001", "0", "0", 86_400).is_ok());
}

#[test]
fn long_run_variance_is_annualised_omega_over_one_minus_persistence() {
    // 0.00002 * 365 / 0.05 = 0.146, to the precision of the stored parameters.
    let p = params();
    let (o, a, b) = stored();
    assert_eq!(p.persistence(), fx("0.1") + fx("0.85"));
    let want = o * 365.0 / (1.0 - a - b);
    assert!((want - 0.146).abs() < 1e-9);
    let h = p.long_run_variance().unwrap().to_num::<f64>();
    assert!((h / want - 1.0).abs() < 1e-12, "{h} vs {want}");
    let v = p.long_run_vol().unwrap().to_num::<f64>();
    assert!((v / want.sqrt() - 1.0).abs() < 1e-12, "{v}");
}

#[test]
fn first_return_starts_from_the_long_run_variance() {
    let mut s = GarchState::new(0, price("100"));
    assert_eq!(s.vol(), Ok(None));
    s.observe(&params(), 86_400, price("110")).unwrap();
    // h = 0.85 * 0.146 + 0.1 * ln(1.1)^2 * 365 + 0.00002 * 365
    let (o, a, b) = stored();
    let want = b * o * 365.0 / (1.0 - a - b) + a * 1.1f64.ln().powi(2) * 365.0 + o * 365.0;
    let got = s.variance().unwrap().unwrap().to_num::<f64>();
    assert!((got / want - 1.0).abs() < 1e-12, "{got} vs {want}");
    assert_eq!(s.returns, 1);
}

#[test]
fn one_step_is_the_garch_recursion() {
    let p = params();
    let mut s = GarchState::new(0, price("100"));
    s.observe(&p, 86_400, price("103")).unwrap();
    let h1 = s.variance().unwrap().unwrap().to_num::<f64>();
    s.observe(&p, 172_800, price("99")).unwrap();
    let h2 = s.variance().unwrap().unwrap().to_num::<f64>();
    let r = (99.0f64 / 103.0).ln();
    let (o, a, b) = stored();
    let want = o * 365.0 + a * r * r * 365.0 + b * h1;
    assert!((h2 / want - 1.0).abs() < 1e-12, "{h2} vs {want}");
}

#[test]
fn a_gap_weighs_as_k_steps_in_continuous_time() {
    // Three days: b = 0.85^3, g = (1 - b) / 0.15; the sample is annualised over three days.
    let p = params();
    let mut s = GarchState::new(0, price("100"));
    s.observe(&p, 86_400, price("103")).unwrap();
    let h1 = s.variance().unwrap().unwrap().to_num::<f64>();
    s.observe(&p, 4 * 86_400, price("95")).unwrap();
    let h2 = s.variance().unwrap().unwrap().to_num::<f64>();
    let r = (95.0f64 / 103.0).ln();
    let (o, a, beta) = stored();
    let b = beta.powi(3);
    let g = (1.0 - b) / (1.0 - beta);
    let want = b * h1 + g * (a * r * r * 365.0 / 3.0 + o * 365.0);
    assert!((h2 / want - 1.0).abs() < 1e-12, "{h2} vs {want}");
}

#[test]
fn a_long_quiet_stretch_reverts_toward_the_long_run() {
    // A flat price for a year of daily steps: the variance falls to w / (1 - beta), below h_L,
    // since no squared return feeds it; from a high start it comes down monotonically.
    let p = params();
    let mut s = GarchState::new(0, price("100"));
    s.observe(&p, 86_400, price("150")).unwrap();
    let mut last = s.variance().unwrap().unwrap();
    for day in 2..=365u64 {
        s.observe(&p, day * 86_400, price("150")).unwrap();
        let h = s.variance().unwrap().unwrap();
        assert!(h <= last, "day {day}: {h} > {last}");
        last = h;
    }
    let (o, _, b) = stored();
    let floor = o * 365.0 / (1.0 - b);
    assert!((last.to_num::<f64>() / floor - 1.0).abs() < 1e-9, "{last}");
}

#[test]
fn zero_beta_forgets_the_past_at_once() {
    let p = GarchParams::new(fx("0.00001"), fx("0.3"), Fixed::ZERO, 86_400).unwrap();
    let mut s = GarchState::new(0, price("100"));
    s.observe(&p, 86_400, price("200")).unwrap();
    s.observe(&p, 2 * 86_400, price("202")).unwrap();
    let r = (202.0f64 / 200.0).ln();
    let want = p.omega().to_num::<f64>() * 365.0 + p.alpha().to_num::<f64>() * r * r * 365.0;
    let got = s.variance().unwrap().unwrap().to_num::<f64>();
    assert!((got / want - 1.0).abs() < 1e-12, "{got} vs {want}");
}

#[test]
fn observation_not_after_the_last_is_refused_and_state_kept() {
    let mut s = GarchState::new(1_000, price("100"));
    s.observe(&params(), 2_000, price("101")).unwrap();
    let before = s;
    assert_eq!(
        s.observe(&params(), 2_000, price("102")),
        Err(SizingError::TimeNotIncreasing {
            previous: 2_000,
            time: 2_000
        })
    );
    assert_eq!(s, before);
}

#[test]
fn an_overflow_is_an_error_and_the_state_is_kept() {
    let s = GarchState::new(0, price("1"));
    assert!(s.observed(&params(), 1, price("1e300")).is_ok());
    let mut s2 = s;
    assert!(matches!(
        s2.observe(&params(), 1, price("1e2000")),
        Err(SizingError::Overflow { .. })
    ));
    assert_eq!(s2, s);
}
