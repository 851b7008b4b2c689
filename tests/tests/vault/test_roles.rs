//! Roles: each refusal names the role it needed.

use ballast_governor::error::ContractError as GovernorError;
use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{SuiteBuilder, feed_and_market, order};
use ballast_types::Side;
use ballast_vault::error::ContractError;

#[test]
fn a_stranger_cannot_open_a_position() {
    let mut suite = SuiteBuilder::new().build();
    let stranger = suite.bob.clone();
    let res = suite.submit_as(&stranger, order(Side::Long, 100_000_000_000));
    assert_err(
        res,
        ContractError::Unauthorized {
            role: "manager or strategy",
        },
    );
}

#[test]
fn the_guardian_pauses_and_only_the_owner_unpauses() {
    let mut suite = SuiteBuilder::new().build();
    let (guardian, owner) = (suite.guardian.clone(), suite.owner.clone());
    suite.pause(&guardian).unwrap();
    assert!(suite.query_state().unwrap().paused);
    assert_err(
        suite.unpause(&guardian),
        GovernorError::Unauthorized { role: "owner" },
    );
    suite.unpause(&owner).unwrap();
    assert!(!suite.query_state().unwrap().paused);
}

#[test]
fn a_stranger_cannot_pause() {
    let mut suite = SuiteBuilder::new().build();
    let stranger = suite.bob.clone();
    assert_err(
        suite.pause(&stranger),
        GovernorError::Unauthorized {
            role: "guardian or owner",
        },
    );
}

#[test]
fn only_the_owner_adds_markets() {
    let mut suite = SuiteBuilder::new().build();
    let manager = suite.manager.clone();
    let (_, config) = feed_and_market("ETH-PERP", 0xe7);
    assert_err(
        suite.add_market(&manager, config),
        GovernorError::Unauthorized { role: "owner" },
    );
}
