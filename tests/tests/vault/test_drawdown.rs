//! The drawdown brake: the volatility budget shrinks as the share price falls below its decaying peak.

use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{Suite, SuiteBuilder, default_params, order, reduce_only};
use ballast_types::Side;
use ballast_types::governor;
use ballast_types::vault::{DrawdownBrake, LoosenError, ParamError, Reason};
use ballast_vault::error::ContractError;
use cosmwasm_std::Decimal;

use crate::{assert_decision, limit_of};

const DAY: u64 = 86_400;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn brake(start: &str, max: &str, half_life: u64) -> DrawdownBrake {
    DrawdownBrake {
        start: dec(start),
        max_drawdown: dec(max),
        peak_half_life: half_life,
    }
}

/// A vault with the brake, fully invested by the manager at its volatility target.
fn invested(brake: DrawdownBrake) -> Suite {
    let mut suite = SuiteBuilder::new()
        .params(|p| p.drawdown_brake = Some(brake))
        .build();
    suite.submit(order(Side::Long, u128::MAX)).unwrap();
    suite
}

/// Share price and peak from the `State` query, as f64 (test arithmetic only).
fn price_and_peak(suite: &Suite) -> (f64, f64) {
    let state = suite.query_state().unwrap();
    let f = |d: Decimal| d.to_string().parse::<f64>().unwrap();
    (
        f(state.share_price),
        f(state.peak_share_price.expect("a peak")),
    )
}

/// Drawdown cap over volatility-target cap in a preview of a long order.
fn brake_ratio(suite: &Suite) -> f64 {
    let preview = suite.query_preview(order(Side::Long, 1)).unwrap();
    let target = limit_of(&preview, Reason::VolTarget).unwrap().u128() as f64;
    let brake = limit_of(&preview, Reason::Drawdown).unwrap().u128() as f64;
    brake / target
}

#[test]
fn without_a_brake_there_is_no_drawdown_cap_and_no_peak() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, u128::MAX)).unwrap();
    let preview = suite.query_preview(order(Side::Long, 1)).unwrap();
    assert_eq!(limit_of(&preview, Reason::Drawdown), None);
    assert!(preview.caps.iter().all(|c| c.cap != Reason::Drawdown));
    assert_eq!(suite.query_state().unwrap().peak_share_price, None);
}

#[test]
fn at_the_peak_the_brake_leaves_the_whole_budget() {
    let suite = invested(brake("0.05", "0.2", 730 * DAY));
    let (price, peak) = price_and_peak(&suite);
    // The trade's fee is the only loss so far: far inside the brake's start.
    assert!(price <= peak && price / peak > 0.99, "{price} vs {peak}");
    assert!((brake_ratio(&suite) - 1.0).abs() < 1e-9);
}

#[test]
fn a_loss_past_the_start_shrinks_the_budget_linearly() {
    let mut suite = invested(brake("0.05", "0.2", 730 * DAY));
    let price = suite.price;
    suite.next_day(price * 9 / 10).unwrap();
    let (share_price, peak) = price_and_peak(&suite);
    let drawdown = 1.0 - share_price / peak;
    assert!(drawdown > 0.05 && drawdown < 0.2, "drawdown {drawdown}");
    let expected = (0.2 - drawdown) / 0.15;
    let ratio = brake_ratio(&suite);
    assert!((ratio - expected).abs() < 1e-6, "{ratio} vs {expected}");
    // Rebalance follows the tighter budget: the manager's position shrinks to the drawdown cap.
    let preview = suite.query_preview(order(Side::Long, 1)).unwrap();
    let cap = limit_of(&preview, Reason::Drawdown).unwrap().u128();
    let res = suite.rebalance().unwrap();
    assert_decision(&res, "accepted", "none");
    let notional = suite.query_position().unwrap().notional.u128();
    assert!(notional.abs_diff(cap) <= cap / 1_000, "{notional} vs {cap}");
}

#[test]
fn past_the_largest_drawdown_only_reductions_trade() {
    let mut suite = invested(brake("0", "0.05", 730 * DAY));
    let price = suite.price;
    suite.next_day(price * 9 / 10).unwrap();
    let preview = suite.query_preview(order(Side::Long, 1)).unwrap();
    assert_eq!(
        limit_of(&preview, Reason::Drawdown).map(|l| l.u128()),
        Some(0)
    );
    let res = suite.submit(order(Side::Long, 1_000_000_000)).unwrap();
    assert_decision(&res, "rejected", "drawdown");
    let res = suite
        .submit(reduce_only(Side::Short, 1_000_000_000))
        .unwrap();
    assert_decision(&res, "accepted", "none");
    suite.rebalance().unwrap();
    assert_eq!(suite.query_position().unwrap().notional.u128(), 0);
}

#[test]
fn an_old_peak_is_forgotten_and_the_budget_returns() {
    let mut suite = invested(brake("0", "0.05", DAY));
    let price = suite.price;
    suite.next_day(price * 9 / 10).unwrap();
    assert_eq!(brake_ratio(&suite), 0.0);
    let low = suite.price;
    for _ in 0..8 {
        suite.next_day(low).unwrap();
    }
    // Eight half-lives: the gap to the old peak is 1/256 of what it was.
    let (share_price, peak) = price_and_peak(&suite);
    assert!(1.0 - share_price / peak < 0.001, "{share_price} vs {peak}");
    assert!(brake_ratio(&suite) > 0.98);
}

#[test]
fn the_guardian_adds_and_tightens_a_brake_but_cannot_remove_or_loosen_it() {
    let mut suite = SuiteBuilder::new().build();
    let guardian = suite.guardian.clone();
    let mut params = default_params();
    params.drawdown_brake = Some(brake("0.2", "0.4", 365 * DAY));
    suite
        .govern(
            &guardian,
            governor::ExecuteMsg::Tighten {
                params: params.clone(),
            },
        )
        .unwrap();
    assert_eq!(suite.query_config().unwrap().params, params);

    params.drawdown_brake = Some(brake("0.2", "0.5", 365 * DAY));
    let res = suite.govern(
        &guardian,
        governor::ExecuteMsg::Tighten {
            params: params.clone(),
        },
    );
    let expected = LoosenError {
        name: "max_drawdown",
        from: "0.4".into(),
        to: "0.5".into(),
    };
    assert_err(res, ContractError::Loosen(expected));

    params.drawdown_brake = None;
    let res = suite.govern(&guardian, governor::ExecuteMsg::Tighten { params });
    let expected = LoosenError {
        name: "drawdown_brake",
        from: "set".into(),
        to: "none".into(),
    };
    assert_err(res, ContractError::Loosen(expected));
}

#[test]
fn a_brake_that_starts_at_its_end_is_refused_by_name() {
    let mut suite = SuiteBuilder::new().build();
    let guardian = suite.guardian.clone();
    let mut params = default_params();
    params.drawdown_brake = Some(brake("0.3", "0.3", 365 * DAY));
    let res = suite.govern(&guardian, governor::ExecuteMsg::Tighten { params });
    let expected = ParamError {
        name: "drawdown_start",
        value: "0.3".into(),
        rule: "in [0, max_drawdown)",
    };
    assert_err(res, ContractError::Param(expected));
}

#[test]
fn marks_within_a_block_leave_the_peak_exactly_where_it_was() {
    // Anyone may call Mark many times in one block; rounding must not wear the peak (and the brake) down.
    let mut suite = invested(brake("0.05", "0.2", 730 * DAY));
    let price = suite.price;
    suite.next_day(price * 9 / 10).unwrap();
    let before = suite.query_state().unwrap().peak_share_price;
    let ratio = brake_ratio(&suite);
    for _ in 0..200 {
        suite.mark().unwrap();
    }
    assert_eq!(suite.query_state().unwrap().peak_share_price, before);
    assert_eq!(brake_ratio(&suite), ratio);
}

#[test]
fn the_brake_works_at_the_largest_share_offset() {
    // 10^18 virtual shares: a share price near 1e-18 would round to nothing in fixed point.
    let mut suite = SuiteBuilder::new()
        .params(|p| {
            p.share_offset_decimals = 18;
            p.drawdown_brake = Some(brake("0.05", "0.2", 730 * DAY));
        })
        .build();
    suite.submit(order(Side::Long, u128::MAX)).unwrap();
    let price = suite.price;
    suite.next_day(price * 9 / 10).unwrap();
    let ratio = brake_ratio(&suite);
    assert!(ratio > 0.0 && ratio < 1.0, "{ratio}");
}
