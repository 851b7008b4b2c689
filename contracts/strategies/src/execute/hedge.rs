//! Delta-neutral mode: the vault's manager registers the leg a market holds outside the perp market
//! and a band; anyone calls `Hedge`, which sends the vault the perp order to the band's nearest edge,
//! through its pipeline, guards and caps like the manager's orders.
//!
//! While a market has a hedge here, this contract holds the vault's `SetHedged` mark on it, so the
//! vault refuses a keeper's `Rebalance` there (the two targets would trade against each other at the
//! depositors' cost). Hedge trades need no bookkeeping here: the next `Hedge` reads the position anew.

use cosmwasm_std::{Decimal, Deps, DepsMut, Env, MessageInfo, Response, Uint128};

use ballast_sizing::{HedgePlan, Notional, hedge};
use ballast_types::attributes::{
    ACTION, BAND, BINDING_CAP, EXECUTED, LEG_DELTA, MARKET, NET_DELTA, PERP_DELTA, REQUESTED,
};
use ballast_types::convert::{fixed_to_signed_decimal, pyth_to_price};
use ballast_types::strategies::{HedgeConfig, HedgeLeg};
use ballast_types::vault::{OrderRequest, Reason};

use crate::core;
use crate::error::{ContractError, ContractResult};
use crate::state::{HEDGES, VAULT};

/// The vault's manager sets a market's leg and band, checked field by field at block time, and marks
/// the market hedged in the vault.
pub fn set_hedge(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    market: String,
    leg: HedgeLeg,
    band: Decimal,
) -> ContractResult<Response> {
    let vault = VAULT.load(deps.storage)?;
    core::assert_manager(deps.as_ref(), &vault, &info.sender)?;
    core::market(deps.as_ref(), &vault, &market)?;
    let hedge = HedgeConfig { leg, band };
    let now = env.block.time.seconds();
    hedge.validate(now)?;
    hedge.to_sizing(now)?;
    HEDGES.save(deps.storage, &market, &hedge)?;
    let kind = match hedge.leg {
        HedgeLeg::Spot { .. } => "spot",
        HedgeLeg::Option { .. } => "option",
    };
    Ok(Response::new()
        .add_attribute(ACTION, "set_hedge")
        .add_attribute(MARKET, &market)
        .add_attribute("leg", kind)
        .add_attribute(BAND, band.to_string())
        .add_message(super::set_hedged(&vault, &market, true)?))
}

/// The vault's manager ends delta-neutral mode for a market and releases the vault's mark; the perp
/// position is left as it is.
pub fn clear_hedge(deps: DepsMut, info: MessageInfo, market: String) -> ContractResult<Response> {
    let vault = VAULT.load(deps.storage)?;
    core::assert_manager(deps.as_ref(), &vault, &info.sender)?;
    if !HEDGES.has(deps.storage, &market) {
        return Err(ContractError::NoHedge { market });
    }
    HEDGES.remove(deps.storage, &market);
    Ok(Response::new()
        .add_attribute(ACTION, "clear_hedge")
        .add_attribute(MARKET, &market)
        .add_message(super::set_hedged(&vault, &market, false)?))
}

/// A hedge looked at now: the plan and the order it asks for.
pub(crate) struct Prepared {
    pub hedge: HedgeConfig,
    pub plan: HedgePlan,
    /// None inside the band, or below the vault's `min_order`.
    pub request: Option<OrderRequest>,
}

/// Plans the hedge at the vault's oracle price: the leg's delta, the perp position's (as the vault's
/// venue marks it now) and the order to the band's nearest edge.
pub(crate) fn prepare(deps: Deps, env: &Env, market: &str) -> ContractResult<Prepared> {
    let hedge = HEDGES
        .may_load(deps.storage, market)?
        .ok_or_else(|| ContractError::NoHedge {
            market: market.to_string(),
        })?;
    let vault = VAULT.load(deps.storage)?;
    let config = core::config(deps, &vault)?;
    let price = core::oracle_price(deps, &config.oracle, &vault, market)?;
    let position = core::position(deps, &vault, market)?;
    let (leg, band) = hedge.to_sizing(env.block.time.seconds())?;
    let plan = hedge::plan(
        &leg,
        position.side.map(Into::into),
        Notional(position.notional.u128()),
        pyth_to_price(&price)?,
        band,
    )?;
    // An order below the minimum would only be rejected: the position is as close to the band as
    // orders get (a fill's rounding and price impact leave such dust).
    let min_order = config.params.min_order.u128().max(1);
    let request = (plan.notional.0 >= min_order).then(|| OrderRequest {
        market: market.to_string(),
        side: plan.side().into(),
        size: Uint128::new(plan.notional.0),
        reduce_only: plan.reduces,
        signal: None,
    });
    Ok(Prepared {
        hedge,
        plan,
        request,
    })
}

/// Anyone: outside the band, send the vault the perp order that brings net delta to the band's
/// nearest edge (its pipeline decides; rejections are its decisions); inside it, or when the order
/// would be below `min_order`, do nothing (`executed` = 0; the latter with `binding_cap` =
/// `min_order`).
pub fn hedge(deps: DepsMut, env: Env, market: String) -> ContractResult<Response> {
    let p = prepare(deps.as_ref(), &env, &market)?;
    let deltas = [
        (LEG_DELTA, fixed_to_signed_decimal(p.plan.leg_delta)?),
        (PERP_DELTA, fixed_to_signed_decimal(p.plan.perp_delta)?),
        (NET_DELTA, fixed_to_signed_decimal(p.plan.net_delta)?),
    ];
    let deltas = deltas
        .into_iter()
        .map(|(key, value)| (key, value.to_string()))
        .chain([(BAND, p.hedge.band.to_string())]);
    let response = Response::new()
        .add_attribute(ACTION, "hedge")
        .add_attribute(MARKET, &market)
        .add_attributes(deltas);
    let Some(request) = p.request else {
        let mut response = response.add_attribute(EXECUTED, "0");
        if p.plan.notional.0 > 0 {
            response = response
                .add_attribute(REQUESTED, Uint128::new(p.plan.notional.0))
                .add_attribute(BINDING_CAP, reason_name(Reason::MinOrder));
        }
        return Ok(response);
    };
    let vault = VAULT.load(deps.storage)?;
    Ok(response.add_message(super::submit_order(&vault, request)?))
}

/// A reason code's snake_case name, as the vault's `binding_cap` attribute spells it.
fn reason_name(reason: Reason) -> String {
    cosmwasm_std::to_json_string(&reason)
        .map(|s| s.trim_matches('"').to_string())
        .unwrap_or_default()
}
