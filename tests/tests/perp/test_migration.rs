use ballast_perp::error::ContractError;
use ballast_perp::migrations::{CONTRACT_NAME, CONTRACT_VERSION};
use ballast_tests::assertions::assert_err;
use ballast_tests::perp::{MARKET, attr};
use ballast_types::Side;
use cosmwasm_std::{Int128, Uint128};
use cw_storage_plus::Map;

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

/// 0.2.0 stored markets without their sides' totals: the migration sums them from the positions, so
/// the pool is valued as before and the books (checked after every execute) still balance.
#[test]
fn migrate_from_0_2_0_sums_the_sides_from_the_positions() {
    let mut p = world();
    crate::open_reference_long(&mut p);
    let (alice, bob, carol) = (p.alice.clone(), p.bob.clone(), p.carol.clone());
    p.trade(&bob, Side::Short, 500_000, false, 100_000).unwrap();
    p.trade(&carol, Side::Long, 300_000, false, 100_000)
        .unwrap();
    p.set_price(97).unwrap();
    // Longs: alice 10,000 * (97 - 100.01) and carol 3,000 * (97 - 100.023) (her fill counts alice's
    // flow); short: bob 5,000 * (99.995 - 97). Net -39,169 + 14,975.
    let valued = p.query_pool_value().unwrap();
    assert_eq!(valued.traders_pnl, Int128::new(-24_194));
    assert_eq!(valued.reserved, Uint128::new(14_975));

    // Write the market back as 0.2.0 stored it.
    let markets: Map<&str, serde_json::Value> = Map::new("mkt");
    let addr = p.addr.clone();
    {
        let mut storage = p.app.contract_storage_mut(&addr);
        let mut market = markets.load(storage.as_ref(), MARKET).unwrap();
        let fields = market.as_object_mut().unwrap();
        for new in ["totals_long", "totals_short", "flow_long", "flow_short"] {
            assert!(fields.remove(new).is_some(), "{new} is stored");
        }
        markets.save(storage.as_mut(), MARKET, &market).unwrap();
    }
    p.stamp_version(CONTRACT_NAME, "0.2.0");
    // The old shape does not load as a 0.3.0 market.
    assert!(p.query_pool_value().is_err());

    let res = p.migrate().unwrap();
    assert_eq!(attr(&res, "markets_migrated").as_deref(), Some("1"));
    assert_eq!(p.query_pool_value().unwrap(), valued);
    // The books balance after more trading (the sanity check compares the totals with the positions).
    p.trade(&alice, Side::Short, 400_000, true, 0).unwrap();
    p.trade(&bob, Side::Short, 100_000, false, 0).unwrap();
    let lp = p.lp.clone();
    p.withdraw_liquidity(&lp, 1_000_000).unwrap();
    p.assert_books();
}
