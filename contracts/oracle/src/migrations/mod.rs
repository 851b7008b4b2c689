//! Migrations per version. There is one version so far: `migrate` only re-stamps a newer build of it,
//! refusing a foreign contract and a downgrade.

use cosmwasm_std::{DepsMut, Response};

use ballast_types::version::{VersionError, check_upgrade};

use crate::contract::{CONTRACT_NAME, CONTRACT_VERSION};
use crate::error::{ContractError, ContractResult};

pub fn migrate(deps: DepsMut) -> ContractResult<Response> {
    let stored = cw2::get_contract_version(deps.storage)?;
    check_upgrade(
        &stored.contract,
        &stored.version,
        CONTRACT_NAME,
        CONTRACT_VERSION,
    )
    .map_err(|e| match e {
        VersionError::ForeignContract { expected, found } => {
            ContractError::ForeignContract { expected, found }
        }
        VersionError::Downgrade { from, to } => ContractError::Downgrade { from, to },
    })?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    Ok(Response::new()
        .add_attribute("action", "migrate")
        .add_attribute("from_version", stored.version)
        .add_attribute("to_version", CONTRACT_VERSION))
}
