//! Attacks on the share denom (vault 0.5.0: `factory/{vault}/share`, minted on deposit, burned on
//! redeem, fees minted as shares) and on the vault standard's messages, from outside: wrong, extra,
//! counterfeit and zero funds; bad recipients (invalid, the vault itself, a contract); the share
//! denom minted, burned or created by someone other than the vault; shares given to the vault; the
//! first-depositor attack with the denom; previews against execution with fees due and a gain open;
//! fee accrual spam; the supply the vault records against the bank's; the 0.4 to 0.5 migration.
//!
//! Split by topic: [`funds`] (funds, denoms and recipients) and [`pricing`] (gifts, previews, fees,
//! supply and the migration).
//!
//! A refused action must move nothing (`World`); an accepted one must leave every other holder's
//! share price where it was (or higher) and the recorded supply equal to the bank's.

use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{DAY, DENOM, NAV, Suite, SuiteBuilder, attr, order};
use ballast_types::Side;
use ballast_types::vault::{ExecuteMsg, QueryMsg, ShareToken, TokenFactory};
use ballast_vault::error::ContractError;
use ballast_vault::share_token;
use cosmwasm_std::{Addr, Coin, CosmosMsg, Decimal, Uint128, coin, coins};
use cw_multi_test::{AppResponse, BankSudo, Executor, SudoMsg};

/// A thousand USDC.
pub const K: u128 = 1_000_000_000;

/// Everything an attack could move: base and share balances of the vault and both depositors, the
/// vault's books, and the bank's supply of the share denom.
#[derive(Debug, PartialEq, Eq)]
pub struct World {
    vault_base: u128,
    vault_shares: Uint128,
    alice: (u128, Uint128),
    bob: (u128, Uint128),
    fees: Uint128,
    nav: Uint128,
    idle: Uint128,
    supply: Uint128,
    minted: Uint128,
    price: Decimal,
}

pub fn world(suite: &Suite) -> World {
    let (alice, bob, vault) = (&suite.alice, &suite.bob, &suite.vault);
    let state = suite.query_state().unwrap();
    let ledger = suite.share_ledger().unwrap();
    World {
        vault_base: suite.balance(vault),
        vault_shares: suite.stored_shares(vault).unwrap(),
        alice: (suite.balance(alice), suite.stored_shares(alice).unwrap()),
        bob: (suite.balance(bob), suite.stored_shares(bob).unwrap()),
        fees: suite.stored_shares(&suite.fee_recipient).unwrap(),
        nav: state.nav,
        idle: state.idle,
        supply: state.total_shares,
        minted: ledger.minted,
        price: state.share_price,
    }
}

/// The vault's recorded supply is the bank's supply of the denom, and the standard's query says so.
pub fn assert_supply_synced(suite: &Suite, when: &str) {
    let ledger = suite.share_ledger().unwrap();
    assert_eq!(
        ledger.minted, ledger.supply,
        "{when}: bank vs recorded supply"
    );
    let answered: Uint128 = suite
        .app
        .wrap()
        .query_wasm_smart(&suite.vault, &QueryMsg::TotalVaultTokenSupply {})
        .unwrap();
    assert_eq!(answered, ledger.minted, "{when}: TotalVaultTokenSupply");
}

pub fn deposit_msg(amount: u128, recipient: Option<&str>) -> ExecuteMsg {
    ExecuteMsg::Deposit {
        amount: Uint128::new(amount),
        recipient: recipient.map(str::to_string),
    }
}

pub fn redeem_msg(amount: u128, recipient: Option<&str>) -> ExecuteMsg {
    ExecuteMsg::Redeem {
        recipient: recipient.map(str::to_string),
        amount: Uint128::new(amount),
    }
}

pub fn send(
    suite: &mut Suite,
    sender: &Addr,
    msg: &ExecuteMsg,
    funds: &[Coin],
) -> cosmwasm_std::StdResult<AppResponse> {
    let vault = suite.vault.clone();
    suite
        .app
        .execute_contract(sender.clone(), vault, msg, funds)
}

/// Mints `amount` of any denom to `who` (a faucet, not the vault).
pub fn faucet(suite: &mut Suite, who: &Addr, amount: u128, denom: &str) {
    let mint = BankSudo::Mint {
        to_address: who.to_string(),
        amount: coins(amount, denom),
    };
    suite.app.sudo(SudoMsg::Bank(mint)).unwrap();
}

pub fn give_shares(suite: &mut Suite, from: &Addr, to: &Addr, amount: u128) {
    let denom = suite.share_denom();
    suite
        .app
        .send_tokens(from.clone(), to.clone(), &coins(amount, denom))
        .unwrap();
}

pub fn number(res: &AppResponse, key: &str) -> u128 {
    attr(res, key).expect(key).parse().unwrap()
}

/// Funds sorted by denom, as a chain's `Coins` are.
pub fn sorted(mut funds: Vec<Coin>) -> Vec<Coin> {
    funds.sort_by(|a, b| a.denom.cmp(&b.denom));
    funds
}

mod funds;
mod pricing;
