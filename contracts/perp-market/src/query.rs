//! Queries, one function per `QueryMsg` variant.

use ballast_types::Side;
use ballast_types::perp::{
    ConfigResponse, MarketResponse, PoolResponse, PoolValueResponse, PositionResponse,
    PositionSummary, PositionTermsResponse, QuoteResponse, QuotedPrice, RecentFlow, TradingTerms,
};
use cosmwasm_std::{Addr, Decimal256, Deps, Env, Int128, SignedDecimal256, Uint128};

use crate::error::ContractResult;
use crate::execute::load_market;
use crate::state::{CONFIG, LP_SHARES, Market, PAID_OUT, POOL, POSITIONS};
use crate::{oracle, pricing, valuation};

/// The configuration.
pub fn config(deps: Deps) -> ContractResult<ConfigResponse> {
    let config = CONFIG.load(deps.storage)?;
    Ok(ConfigResponse {
        owner: config.owner,
        oracle: config.oracle_addr,
        denom: config.denom,
        liquidation_fee: config.liquidation_fee,
        max_price_age: config.max_price_age,
    })
}

/// One market's parameters and open interest.
pub fn market(deps: Deps, market: String) -> ContractResult<MarketResponse> {
    let state = load_market(deps.storage, &market)?;
    Ok(MarketResponse {
        market,
        params: state.params,
        open_interest_long: state.open_interest_long,
        open_interest_short: state.open_interest_short,
    })
}

/// A trader's position marked at the oracle price. A flat trader gets zeros (mark price included,
/// so that reading a flat position never depends on the oracle) and no side.
pub fn position(
    deps: Deps,
    env: Env,
    trader: String,
    market: String,
    at_price: Option<QuotedPrice>,
) -> ContractResult<PositionResponse> {
    let trader = deps.api.addr_validate(&trader)?;
    let state = load_market(deps.storage, &market)?;
    marked(deps, &env, &trader, market, &state, at_price.as_ref())
}

/// A trader's position summary, the market's trading terms and each direction's recent flow now (what
/// the next trade's impact counts, as `Quote` and `Trade` read it). A position that cannot be marked
/// (the oracle's price is unusable) is reported in `unmarked`, with the terms and flow still given.
pub fn position_terms(
    deps: Deps,
    env: Env,
    trader: String,
    market: String,
    at_price: Option<QuotedPrice>,
) -> ContractResult<PositionTermsResponse> {
    let trader = deps.api.addr_validate(&trader)?;
    let state = load_market(deps.storage, &market)?;
    let terms = TradingTerms::from(&state.params);
    let now = env.block.time.seconds();
    let recent_flow = RecentFlow {
        long: pricing::recent_flow(state.flow(Side::Long), now)?,
        short: pricing::recent_flow(state.flow(Side::Short), now)?,
    };
    let (position, unmarked) = match marked(deps, &env, &trader, market, &state, at_price.as_ref())
    {
        Ok(marked) => (Some(PositionSummary::from(&marked)), None),
        Err(error) => (None, Some(error.to_string())),
    };
    Ok(PositionTermsResponse {
        position,
        unmarked,
        terms,
        recent_flow,
    })
}

/// `trader`'s position in `market` (whose state is `state`) marked at the oracle price (`at_price`
/// when it is the market's oracle and feed).
fn marked(
    deps: Deps,
    env: &Env,
    trader: &Addr,
    market: String,
    state: &Market,
    at_price: Option<&QuotedPrice>,
) -> ContractResult<PositionResponse> {
    let paid_out = PAID_OUT
        .may_load(deps.storage, (market.as_str(), trader))?
        .unwrap_or_default();
    let Some(position) = POSITIONS.may_load(deps.storage, (market.as_str(), trader))? else {
        return Ok(PositionResponse {
            market,
            side: None,
            quantity: SignedDecimal256::zero(),
            entry_price: Decimal256::zero(),
            mark_price: Decimal256::zero(),
            notional: Uint128::zero(),
            margin: Uint128::zero(),
            unrealized_pnl: Int128::zero(),
            liquidation_price: None,
            liquidatable: false,
            paid_out,
        });
    };
    let config = CONFIG.load(deps.storage)?;
    let price = oracle::price_at(deps, env, &config, &state.params.feed_id, at_price)?;
    let ratio = state.params.maintenance_margin;
    Ok(PositionResponse {
        market,
        side: Some(position.side),
        quantity: position.quantity()?,
        entry_price: position.entry_price,
        mark_price: price,
        notional: position.notional(price)?,
        margin: position.margin,
        unrealized_pnl: Int128::try_from(position.unrealized_pnl(price)?)?,
        liquidation_price: position.liquidation_price(ratio)?,
        liquidatable: position.is_liquidatable(price, ratio)?,
        paid_out,
    })
}

/// Price, impact and fee of a hypothetical trade of `notional` on `side`, as `Trade` would fill it
/// now: after the same recent flow in its direction (a trade that also reduces a position fills at
/// the same price).
pub fn quote(
    deps: Deps,
    env: Env,
    market: String,
    side: Side,
    notional: Uint128,
) -> ContractResult<QuoteResponse> {
    let state = load_market(deps.storage, &market)?;
    let config = CONFIG.load(deps.storage)?;
    let price = oracle::price(deps, &env, &config, &state.params.feed_id)?;
    let recent = pricing::recent_flow(state.flow(side), env.block.time.seconds())?;
    let quote = pricing::quote(&state.params, side, price, recent, notional)?;
    Ok(QuoteResponse {
        oracle_price: quote.oracle_price,
        fill_price: quote.fill_price,
        impact: quote.impact,
        fee: quote.fee,
    })
}

/// The pool's balance and shares.
pub fn pool(deps: Deps) -> ContractResult<PoolResponse> {
    let pool = POOL.load(deps.storage)?;
    Ok(PoolResponse {
        balance: pool.balance,
        total_shares: pool.total_shares,
    })
}

/// The pool valued at the oracle prices: what LP shares are priced on.
pub fn pool_value(deps: Deps, env: Env) -> ContractResult<PoolValueResponse> {
    let pool = POOL.load(deps.storage)?;
    let valuation = valuation::value(deps, &env, &pool)?;
    let traders_pnl = valuation.traders_pnl()?;
    Ok(PoolValueResponse {
        balance: pool.balance,
        total_shares: pool.total_shares,
        traders_pnl,
        value: Int128::try_from(pool.balance)?.checked_sub(traders_pnl)?,
        reserved: valuation.reserved()?,
    })
}

/// An LP's shares; zero for an unknown address.
pub fn lp_shares(deps: Deps, address: String) -> ContractResult<Uint128> {
    let addr = deps.api.addr_validate(&address)?;
    Ok(LP_SHARES.may_load(deps.storage, &addr)?.unwrap_or_default())
}
