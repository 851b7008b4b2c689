//! A guardian's tightening holds: a proposal made before it cannot undo it when it applies. The
//! tightening cancels what was pending, so loosening again takes a fresh proposal and its full
//! timelock, in which the guardian sees it coming.

use ballast_governor::error::ContractError as GovernorError;
use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{DAY, Suite, SuiteBuilder, attr, default_params};
use ballast_types::governor;
use ballast_types::vault::{MarketConfig, VaultParams};
use cosmwasm_std::{Decimal, Uint128};

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn with_leverage(leverage: &str) -> VaultParams {
    VaultParams {
        max_leverage: dec(leverage),
        ..default_params()
    }
}

fn with_limit(suite: &Suite, max_notional: u128) -> MarketConfig {
    MarketConfig {
        max_notional: Uint128::new(max_notional),
        ..suite.query_market().unwrap().config
    }
}

fn leverage(suite: &Suite) -> Decimal {
    suite.query_config().unwrap().params.max_leverage
}

#[test]
fn a_proposal_made_before_a_tightening_cannot_undo_it() {
    let mut suite = SuiteBuilder::new().build();
    let (owner, guardian, keeper) = (
        suite.owner.clone(),
        suite.guardian.clone(),
        suite.keeper.clone(),
    );
    // The owner proposes 5x (from 3x); the guardian sees trouble and cuts to 1x at once.
    let propose = governor::ExecuteMsg::ProposeParams {
        params: with_leverage("5"),
    };
    suite.govern(&owner, propose.clone()).unwrap();
    let params = with_leverage("1");
    let tightened = suite
        .govern(&guardian, governor::ExecuteMsg::Tighten { params })
        .unwrap();

    // The old proposal's timelock passes; anyone tries to apply it.
    suite.advance(DAY);
    let applied = suite.govern(&keeper, governor::ExecuteMsg::ApplyParams {});
    assert_eq!(leverage(&suite), dec("1"), "the tightening was undone");
    assert_err(
        applied,
        GovernorError::NothingPending {
            what: "params".to_string(),
        },
    );
    assert_eq!(attr(&tightened, "cancelled").as_deref(), Some("params"));

    // A fresh proposal still loosens, after its own timelock.
    suite.govern(&owner, propose).unwrap();
    suite.advance(DAY - 1);
    assert!(
        suite
            .govern(&keeper, governor::ExecuteMsg::ApplyParams {})
            .is_err()
    );
    assert_eq!(leverage(&suite), dec("1"));
    suite.advance(1);
    suite
        .govern(&keeper, governor::ExecuteMsg::ApplyParams {})
        .unwrap();
    assert_eq!(leverage(&suite), dec("5"));
}

#[test]
fn a_market_proposal_made_before_a_tightening_cannot_undo_it() {
    let mut suite = SuiteBuilder::new().build();
    let (owner, guardian, keeper) = (
        suite.owner.clone(),
        suite.guardian.clone(),
        suite.keeper.clone(),
    );
    let market = suite.market.clone();
    // 20M from 10M, then the guardian's 1,000.
    let propose = governor::ExecuteMsg::ProposeMarket {
        config: with_limit(&suite, 20_000_000_000_000),
    };
    suite.govern(&owner, propose.clone()).unwrap();
    let config = with_limit(&suite, 1_000);
    let tightened = suite
        .govern(&guardian, governor::ExecuteMsg::TightenMarket { config })
        .unwrap();

    suite.advance(DAY);
    let applied = suite.govern(
        &keeper,
        governor::ExecuteMsg::ApplyMarket {
            market: market.clone(),
        },
    );
    let limit = suite.query_market().unwrap().config.max_notional;
    assert_eq!(limit.u128(), 1_000, "the tightening was undone");
    assert_err(
        applied,
        GovernorError::NothingPending {
            what: format!("market {market}"),
        },
    );
    assert_eq!(attr(&tightened, "cancelled").as_deref(), Some("market"));

    suite.govern(&owner, propose).unwrap();
    suite.advance(DAY);
    suite
        .govern(&keeper, governor::ExecuteMsg::ApplyMarket { market })
        .unwrap();
    let limit = suite.query_market().unwrap().config.max_notional;
    assert_eq!(limit.u128(), 20_000_000_000_000);
}

#[test]
fn a_tightening_with_nothing_pending_cancels_nothing() {
    let mut suite = SuiteBuilder::new().build();
    let guardian = suite.guardian.clone();
    let params = with_leverage("2");
    let res = suite
        .govern(&guardian, governor::ExecuteMsg::Tighten { params })
        .unwrap();
    assert_eq!(attr(&res, "cancelled"), None);
    assert_eq!(leverage(&suite), dec("2"));
}
