//! migrate of the strategies contract: a newer build of the same contract only.

use ballast_strategies::contract::{CONTRACT_NAME, CONTRACT_VERSION};
use ballast_strategies::error::ContractError;
use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{Suite, SuiteBuilder, strategies_code};
use ballast_types::strategies::MigrateMsg;
use ballast_types::version::VersionError;
use cosmwasm_std::StdResult;
use cw_multi_test::{AppResponse, Executor};

fn stamp(suite: &mut Suite, name: &str, version: &str) {
    let strategies = suite.strategies.clone();
    let mut storage = suite.app.contract_storage_mut(&strategies);
    cw2::set_contract_version(storage.as_mut(), name, version).unwrap();
}

fn migrate(suite: &mut Suite) -> StdResult<AppResponse> {
    let code_id = suite.app.store_code(strategies_code());
    let (owner, strategies) = (suite.owner.clone(), suite.strategies.clone());
    suite
        .app
        .migrate_contract(owner, strategies, &MigrateMsg {}, code_id)
}

#[test]
fn instantiate_stores_the_name_and_version() {
    let suite = SuiteBuilder::new().warm_up(0).build();
    let stored = cw2::query_contract_info(&suite.app.wrap(), suite.strategies.to_string()).unwrap();
    assert_eq!(
        (stored.contract.as_str(), stored.version.as_str()),
        (CONTRACT_NAME, CONTRACT_VERSION)
    );
}

#[test]
fn migrate_from_an_older_version_stamps_this_one() {
    let mut suite = SuiteBuilder::new().warm_up(0).build();
    stamp(&mut suite, CONTRACT_NAME, "0.0.1");
    migrate(&mut suite).unwrap();
    let stored = cw2::query_contract_info(&suite.app.wrap(), suite.strategies.to_string()).unwrap();
    assert_eq!(stored.version, CONTRACT_VERSION);
}

#[test]
fn migrate_refuses_a_downgrade() {
    let mut suite = SuiteBuilder::new().warm_up(0).build();
    stamp(&mut suite, CONTRACT_NAME, "99.0.0");
    assert_err(
        migrate(&mut suite),
        ContractError::Version(VersionError::Downgrade {
            from: "99.0.0".to_string(),
            to: CONTRACT_VERSION.to_string(),
        }),
    );
}

#[test]
fn migrate_refuses_a_foreign_contract() {
    let mut suite = SuiteBuilder::new().warm_up(0).build();
    stamp(&mut suite, "crates.io:ballast-vault", "0.0.1");
    assert_err(
        migrate(&mut suite),
        ContractError::Version(VersionError::ForeignContract {
            expected: CONTRACT_NAME.to_string(),
            found: "crates.io:ballast-vault".to_string(),
        }),
    );
}
