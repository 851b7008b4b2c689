//! The invariants on who may act and who gets paid (see [`super::invariants`] for the rest):
//! a sender without the role is refused by name; nobody outside the contracts gains but a redeeming
//! holder and a liquidating keeper, so whatever leaves the vault goes to the perp market.

use ballast_vault::error::ContractError;
use cosmwasm_std::{Addr, StdResult};
use cw_multi_test::AppResponse;
use proptest::prelude::*;

use super::data::{Role, Step, Trader};
use super::world::World;
use crate::tally::Tally;

/// The role a step needs that its sender lacks, if it lacks one.
pub fn missing_role(step: &Step) -> Option<&'static str> {
    let owner = |r: &Role| *r == Role::Owner;
    let guardian_or_owner = |r: &Role| matches!(r, Role::Owner | Role::Guardian);
    match step {
        Step::Order { by, .. } if *by != Trader::Manager => Some("manager or strategy"),
        Step::Propose { by, .. } | Step::Cancel { by } | Step::ProposeMarket { by, .. }
            if !owner(by) =>
        {
            Some("owner")
        }
        Step::Unpause { by } if !owner(by) => Some("owner"),
        Step::Tighten { by, .. } | Step::TightenMarket { by, .. } | Step::Pause { by }
            if !guardian_or_owner(by) =>
        {
            Some("guardian or owner")
        }
        _ => None,
    }
}

/// Roles: a sender without the role is refused, by name.
pub fn check_roles(
    step: &Step,
    res: &StdResult<AppResponse>,
    tally: &Tally,
) -> Result<(), TestCaseError> {
    let Some(role) = missing_role(step) else {
        return Ok(());
    };
    tally.bump("check role refused");
    let wanted = format!("error: {}", ContractError::Unauthorized { role });
    match res {
        Ok(_) => prop_assert!(false, "{step:?} passed without the {role} role"),
        Err(e) => prop_assert!(e.to_string().ends_with(&wanted), "{step:?}: {e}"),
    }
    Ok(())
}

/// Base denom held by everyone outside the contracts, to see who gained.
pub fn purses(w: &World) -> Vec<(Addr, u128)> {
    let s = &w.suite;
    let mut people = w.holders();
    people.extend([
        s.owner.clone(),
        s.manager.clone(),
        s.guardian.clone(),
        s.publisher.clone(),
        s.lp.clone(),
        w.stranger.clone(),
    ]);
    people
        .into_iter()
        .map(|p| (p.clone(), s.balance(&p)))
        .collect()
}

/// Funds: nobody outside the contracts gains, except a holder who redeems and the keeper who
/// liquidates (paid by the perp market). Whatever leaves the vault goes to the perp market.
pub fn check_payees(
    w: &World,
    step: &Step,
    before: &[(Addr, u128)],
    tally: &Tally,
) -> Result<(), TestCaseError> {
    if !before.is_empty() {
        tally.bump("check nobody else is paid");
    }
    for (who, then) in before {
        let now = w.suite.balance(who);
        if now <= *then {
            continue;
        }
        let allowed = match step {
            Step::Redeem { user, .. } => *who == w.users[*user],
            Step::Liquidate => *who == w.suite.keeper,
            _ => false,
        };
        prop_assert!(allowed, "{step:?} paid {who} {}", now - then);
    }
    Ok(())
}
