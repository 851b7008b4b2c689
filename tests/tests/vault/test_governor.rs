//! The governor owns the vault: the vault takes changes from it alone and checks each against its
//! hard bounds itself, whoever decided it.

use ballast_governor::error::ContractError as GovernorError;
use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{SuiteBuilder, default_params, vault_code};
use ballast_types::governor;
use ballast_types::vault::{self, GovernMsg, ParamError};
use ballast_vault::error::ContractError;
use cosmwasm_std::Decimal;
use cw_multi_test::Executor;

#[test]
fn the_vault_refuses_changes_from_anyone_but_its_governor() {
    let mut suite = SuiteBuilder::new().build();
    let owner = suite.owner.clone();
    let mut params = default_params();
    params.max_leverage = Decimal::percent(150);
    for sender in [owner, suite.guardian.clone(), suite.manager.clone()] {
        let msg = vault::ExecuteMsg::Govern(GovernMsg::SetParams {
            params: params.clone(),
        });
        assert_err(
            suite.execute_vault(&sender, msg),
            ContractError::Unauthorized { role: "governor" },
        );
    }
    let msg = vault::ExecuteMsg::Govern(GovernMsg::SetPaused { paused: true });
    let guardian = suite.guardian.clone();
    assert_err(
        suite.execute_vault(&guardian, msg),
        ContractError::Unauthorized { role: "governor" },
    );
    assert!(!suite.query_state().unwrap().paused);
}

/// A governor that is a plain account (or a buggy contract) still cannot set what the bounds refuse.
#[test]
fn the_vault_checks_its_bounds_whoever_governs() {
    let mut suite = SuiteBuilder::new().build();
    let rogue = suite.app.api().addr_make("rogue governor");
    let code_id = suite.app.store_code(vault_code());
    let mut msg = suite.vault_instantiate_msg();
    msg.governor = rogue.to_string();
    let owner = suite.owner.clone();
    let vault = suite
        .app
        .instantiate_contract(code_id, owner, &msg, &[], "rogue-governed vault", None)
        .unwrap();
    let mut params = default_params();
    params.max_leverage = Decimal::from_ratio(25u8, 1u8);
    let set = vault::ExecuteMsg::Govern(GovernMsg::SetParams { params });
    let res = suite
        .app
        .execute_contract(rogue.clone(), vault.clone(), &set, &[]);
    assert_err(
        res,
        ContractError::Param(ParamError {
            name: "max_leverage",
            value: "25".to_string(),
            rule: "in (0, 20]",
        }),
    );
    let mut offset = default_params();
    offset.share_offset_decimals += 1;
    let set = vault::ExecuteMsg::Govern(GovernMsg::SetParams { params: offset });
    let res = suite.app.execute_contract(rogue, vault, &set, &[]);
    assert_err(
        res,
        ContractError::Param(ParamError {
            name: "share_offset_decimals",
            value: (default_params().share_offset_decimals + 1).to_string(),
            rule: "fixed at instantiation",
        }),
    );
}

#[test]
fn the_governor_names_its_vault_once() {
    let mut suite = SuiteBuilder::new().build();
    let owner = suite.owner.clone();
    let other = suite.app.api().addr_make("other vault");
    let res = suite.govern(
        &owner,
        governor::ExecuteMsg::SetVault {
            vault: other.to_string(),
        },
    );
    assert_err(
        res,
        GovernorError::VaultAlreadySet {
            vault: suite.vault.to_string(),
        },
    );
    assert_eq!(
        suite.query_governor().unwrap().vault,
        Some(suite.vault.clone())
    );
}

#[test]
fn only_the_owner_names_the_vault() {
    let mut suite = SuiteBuilder::new().build();
    let code_id = suite.app.store_code(ballast_tests::suite::governor_code());
    let msg = governor::InstantiateMsg {
        owner: suite.owner.to_string(),
        guardian: suite.guardian.to_string(),
        vault: None,
    };
    let owner = suite.owner.clone();
    let fresh = suite
        .app
        .instantiate_contract(code_id, owner, &msg, &[], "governor 2", None)
        .unwrap();
    let set = governor::ExecuteMsg::SetVault {
        vault: suite.vault.to_string(),
    };
    let guardian = suite.guardian.clone();
    let res = suite
        .app
        .execute_contract(guardian, fresh.clone(), &set, &[]);
    assert_err(res, GovernorError::Unauthorized { role: "owner" });
    // Before a vault is named nothing can be forwarded.
    let owner = suite.owner.clone();
    let res = suite
        .app
        .execute_contract(owner, fresh, &governor::ExecuteMsg::Pause {}, &[]);
    assert_err(res, GovernorError::VaultNotSet {});
}

#[test]
fn the_guardian_pauses_in_the_same_transaction() {
    let mut suite = SuiteBuilder::new().build();
    let guardian = suite.guardian.clone();
    let res = suite.pause(&guardian).unwrap();
    let actions: Vec<_> = res
        .events
        .iter()
        .flat_map(|e| e.attributes.iter())
        .filter(|a| a.key == "action")
        .map(|a| a.value.as_str())
        .collect();
    assert_eq!(
        actions,
        ["pause", "pause"],
        "the governor's, then the vault's"
    );
    assert!(suite.query_state().unwrap().paused);
}

#[test]
fn the_governor_sets_the_guardian_and_the_vault_the_manager() {
    let mut suite = SuiteBuilder::new().build();
    let (owner, bob, alice) = (suite.owner.clone(), suite.bob.clone(), suite.alice.clone());
    let msg = governor::ExecuteMsg::SetRoles {
        manager: Some(bob.to_string()),
        guardian: Some(alice.to_string()),
        fee_recipient: None,
    };
    suite.govern(&owner, msg).unwrap();
    assert_eq!(suite.query_config().unwrap().manager, bob);
    assert_eq!(suite.query_governor().unwrap().guardian, alice);
    // The old guardian no longer pauses; the new one does.
    let old = suite.guardian.clone();
    assert_err(
        suite.pause(&old),
        GovernorError::Unauthorized {
            role: "guardian or owner",
        },
    );
    suite.pause(&alice).unwrap();
}
