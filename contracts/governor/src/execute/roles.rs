//! Ownership moves in two steps; the owner sets the guardian here and the vault's manager, fee
//! recipient, signal sources and strategies through the vault.

use cosmwasm_std::{DepsMut, MessageInfo, Response};

use ballast_types::attributes::{ACTION, ADDRESS};
use ballast_types::vault::GovernMsg;

use super::{assert_owner, govern};
use crate::error::{ContractError, ContractResult};
use crate::state::{CONFIG, PENDING_OWNER};

pub fn transfer_ownership(
    deps: DepsMut,
    info: MessageInfo,
    new_owner: String,
) -> ContractResult<Response> {
    assert_owner(deps.storage, &info)?;
    let new_owner = deps.api.addr_validate(&new_owner)?;
    PENDING_OWNER.save(deps.storage, &new_owner)?;
    Ok(Response::new()
        .add_attribute(ACTION, "transfer_ownership")
        .add_attribute(ADDRESS, new_owner))
}

pub fn accept_ownership(deps: DepsMut, info: MessageInfo) -> ContractResult<Response> {
    let pending = PENDING_OWNER.may_load(deps.storage)?;
    if pending.as_ref() != Some(&info.sender) {
        return Err(ContractError::Unauthorized {
            role: "pending owner",
        });
    }
    let mut config = CONFIG.load(deps.storage)?;
    config.owner = info.sender.clone();
    CONFIG.save(deps.storage, &config)?;
    PENDING_OWNER.remove(deps.storage);
    Ok(Response::new()
        .add_attribute(ACTION, "accept_ownership")
        .add_attribute(ADDRESS, info.sender))
}

/// The guardian changes here; a new manager or fee recipient goes to the vault, which validates it.
pub fn set_roles(
    deps: DepsMut,
    info: MessageInfo,
    manager: Option<String>,
    guardian: Option<String>,
    fee_recipient: Option<String>,
) -> ContractResult<Response> {
    let mut config = assert_owner(deps.storage, &info)?;
    let mut response = Response::new().add_attribute(ACTION, "set_roles");
    if let Some(guardian) = guardian {
        config.guardian = deps.api.addr_validate(&guardian)?;
        CONFIG.save(deps.storage, &config)?;
        response = response.add_attribute("guardian", &config.guardian);
    }
    if manager.is_some() || fee_recipient.is_some() {
        response = response.add_message(govern(
            &config,
            GovernMsg::SetRoles {
                manager,
                fee_recipient,
            },
        )?);
    }
    Ok(response)
}

pub fn set_signal_source(
    deps: DepsMut,
    info: MessageInfo,
    address: String,
    allowed: bool,
) -> ContractResult<Response> {
    let config = assert_owner(deps.storage, &info)?;
    Ok(Response::new()
        .add_message(govern(
            &config,
            GovernMsg::SetSignalSource { address, allowed },
        )?)
        .add_attribute(ACTION, "set_signal_source"))
}

pub fn set_strategy(
    deps: DepsMut,
    info: MessageInfo,
    address: String,
    allowed: bool,
) -> ContractResult<Response> {
    let config = assert_owner(deps.storage, &info)?;
    Ok(Response::new()
        .add_message(govern(
            &config,
            GovernMsg::SetStrategy { address, allowed },
        )?)
        .add_attribute(ACTION, "set_strategy"))
}
