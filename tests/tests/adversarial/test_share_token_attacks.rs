//! Attacks on shares as a TokenFactory denom and the vault standard's messages (vault 0.5.0), as an
//! outsider or a holder would try them. After each, the bank supply of the share denom equals the
//! vault's own count, and the other holders' share price has not moved.

use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{DENOM, Suite, SuiteBuilder};
use ballast_types::vault::{ExecuteMsg, QueryMsg};
use ballast_vault::error::ContractError;
use cosmwasm_std::{Addr, Coin, Decimal, Uint128, coin, coins};
use cw_multi_test::Executor;

fn exec(
    suite: &mut Suite,
    sender: &Addr,
    msg: &ExecuteMsg,
    funds: &[Coin],
) -> cosmwasm_std::StdResult<cw_multi_test::AppResponse> {
    let vault = suite.vault.clone();
    suite
        .app
        .execute_contract(sender.clone(), vault, msg, funds)
}

fn deposit_msg(amount: u128, recipient: Option<&Addr>) -> ExecuteMsg {
    ExecuteMsg::Deposit {
        amount: Uint128::new(amount),
        recipient: recipient.map(Addr::to_string),
    }
}

fn redeem_msg(amount: u128) -> ExecuteMsg {
    ExecuteMsg::Redeem {
        recipient: None,
        amount: Uint128::new(amount),
    }
}

fn assert_ledger(suite: &Suite) {
    let ledger = suite.share_ledger().unwrap();
    assert_eq!(
        ledger.minted, ledger.supply,
        "bank supply against the vault's count"
    );
}

fn share_price(suite: &Suite) -> Decimal {
    suite.query_state().unwrap().share_price
}

/// Shares given to the vault are nobody's: no one can redeem them, and the holders' price stays.
#[test]
fn shares_donated_to_the_vault_cannot_be_redeemed_by_anyone() {
    let mut suite = SuiteBuilder::new().build();
    let (alice, bob) = (suite.alice.clone(), suite.bob.clone());
    let denom = suite.share_denom();
    let vault = suite.vault.clone();
    let gift = suite.stored_shares(&alice).unwrap().u128() / 10;
    let price = share_price(&suite);
    suite
        .app
        .send_tokens(alice.clone(), vault.clone(), &coins(gift, &denom))
        .unwrap();
    assert_eq!(share_price(&suite), price);
    // Bob asks for the gift without attaching anything, or attaching base tokens instead.
    assert_err(
        exec(&mut suite, &bob, &redeem_msg(gift), &[]),
        ContractError::WrongFunds {
            expected: format!("{gift}{denom}"),
        },
    );
    assert_err(
        exec(&mut suite, &bob, &redeem_msg(gift), &coins(gift, DENOM)),
        ContractError::WrongFunds {
            expected: format!("{gift}{denom}"),
        },
    );
    // A holder's own redeem burns only what it attached; the gift stays in the vault.
    let shares = suite.stored_shares(&alice).unwrap().u128() / 10;
    suite.redeem(&alice, shares).unwrap();
    assert_eq!(suite.stored_shares(&vault).unwrap().u128(), gift);
    assert_eq!(share_price(&suite), price);
    assert_ledger(&suite);
}

/// A denom that only looks like the vault's (another creator's `factory/.../share`) redeems nothing.
#[test]
fn a_look_alike_share_denom_is_refused() {
    let mut suite = SuiteBuilder::new().build();
    let bob = suite.bob.clone();
    let real = suite.share_denom();
    let fake = format!("factory/{bob}/share");
    let fake_coins = coins(1_000_000_000_000_000, &fake);
    suite.app.init_modules(|router, _, storage| {
        router.bank.init_balance(storage, &bob, fake_coins).unwrap();
    });
    assert_err(
        exec(
            &mut suite,
            &bob,
            &redeem_msg(1_000_000_000_000_000),
            &coins(1_000_000_000_000_000, &fake),
        ),
        ContractError::WrongFunds {
            expected: format!("1000000000000000{real}"),
        },
    );
    assert_ledger(&suite);
}

/// Extra coins beside the right ones, on either message, are refused rather than kept.
#[test]
fn extra_coins_beside_the_right_ones_are_refused() {
    let mut suite = SuiteBuilder::new().build();
    let (alice, bob) = (suite.alice.clone(), suite.bob.clone());
    let denom = suite.share_denom();
    let shares = suite.stored_shares(&alice).unwrap().u128() / 10;
    let mut funds = vec![coin(shares, &denom), coin(5, DENOM)];
    funds.sort_by(|a, b| a.denom.cmp(&b.denom));
    assert_err(
        exec(&mut suite, &alice, &redeem_msg(shares), &funds),
        ContractError::WrongFunds {
            expected: format!("{shares}{denom}"),
        },
    );
    let bob_shares = suite.stored_shares(&alice).unwrap().u128() / 100;
    suite
        .app
        .send_tokens(alice.clone(), bob.clone(), &coins(bob_shares, &denom))
        .unwrap();
    let mut funds = vec![coin(1_000_000, DENOM), coin(bob_shares, &denom)];
    funds.sort_by(|a, b| a.denom.cmp(&b.denom));
    assert_err(
        exec(&mut suite, &bob, &deposit_msg(1_000_000, None), &funds),
        ContractError::WrongFunds {
            expected: format!("1000000{DENOM}"),
        },
    );
    // A deposit whose `amount` differs from what is attached, either way.
    for attached in [999_999, 1_000_001] {
        assert_err(
            exec(
                &mut suite,
                &bob,
                &deposit_msg(1_000_000, None),
                &coins(attached, DENOM),
            ),
            ContractError::WrongFunds {
                expected: format!("1000000{DENOM}"),
            },
        );
    }
    assert_ledger(&suite);
}

/// A recipient that is not an address is refused before anything moves.
#[test]
fn an_invalid_recipient_is_refused() {
    let mut suite = SuiteBuilder::new().build();
    let bob = suite.bob.clone();
    let msg = ExecuteMsg::Deposit {
        amount: Uint128::new(1_000_000),
        recipient: Some("not an address".to_string()),
    };
    assert_err(
        exec(&mut suite, &bob, &msg, &coins(1_000_000, DENOM)),
        ContractError::InvalidAddress {
            field: "recipient",
            address: "not an address".to_string(),
        },
    );
    assert_ledger(&suite);
}

/// Shares a depositor mints to the vault itself are that depositor's loss only: the other holders'
/// price does not move and the vault's count still equals the bank supply.
#[test]
fn a_deposit_for_the_vault_itself_moves_no_other_holders_price() {
    let mut suite = SuiteBuilder::new().build();
    let bob = suite.bob.clone();
    let vault = suite.vault.clone();
    let price = share_price(&suite);
    exec(
        &mut suite,
        &bob,
        &deposit_msg(5_000_000_000, Some(&vault)),
        &coins(5_000_000_000, DENOM),
    )
    .unwrap();
    assert!(!suite.stored_shares(&vault).unwrap().is_zero());
    let after = share_price(&suite);
    // The deposit is priced at the share price, rounded down in the vault's favour.
    assert!(after >= price, "{price} -> {after}");
    assert_ledger(&suite);
}

/// With fees due, the previews charge them as execution does: a depositor gets exactly the preview.
#[test]
fn previews_with_fees_due_match_execution_exactly() {
    let mut suite = SuiteBuilder::new()
        .params(|p| {
            p.management_fee = Decimal::percent(2);
            p.performance_fee = Decimal::percent(20);
        })
        .build();
    suite.advance(180 * 86_400);
    suite.publish(suite.price).unwrap();
    let bob = suite.bob.clone();
    let preview = suite.query_preview_deposit(7_777_777_777).unwrap();
    suite.deposit(&bob, 7_777_777_777).unwrap();
    assert_eq!(suite.stored_shares(&bob).unwrap(), preview);
    suite.advance(90 * 86_400);
    suite.publish(suite.price).unwrap();
    let shares = preview.u128() / 3;
    let promised = suite.query_preview_redeem(shares).unwrap().u128();
    let cash = suite.balance(&bob);
    suite.redeem(&bob, shares).unwrap();
    assert_eq!(suite.balance(&bob) - cash, promised);
    assert_ledger(&suite);
    // The standard's supply query counts the fee shares just minted.
    let supply: Uint128 = suite
        .app
        .wrap()
        .query_wasm_smart(&suite.vault, &QueryMsg::TotalVaultTokenSupply {})
        .unwrap();
    assert_eq!(supply, suite.share_ledger().unwrap().minted);
}

/// Shares sent around many times and redeemed in dust amounts never pay more than their preview,
/// and the rounding stays with the vault.
#[test]
fn dust_redeems_after_transfers_pay_no_more_than_their_previews() {
    let mut suite = SuiteBuilder::new().build();
    let (alice, bob) = (suite.alice.clone(), suite.bob.clone());
    let denom = suite.share_denom();
    suite
        .app
        .send_tokens(alice.clone(), bob.clone(), &coins(10_000_000, &denom))
        .unwrap();
    let price = share_price(&suite);
    let mut paid = 0;
    let mut previewed = 0;
    for _ in 0..20 {
        let dust = 499_999;
        previewed += suite.query_preview_redeem(dust).unwrap().u128();
        let cash = suite.balance(&bob);
        match suite.redeem(&bob, dust) {
            Ok(_) => paid += suite.balance(&bob) - cash,
            Err(err) => panic!("dust redeem: {err}"),
        }
    }
    assert_eq!(paid, previewed);
    assert!(share_price(&suite) >= price);
    assert_ledger(&suite);
}

/// A redeem paid to the vault itself is a gift the ledger does not count: the other holders' price
/// does not move up or down.
#[test]
fn a_redeem_paid_to_the_vault_itself_moves_no_other_holders_price() {
    let mut suite = SuiteBuilder::new().build();
    let alice = suite.alice.clone();
    let vault = suite.vault.clone();
    let denom = suite.share_denom();
    let shares = suite.stored_shares(&alice).unwrap().u128() / 10;
    let price = share_price(&suite);
    let idle = suite.query_state().unwrap().idle;
    let msg = ExecuteMsg::Redeem {
        recipient: Some(vault.to_string()),
        amount: Uint128::new(shares),
    };
    exec(&mut suite, &alice, &msg, &coins(shares, &denom)).unwrap();
    let state = suite.query_state().unwrap();
    assert!(state.idle < idle);
    assert_eq!(state.share_price, price);
    assert_ledger(&suite);
}
