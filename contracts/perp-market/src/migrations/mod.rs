//! cw2 versioning and migration.
//!
//! `migrate` accepts only this contract's name and a stored version not newer than this code's, then
//! runs each data migration the stored version has not had, one file per target version:
//! - [`v0_3_0`]: markets gain their sides' totals (summed from the positions) and flows.
//! - 0.3.1 changes no data (the position queries take a quoted price, `at_price`).
//! - 0.3.2 changes no data: payouts are counted from then on (`paid_out`, starting at zero).

use ballast_types::attributes::ACTION;
use ballast_types::perp::MigrateMsg;
use cosmwasm_std::{DepsMut, Response};

use crate::attributes::{FROM_VERSION, MARKETS_MIGRATED, TO_VERSION};
use crate::error::{ContractError, ContractResult};

mod v0_3_0;

/// cw2 name of this contract.
pub const CONTRACT_NAME: &str = "crates.io:ballast-perp";
/// cw2 version of this code.
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// `major.minor.patch`, each a decimal integer; anything else (pre-release tags included) is refused.
fn parse_version(version: &str) -> ContractResult<(u64, u64, u64)> {
    let invalid = || ContractError::InvalidVersion {
        version: version.to_string(),
    };
    let mut parts = version.split('.').map(|p| {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        p.parse::<u64>().map_err(|_| invalid())
    });
    let (Some(major), Some(minor), Some(patch), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(invalid());
    };
    Ok((major?, minor?, patch?))
}

/// Migrates a stored `ballast-perp` of this or an older version to this version.
pub fn migrate(deps: DepsMut, _msg: MigrateMsg) -> ContractResult<Response> {
    let stored = cw2::get_contract_version(deps.storage)?;
    if stored.contract != CONTRACT_NAME {
        return Err(ContractError::ForeignContract {
            expected: CONTRACT_NAME.to_string(),
            found: stored.contract,
        });
    }
    let from = parse_version(&stored.version)?;
    if from > parse_version(CONTRACT_VERSION)? {
        return Err(ContractError::Downgrade {
            from: stored.version,
            to: CONTRACT_VERSION.to_string(),
        });
    }
    let mut response = Response::new().add_attribute(ACTION, "migrate");
    if from < (0, 3, 0) {
        let markets = v0_3_0::migrate(deps.storage)?;
        response = response.add_attribute(MARKETS_MIGRATED, markets.to_string());
    }
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    Ok(response
        .add_attribute(FROM_VERSION, stored.version)
        .add_attribute(TO_VERSION, CONTRACT_VERSION))
}
