//! One function per query.

use cosmwasm_std::{Deps, Env, Uint128};

use ballast_types::convert::fixed_to_decimal;
use ballast_types::vault::{
    ConfigResponse, Decision, HolderResponse, MarkResponse, MarketResponse, OrderPreview,
    OrderRequest, StateResponse, VaultInfoResponse, VaultStandardInfoResponse,
};

use crate::brake;
use crate::error::{ContractError, ContractResult};
use crate::execute::fees::share_price;
use crate::execute::order::gather;
use crate::execute::shares;
use crate::idle;
use crate::pipeline;
use crate::state::{
    CONFIG, FEES, HALTED_UNTIL, MARKETS, MARKS, PARAMS, PAUSED, PEAK, SIGNALS, STRATEGIES,
    TOTAL_SHARES, TOTALS, VOLS,
};
use crate::{valuation, venue};

pub fn config(deps: Deps) -> ContractResult<ConfigResponse> {
    let config = CONFIG.load(deps.storage)?;
    Ok(ConfigResponse {
        governor: config.governor,
        manager: config.manager,
        fee_recipient: config.fee_recipient,
        denom: config.denom,
        share_denom: config.share_denom,
        oracle: config.oracle,
        perp_market: config.perp_market,
        params: PARAMS.load(deps.storage)?,
    })
}

/// Nav from the stored marks (however old; `Mark` refreshes them).
pub fn state(deps: Deps, env: Env) -> ContractResult<StateResponse> {
    let config = CONFIG.load(deps.storage)?;
    let totals = TOTALS.load(deps.storage)?;
    let idle = idle::held(deps, &env, &config, &totals, Uint128::zero())?;
    let nav = cosmwasm_std::Int128::try_from(idle)?
        .checked_add(totals.marked_equity)?
        .max(cosmwasm_std::Int128::zero());
    let nav = Uint128::try_from(nav)?;
    let total_shares = TOTAL_SHARES.load(deps.storage)?;
    Ok(StateResponse {
        nav,
        idle,
        total_shares,
        share_price: share_price(nav, total_shares, shares::virtual_shares(deps.storage)?)?,
        high_water_mark: FEES.load(deps.storage)?.high_water_mark,
        peak_share_price: PEAK
            .may_load(deps.storage)?
            .map(|p| brake::peak_share_price(&p, shares::virtual_shares(deps.storage)?))
            .transpose()?,
        gross_notional: totals.gross_notional,
        paused: PAUSED.load(deps.storage)?,
    })
}

pub fn market(deps: Deps, market: String) -> ContractResult<MarketResponse> {
    let config =
        MARKETS
            .may_load(deps.storage, &market)?
            .ok_or_else(|| ContractError::UnknownMarket {
                market: market.clone(),
            })?;
    let vol = VOLS.may_load(deps.storage, &market)?;
    let state = vol.as_ref().map(|v| v.to_state()).transpose()?;
    let forecast_vol = match state.map(|s| s.vol()).transpose()?.flatten() {
        Some(v) => Some(fixed_to_decimal(v)?),
        None => None,
    };
    let mark = MARKS.may_load(deps.storage, &market)?.unwrap_or_default();
    Ok(MarketResponse {
        config,
        forecast_vol,
        observations: vol.as_ref().map(|v| v.returns).unwrap_or(0),
        last_price_time: vol.as_ref().map(|v| v.last_time),
        halted_until: HALTED_UNTIL.may_load(deps.storage, &market)?,
        signal: SIGNALS.may_load(deps.storage, &market)?,
        mark: MarkResponse {
            side: mark.side,
            notional: mark.notional,
            margin: mark.margin,
            unrealized_pnl: mark.unrealized_pnl,
            time: mark.time,
        },
    })
}

/// The pipeline on the same inputs `SubmitOrder` would read, without writing anything.
pub fn preview_order(deps: Deps, env: Env, request: OrderRequest) -> ContractResult<OrderPreview> {
    let config = CONFIG.load(deps.storage)?;
    let (params, inputs, book) = gather(deps, &env, &config, &request.market)?;
    let e = pipeline::evaluate(&params, &inputs, &book, env.block.time.seconds(), &request)?;
    if e.decision != Decision::Rejected && !e.executed.is_zero() {
        // What the venue would refuse (a queued Levana execution, a flip) fails the preview as well.
        venue::trade_msgs(&env, &config, &inputs, &e)?;
    }
    Ok(preview_of(e))
}

fn preview_of(e: pipeline::Evaluation) -> OrderPreview {
    OrderPreview {
        decision: e.decision,
        reason: e.reason,
        requested: e.requested,
        executed: e.executed,
        forecast_vol: e.forecast_vol,
        nav: e.nav,
        caps: e.caps,
    }
}

/// The position as `SubmitOrder` would see it now: marked by the venue (the stored mark when the
/// venue cannot mark it), as a strategy's hedge measures its perp delta.
pub fn position(deps: Deps, env: Env, market: String) -> ContractResult<MarkResponse> {
    let config = CONFIG.load(deps.storage)?;
    let (params, inputs, book) = gather(deps, &env, &config, &market)?;
    let mark = pipeline::book(&params, &inputs, &book, env.block.time.seconds())?.mark;
    Ok(MarkResponse {
        side: mark.side,
        notional: mark.notional,
        margin: mark.margin,
        unrealized_pnl: mark.unrealized_pnl,
        time: mark.time,
    })
}

pub fn strategy(deps: Deps, address: String) -> ContractResult<bool> {
    let address = deps.api.addr_validate(&address)?;
    Ok(STRATEGIES.has(deps.storage, &address))
}

/// Nav now and the supply after the fees due now: what a deposit or redeem would use.
fn exchange(deps: Deps, env: &Env) -> ContractResult<(Uint128, Uint128, Uint128)> {
    let nav = valuation::value(deps, env, Uint128::zero())?.nav;
    let supply = shares::supply_after_fees(deps, env, nav)?;
    Ok((nav, supply, shares::virtual_shares(deps.storage)?))
}

pub fn holder(deps: Deps, env: Env, address: String) -> ContractResult<HolderResponse> {
    let holder = deps.api.addr_validate(&address)?;
    let share_denom = CONFIG.load(deps.storage)?.share_denom;
    let held = Uint128::try_from(deps.querier.query_balance(holder, share_denom)?.amount)?;
    let (nav, supply, virtual_shares) = exchange(deps, &env)?;
    Ok(HolderResponse {
        shares: held,
        value: shares::assets_for(held, nav, supply, virtual_shares)?,
    })
}

pub fn preview_deposit(deps: Deps, env: Env, assets: Uint128) -> ContractResult<Uint128> {
    let (nav, supply, virtual_shares) = exchange(deps, &env)?;
    shares::shares_for(assets, nav, supply, virtual_shares)
}

pub fn preview_redeem(deps: Deps, env: Env, amount: Uint128) -> ContractResult<Uint128> {
    let (nav, supply, virtual_shares) = exchange(deps, &env)?;
    shares::assets_for(amount, nav, supply, virtual_shares)
}

/// The vault standard's version this vault speaks (cw-vault-standard 0.4), with no extension.
pub fn vault_standard_info() -> VaultStandardInfoResponse {
    VaultStandardInfoResponse {
        version: 0,
        extensions: vec![],
    }
}

pub fn info(deps: Deps) -> ContractResult<VaultInfoResponse> {
    let config = CONFIG.load(deps.storage)?;
    Ok(VaultInfoResponse {
        base_token: config.denom,
        vault_token: config.share_denom,
    })
}

pub fn total_assets(deps: Deps, env: Env) -> ContractResult<Uint128> {
    Ok(valuation::value(deps, &env, Uint128::zero())?.nav)
}

/// Nav now and the supply as stored, before the fees due: the standard's conversions.
fn exchange_before_fees(deps: Deps, env: &Env) -> ContractResult<(Uint128, Uint128, Uint128)> {
    let nav = valuation::value(deps, env, Uint128::zero())?.nav;
    let supply = TOTAL_SHARES.load(deps.storage)?;
    Ok((nav, supply, shares::virtual_shares(deps.storage)?))
}

pub fn convert_to_shares(deps: Deps, env: Env, amount: Uint128) -> ContractResult<Uint128> {
    let (nav, supply, virtual_shares) = exchange_before_fees(deps, &env)?;
    shares::shares_for(amount, nav, supply, virtual_shares)
}

pub fn convert_to_assets(deps: Deps, env: Env, amount: Uint128) -> ContractResult<Uint128> {
    let (nav, supply, virtual_shares) = exchange_before_fees(deps, &env)?;
    shares::assets_for(amount, nav, supply, virtual_shares)
}
