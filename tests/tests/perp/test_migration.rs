use ballast_perp::error::ContractError;
use ballast_perp::migrations::{CONTRACT_NAME, CONTRACT_VERSION};
use ballast_tests::assertions::assert_err;
use ballast_tests::perp::attr;

use crate::world;

#[test]
fn migrate_from_an_older_version_sets_the_new_one() {
    let mut p = world();
    p.stamp_version(CONTRACT_NAME, "0.0.1");
    let res = p.migrate().unwrap();
    assert_eq!(attr(&res, "action").as_deref(), Some("migrate"));
    assert_eq!(attr(&res, "from_version").as_deref(), Some("0.0.1"));
    assert_eq!(attr(&res, "to_version").as_deref(), Some(CONTRACT_VERSION));
    let stored = cw2::query_contract_info(&p.app.wrap(), p.addr.to_string()).unwrap();
    assert_eq!(stored.contract, CONTRACT_NAME);
    assert_eq!(stored.version, CONTRACT_VERSION);
}

#[test]
fn migrate_refuses_a_downgrade() {
    let mut p = world();
    p.stamp_version(CONTRACT_NAME, "99.0.0");
    assert_err(
        p.migrate(),
        ContractError::Downgrade {
            from: "99.0.0".to_string(),
            to: CONTRACT_VERSION.to_string(),
        },
    );
}

#[test]
fn migrate_refuses_a_foreign_contract() {
    let mut p = world();
    p.stamp_version("crates.io:cw20-base", "0.0.1");
    assert_err(
        p.migrate(),
        ContractError::ForeignContract {
            expected: CONTRACT_NAME.to_string(),
            found: "crates.io:cw20-base".to_string(),
        },
    );
}

#[test]
fn migrate_keeps_positions() {
    let mut p = world();
    crate::open_reference_long(&mut p);
    p.stamp_version(CONTRACT_NAME, "0.0.1");
    p.migrate().unwrap();
    assert_eq!(p.query_position(&p.alice).unwrap().margin.u128(), 199_000);
}
