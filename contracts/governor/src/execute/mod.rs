//! One handler per action: proposals and their timelock in `proposals`, the guardian's immediate
//! actions in `guardian`, ownership and roles in `roles`.

mod guardian;
mod proposals;
mod roles;

pub use guardian::{pause, tighten, tighten_market, unpause};
pub use proposals::{
    apply_market, apply_params, cancel_market, cancel_params, propose_market, propose_params,
};
pub use roles::{accept_ownership, set_roles, set_signal_source, set_strategy, transfer_ownership};

use cosmwasm_std::{Addr, DepsMut, Env, MessageInfo, Response, Storage, WasmMsg, to_json_binary};

use ballast_types::attributes::{ACTION, ADDRESS};
use ballast_types::governor::InstantiateMsg;
use ballast_types::vault::{self, GovernMsg};

use crate::contract::{CONTRACT_NAME, CONTRACT_VERSION};
use crate::error::{ContractError, ContractResult};
use crate::state::{CONFIG, Config};

pub fn instantiate(deps: DepsMut, msg: InstantiateMsg) -> ContractResult<Response> {
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    let config = Config {
        owner: deps.api.addr_validate(&msg.owner)?,
        guardian: deps.api.addr_validate(&msg.guardian)?,
        vault: msg
            .vault
            .map(|vault| deps.api.addr_validate(&vault))
            .transpose()?,
    };
    CONFIG.save(deps.storage, &config)?;
    Ok(Response::new()
        .add_attribute(ACTION, "instantiate")
        .add_attribute("owner", config.owner)
        .add_attribute("guardian", config.guardian))
}

/// The owner names the vault once; it was instantiated with this governor, which is how the vault
/// knows who may govern it. A vault that names another governor is refused: every message forwarded
/// to it would fail, and the vault that does name this governor could never be governed.
pub fn set_vault(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    vault: String,
) -> ContractResult<Response> {
    let mut config = assert_owner(deps.storage, &info)?;
    if let Some(vault) = config.vault {
        return Err(ContractError::VaultAlreadySet {
            vault: vault.to_string(),
        });
    }
    let vault = deps.api.addr_validate(&vault)?;
    let named: vault::ConfigResponse = deps
        .querier
        .query_wasm_smart(&vault, &vault::QueryMsg::Config {})?;
    if named.governor != env.contract.address {
        return Err(ContractError::VaultNotGoverned {
            vault: vault.to_string(),
            governor: named.governor.to_string(),
        });
    }
    config.vault = Some(vault.clone());
    CONFIG.save(deps.storage, &config)?;
    Ok(Response::new()
        .add_attribute(ACTION, "set_vault")
        .add_attribute(ADDRESS, vault))
}

/// The config, when the sender is the owner.
fn assert_owner(storage: &dyn Storage, info: &MessageInfo) -> ContractResult<Config> {
    let config = CONFIG.load(storage)?;
    if info.sender != config.owner {
        return Err(ContractError::Unauthorized { role: "owner" });
    }
    Ok(config)
}

/// The config, when the sender is the guardian or the owner.
fn assert_guardian_or_owner(storage: &dyn Storage, info: &MessageInfo) -> ContractResult<Config> {
    let config = CONFIG.load(storage)?;
    if info.sender != config.guardian && info.sender != config.owner {
        return Err(ContractError::Unauthorized {
            role: "guardian or owner",
        });
    }
    Ok(config)
}

/// The governed vault.
fn governed_vault(config: &Config) -> ContractResult<&Addr> {
    config.vault.as_ref().ok_or(ContractError::VaultNotSet {})
}

/// The vault's `Govern` message carrying `msg`.
fn govern(config: &Config, msg: GovernMsg) -> ContractResult<WasmMsg> {
    Ok(WasmMsg::Execute {
        contract_addr: governed_vault(config)?.to_string(),
        msg: to_json_binary(&vault::ExecuteMsg::Govern(msg))?,
        funds: vec![],
    })
}
