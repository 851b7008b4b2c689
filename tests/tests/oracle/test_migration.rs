use ballast_oracle::contract::{CONTRACT_NAME, CONTRACT_VERSION};
use ballast_oracle::error::ContractError;
use ballast_tests::assertions::assert_err;
use ballast_tests::oracle::oracle_code;
use ballast_types::oracle::MigrateMsg;
use ballast_types::version::VersionError;
use cw_multi_test::Executor;

use crate::{World, world};

/// Overwrites the stored cw2 version of the oracle.
fn stamp(w: &mut World, name: &str, version: &str) {
    let addr = w.oracle.addr.clone();
    let mut storage = w.app.contract_storage_mut(&addr);
    cw2::set_contract_version(storage.as_mut(), name, version).unwrap();
}

fn migrate(w: &mut World) -> cosmwasm_std::StdResult<cw_multi_test::AppResponse> {
    let code_id = w.app.store_code(oracle_code());
    let (owner, addr) = (w.owner.clone(), w.oracle.addr.clone());
    w.app.migrate_contract(owner, addr, &MigrateMsg {}, code_id)
}

#[test]
fn migrate_from_an_older_version_sets_the_new_one() {
    let mut w = world();
    stamp(&mut w, CONTRACT_NAME, "0.0.1");
    migrate(&mut w).unwrap();
    let stored = cw2::query_contract_info(&w.app.wrap(), w.oracle.addr.to_string()).unwrap();
    assert_eq!(stored.version, CONTRACT_VERSION);
}

#[test]
fn migrate_refuses_a_downgrade() {
    let mut w = world();
    stamp(&mut w, CONTRACT_NAME, "99.0.0");
    assert_err(
        migrate(&mut w),
        ContractError::Version(VersionError::Downgrade {
            from: "99.0.0".to_string(),
            to: CONTRACT_VERSION.to_string(),
        }),
    );
}

#[test]
fn migrate_refuses_a_foreign_contract() {
    let mut w = world();
    stamp(&mut w, "crates.io:cw20-base", "0.0.1");
    assert_err(
        migrate(&mut w),
        ContractError::Version(VersionError::ForeignContract {
            expected: CONTRACT_NAME.to_string(),
            found: "crates.io:cw20-base".to_string(),
        }),
    );
}
