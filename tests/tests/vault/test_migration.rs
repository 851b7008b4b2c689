//! migrate: a newer build of the same contract only.

use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{Suite, SuiteBuilder, vault_code};
use ballast_types::vault::MigrateMsg;
use ballast_types::version::VersionError;
use ballast_vault::contract::{CONTRACT_NAME, CONTRACT_VERSION};
use ballast_vault::error::ContractError;
use cosmwasm_std::StdResult;
use cw_multi_test::{AppResponse, Executor};

fn stamp(suite: &mut Suite, name: &str, version: &str) {
    let vault = suite.vault.clone();
    let mut storage = suite.app.contract_storage_mut(&vault);
    cw2::set_contract_version(storage.as_mut(), name, version).unwrap();
}

fn migrate(suite: &mut Suite) -> StdResult<AppResponse> {
    let code_id = suite.app.store_code(vault_code());
    let (owner, vault) = (suite.owner.clone(), suite.vault.clone());
    suite
        .app
        .migrate_contract(owner, vault, &MigrateMsg {}, code_id)
}

#[test]
fn migrate_from_an_older_version_keeps_the_state() {
    let mut suite = SuiteBuilder::new().build();
    let before = suite.query_state().unwrap();
    stamp(&mut suite, CONTRACT_NAME, "0.0.1");
    migrate(&mut suite).unwrap();
    let stored = cw2::query_contract_info(&suite.app.wrap(), suite.vault.to_string()).unwrap();
    assert_eq!(stored.version, CONTRACT_VERSION);
    assert_eq!(suite.query_state().unwrap(), before);
}

#[test]
fn migrate_refuses_a_downgrade() {
    let mut suite = SuiteBuilder::new().build();
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
    let mut suite = SuiteBuilder::new().build();
    stamp(&mut suite, "crates.io:ballast-oracle", "0.0.1");
    assert_err(
        migrate(&mut suite),
        ContractError::Version(VersionError::ForeignContract {
            expected: CONTRACT_NAME.to_string(),
            found: "crates.io:ballast-oracle".to_string(),
        }),
    );
}
