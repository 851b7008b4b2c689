//! Signal scaling: an allow-listed source sets a market's conviction and Rebalance follows it.

use ballast_governor::error::ContractError as GovernorError;
use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{MARKET, Suite, SuiteBuilder, order};
use ballast_types::Side;
use ballast_types::governor;
use ballast_types::vault::{ExecuteMsg, ParamError, Reason};
use ballast_vault::error::ContractError;
use cosmwasm_std::SignedDecimal;

use crate::limit_of;

/// A suite where the keeper is an allowed signal source.
fn with_source() -> Suite {
    let mut suite = SuiteBuilder::new().build();
    let (owner, keeper) = (suite.owner.clone(), suite.keeper.clone());
    let msg = governor::ExecuteMsg::SetSignalSource {
        address: keeper.to_string(),
        allowed: true,
    };
    suite.govern(&owner, msg).unwrap();
    suite
}

fn set_signal(suite: &mut Suite, signal: &str) {
    let keeper = suite.keeper.clone();
    let msg = ExecuteMsg::SetSignal {
        market: MARKET.to_string(),
        signal: signal.parse::<SignedDecimal>().unwrap(),
    };
    suite.execute_vault(&keeper, msg).unwrap();
}

fn vol_target(suite: &Suite) -> u128 {
    let preview = suite.query_preview(order(Side::Long, 1)).unwrap();
    limit_of(&preview, Reason::VolTarget).unwrap().u128()
}

#[test]
fn a_half_signal_rebalances_to_about_half_the_volatility_target() {
    let mut suite = with_source();
    let target = vol_target(&suite);
    set_signal(&mut suite, "0.5");
    assert_eq!(
        suite.query_market().unwrap().signal,
        Some("0.5".parse().unwrap())
    );
    suite.rebalance().unwrap();
    let position = suite.query_position().unwrap();
    assert_eq!(position.side, Some(Side::Long));
    // The signal cap (target * 0.5) or the Kelly cap of the same edge binds.
    let notional = position.notional.u128();
    assert!(
        notional <= target / 2 + 1 && notional > target * 45 / 100,
        "{notional} vs {target}"
    );
}

#[test]
fn a_negative_signal_rebalances_short() {
    let mut suite = with_source();
    set_signal(&mut suite, "-1");
    suite.rebalance().unwrap();
    let position = suite.query_position().unwrap();
    assert_eq!(position.side, Some(Side::Short));
    assert!(position.notional.u128() > vol_target(&suite) * 9 / 10);
}

#[test]
fn a_zero_signal_closes_the_position() {
    let mut suite = with_source();
    set_signal(&mut suite, "1");
    suite.rebalance().unwrap();
    assert_eq!(suite.query_position().unwrap().side, Some(Side::Long));
    set_signal(&mut suite, "0");
    suite.rebalance().unwrap();
    assert!(suite.query_position().unwrap().side.is_none());
}

#[test]
fn a_signal_flips_a_long_into_a_short() {
    let mut suite = with_source();
    set_signal(&mut suite, "1");
    suite.rebalance().unwrap();
    assert_eq!(suite.query_position().unwrap().side, Some(Side::Long));
    set_signal(&mut suite, "-0.5");
    suite.rebalance().unwrap();
    assert_eq!(suite.query_position().unwrap().side, Some(Side::Short));
}

#[test]
fn only_an_allowed_source_sets_a_signal() {
    let mut suite = SuiteBuilder::new().build();
    let stranger = suite.bob.clone();
    let msg = ExecuteMsg::SetSignal {
        market: MARKET.to_string(),
        signal: SignedDecimal::one(),
    };
    assert_err(
        suite.execute_vault(&stranger, msg),
        ContractError::Unauthorized {
            role: "signal source",
        },
    );
    let msg = governor::ExecuteMsg::SetSignalSource {
        address: stranger.to_string(),
        allowed: true,
    };
    assert_err(
        suite.govern(&stranger, msg),
        GovernorError::Unauthorized { role: "owner" },
    );
}

#[test]
fn a_signal_outside_the_unit_range_is_refused() {
    let mut suite = with_source();
    let keeper = suite.keeper.clone();
    let msg = ExecuteMsg::SetSignal {
        market: MARKET.to_string(),
        signal: "1.5".parse().unwrap(),
    };
    let expected = ParamError {
        name: "signal",
        value: "1.5".to_string(),
        rule: "in [-1, 1]",
    };
    assert_err(
        suite.execute_vault(&keeper, msg),
        ContractError::Param(expected),
    );
}

#[test]
fn a_removed_source_can_no_longer_set_signals() {
    let mut suite = with_source();
    let (owner, keeper) = (suite.owner.clone(), suite.keeper.clone());
    let msg = governor::ExecuteMsg::SetSignalSource {
        address: keeper.to_string(),
        allowed: false,
    };
    suite.govern(&owner, msg).unwrap();
    let msg = ExecuteMsg::SetSignal {
        market: MARKET.to_string(),
        signal: SignedDecimal::one(),
    };
    assert_err(
        suite.execute_vault(&keeper, msg),
        ContractError::Unauthorized {
            role: "signal source",
        },
    );
}
