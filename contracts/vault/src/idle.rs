//! Idle: the base denom the vault holds for itself, what a deposit adds to and a redeem or a margin
//! takes from (DESIGN section 2, "idle is tracked internally").
//!
//! A build whose venues all report what they pay the vault (the ballast perp market's `paid_out`)
//! keeps idle as a ledger in `Totals::idle`: deposits in; redeems and the margin the vault sends out;
//! venue payouts in when a mark shows their running total risen. Tokens sent to the vault by anyone
//! else (a donation) are never counted, so they cannot move the share price, and an order reads no
//! bank balance.
//!
//! A build with Levana or Injective reads the bank balance instead: those venues pay into it (and
//! Injective takes margin and fees from it) without reporting how much, so the balance is the only
//! account of them. There a donation counts as idle, as it did before the ledger.

use cosmwasm_std::{Deps, Env, Storage, Uint128};

use crate::error::ContractResult;
use crate::state::{Config, Mark, TOTALS, Totals};

/// Whether this build keeps idle as a ledger (every venue it can trade reports its payouts).
pub const LEDGER: bool = cfg!(not(any(feature = "levana", feature = "injective")));

/// The vault's idle balance, not counting `incoming`: funds attached to the message being handled,
/// which the bank has credited already and the ledger has not.
pub fn held(
    deps: Deps,
    env: &Env,
    config: &Config,
    totals: &Totals,
    incoming: Uint128,
) -> ContractResult<Uint128> {
    if LEDGER {
        let _ = (deps, env, config);
        return Ok(totals.idle);
    }
    Ok(bank::balance(deps, env, config)?.checked_sub(incoming)?)
}

/// What the venue has paid the vault since `old` was read, as `new` reports it: idle the ledger gains
/// when `new` is stored. Zero where idle is the bank balance (the payout is in it already).
pub fn payouts_since(old: &Mark, new: &Mark) -> ContractResult<Uint128> {
    if !LEDGER {
        return Ok(Uint128::zero());
    }
    // A running total never falls: a smaller one is an error, never a negative payout.
    Ok(new.paid_out.checked_sub(old.paid_out)?)
}

/// Moves the ledger by `gained` in and `spent` out; nothing where idle is the bank balance.
pub fn settle(totals: &mut Totals, gained: Uint128, spent: Uint128) -> ContractResult<()> {
    if LEDGER {
        totals.idle = totals.idle.checked_add(gained)?.checked_sub(spent)?;
    }
    Ok(())
}

/// Stores a ledger move of `gained` in and `spent` out (a deposit, a redeem).
pub fn record(storage: &mut dyn Storage, gained: Uint128, spent: Uint128) -> ContractResult<()> {
    if LEDGER {
        let mut totals = TOTALS.load(storage)?;
        settle(&mut totals, gained, spent)?;
        TOTALS.save(storage, &totals)?;
    }
    Ok(())
}

/// The bank balance of the vault's base denom: idle in a build with Levana or Injective, and what a
/// migration seeds the ledger with.
pub mod bank {
    use super::*;
    use crate::wire;

    pub fn balance(deps: Deps, env: &Env, config: &Config) -> ContractResult<Uint128> {
        let answer = wire::raw_query(&deps.querier, &balance_query(env, config))?;
        Ok(wire::answers::balance(&answer)?)
    }

    /// `{"bank":{"balance":{"address":<the vault>,"denom":..}}}`, the JSON of `BankQuery::Balance`.
    fn balance_query(env: &Env, config: &Config) -> Vec<u8> {
        let mut request = br#"{"bank":{"balance":{"address":"#.to_vec();
        wire::push_json_str(&mut request, env.contract.address.as_str());
        request.extend_from_slice(br#","denom":"#);
        wire::push_json_str(&mut request, &config.denom);
        request.extend_from_slice(b"}}}");
        request
    }

    #[cfg(test)]
    #[test]
    fn the_balance_query_is_written_as_it_serialises() {
        let env = cosmwasm_std::testing::mock_env();
        let addr = |s: &str| cosmwasm_std::Addr::unchecked(s);
        let config = Config {
            governor: addr("governor"),
            manager: addr("manager"),
            fee_recipient: addr("fees"),
            denom: "u\"usd".to_string(),
            oracle: addr("oracle"),
            perp_market: addr("perp"),
            share_denom: "factory/vault/share".to_string(),
            token_factory: ballast_types::vault::TokenFactory::Osmosis,
        };
        let balance = cosmwasm_std::QueryRequest::<cosmwasm_std::Empty>::Bank(
            cosmwasm_std::BankQuery::Balance {
                address: env.contract.address.to_string(),
                denom: config.denom.clone(),
            },
        );
        assert_eq!(
            balance_query(&env, &config),
            cosmwasm_std::to_json_vec(&balance).unwrap()
        );
    }
}
