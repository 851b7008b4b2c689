//! Migrations per version. There is one version so far: `migrate` only re-stamps a newer build of it,
//! refusing a foreign contract and a downgrade.

use cosmwasm_std::{DepsMut, Response};

use ballast_types::attributes::ACTION;
use ballast_types::version::check_upgrade;

use crate::contract::{CONTRACT_NAME, CONTRACT_VERSION};
use crate::error::ContractResult;

pub fn migrate(deps: DepsMut) -> ContractResult<Response> {
    let stored = cw2::get_contract_version(deps.storage)?;
    check_upgrade(
        &stored.contract,
        &stored.version,
        CONTRACT_NAME,
        CONTRACT_VERSION,
    )?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    Ok(Response::new()
        .add_attribute(ACTION, "migrate")
        .add_attribute("from_version", stored.version)
        .add_attribute("to_version", CONTRACT_VERSION))
}
