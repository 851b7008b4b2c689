//! Governance: hard bounds, the timelock, the guardian's one-way tightening, two-step ownership.

use ballast_governor::error::ContractError as GovernorError;
use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{DAY, SuiteBuilder, attr, default_params};
use ballast_types::governor;
use ballast_types::vault::{LoosenError, ParamError, VaultParams};
use ballast_vault::error::ContractError;
use cosmwasm_std::{Decimal, Uint128};

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A change that breaks one bound, with the parameter, the value and the rule the error must carry.
type Breach = (
    fn(&mut VaultParams),
    &'static str,
    &'static str,
    &'static str,
);

/// Every parameter with a value past its bound.
fn out_of_bounds() -> Vec<Breach> {
    vec![
        (
            |p| p.target_vol = dec("2.5"),
            "target_vol",
            "2.5",
            "in (0, 2]",
        ),
        (
            |p| p.max_leverage = dec("25"),
            "max_leverage",
            "25",
            "in (0, 20]",
        ),
        (
            |p| p.max_concentration = dec("0"),
            "max_concentration",
            "0",
            "in (0, 20]",
        ),
        (
            |p| p.kelly_fraction = dec("1.5"),
            "kelly_fraction",
            "1.5",
            "in (0, 1]",
        ),
        (|p| p.max_edge = dec("11"), "max_edge", "11", "in [0, 10]"),
        (
            |p| p.var_confidence = dec("0.98"),
            "var_confidence",
            "0.98",
            "one of 0.9, 0.95, 0.975, 0.99, 0.995, 0.999",
        ),
        (
            |p| p.var_budget = dec("1.5"),
            "var_budget",
            "1.5",
            "in (0, 1]",
        ),
        (
            |p| p.var_horizon = 0,
            "var_horizon",
            "0",
            "in (0, 2592000] seconds",
        ),
        (
            |p| p.max_slippage = dec("0.6"),
            "max_slippage",
            "0.6",
            "in (0, 0.5]",
        ),
        (
            |p| p.liq_sigmas = dec("21"),
            "liq_sigmas",
            "21",
            "in [0, 20]",
        ),
        (
            |p| p.liq_horizon = 31 * DAY,
            "liq_horizon",
            "2678400",
            "in [0, 2592000] seconds",
        ),
        (
            |p| p.guards.max_age = 3_601,
            "max_age",
            "3601",
            "in (0, 3600] seconds",
        ),
        (
            |p| p.guards.reduce_max_age = 30,
            "reduce_max_age",
            "30",
            "in [max_age, 86400] seconds",
        ),
        (
            |p| p.guards.max_future_skew = 61,
            "max_future_skew",
            "61",
            "in [0, 60] seconds",
        ),
        (
            |p| p.guards.max_confidence = dec("0.06"),
            "max_confidence",
            "0.06",
            "in (0, 0.05]",
        ),
        (
            |p| p.guards.breaker_sigmas = dec("0"),
            "breaker_sigmas",
            "0",
            "in (0, 100]",
        ),
        (
            |p| p.guards.breaker_max_move = dec("6"),
            "breaker_max_move",
            "6",
            "in (0, 5]",
        ),
        (
            |p| p.guards.breaker_cooldown = 8 * DAY,
            "breaker_cooldown",
            "691200",
            "in [0, 604800] seconds",
        ),
        (
            |p| p.estimator.lambda = dec("1"),
            "lambda",
            "1",
            "in (0, 1)",
        ),
        (
            |p| p.estimator.vol_step = 0,
            "vol_step",
            "0",
            "in (0, 2592000] seconds",
        ),
        (
            |p| p.estimator.min_observations = 1,
            "min_observations",
            "1",
            "in [2, 10000]",
        ),
        (
            |p| p.guards.max_mark_age = 0,
            "max_mark_age",
            "0",
            "in (0, 86400] seconds",
        ),
        (
            |p| p.deleverage_tolerance = dec("1.1"),
            "deleverage_tolerance",
            "1.1",
            "in [0, 1]",
        ),
        (
            |p| p.rebalance_threshold = dec("1"),
            "rebalance_threshold",
            "1",
            "in [0, 1)",
        ),
        (
            |p| p.share_offset_decimals = 19,
            "share_offset_decimals",
            "19",
            "in [0, 18]",
        ),
        (
            |p| p.management_fee = dec("0.06"),
            "management_fee",
            "0.06",
            "in [0, 0.05]",
        ),
        (
            |p| p.performance_fee = dec("0.31"),
            "performance_fee",
            "0.31",
            "in [0, 0.3]",
        ),
        (
            |p| p.timelock = 60,
            "timelock",
            "60",
            "in [3600, 2592000] seconds",
        ),
        (
            |p| p.redemption_buffer = Some(dec("0.01")),
            "redemption_buffer",
            "0.01",
            "in [0.02, 1]",
        ),
        (
            |p| p.redemption_buffer = Some(dec("1.5")),
            "redemption_buffer",
            "1.5",
            "in [0.02, 1]",
        ),
    ]
}

#[test]
fn every_bound_refuses_an_out_of_range_value_by_name() {
    let mut suite = SuiteBuilder::new().build();
    let owner = suite.owner.clone();
    for (breaks, name, value, rule) in out_of_bounds() {
        let mut params = default_params();
        breaks(&mut params);
        let res = suite.govern(&owner, governor::ExecuteMsg::ProposeParams { params });
        let expected = ParamError {
            name,
            value: value.to_string(),
            rule,
        };
        assert_err(res, ContractError::Param(expected));
    }
}

#[test]
fn a_proposal_applies_only_after_the_timelock() {
    let mut suite = SuiteBuilder::new().build();
    let (owner, keeper) = (suite.owner.clone(), suite.keeper.clone());
    let mut params = default_params();
    params.max_leverage = dec("5");
    let res = suite
        .govern(
            &owner,
            governor::ExecuteMsg::ProposeParams {
                params: params.clone(),
            },
        )
        .unwrap();
    let eta = suite.now() + DAY;
    assert_eq!(attr(&res, "eta"), Some(eta.to_string()));
    assert_eq!(suite.query_pending_params().unwrap().unwrap().eta, eta);

    suite.advance(DAY - 1);
    let res = suite.govern(&keeper, governor::ExecuteMsg::ApplyParams {});
    assert_err(res, GovernorError::TimelockNotPassed { eta, now: eta - 1 });

    suite.advance(1);
    suite
        .govern(&keeper, governor::ExecuteMsg::ApplyParams {})
        .unwrap();
    assert_eq!(suite.query_config().unwrap().params, params);
    assert!(suite.query_pending_params().unwrap().is_none());
}

#[test]
fn the_owner_cancels_a_proposal() {
    let mut suite = SuiteBuilder::new().build();
    let (owner, keeper) = (suite.owner.clone(), suite.keeper.clone());
    suite
        .govern(
            &owner,
            governor::ExecuteMsg::ProposeParams {
                params: default_params(),
            },
        )
        .unwrap();
    suite
        .govern(&owner, governor::ExecuteMsg::CancelParams {})
        .unwrap();
    suite.advance(DAY);
    let res = suite.govern(&keeper, governor::ExecuteMsg::ApplyParams {});
    assert_err(
        res,
        GovernorError::NothingPending {
            what: "params".to_string(),
        },
    );
}

#[test]
fn only_the_owner_proposes() {
    let mut suite = SuiteBuilder::new().build();
    let guardian = suite.guardian.clone();
    let res = suite.govern(
        &guardian,
        governor::ExecuteMsg::ProposeParams {
            params: default_params(),
        },
    );
    assert_err(res, GovernorError::Unauthorized { role: "owner" });
}

#[test]
fn the_guardian_tightens_at_once() {
    let mut suite = SuiteBuilder::new().build();
    let guardian = suite.guardian.clone();
    let mut params = default_params();
    params.max_leverage = dec("1");
    params.liq_sigmas = dec("4");
    let res = suite
        .govern(
            &guardian,
            governor::ExecuteMsg::Tighten {
                params: params.clone(),
            },
        )
        .unwrap();
    assert_eq!(attr(&res, "action").as_deref(), Some("tighten"));
    assert_eq!(suite.query_config().unwrap().params, params);
}

#[test]
fn the_guardian_cannot_loosen() {
    let mut suite = SuiteBuilder::new().build();
    let guardian = suite.guardian.clone();
    let mut params = default_params();
    params.max_leverage = dec("4");
    let res = suite.govern(&guardian, governor::ExecuteMsg::Tighten { params });
    let expected = LoosenError {
        name: "max_leverage",
        from: "3".into(),
        to: "4".into(),
    };
    assert_err(res, ContractError::Loosen(expected));
    let mut params = default_params();
    params.liq_sigmas = dec("2");
    let res = suite.govern(&guardian, governor::ExecuteMsg::Tighten { params });
    let expected = LoosenError {
        name: "liq_sigmas",
        from: "3".into(),
        to: "2".into(),
    };
    assert_err(res, ContractError::Loosen(expected));
    // Neither direction of the redemption buffer only tightens.
    let mut params = default_params();
    params.redemption_buffer = Some(dec("0.2"));
    let res = suite.govern(&guardian, governor::ExecuteMsg::Tighten { params });
    let expected = LoosenError {
        name: "redemption_buffer",
        from: "none".into(),
        to: "0.2".into(),
    };
    assert_err(res, ContractError::Loosen(expected));
}

#[test]
fn the_guardian_lowers_a_market_limit_but_cannot_raise_it() {
    let mut suite = SuiteBuilder::new().build();
    let guardian = suite.guardian.clone();
    let mut config = suite.query_market().unwrap().config;
    config.max_notional = Uint128::new(1_000);
    suite
        .govern(
            &guardian,
            governor::ExecuteMsg::TightenMarket {
                config: config.clone(),
            },
        )
        .unwrap();
    config.max_notional = Uint128::new(2_000);
    let res = suite.govern(&guardian, governor::ExecuteMsg::TightenMarket { config });
    let expected = LoosenError {
        name: "max_notional",
        from: "1000".into(),
        to: "2000".into(),
    };
    assert_err(res, ContractError::Loosen(expected));
}

#[test]
fn ownership_moves_only_when_accepted() {
    let mut suite = SuiteBuilder::new().build();
    let (owner, bob, alice) = (suite.owner.clone(), suite.bob.clone(), suite.alice.clone());
    suite
        .govern(
            &owner,
            governor::ExecuteMsg::TransferOwnership {
                new_owner: bob.to_string(),
            },
        )
        .unwrap();
    let config = suite.query_governor().unwrap();
    assert_eq!(
        (config.owner, config.pending_owner),
        (owner.clone(), Some(bob.clone()))
    );
    let res = suite.govern(&alice, governor::ExecuteMsg::AcceptOwnership {});
    assert_err(
        res,
        GovernorError::Unauthorized {
            role: "pending owner",
        },
    );
    suite
        .govern(&bob, governor::ExecuteMsg::AcceptOwnership {})
        .unwrap();
    let config = suite.query_governor().unwrap();
    assert_eq!((config.owner, config.pending_owner), (bob.clone(), None));
    let res = suite.govern(&owner, governor::ExecuteMsg::Unpause {});
    assert_err(res, GovernorError::Unauthorized { role: "owner" });
}

#[test]
fn the_owner_sets_roles() {
    let mut suite = SuiteBuilder::new().build();
    let (owner, bob) = (suite.owner.clone(), suite.bob.clone());
    let msg = governor::ExecuteMsg::SetRoles {
        manager: Some(bob.to_string()),
        guardian: None,
        fee_recipient: None,
    };
    suite.govern(&owner, msg).unwrap();
    assert_eq!(suite.query_config().unwrap().manager, bob);
}

#[test]
fn the_share_offset_cannot_be_changed_on_a_live_vault() {
    let mut suite = SuiteBuilder::new().build();
    let owner = suite.owner.clone();
    let mut params = default_params();
    params.share_offset_decimals = 9;
    let res = suite.govern(&owner, governor::ExecuteMsg::ProposeParams { params });
    let expected = ParamError {
        name: "share_offset_decimals",
        value: "9".to_string(),
        rule: "fixed at instantiation",
    };
    assert_err(res, ContractError::Param(expected));
}
