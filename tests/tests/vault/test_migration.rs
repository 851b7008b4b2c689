//! migrate: a newer build of the same contract only; from 0.2.x, handing governance to a governor.

use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{MARKET, Suite, SuiteBuilder, governor_code};
use ballast_types::governor;
use ballast_types::version::VersionError;
use ballast_vault::contract::{CONTRACT_NAME, CONTRACT_VERSION};
use ballast_vault::error::ContractError;
use ballast_vault::migrations::strategies::retired;
use ballast_vault::migrations::v0_3;
use cosmwasm_std::{Addr, Empty, StdResult};
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
    // The same roles; the share denom is the one the migration created.
    let share_denom = suite.share_denom();
    assert_eq!(
        suite.query_config().unwrap(),
        ballast_types::vault::ConfigResponse {
            share_denom,
            ..config
        }
    );
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

#[test]
fn migrate_refuses_0_1_and_leaves_the_store() {
    // 0.1.0 kept JSON records that 0.2.x moved; this build reads only the binary ones.
    let mut suite = SuiteBuilder::new().build();
    let state = suite.query_state().unwrap();
    stamp(&mut suite, CONTRACT_NAME, "0.1.0");
    assert_err(
        migrate(&mut suite),
        ContractError::Version(VersionError::TooOld {
            from: "0.1.0".to_string(),
            oldest: "0.2.0",
        }),
    );
    let vault = suite.vault.clone();
    let version = cw2::get_contract_version(suite.app.contract_storage(&vault).as_ref()).unwrap();
    assert_eq!(version.version, "0.1.0");
    assert_eq!(suite.query_state().unwrap(), state);
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

#[test]
fn migrate_from_0_3_starts_the_ledger_at_the_balance_and_counts_earlier_payouts_once() {
    use ballast_tests::suite::{order, reduce_only};
    use ballast_types::Side;
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, 400_000_000_000)).unwrap();
    suite.advance(60);
    suite.publish(suite.price).unwrap();
    suite
        .submit(reduce_only(Side::Short, 100_000_000_000))
        .unwrap();
    let paid = suite.query_position().unwrap().paid_out;
    assert!(!paid.is_zero());
    let before = suite.query_state().unwrap();
    suite.downgrade_store_to_0_3();
    // 0.3's records are unreadable by this build until migrated.
    assert!(suite.query_state().is_err());
    let res = migrate(&mut suite).unwrap();
    let vault = suite.vault.clone();
    let balance = suite.balance(&vault);
    assert_eq!(
        ballast_tests::suite::attr(&res, "idle"),
        Some(balance.to_string())
    );
    assert_eq!(suite.query_state().unwrap(), before);
    // The payout before the migration is in the balance the ledger started from: a mark that reads
    // the market's running total does not count it again.
    suite.mark().unwrap();
    assert_eq!(suite.query_state().unwrap().idle.u128(), balance);
}

#[test]
fn migrate_from_0_4_mints_every_holders_shares_as_the_share_denom() {
    let mut suite = SuiteBuilder::new().build();
    let (alice, bob) = (suite.alice.clone(), suite.bob.clone());
    suite.deposit(&bob, 5_000_000_000).unwrap();
    let held = [
        suite.stored_shares(&alice).unwrap(),
        suite.stored_shares(&bob).unwrap(),
    ];
    let before = suite.query_state().unwrap();
    suite.downgrade_store_to_0_4();
    assert!(
        suite.query_config().is_err(),
        "0.4's config is unreadable until migrated"
    );
    let res = migrate(&mut suite).unwrap();
    assert_eq!(
        ballast_tests::suite::attr(&res, "holders").as_deref(),
        Some("2")
    );
    let denom = suite.share_denom();
    assert!(denom.ends_with("/migrated"), "{denom}");
    assert_eq!(suite.stored_shares(&alice).unwrap(), held[0]);
    assert_eq!(suite.stored_shares(&bob).unwrap(), held[1]);
    assert_eq!(suite.query_state().unwrap(), before);
    let ledger = suite.share_ledger().unwrap();
    assert_eq!(ledger.minted, ledger.supply);
    // The new shares redeem.
    suite.redeem(&bob, held[1].u128()).unwrap();
}

#[test]
fn migrate_from_0_4_needs_a_share_token() {
    let mut suite = SuiteBuilder::new().build();
    suite.downgrade_store_to_0_4();
    assert_err(
        suite.migrate_vault_with(None, None),
        ContractError::MigrationNeeds {
            field: "share_token",
        },
    );
}

#[test]
fn migrate_from_0_5_adds_no_redemption_buffer_and_orders_go_on() {
    use ballast_tests::suite::order;
    use ballast_types::Side;
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, 200_000_000_000)).unwrap();
    let before = suite.query_state().unwrap();
    suite.downgrade_store_to_0_5();
    assert!(
        suite.query_config().is_err(),
        "0.5's parameters are unreadable until migrated"
    );
    let res = suite.migrate_vault_with(None, None).unwrap();
    assert_eq!(
        ballast_tests::suite::attr(&res, "from_version").as_deref(),
        Some("0.5.0")
    );
    assert_eq!(suite.query_config().unwrap().params.redemption_buffer, None);
    assert_eq!(suite.query_state().unwrap(), before);
    suite.advance(60);
    suite.publish(suite.price).unwrap();
    suite.submit(order(Side::Long, 50_000_000_000)).unwrap();
}
