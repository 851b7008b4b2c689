//! Delta-neutral mode: the manager registers the leg a market holds outside the perp market and a
//! band; anyone calls `Hedge`, which trades the perp to the band's nearest edge through the same
//! pipeline, guards and caps as the manager's orders.

use cosmwasm_std::{Decimal, Deps, DepsMut, Env, MessageInfo, Uint128};

use ballast_sizing::{HedgePlan, Notional, hedge};
use ballast_types::attributes::{
    ACTION, BAND, BINDING_CAP, EXECUTED, LEG_DELTA, MARKET, NET_DELTA, PERP_DELTA, REQUESTED,
};
use ballast_types::convert::{fixed_to_signed_decimal, pyth_to_price};
use ballast_types::vault::{HedgeConfig, HedgeLeg, OrderRequest, Reason, VaultParams};

use super::assert_role;
use super::order::{act, gather, reason_name};
use crate::VaultResponse;
use crate::error::{ContractError, ContractResult};
use crate::pipeline::{self, BookInputs, MarketInputs};
use crate::state::{CONFIG, Config, HEDGES, MARKETS};

/// The manager sets a market's leg and band, checked field by field at block time.
pub fn set_hedge(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    market: String,
    leg: HedgeLeg,
    band: Decimal,
) -> ContractResult<VaultResponse> {
    assert_role(&info.sender, &CONFIG.load(deps.storage)?.manager, "manager")?;
    if !MARKETS.has(deps.storage, &market) {
        return Err(ContractError::UnknownMarket { market });
    }
    let hedge = HedgeConfig { leg, band };
    let now = env.block.time.seconds();
    hedge.validate(now)?;
    hedge.to_sizing(now)?;
    HEDGES.save(deps.storage, &market, &hedge)?;
    let kind = match hedge.leg {
        HedgeLeg::Spot { .. } => "spot",
        HedgeLeg::Option { .. } => "option",
    };
    Ok(VaultResponse::new()
        .add_attribute(ACTION, "set_hedge")
        .add_attribute(MARKET, market)
        .add_attribute("leg", kind)
        .add_attribute(BAND, band.to_string()))
}

/// The manager ends delta-neutral mode for a market; the perp position is left as it is.
pub fn clear_hedge(
    deps: DepsMut,
    info: MessageInfo,
    market: String,
) -> ContractResult<VaultResponse> {
    assert_role(&info.sender, &CONFIG.load(deps.storage)?.manager, "manager")?;
    if !HEDGES.has(deps.storage, &market) {
        return Err(ContractError::NoHedge { market });
    }
    HEDGES.remove(deps.storage, &market);
    Ok(VaultResponse::new()
        .add_attribute(ACTION, "clear_hedge")
        .add_attribute(MARKET, market))
}

/// A hedge looked at now: the pipeline's inputs, the plan, and the order it asks for.
pub(crate) struct Prepared {
    pub hedge: HedgeConfig,
    pub params: VaultParams,
    pub inputs: MarketInputs,
    pub book: BookInputs,
    pub plan: HedgePlan,
    /// None inside the band.
    pub request: Option<OrderRequest>,
}

/// Reads the market as an order would and plans the hedge at the oracle price: the leg's delta, the
/// perp position's (from the fresh mark) and the order to the band's nearest edge.
pub(crate) fn prepare(
    deps: Deps,
    env: &Env,
    config: &Config,
    market: &str,
) -> ContractResult<Prepared> {
    let hedge = HEDGES
        .may_load(deps.storage, market)?
        .ok_or_else(|| ContractError::NoHedge {
            market: market.to_string(),
        })?;
    let (params, inputs, book_in) = gather(deps, env, config, market)?;
    let now = env.block.time.seconds();
    let mark = pipeline::book(&params, &inputs, &book_in, now)?.mark;
    let (leg, band) = hedge.to_sizing(now)?;
    let plan = hedge::plan(
        &leg,
        mark.side.map(Into::into),
        Notional(mark.notional.u128()),
        pyth_to_price(&inputs.price)?,
        band,
    )?;
    // An order below the minimum would only be rejected: the position is as close to the band as
    // orders get (a fill's rounding and price impact leave such dust).
    let request = (plan.notional.0 >= params.min_order.u128().max(1)).then(|| OrderRequest {
        market: market.to_string(),
        side: plan.side().into(),
        size: Uint128::new(plan.notional.0),
        reduce_only: plan.reduces,
        signal: None,
    });
    Ok(Prepared {
        hedge,
        params,
        inputs,
        book: book_in,
        plan,
        request,
    })
}

/// Anyone: outside the band, send the perp order that brings net delta to the band's nearest edge
/// through the pipeline (rejections are decisions); inside it, or when the order would be below
/// `min_order`, do nothing (`executed` = 0; the latter with `binding_cap` = `min_order`).
pub fn hedge(deps: DepsMut, env: Env, market: String) -> ContractResult<VaultResponse> {
    let config = CONFIG.load(deps.storage)?;
    let p = prepare(deps.as_ref(), &env, &config, &market)?;
    let deltas = [
        (LEG_DELTA, fixed_to_signed_decimal(p.plan.leg_delta)?),
        (PERP_DELTA, fixed_to_signed_decimal(p.plan.perp_delta)?),
        (NET_DELTA, fixed_to_signed_decimal(p.plan.net_delta)?),
    ];
    let deltas = deltas
        .into_iter()
        .map(|(key, value)| (key, value.to_string()))
        .chain([(BAND, p.hedge.band.to_string())]);
    let Some(request) = p.request else {
        let mut response = VaultResponse::new()
            .add_attribute(ACTION, "hedge")
            .add_attribute(MARKET, market)
            .add_attributes(deltas)
            .add_attribute(EXECUTED, "0");
        if p.plan.notional.0 > 0 {
            response = response
                .add_attribute(REQUESTED, Uint128::new(p.plan.notional.0))
                .add_attribute(BINDING_CAP, reason_name(Reason::MinOrder));
        }
        return Ok(response);
    };
    let now = env.block.time.seconds();
    let evaluation = pipeline::evaluate(&p.params, &p.inputs, &p.book, now, &request)?;
    Ok(act(deps, &env, &config, &p.inputs, evaluation, "hedge")?.add_attributes(deltas))
}
