//! migrate: a newer build of the same contract only; from 0.2.x, handing governance to a governor.

use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{MARKET, Suite, SuiteBuilder, governor_code, order};
use ballast_types::Side;
use ballast_types::governor;
use ballast_types::vault::DrawdownBrake;
use ballast_types::version::VersionError;
use ballast_vault::contract::{CONTRACT_NAME, CONTRACT_VERSION};
use ballast_vault::error::ContractError;
use ballast_vault::migrations::strategies::retired;
use ballast_vault::migrations::v0_2::legacy;
use ballast_vault::migrations::v0_3;
use ballast_vault::state;
use cosmwasm_std::{Addr, Decimal, Empty, StdResult};
use cw_multi_test::{AppResponse, Executor};

fn stamp(suite: &mut Suite, name: &str, version: &str) {
    let vault = suite.vault.clone();
    let mut storage = suite.app.contract_storage_mut(&vault);
    cw2::set_contract_version(storage.as_mut(), name, version).unwrap();
}

fn migrate(suite: &mut Suite) -> StdResult<AppResponse> {
    let governor = suite.governor.clone();
    migrate_to(suite, Some(&governor))
}

fn migrate_to(suite: &mut Suite, governor: Option<&Addr>) -> StdResult<AppResponse> {
    suite.migrate_vault(governor)
}

#[test]
fn migrate_from_0_2_hands_governance_to_the_governor() {
    let mut suite = SuiteBuilder::new().build();
    let (before, config) = (suite.query_state().unwrap(), suite.query_config().unwrap());
    suite.downgrade_store_to_0_2();
    // The 0.2 roles record is unreadable by this build until migrated.
    assert!(suite.query_config().is_err());
    migrate(&mut suite).unwrap();
    let stored = cw2::query_contract_info(&suite.app.wrap(), suite.vault.to_string()).unwrap();
    assert_eq!(stored.version, CONTRACT_VERSION);
    assert_eq!(suite.query_state().unwrap(), before);
    assert_eq!(suite.query_config().unwrap(), config);
    // The governor governs: the guardian's pause reaches the vault.
    let guardian = suite.guardian.clone();
    suite.pause(&guardian).unwrap();
    assert!(suite.query_state().unwrap().paused);
}

#[test]
fn migrate_from_0_2_needs_a_governor() {
    let mut suite = SuiteBuilder::new().build();
    suite.downgrade_store_to_0_2();
    assert_err(
        migrate_to(&mut suite, None),
        ContractError::GovernorMismatch {
            field: "governor",
            expected: "the address of a governor in the migrate message".to_string(),
            governor: "none".to_string(),
        },
    );
}

/// A second governor, instantiated with `owner` and `guardian`, governing `vault` if given.
fn other_governor(suite: &mut Suite, owner: &Addr, vault: Option<&Addr>) -> Addr {
    let code_id = suite.app.store_code(governor_code());
    let msg = governor::InstantiateMsg {
        owner: owner.to_string(),
        guardian: suite.guardian.to_string(),
        vault: vault.map(Addr::to_string),
    };
    let sender = suite.owner.clone();
    suite
        .app
        .instantiate_contract(code_id, sender, &msg, &[], "governor 2", None)
        .unwrap()
}

#[test]
fn migrate_from_0_2_refuses_a_governor_of_another_owner() {
    let mut suite = SuiteBuilder::new().build();
    let (bob, vault) = (suite.bob.clone(), suite.vault.clone());
    let impostor = other_governor(&mut suite, &bob, Some(&vault));
    suite.downgrade_store_to_0_2();
    assert_err(
        migrate_to(&mut suite, Some(&impostor)),
        ContractError::GovernorMismatch {
            field: "owner",
            expected: suite.owner.to_string(),
            governor: bob.to_string(),
        },
    );
}

#[test]
fn migrate_from_0_2_refuses_a_governor_of_no_vault() {
    let mut suite = SuiteBuilder::new().build();
    let owner = suite.owner.clone();
    let idle_governor = other_governor(&mut suite, &owner, None);
    suite.downgrade_store_to_0_2();
    assert_err(
        migrate_to(&mut suite, Some(&idle_governor)),
        ContractError::GovernorMismatch {
            field: "vault",
            expected: suite.vault.to_string(),
            governor: "none".to_string(),
        },
    );
}

#[test]
fn migrate_from_0_2_refuses_while_a_proposal_is_pending() {
    let mut suite = SuiteBuilder::new().build();
    suite.downgrade_store_to_0_2();
    {
        let vault = suite.vault.clone();
        let mut storage = suite.app.contract_storage_mut(&vault);
        let pending = cosmwasm_std::Binary::from(b"{}".as_slice());
        v0_3::legacy::PENDING_MARKETS
            .save(storage.as_mut(), MARKET, &pending)
            .unwrap();
    }
    assert_err(
        migrate(&mut suite),
        ContractError::PendingAtMigration {
            what: "market changes",
        },
    );
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

/// Rewrites the vault's store as version 0.1.0 kept it: the binary records as JSON under their old keys.
fn downgrade_store_to_0_1(suite: &mut Suite) {
    let roles = suite.roles_0_2();
    let vault = suite.vault.clone();
    let mut storage = suite.app.contract_storage_mut(&vault);
    let s = storage.as_mut();
    legacy::CONFIG.save(s, &roles).unwrap();
    let v = state::PARAMS.load(s).unwrap();
    legacy::PARAMS.save(s, &v).unwrap();
    let v = state::PAUSED.load(s).unwrap();
    legacy::PAUSED.save(s, &v).unwrap();
    let v = state::TOTALS.load(s).unwrap();
    legacy::TOTALS.save(s, &v).unwrap();
    let v = state::TOTAL_SHARES.load(s).unwrap();
    legacy::TOTAL_SHARES.save(s, &v).unwrap();
    let v = state::MARKETS.load(s, MARKET).unwrap();
    legacy::MARKETS.save(s, MARKET, &v).unwrap();
    let v = state::VOLS.load(s, MARKET).unwrap();
    legacy::VOLS.save(s, MARKET, &v).unwrap();
    let v = state::MARKS.load(s, MARKET).unwrap();
    legacy::MARKS.save(s, MARKET, &v).unwrap();
    let v = state::PEAK.load(s).unwrap();
    legacy::PEAK.save(s, &v).unwrap();
    legacy::PENDING_MARK.save(s, &MARKET.to_string()).unwrap();
    legacy::HALTED_UNTIL.save(s, MARKET, &7).unwrap();
    for key in ["C", "P", "Z", "S", "U", "W"] {
        s.remove(key.as_bytes());
    }
    state::MARKETS.remove(s, MARKET);
    state::VOLS.remove(s, MARKET);
    state::MARKS.remove(s, MARKET);
    cw2::set_contract_version(s, CONTRACT_NAME, "0.1.0").unwrap();
}

#[test]
fn migrate_from_0_1_moves_json_records_to_binary() {
    // With a drawdown brake, so that the peak record exists too.
    let mut suite = SuiteBuilder::new()
        .params(|p| {
            p.drawdown_brake = Some(DrawdownBrake {
                start: Decimal::percent(25),
                max_drawdown: Decimal::percent(50),
                peak_half_life: 63_072_000,
            })
        })
        .build();
    suite.submit(order(Side::Long, 250_000_000_000)).unwrap();
    let state = suite.query_state().unwrap();
    let config = suite.query_config().unwrap();
    let market = suite.query_market().unwrap();
    downgrade_store_to_0_1(&mut suite);
    // The 0.1.0 store is unreadable by this build until migrated: the test really starts from it.
    assert!(suite.query_state().is_err());

    migrate(&mut suite).unwrap();
    assert_eq!(suite.query_state().unwrap(), state);
    assert_eq!(suite.query_config().unwrap(), config);
    let migrated = suite.query_market().unwrap();
    assert_eq!(migrated.mark, market.mark);
    assert_eq!(migrated.config, market.config);
    {
        let vault = suite.vault.clone();
        let storage = suite.app.contract_storage_mut(&vault);
        assert_eq!(
            state::HALTED_UNTIL.load(storage.as_ref(), MARKET).unwrap(),
            7
        );
        assert_eq!(state::PENDING_MARK.load(storage.as_ref()).unwrap(), MARKET);
        assert!(legacy::PEAK.may_load(storage.as_ref()).unwrap().is_none());
        assert!(legacy::PARAMS.may_load(storage.as_ref()).unwrap().is_none());
        assert!(
            legacy::MARKS
                .may_load(storage.as_ref(), MARKET)
                .unwrap()
                .is_none()
        );
    }
    // Orders run on the moved records.
    suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
    assert!(suite.query_state().unwrap().gross_notional > state.gross_notional);
}

/// Rewrites the store as 0.2.1 kept it, with grid and hedge records (keys only matter) under their
/// retired keys.
fn store_0_2_strategies(suite: &mut Suite, grids: u64, hedges: &[&str]) {
    suite.downgrade_store_to_0_2();
    let vault = suite.vault.clone();
    let mut storage = suite.app.contract_storage_mut(&vault);
    let s = storage.as_mut();
    for grid_id in 1..=grids {
        retired::GRIDS
            .save(s, (MARKET, grid_id), &Empty {})
            .unwrap();
    }
    for market in hedges {
        retired::HEDGES.save(s, market, &Empty {}).unwrap();
    }
    s.set(retired::NEXT_GRID_ID, b"3");
    cw2::set_contract_version(s, CONTRACT_NAME, "0.2.1").unwrap();
}

#[test]
fn migrate_refuses_a_vault_still_holding_grids_and_hedges() {
    let mut suite = SuiteBuilder::new().warm_up(0).build();
    store_0_2_strategies(&mut suite, 2, &[MARKET]);
    assert_err(
        migrate(&mut suite),
        ContractError::StrategiesStored {
            grids: 2,
            hedges: 1,
        },
    );
    let stored = cw2::query_contract_info(&suite.app.wrap(), suite.vault.to_string()).unwrap();
    assert_eq!(stored.version, "0.2.1");
}

#[test]
fn migrate_refuses_a_vault_holding_only_a_hedge() {
    let mut suite = SuiteBuilder::new().warm_up(0).build();
    store_0_2_strategies(&mut suite, 0, &[MARKET]);
    assert_err(
        migrate(&mut suite),
        ContractError::StrategiesStored {
            grids: 0,
            hedges: 1,
        },
    );
}

#[test]
fn migrate_without_grids_or_hedges_drops_the_grid_counter() {
    let mut suite = SuiteBuilder::new().warm_up(0).build();
    store_0_2_strategies(&mut suite, 0, &[]);
    migrate(&mut suite).unwrap();
    let vault = suite.vault.clone();
    let storage = suite.app.contract_storage_mut(&vault);
    assert_eq!(storage.as_ref().get(retired::NEXT_GRID_ID), None);
}
