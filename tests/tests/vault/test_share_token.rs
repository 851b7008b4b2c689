//! Shares as a bank denom (`factory/{vault}/share`, made by the chain's TokenFactory) and the CosmWasm
//! vault standard's messages and queries: a holder can send shares like any coin, and whoever holds
//! them redeems them.

use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{DENOM, NAV, SuiteBuilder};
use ballast_types::vault::{ExecuteMsg, QueryMsg, VaultInfoResponse, VaultStandardInfoResponse};
use ballast_vault::error::ContractError;
use cosmwasm_std::{Uint128, coins};
use cw_multi_test::Executor;

#[test]
fn a_deposit_mints_the_share_denom_to_the_recipient() {
    let mut suite = SuiteBuilder::new().build();
    let (bob, carol) = (suite.bob.clone(), suite.keeper.clone());
    let preview = suite.query_preview_deposit(1_000_000_000).unwrap();
    let msg = ExecuteMsg::Deposit {
        amount: Uint128::new(1_000_000_000),
        recipient: Some(carol.to_string()),
    };
    let vault = suite.vault.clone();
    suite
        .app
        .execute_contract(bob.clone(), vault, &msg, &coins(1_000_000_000, DENOM))
        .unwrap();
    assert_eq!(suite.stored_shares(&carol).unwrap(), preview);
    assert!(suite.stored_shares(&bob).unwrap().is_zero());
    let ledger = suite.share_ledger().unwrap();
    assert_eq!(ledger.minted, ledger.supply);
}

#[test]
fn shares_sent_to_another_holder_are_redeemed_by_them() {
    let mut suite = SuiteBuilder::new().build();
    let (alice, bob) = (suite.alice.clone(), suite.bob.clone());
    let shares = suite.stored_shares(&alice).unwrap().u128() / 4;
    let denom = suite.share_denom();
    suite
        .app
        .send_tokens(alice.clone(), bob.clone(), &coins(shares, &denom))
        .unwrap();
    let promised = suite.query_preview_redeem(shares).unwrap().u128();
    let cash = suite.balance(&bob);
    suite.redeem(&bob, shares).unwrap();
    assert_eq!(suite.balance(&bob) - cash, promised);
    assert!(suite.stored_shares(&bob).unwrap().is_zero());
    let ledger = suite.share_ledger().unwrap();
    assert_eq!(ledger.minted, ledger.supply);
}

#[test]
fn a_redeem_must_attach_exactly_its_shares() {
    let mut suite = SuiteBuilder::new().build();
    let alice = suite.alice.clone();
    let denom = suite.share_denom();
    let vault = suite.vault.clone();
    let redeem = |amount: u128| ExecuteMsg::Redeem {
        recipient: None,
        amount: Uint128::new(amount),
    };
    for (asked, attached) in [
        (1_000, coins(999, &denom)),
        (1_000, coins(1_000, DENOM)),
        (1_000, vec![]),
    ] {
        assert_err(
            suite
                .app
                .execute_contract(alice.clone(), vault.clone(), &redeem(asked), &attached),
            ContractError::WrongFunds {
                expected: format!("{asked}{denom}"),
            },
        );
    }
    assert_err(
        suite.app.execute_contract(alice, vault, &redeem(0), &[]),
        ContractError::WrongFunds {
            expected: format!("a positive amount of {denom}"),
        },
    );
}

#[test]
fn a_redeem_pays_the_recipient_it_names() {
    let mut suite = SuiteBuilder::new().build();
    let (alice, bob) = (suite.alice.clone(), suite.bob.clone());
    let denom = suite.share_denom();
    let msg = ExecuteMsg::Redeem {
        recipient: Some(bob.to_string()),
        amount: Uint128::new(1_000_000),
    };
    let promised = suite.query_preview_redeem(1_000_000).unwrap().u128();
    let cash = suite.balance(&bob);
    let vault = suite.vault.clone();
    suite
        .app
        .execute_contract(alice, vault, &msg, &coins(1_000_000, &denom))
        .unwrap();
    assert_eq!(suite.balance(&bob) - cash, promised);
}

#[test]
fn the_vault_standard_queries_answer_in_its_shapes() {
    let suite = SuiteBuilder::new().build();
    let ask = |msg: &QueryMsg| -> Uint128 {
        suite
            .app
            .wrap()
            .query_wasm_smart(&suite.vault, msg)
            .unwrap()
    };
    let info: VaultInfoResponse = suite
        .app
        .wrap()
        .query_wasm_smart(&suite.vault, &QueryMsg::Info {})
        .unwrap();
    assert_eq!(info.base_token, DENOM);
    assert_eq!(info.vault_token, suite.share_denom());
    let standard: VaultStandardInfoResponse = suite
        .app
        .wrap()
        .query_wasm_smart(&suite.vault, &QueryMsg::VaultStandardInfo {})
        .unwrap();
    assert_eq!(standard.version, 0);
    assert_eq!(ask(&QueryMsg::TotalAssets {}).u128(), NAV);
    let supply = ask(&QueryMsg::TotalVaultTokenSupply {});
    assert_eq!(supply, suite.share_ledger().unwrap().minted);
    // No fee is due here: the conversions equal the previews.
    let shares = ask(&QueryMsg::ConvertToShares {
        amount: Uint128::new(1_000_000),
    });
    assert_eq!(shares, suite.query_preview_deposit(1_000_000).unwrap());
    let assets = ask(&QueryMsg::ConvertToAssets { amount: shares });
    assert_eq!(assets, suite.query_preview_redeem(shares.u128()).unwrap());
    assert!(assets.u128() <= 1_000_000 && assets.u128() >= 999_999);
}

#[test]
fn fees_are_minted_as_the_share_denom() {
    let mut suite = SuiteBuilder::new()
        .params(|p| p.management_fee = cosmwasm_std::Decimal::percent(2))
        .build();
    suite.advance(31_536_000);
    suite.publish(suite.price).unwrap();
    suite.accrue_fees().unwrap();
    let recipient = suite.fee_recipient.clone();
    assert!(!suite.stored_shares(&recipient).unwrap().is_zero());
    let ledger = suite.share_ledger().unwrap();
    assert_eq!(ledger.minted, ledger.supply);
}
