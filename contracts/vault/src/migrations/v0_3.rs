//! 0.2.x to 0.3.0: the governor takes over. Owner, guardian, proposals and their timelock leave the
//! vault for `ballast-governor`; the vault keeps the governor's address in their place.
//!
//! The handover is checked, not assumed: the named governor must already govern this vault with the
//! vault's owner and guardian, no wasm admin but this vault's own (or none), and nothing may be pending here (a proposal or an ownership transfer
//! would be lost; it is applied or cancelled first and proposed again to the governor, with a fresh
//! timelock).

use cosmwasm_std::{Addr, DepsMut, Env, WasmQuery};
use cw_storage_plus::{Item, Map};

use ballast_types::governor::{GovernorConfigResponse, QueryMsg as GovernorQuery};

use super::v0_2;
use crate::error::{ContractError, ContractResult};

/// The first version governed by a separate contract.
pub const VERSION: &str = "0.3.0";

/// 0.2.x's governance records, kept by the governor since 0.3.0 (their keys are retired).
pub mod legacy {
    use super::*;

    /// Any value: only whether something is stored matters.
    type Stored = cosmwasm_std::Binary;

    pub const PENDING_OWNER: Item<Addr> = Item::new("o");
    pub const PENDING_PARAMS: Item<Stored> = Item::new("q");
    pub const PENDING_MARKETS: Map<&str, Stored> = Map::new("x");
}

pub fn migrate(deps: DepsMut, env: &Env, governor: Option<String>) -> ContractResult<()> {
    if legacy::PENDING_PARAMS.exists(deps.storage) {
        return Err(ContractError::PendingAtMigration { what: "params" });
    }
    if !legacy::PENDING_MARKETS.is_empty(deps.storage) {
        return Err(ContractError::PendingAtMigration {
            what: "market changes",
        });
    }
    if legacy::PENDING_OWNER.exists(deps.storage) {
        return Err(ContractError::PendingAtMigration {
            what: "ownership transfer",
        });
    }
    let old = v0_2::CONFIG.load(deps.storage)?;
    let governor =
        deps.api
            .addr_validate(&governor.ok_or_else(|| ContractError::GovernorMismatch {
                field: "governor",
                expected: "the address of a governor in the migrate message".to_string(),
                governor: "none".to_string(),
            })?)?;
    let taken_over: GovernorConfigResponse = deps
        .querier
        .query_wasm_smart(&governor, &GovernorQuery::Config {})?;
    expect("vault", &env.contract.address, taken_over.vault.as_ref())?;
    expect("owner", &old.owner, Some(&taken_over.owner))?;
    expect("guardian", &old.guardian, Some(&taken_over.guardian))?;
    expect_admin(&deps, env, &governor)?;
    // The 0.4.x record: `v0_5` adds the share denom.
    super::v0_5::CONFIG_0_4.save(
        deps.storage,
        &super::v0_5::Config0_4 {
            governor,
            manager: old.manager,
            fee_recipient: old.fee_recipient,
            denom: old.denom,
            oracle: old.oracle,
            perp_market: old.perp_market,
        },
    )?;
    Ok(())
}

/// Whoever may migrate the governor may make it send anything, with no timelock: a governor with the
/// right owner and guardian but another admin would hand the vault to that admin. Only no admin, or
/// this vault's own admin (who may migrate the vault anyway), passes.
fn expect_admin(deps: &DepsMut, env: &Env, governor: &Addr) -> ContractResult<()> {
    let admin = admin_of(deps, governor)?;
    let own = admin_of(deps, &env.contract.address)?;
    if admin.is_none() || admin == own {
        return Ok(());
    }
    Err(ContractError::GovernorMismatch {
        field: "admin",
        expected: own.map_or_else(|| "none".to_string(), |own| format!("none or {own}")),
        governor: admin.map_or_else(|| "none".to_string(), String::from),
    })
}

/// The admin of a contract, from the chain's contract info (read alone: its other fields are not
/// decoded, which keeps their parser out of the wasm).
fn admin_of(deps: &DepsMut, contract: &Addr) -> ContractResult<Option<Addr>> {
    let request = WasmQuery::ContractInfo {
        contract_addr: contract.to_string(),
    };
    let info: ContractAdmin = deps.querier.query(&request.into())?;
    Ok(info.admin)
}

/// The part of `ContractInfoResponse` read here.
struct ContractAdmin {
    admin: Option<Addr>,
}

ballast_types::json_struct!(ContractAdmin { admin, .. });

fn expect(field: &'static str, expected: &Addr, governor: Option<&Addr>) -> ContractResult<()> {
    if governor == Some(expected) {
        return Ok(());
    }
    Err(ContractError::GovernorMismatch {
        field,
        expected: expected.to_string(),
        governor: governor.map_or_else(|| "none".to_string(), Addr::to_string),
    })
}
