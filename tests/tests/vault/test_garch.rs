//! A market's volatility model: the vault's EWMA by default, or its own GARCH(1,1) chosen by governance.

use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{Suite, SuiteBuilder};
use ballast_types::governor;
use ballast_types::vault::{GarchModel, LoosenError, ParamError};
use ballast_vault::error::ContractError;

const YEAR: f64 = 31_536_000.0;
const DAY: f64 = 86_400.0;

fn model() -> GarchModel {
    GarchModel {
        omega: "0.00002".parse().unwrap(),
        alpha: "0.1".parse().unwrap(),
        beta: "0.85".parse().unwrap(),
    }
}

fn forecast(suite: &Suite) -> f64 {
    let vol = suite
        .query_market()
        .unwrap()
        .forecast_vol
        .expect("a forecast");
    vol.to_string().parse().unwrap()
}

/// One day's move of `ratio`; returns the forecast before, the forecast after and the annualised
/// squared return of the day.
fn one_day(suite: &mut Suite, ratio: (i64, i64)) -> (f64, f64, f64) {
    let before = forecast(suite);
    let price = suite.price * ratio.0 / ratio.1;
    let r = (price as f64 / suite.price as f64).ln();
    suite.next_day(price).unwrap();
    (before, forecast(suite), r * r * YEAR / DAY)
}

#[test]
fn a_garch_market_follows_its_own_recursion() {
    let mut suite = SuiteBuilder::new()
        .market(|m| m.garch = Some(model()))
        .build();
    let (before, after, sample) = one_day(&mut suite, (97, 100));
    // One step: h' = omega * Y / tau + alpha * r^2 * Y / D + beta * h.
    let expected = (0.00002 * YEAR / DAY + 0.1 * sample + 0.85 * before * before).sqrt();
    assert!((after - expected).abs() < 1e-9, "{after} vs {expected}");
}

#[test]
fn the_same_prices_give_the_ewma_without_a_model() {
    let mut suite = SuiteBuilder::new().build();
    let (before, after, sample) = one_day(&mut suite, (97, 100));
    let expected = (0.06 * sample + 0.94 * before * before).sqrt();
    assert!((after - expected).abs() < 1e-9, "{after} vs {expected}");
    let mut garch = SuiteBuilder::new()
        .market(|m| m.garch = Some(model()))
        .build();
    let (_, garch_after, _) = one_day(&mut garch, (97, 100));
    assert!(
        (garch_after - after).abs() > 1e-3,
        "{garch_after} vs {after}"
    );
}

#[test]
fn the_guardian_cannot_change_a_markets_model() {
    let mut suite = SuiteBuilder::new().build();
    let guardian = suite.guardian.clone();
    let mut config = suite.query_market().unwrap().config;
    config.garch = Some(model());
    let res = suite.govern(&guardian, governor::ExecuteMsg::TightenMarket { config });
    let expected = LoosenError {
        name: "forecaster",
        from: "ewma".into(),
        to: "garch(0.00002, 0.1, 0.85)".into(),
    };
    assert_err(res, ContractError::Loosen(expected));
}

#[test]
fn a_model_without_mean_reversion_is_refused_by_name() {
    let mut suite = SuiteBuilder::new().build();
    let owner = suite.owner.clone();
    let mut config = suite.query_market().unwrap().config;
    config.garch = Some(GarchModel {
        beta: "0.9".parse().unwrap(),
        ..model()
    });
    let res = suite.govern(&owner, governor::ExecuteMsg::ProposeMarket { config });
    let expected = ParamError {
        name: "garch_persistence",
        value: "1".into(),
        rule: "alpha + beta <= 0.9999",
    };
    assert_err(res, ContractError::Param(expected));
}
