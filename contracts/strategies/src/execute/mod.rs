//! One handler per action: grid plans in `grid`, the delta-neutral hedge in `hedge`.

pub mod grid;
pub mod hedge;

pub use grid::{cancel_grid, execute_grid_level, record_fill, register_grid};
pub use hedge::{clear_hedge, hedge, set_hedge};

use cosmwasm_std::{Addr, DepsMut, Response, WasmMsg, to_json_binary};

use ballast_types::attributes::ACTION;
use ballast_types::strategies::InstantiateMsg;
use ballast_types::vault::{OrderRequest, StrategyMsg};

use crate::contract::{CONTRACT_NAME, CONTRACT_VERSION};
use crate::error::ContractResult;
use crate::state::{ORACLE, VAULT};

pub fn instantiate(deps: DepsMut, msg: InstantiateMsg) -> ContractResult<Response> {
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    let vault = deps.api.addr_validate(&msg.vault)?;
    let oracle = crate::core::config(deps.as_ref(), &vault)?.oracle;
    VAULT.save(deps.storage, &vault)?;
    ORACLE.save(deps.storage, &oracle)?;
    Ok(Response::new()
        .add_attribute(ACTION, "instantiate")
        .add_attribute("vault", vault)
        .add_attribute("oracle", oracle))
}

/// The vault's `SubmitOrder` of `request`: the only way a strategy trades.
fn submit_order(vault: &Addr, request: OrderRequest) -> ContractResult<WasmMsg> {
    Ok(WasmMsg::Execute {
        contract_addr: vault.to_string(),
        msg: to_json_binary(&StrategyMsg::SubmitOrder(request))?,
        funds: vec![],
    })
}

/// The vault's `SetHedged`: marks `market` hedged by this contract, or releases it.
fn set_hedged(vault: &Addr, market: &str, hedged: bool) -> ContractResult<WasmMsg> {
    Ok(WasmMsg::Execute {
        contract_addr: vault.to_string(),
        msg: to_json_binary(&StrategyMsg::SetHedged {
            market: market.to_string(),
            hedged,
        })?,
        funds: vec![],
    })
}
