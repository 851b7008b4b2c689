//! Attacks on the governance split (the governor owns the vault): from an outsider, a guardian, an
//! owner's mistake and a handover by migration. Two worked before their fix and are kept here: a
//! governor naming a vault that does not name it (governor bricked, its vault ungoverned for good),
//! and a migration handing the vault to a governor whose wasm admin is someone else (who could migrate
//! it to send anything, with no timelock). The rest pin what the code already stops.

use ballast_governor::error::ContractError as GovernorError;
use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{DAY, SuiteBuilder, default_params};
use ballast_types::governor;
use ballast_types::vault::LoosenError;
use ballast_vault::error::ContractError;
use cosmwasm_std::Decimal;

// --- Fixed: worked before the fix ---

/// Before: `SetVault` took any address, once. An owner who named the wrong vault had a governor whose
/// every forwarded message failed, and the vault naming it could never be governed (not even paused).
#[test]
fn a_governor_refuses_a_vault_that_names_another_governor_and_can_still_name_its_own() {
    let mut suite = SuiteBuilder::new().build();
    let owner = suite.owner.clone();
    let fresh = suite.instantiate_governor(&owner, None, &owner, None);
    let own_vault = suite.instantiate_vault_governed_by(&owner, &fresh);
    let wrong = governor::ExecuteMsg::SetVault {
        vault: suite.vault.to_string(),
    };
    assert_err(
        suite.govern_at(&owner, &fresh, wrong),
        GovernorError::VaultNotGoverned {
            vault: suite.vault.to_string(),
            governor: suite.governor.to_string(),
        },
    );
    let right = governor::ExecuteMsg::SetVault {
        vault: own_vault.to_string(),
    };
    suite.govern_at(&owner, &fresh, right).unwrap();
    suite
        .govern_at(&owner, &fresh, governor::ExecuteMsg::Pause {})
        .unwrap();
}

/// Before: the migration checked the governor's owner, guardian and vault, all of which an attacker
/// can copy into a governor they instantiate with themselves as its wasm admin; migrating that
/// governor afterwards would let them send the vault any `Govern` message at once.
#[test]
fn the_migration_refuses_a_governor_that_someone_else_can_migrate() {
    let mut suite = SuiteBuilder::new().build();
    let (owner, vault) = (suite.owner.clone(), suite.vault.clone());
    let attacker = suite.app.api().addr_make("attacker");
    let lookalike = suite.instantiate_governor(&attacker, Some(&attacker), &owner, Some(&vault));
    suite.downgrade_store_to_0_2();
    assert_err(
        suite.migrate_vault(Some(&lookalike)),
        ContractError::GovernorMismatch {
            field: "admin",
            expected: format!("none or {owner}"),
            governor: attacker.to_string(),
        },
    );
}

#[test]
fn the_migration_hands_over_to_a_governor_nobody_can_migrate() {
    let mut suite = SuiteBuilder::new().build();
    let (owner, vault) = (suite.owner.clone(), suite.vault.clone());
    let stranger = suite.app.api().addr_make("stranger");
    let frozen = suite.instantiate_governor(&stranger, None, &owner, Some(&vault));
    suite.downgrade_store_to_0_2();
    suite.migrate_vault(Some(&frozen)).unwrap();
    assert_eq!(suite.query_config().unwrap().governor, frozen);
}

// --- Already stopped: pinned (a venue change by `TightenMarket` is
// `test_venues::the_guardian_cannot_change_a_venue`) ---

#[test]
fn the_guardian_cannot_raise_a_fee_by_tightening() {
    let mut suite = SuiteBuilder::new().build();
    let guardian = suite.guardian.clone();
    let mut params = default_params();
    params.performance_fee = Decimal::percent(30);
    assert_err(
        suite.govern(&guardian, governor::ExecuteMsg::Tighten { params }),
        ContractError::Loosen(LoosenError {
            name: "performance_fee",
            from: "0".into(),
            to: "0.3".into(),
        }),
    );
}

#[test]
fn the_guardian_cannot_shorten_the_timelock_by_tightening() {
    let mut suite = SuiteBuilder::new().build();
    let guardian = suite.guardian.clone();
    let mut params = default_params();
    params.timelock = 3_600;
    assert_err(
        suite.govern(&guardian, governor::ExecuteMsg::Tighten { params }),
        ContractError::Loosen(LoosenError {
            name: "timelock",
            from: DAY.to_string(),
            to: "3600".into(),
        }),
    );
}

#[test]
fn the_guardian_cannot_add_a_market_by_tightening() {
    let mut suite = SuiteBuilder::new().build();
    let guardian = suite.guardian.clone();
    let mut new_market = suite.query_market().unwrap().config;
    new_market.market = "ETH-PERP".to_string();
    assert_err(
        suite.govern(
            &guardian,
            governor::ExecuteMsg::TightenMarket { config: new_market },
        ),
        ContractError::UnknownMarket {
            market: "ETH-PERP".to_string(),
        },
    );
}

#[test]
fn proposing_the_same_market_again_restarts_its_timelock() {
    let mut suite = SuiteBuilder::new().build();
    let owner = suite.owner.clone();
    let mut config = suite.query_market().unwrap().config;
    config.weight = Decimal::percent(150);
    let propose = governor::ExecuteMsg::ProposeMarket { config };
    suite.govern(&owner, propose.clone()).unwrap();
    suite.advance(DAY - 10);
    suite.govern(&owner, propose).unwrap();
    let eta = suite.now() + DAY;
    suite.advance(10);
    let (keeper, market) = (suite.keeper.clone(), suite.market.clone());
    assert_err(
        suite.govern(&keeper, governor::ExecuteMsg::ApplyMarket { market }),
        GovernorError::TimelockNotPassed {
            eta,
            now: suite.now(),
        },
    );
}

#[test]
fn ownership_offered_to_an_address_that_cannot_accept_leaves_the_owner_in_charge() {
    let mut suite = SuiteBuilder::new().build();
    let (owner, vault) = (suite.owner.clone(), suite.vault.clone());
    let offer = governor::ExecuteMsg::TransferOwnership {
        new_owner: vault.to_string(),
    };
    suite.govern(&owner, offer).unwrap();
    let config = suite.query_governor().unwrap();
    assert_eq!(
        (config.owner, config.pending_owner),
        (owner.clone(), Some(vault))
    );
    suite.pause(&owner).unwrap();
    suite.unpause(&owner).unwrap();
    assert!(!suite.query_state().unwrap().paused);
}

#[test]
fn a_stranger_cannot_accept_ownership_offered_to_another() {
    let mut suite = SuiteBuilder::new().build();
    let (owner, bob, attacker) = (
        suite.owner.clone(),
        suite.bob.clone(),
        suite.app.api().addr_make("attacker"),
    );
    let offer = governor::ExecuteMsg::TransferOwnership {
        new_owner: bob.to_string(),
    };
    suite.govern(&owner, offer).unwrap();
    assert_err(
        suite.govern(&attacker, governor::ExecuteMsg::AcceptOwnership {}),
        GovernorError::Unauthorized {
            role: "pending owner",
        },
    );
    assert_eq!(suite.query_governor().unwrap().owner, owner);
}

#[test]
fn the_guardian_cannot_set_roles() {
    let mut suite = SuiteBuilder::new().build();
    let guardian = suite.guardian.clone();
    let grab = governor::ExecuteMsg::SetRoles {
        manager: Some(guardian.to_string()),
        guardian: None,
        fee_recipient: Some(guardian.to_string()),
    };
    assert_err(
        suite.govern(&guardian, grab),
        GovernorError::Unauthorized { role: "owner" },
    );
    assert_ne!(suite.query_config().unwrap().manager, guardian);
}

#[test]
fn the_guardian_cannot_allow_a_signal_source() {
    let mut suite = SuiteBuilder::new().build();
    let guardian = suite.guardian.clone();
    let allow = governor::ExecuteMsg::SetSignalSource {
        address: guardian.to_string(),
        allowed: true,
    };
    assert_err(
        suite.govern(&guardian, allow),
        GovernorError::Unauthorized { role: "owner" },
    );
}

/// A guardian set to an address that cannot act (here the vault) leaves the owner able to pause.
#[test]
fn removing_the_guardian_leaves_the_owner_able_to_pause() {
    let mut suite = SuiteBuilder::new().build();
    let (owner, vault) = (suite.owner.clone(), suite.vault.clone());
    let remove = governor::ExecuteMsg::SetRoles {
        manager: None,
        guardian: Some(vault.to_string()),
        fee_recipient: None,
    };
    suite.govern(&owner, remove).unwrap();
    suite.pause(&owner).unwrap();
    assert!(suite.query_state().unwrap().paused);
}

/// A tightening cancels the pending params: the looser proposal cannot be applied after it, even by
/// anyone at its eta.
#[test]
fn a_tightening_at_the_eta_leaves_nothing_to_apply() {
    let mut suite = SuiteBuilder::new().build();
    let (owner, guardian, keeper) = (
        suite.owner.clone(),
        suite.guardian.clone(),
        suite.keeper.clone(),
    );
    let mut looser = default_params();
    looser.max_leverage = Decimal::percent(500);
    suite
        .govern(
            &owner,
            governor::ExecuteMsg::ProposeParams { params: looser },
        )
        .unwrap();
    suite.advance(DAY);
    let mut tighter = default_params();
    tighter.max_leverage = Decimal::percent(200);
    suite
        .govern(&guardian, governor::ExecuteMsg::Tighten { params: tighter })
        .unwrap();
    assert_err(
        suite.govern(&keeper, governor::ExecuteMsg::ApplyParams {}),
        GovernorError::NothingPending {
            what: "params".to_string(),
        },
    );
    assert_eq!(
        suite.query_config().unwrap().params.max_leverage,
        Decimal::percent(200)
    );
}
