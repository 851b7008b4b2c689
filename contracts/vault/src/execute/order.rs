//! Orders: the manager's (or an allow-listed strategy's) `SubmitOrder`, the keepers' `Rebalance`,
//! `Deleverage` and `Mark`, and the re-mark once the venue has executed the vault's trade.

use cosmwasm_std::{Deps, DepsMut, Env, MessageInfo, Uint128};

use ballast_types::Side;
use ballast_types::attributes::{
    ACTION, BINDING_CAP, DECISION, EXECUTED, MARKET, REQUESTED, SIDE, VOL,
};
use ballast_types::vault::{Decision, OrderRequest, VaultParams};

use crate::brake::BrakeInputs;
use crate::error::{ContractError, ContractResult};
use crate::idle;
use crate::inputs::{mark_of, oracle_price};
use crate::margin;
use crate::marks::{mark_time, oldest_other, store_mark};
use crate::pipeline::{self, BookInputs, Evaluation, MarketInputs};
use crate::state::{
    ANCHORS, CONFIG, Config, HALTED_UNTIL, HEDGED, MARKETS, MARKS, PARAMS, PAUSED, PEAK, Peak,
    SIGNALS, STRATEGIES, StoredVol, TOTAL_SHARES, TOTALS, VOLS,
};
use crate::venue;
use crate::{VaultResponse, probe};

/// Reads everything the pipeline needs for one market; touches no other market.
pub fn gather(
    deps: Deps,
    env: &Env,
    config: &Config,
    market: &str,
) -> ContractResult<(VaultParams, MarketInputs, BookInputs)> {
    probe(deps.api, "config");
    let params = PARAMS.load(deps.storage)?;
    probe(deps.api, "params");
    let market_config =
        MARKETS
            .may_load(deps.storage, market)?
            .ok_or_else(|| ContractError::UnknownMarket {
                market: market.to_string(),
            })?;
    probe(deps.api, "market_config");
    let now = env.block.time.seconds();
    let others_stale = oldest_other(deps.storage, Some(market))?
        .is_some_and(|(time, _)| now.saturating_sub(time) > params.guards.max_mark_age);
    let price = oracle_price(deps, config, &market_config.feed_id)?;
    probe(deps.api, "oracle_query");
    let vol = VOLS.may_load(deps.storage, market)?;
    let anchor = ANCHORS.may_load(deps.storage, market)?;
    let halted_until = HALTED_UNTIL.may_load(deps.storage, market)?;
    let old_mark = MARKS.may_load(deps.storage, market)?.unwrap_or_default();
    probe(deps.api, "stored_state");
    let read = venue::read(deps, env, config, &market_config, &price)?;
    probe(deps.api, "venue_read");
    let inputs = MarketInputs {
        price,
        vol,
        anchor,
        halted_until,
        old_mark,
        position: read.position,
        venue: read.terms,
        settling: read.settling,
        levana: read.levana,
        config: market_config,
    };
    let brake = match params.drawdown_brake {
        Some(_) => Some(BrakeInputs {
            peak: PEAK.may_load(deps.storage)?,
            supply: TOTAL_SHARES.load(deps.storage)?,
            virtual_shares: Uint128::new(10).checked_pow(params.share_offset_decimals)?,
        }),
        None => None,
    };
    let totals = TOTALS.load(deps.storage)?;
    let idle = idle::held(deps, env, config, &totals, Uint128::zero())?;
    probe(deps.api, "idle_and_totals");
    let book = BookInputs {
        totals,
        idle,
        paused: PAUSED.load(deps.storage)?,
        others_stale,
        brake,
    };
    Ok((params, inputs, book))
}

/// The manager's or an allow-listed strategy's order through the whole pipeline. Rejections are
/// decisions, not errors.
pub fn submit_order(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    request: OrderRequest,
) -> ContractResult<VaultResponse> {
    let config = CONFIG.load(deps.storage)?;
    // The manager or an allow-listed strategy; either order passes the whole pipeline below.
    if info.sender != config.manager && !STRATEGIES.has(deps.storage, &info.sender) {
        return Err(ContractError::Unauthorized {
            role: "manager or strategy",
        });
    }
    let (params, inputs, book) = gather(deps.as_ref(), &env, &config, &request.market)?;
    let now = env.block.time.seconds();
    let evaluation = pipeline::evaluate(&params, &inputs, &book, now, &request)?;
    probe(deps.api, "evaluate");
    act(deps, &env, &config, &inputs, evaluation, "submit_order")
}

/// Anyone: trade toward the market's target within every cap; within `rebalance_threshold` of it, do
/// nothing. With a signal (a decision of an allow-listed source) the target is the volatility target
/// on the signal's side, scaled by it. Without one there is no decision to follow but the manager's:
/// the target is the position itself, cut to its caps. A keeper then only sheds what exceeds a cap,
/// never turns a position around, never adds to it, and leaves a flat market flat.
pub fn rebalance(deps: DepsMut, env: Env, market: String) -> ContractResult<VaultResponse> {
    // A hedged market's position belongs to its hedge: the two targets would trade against each other.
    if let Some(strategy) = HEDGED.may_load(deps.storage, &market)?
        && STRATEGIES.has(deps.storage, &strategy)
    {
        return Err(ContractError::HedgedMarket { market });
    }
    let config = CONFIG.load(deps.storage)?;
    let (params, inputs, book_in) = gather(deps.as_ref(), &env, &config, &market)?;
    let now = env.block.time.seconds();
    let observation = pipeline::observe(&params, &inputs, &book_in, now)?;
    let book = pipeline::book(&params, &inputs, &book_in, now)?;
    let vol = observation.forecast_vol()?;
    if inputs.position.is_err() {
        // The venue cannot mark the position (its price is unusable too): the guard's rejection is
        // recorded if one applies, else the venue's error is returned.
        let request = OrderRequest {
            market: market.clone(),
            side: Side::Long,
            size: Uint128::zero(),
            reduce_only: false,
            signal: None,
        };
        let evaluation =
            pipeline::decide_with(&params, &inputs, observation, book, vol, vec![], &request)?;
        return act(deps, &env, &config, &inputs, evaluation, "rebalance");
    }
    // A signal sets the side and scales the target (flat at 0). Without one the position keeps its
    // side, and a flat market has nothing to keep.
    let signal = SIGNALS.may_load(deps.storage, &market)?;
    let target_side = match (signal, book.mark.side) {
        (Some(s), _) if s.is_negative() => Side::Short,
        (None, Some(side)) => side,
        _ => Side::Long,
    };
    let caps = pipeline::caps(&params, &inputs, &book, vol, target_side, signal)?;
    let current = book.mark.notional;
    let target = match signal {
        Some(_) if vol.is_some() => pipeline::position_limit(&caps).unwrap_or(Uint128::zero()),
        Some(_) => Uint128::zero(),
        // The manager's size, or less where a cap (any that is known) now says less.
        None => pipeline::position_limit(&caps).map_or(current, |limit| limit.min(current)),
    };
    let same_side = book.mark.side.is_none_or(|s| s == target_side);
    let (side, size, reduce_only) = if same_side && current > target {
        (target_side.opposite(), current.checked_sub(target)?, true)
    } else if same_side {
        (target_side, target.checked_sub(current)?, false)
    } else {
        (target_side, current.checked_add(target)?, target.is_zero())
    };
    // The keeper's reductions pay impact too: one call sheds what max_slippage allows, the next
    // call continues.
    let size = if reduce_only {
        size.min(pipeline::liquidity_limit(&params, &inputs, side)?.unwrap_or(Uint128::MAX))
    } else {
        size
    };
    let band = target.max(current).mul_floor(params.rebalance_threshold);
    if size <= band || size.is_zero() {
        // Nothing to trade; the margin top-up leaves idle when the observation is stored.
        let top_up = margin::top_up(&params, &inputs, &book, vol)?;
        store_observation(
            deps.storage,
            &market,
            &observation,
            &book.mark,
            book.brake.as_ref().map(|b| &b.peak),
            top_up,
        )?;
        let response = VaultResponse::new()
            .add_attribute(ACTION, "rebalance")
            .add_attribute(MARKET, &market)
            .add_attribute("target", target)
            .add_attribute(EXECUTED, "0");
        return venue::forward_margin(deps.api, &env, &config, &inputs, top_up, response);
    }
    let request = OrderRequest {
        market: market.clone(),
        side,
        size,
        reduce_only,
        signal,
    };
    let evaluation =
        pipeline::decide_with(&params, &inputs, observation, book, vol, caps, &request)?;
    Ok(act(deps, &env, &config, &inputs, evaluation, "rebalance")?.add_attribute("target", target))
}

/// Anyone: when the position exceeds its tightest cap by more than `deleverage_tolerance`, cut it
/// back to the cap with a reduce-only trade (before the venue's liquidation engine has to).
pub fn deleverage(deps: DepsMut, env: Env, market: String) -> ContractResult<VaultResponse> {
    let config = CONFIG.load(deps.storage)?;
    let (params, inputs, book_in) = gather(deps.as_ref(), &env, &config, &market)?;
    let now = env.block.time.seconds();
    let observation = pipeline::observe(&params, &inputs, &book_in, now)?;
    let book = pipeline::book(&params, &inputs, &book_in, now)?;
    let vol = observation.forecast_vol()?;
    let side = book.mark.side.unwrap_or(Side::Long);
    let caps = pipeline::caps(&params, &inputs, &book, vol, side, None)?;
    let current = book.mark.notional;
    let limit = pipeline::position_limit(&caps).unwrap_or(Uint128::MAX);
    let tolerated = limit.checked_add(limit.mul_floor(params.deleverage_tolerance))?;
    if book.mark.side.is_none() || current <= tolerated {
        return Err(ContractError::NothingToDeleverage {
            market,
            notional: current,
            limit,
        });
    }
    let excess = current.checked_sub(limit)?;
    let request = OrderRequest {
        market: market.clone(),
        side: side.opposite(),
        // Sliced by the liquidity cap like the keeper's rebalance; call again for the rest.
        size: excess.min(
            pipeline::liquidity_limit(&params, &inputs, side.opposite())?.unwrap_or(Uint128::MAX),
        ),
        reduce_only: true,
        signal: None,
    };
    let evaluation =
        pipeline::decide_with(&params, &inputs, observation, book, vol, caps, &request)?;
    act(deps, &env, &config, &inputs, evaluation, "deleverage")
}

/// Anyone: fold the market's price into its volatility and store its mark.
pub fn mark(deps: DepsMut, env: Env, market: String) -> ContractResult<VaultResponse> {
    let config = CONFIG.load(deps.storage)?;
    let (params, inputs, book_in) = gather(deps.as_ref(), &env, &config, &market)?;
    pipeline::require_position(&inputs)?;
    let now = env.block.time.seconds();
    let observation = pipeline::observe(&params, &inputs, &book_in, now)?;
    let book = pipeline::book(&params, &inputs, &book_in, now)?;
    store_observation(
        deps.storage,
        &market,
        &observation,
        &book.mark,
        book.brake.as_ref().map(|b| &b.peak),
        Uint128::zero(),
    )?;
    Ok(VaultResponse::new()
        .add_attribute(ACTION, "mark")
        .add_attribute(MARKET, market)
        .add_attribute("notional", book.mark.notional)
        .add_attribute("nav", book.nav))
}

/// The vault itself, after its trade or margin has run at the venue: the position changed, so
/// mark it again. (A message rather than a reply: it carries its market, and the vault parses no
/// reply, whose events the venue fills.)
pub fn remark_after_trade(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    market: String,
    price: Option<ballast_types::pyth::PythPrice>,
) -> ContractResult<VaultResponse> {
    if info.sender != env.contract.address {
        return Err(ContractError::Unauthorized {
            role: "vault itself",
        });
    }
    let config = CONFIG.load(deps.storage)?;
    let market_config = MARKETS.load(deps.storage, &market)?;
    let (fresh, settling) =
        venue::position(deps.as_ref(), &env, &config, &market_config, price.as_ref())?;
    let time = mark_time(settling, env.block.time.seconds());
    store_mark(
        deps.storage,
        &market,
        &mark_of(&fresh, time),
        Uint128::zero(),
    )?;
    Ok(VaultResponse::new()
        .add_attribute(ACTION, "remark_after_trade")
        .add_attribute(MARKET, market))
}

/// Writes what the observation changed: the volatility state, a halt, the mark, the brake's peak, and
/// idle less `spent`, the collateral now on its way to the venue.
fn store_observation(
    storage: &mut dyn cosmwasm_std::Storage,
    market: &str,
    observation: &pipeline::Observation,
    mark: &crate::state::Mark,
    peak: Option<&Peak>,
    spent: Uint128,
) -> ContractResult<()> {
    if let Some(state) = &observation.vol {
        VOLS.save(storage, market, &StoredVol::from_state(state))?;
    }
    if let Some(until) = observation.halted_until {
        HALTED_UNTIL.save(storage, market, &until)?;
    }
    if let Some(anchor) = &observation.new_anchor {
        ANCHORS.save(storage, market, anchor)?;
    }
    if let Some(peak) = peak {
        PEAK.save(storage, peak)?;
    }
    store_mark(storage, market, mark, spent)
}

/// Step 6: store the observation and mark, then forward the executed size to the market's venue.
pub(super) fn act(
    deps: DepsMut,
    env: &Env,
    config: &Config,
    inputs: &MarketInputs,
    e: Evaluation,
    action: &str,
) -> ContractResult<VaultResponse> {
    let market = inputs.config.market.as_str();
    let trading = e.decision != Decision::Rejected && !e.executed.is_zero();
    let msgs = match trading {
        true => venue::trade_msgs(env, config, inputs, &e)?,
        false => vec![],
    };
    store_observation(
        deps.storage,
        market,
        &e.observation,
        &e.mark,
        e.peak.as_ref(),
        venue::collateral_sent(&msgs, &config.denom)?,
    )?;
    probe(deps.api, "store_observation");
    let vol = e.forecast_vol.map(|v| v.to_string()).unwrap_or_default();
    let response = VaultResponse::new()
        .add_attribute(ACTION, action)
        .add_attribute(MARKET, market)
        .add_attribute(SIDE, e.side.name())
        .add_attribute(DECISION, e.decision.name())
        .add_attribute(BINDING_CAP, e.reason.name())
        .add_attribute(REQUESTED, e.requested)
        .add_attribute(EXECUTED, e.executed)
        .add_attribute(VOL, vol);
    probe(deps.api, "attributes");
    if trading {
        return venue::forward_trade(deps.api, env, inputs, &e, msgs, response);
    }
    Ok(response)
}
