//! Migrations per version. `migrate` refuses a foreign contract, a downgrade and a version older than
//! 0.2.0, runs every version's step the stored version has not had yet, and stamps this build's version.

pub mod strategies;
pub mod v0_2;
pub mod v0_3;
pub mod v0_4;
pub mod v0_5;
pub mod v0_6;

use cosmwasm_std::{DepsMut, Env, Storage};
use cw_storage_plus::Item;

use ballast_types::vault::MigrateMsg;

use ballast_types::attributes::ACTION;
use ballast_types::version::{VersionError, check_upgrade, is_newer};

use crate::VaultResponse;
use crate::contract::{CONTRACT_NAME, CONTRACT_VERSION};
use crate::error::ContractResult;

/// cw2's record of the stored contract and version (its own reader would add a second JSON parser of
/// the same two fields).
#[derive(serde::Serialize)]
struct StoredVersion {
    contract: String,
    version: String,
}

ballast_types::json_struct!(StoredVersion {
    contract,
    version,
    ..
});

fn stored_version(storage: &dyn Storage) -> ContractResult<StoredVersion> {
    Ok(Item::<StoredVersion>::new("contract_info").load(storage)?)
}

pub fn migrate(mut deps: DepsMut, env: Env, msg: MigrateMsg) -> ContractResult<VaultResponse> {
    let stored = stored_version(deps.storage)?;
    check_upgrade(
        &stored.contract,
        &stored.version,
        CONTRACT_NAME,
        CONTRACT_VERSION,
    )?;
    // 0.1.0's JSON records are no longer read: 0.2.x moved them (its `migrations::v0_2`).
    if is_newer(v0_2::VERSION, &stored.version) {
        return Err(VersionError::TooOld {
            from: stored.version,
            oldest: v0_2::VERSION,
        }
        .into());
    }
    strategies::refuse_stored(deps.storage)?;
    if is_newer(v0_3::VERSION, &stored.version) {
        v0_3::migrate(deps.branch(), &env, msg.governor)?;
    }
    let mut response = VaultResponse::new();
    if is_newer(v0_4::VERSION, &stored.version) {
        let idle = v0_4::migrate(deps.branch(), &env)?;
        response = response.add_attribute("idle", idle);
    }
    if is_newer(v0_5::VERSION, &stored.version) {
        response = v0_5::migrate(deps.branch(), &env, msg.share_token, response)?;
    }
    if is_newer(v0_6::VERSION, &stored.version) {
        v0_6::migrate(deps.storage)?;
    }
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    Ok(response
        .add_attribute(ACTION, "migrate")
        .add_attribute("from_version", stored.version)
        .add_attribute("to_version", CONTRACT_VERSION))
}
