//! Collateral attached to a message: one coin of the configured denom, or nothing.

use cosmwasm_std::{MessageInfo, Uint128};

use crate::error::{ContractError, ContractResult};

fn received(info: &MessageInfo) -> String {
    info.funds
        .iter()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// The amount of `denom` attached, zero when nothing is. Another denom or several coins is an error.
pub fn optional(info: &MessageInfo, denom: &str) -> ContractResult<Uint128> {
    match info.funds.as_slice() {
        [] => Ok(Uint128::zero()),
        [coin] if coin.denom == denom => Ok(Uint128::try_from(coin.amount)?),
        _ => Err(ContractError::InvalidFunds {
            expected: denom.to_string(),
            received: received(info),
        }),
    }
}

/// The amount of `denom` attached, which must be positive.
pub fn required(info: &MessageInfo, denom: &str) -> ContractResult<Uint128> {
    let amount = optional(info, denom)?;
    if amount.is_zero() {
        return Err(ContractError::NoFunds {
            denom: denom.to_string(),
        });
    }
    Ok(amount)
}

/// Refuses attached funds: they would sit in the contract outside the books.
pub fn none(info: &MessageInfo) -> ContractResult<()> {
    if info.funds.is_empty() {
        return Ok(());
    }
    Err(ContractError::UnexpectedFunds {
        received: received(info),
    })
}
