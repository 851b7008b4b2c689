//! Other governors and vaults beside the suite's, and the vault's store as 0.2.x and 0.3.x kept it: the world of
//! attacks on the governance split (a governor naming the wrong vault, a handover to another governor).

use cosmwasm_std::{Addr, Order, StdResult};
use cw_multi_test::{AppResponse, Executor};

use ballast_types::governor;
use ballast_types::vault::{MigrateMsg, ShareToken, TokenFactory};
use ballast_vault::contract::CONTRACT_NAME;
use ballast_vault::migrations::{v0_2, v0_5};
use ballast_vault::state;

use super::Suite;
use super::builder::{governor_code, vault_code};

/// The share subdenom a migration from 0.4.x creates in the suite (the instantiation's exists).
pub const MIGRATED_SUBDENOM: &str = "migrated";

impl Suite {
    /// Another governor with `owner` and the suite's guardian, governing `vault` if given, instantiated
    /// by `creator` with `admin` as its wasm admin (who may migrate it).
    pub fn instantiate_governor(
        &mut self,
        creator: &Addr,
        admin: Option<&Addr>,
        owner: &Addr,
        vault: Option<&Addr>,
    ) -> Addr {
        let code_id = self.app.store_code(governor_code());
        let msg = governor::InstantiateMsg {
            owner: owner.to_string(),
            guardian: self.guardian.to_string(),
            vault: vault.map(Addr::to_string),
        };
        self.app
            .instantiate_contract(
                code_id,
                creator.clone(),
                &msg,
                &[],
                "another governor",
                admin.map(Addr::to_string),
            )
            .expect("instantiate governor")
    }

    /// Another vault like the suite's, naming `governor` as its governor, instantiated by `creator`.
    pub fn instantiate_vault_governed_by(&mut self, creator: &Addr, governor: &Addr) -> Addr {
        let code_id = self.app.store_code(vault_code());
        let mut msg = self.vault_instantiate_msg();
        msg.governor = governor.to_string();
        self.app
            .instantiate_contract(code_id, creator.clone(), &msg, &[], "another vault", None)
            .expect("instantiate vault")
    }

    /// A governance message to the governor at `governor` (not the suite's) from `sender`.
    pub fn govern_at(
        &mut self,
        sender: &Addr,
        governor: &Addr,
        msg: governor::ExecuteMsg,
    ) -> StdResult<AppResponse> {
        self.app
            .execute_contract(sender.clone(), governor.clone(), &msg, &[])
    }

    /// The owner migrates the vault to this build, naming `governor` in the migrate message.
    pub fn migrate_vault(&mut self, governor: Option<&Addr>) -> StdResult<AppResponse> {
        let share_token = Some(ShareToken {
            token_factory: TokenFactory::Osmosis,
            subdenom: MIGRATED_SUBDENOM.to_string(),
        });
        self.migrate_vault_with(governor, share_token)
    }

    /// `migrate` to this build's vault with the message's fields as given.
    pub fn migrate_vault_with(
        &mut self,
        governor: Option<&Addr>,
        share_token: Option<ShareToken>,
    ) -> StdResult<AppResponse> {
        let code_id = self.app.store_code(vault_code());
        let (owner, vault) = (self.owner.clone(), self.vault.clone());
        let msg = MigrateMsg {
            governor: governor.map(Addr::to_string),
            share_token,
        };
        self.app.migrate_contract(owner, vault, &msg, code_id)
    }

    /// Rewrites the vault's store as 0.5.x kept it: parameters without `redemption_buffer` (their
    /// last field, one byte while it is None).
    pub fn downgrade_store_to_0_5(&mut self) {
        let vault = self.vault.clone();
        let mut storage = self.app.contract_storage_mut(&vault);
        let storage = storage.as_mut();
        let params = storage.get(state::PARAMS.key()).unwrap();
        assert_eq!(
            params.last(),
            Some(&0),
            "0.5 had no redemption buffer to keep"
        );
        storage.set(state::PARAMS.key(), &params[..params.len() - 1]);
        cw2::set_contract_version(storage, CONTRACT_NAME, "0.5.0").unwrap();
    }

    /// Rewrites the vault's store as 0.4.x kept it: shares as records of the vault (every holder's
    /// tokens taken back into them), and a config without the share denom.
    pub fn downgrade_store_to_0_4(&mut self) {
        let share_denom = self.share_denom();
        let holders = [
            self.alice.clone(),
            self.bob.clone(),
            self.keeper.clone(),
            self.lp.clone(),
            self.fee_recipient.clone(),
        ];
        for holder in holders {
            let held = self.stored_shares(&holder).unwrap();
            if held.is_zero() {
                continue;
            }
            self.app.init_modules(|router, _, storage| {
                router.bank.init_balance(storage, &holder, vec![]).unwrap();
            });
            let vault = self.vault.clone();
            let mut storage = self.app.contract_storage_mut(&vault);
            v0_5::SHARES_0_4
                .save(storage.as_mut(), &holder, &held)
                .unwrap();
        }
        self.downgrade_store_to_0_5();
        let vault = self.vault.clone();
        let mut storage = self.app.contract_storage_mut(&vault);
        let storage = storage.as_mut();
        let config = storage.get(state::CONFIG.key()).unwrap();
        // The share denom (a u32 length, then its bytes) and the token factory (one byte).
        let cut = config.len() - (4 + share_denom.len() + 1);
        storage.set(state::CONFIG.key(), &config[..cut]);
        cw2::set_contract_version(storage, CONTRACT_NAME, "0.4.0").unwrap();
    }

    /// The roles record as 0.1.0 and 0.2.x kept it, with the suite's owner and guardian in the vault.
    pub fn roles_0_2(&mut self) -> v0_2::Config {
        let vault = self.vault.clone();
        let storage = self.app.contract_storage_mut(&vault);
        let config = state::CONFIG.load(storage.as_ref()).unwrap();
        v0_2::Config {
            owner: self.owner.clone(),
            manager: config.manager,
            guardian: self.guardian.clone(),
            fee_recipient: config.fee_recipient,
            denom: config.denom,
            oracle: config.oracle,
            perp_market: config.perp_market,
        }
    }

    /// Rewrites the vault's store as 0.2.1 kept it: owner and guardian in its roles record, and the
    /// marks and totals of 0.3.x.
    pub fn downgrade_store_to_0_2(&mut self) {
        let roles = self.roles_0_2();
        self.downgrade_store_to_0_3();
        let vault = self.vault.clone();
        let mut storage = self.app.contract_storage_mut(&vault);
        v0_2::CONFIG.save(storage.as_mut(), &roles).unwrap();
        cw2::set_contract_version(storage.as_mut(), CONTRACT_NAME, "0.2.1").unwrap();
    }

    /// Rewrites the vault's store as 0.3.0 kept it: 0.4's, and marks without the venue's payouts, totals
    /// without idle (0.3.x counted idle from its bank balance). Both fields are their records' last
    /// 16 bytes.
    pub fn downgrade_store_to_0_3(&mut self) {
        self.downgrade_store_to_0_4();
        let vault = self.vault.clone();
        let mut storage = self.app.contract_storage_mut(&vault);
        let storage = storage.as_mut();
        let prefix = state::MARKS.key("");
        let marks: Vec<_> = storage
            .range(Some(&prefix), None, Order::Ascending)
            .take_while(|(key, _)| key.starts_with(&prefix))
            .collect();
        for (key, record) in marks {
            storage.set(&key, &record[..record.len() - 16]);
        }
        let totals = storage.get(state::TOTALS.key()).unwrap();
        storage.set(state::TOTALS.key(), &totals[..totals.len() - 16]);
        cw2::set_contract_version(storage, CONTRACT_NAME, "0.3.0").unwrap();
    }
}
