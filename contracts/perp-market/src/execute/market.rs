//! `AddMarket`: the owner lists a market.

use ballast_types::attributes::{ACTION, FEED_ID, MARKET};
use ballast_types::perp::MarketParams;
use ballast_types::pyth::PriceIdentifier;
use cosmwasm_std::{Decimal, DepsMut, MessageInfo, Response, Uint128};

use crate::error::{ContractError, ContractResult, invalid};
use crate::funds;
use crate::state::{CONFIG, Flow, MARKETS, Market, SideTotals};

/// Longest market id, bytes.
const MAX_MARKET_ID_LEN: usize = 32;

fn validate_market_id(id: &str) -> ContractResult<()> {
    let ok = !id.is_empty()
        && id.len() <= MAX_MARKET_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_/".contains(&b));
    if !ok {
        return Err(invalid(
            "market",
            id,
            "1 to 32 characters of letters, digits and -_/",
        ));
    }
    Ok(())
}

/// Checks every parameter; returns them with the feed id in lowercase.
fn validate_params(params: MarketParams) -> ContractResult<MarketParams> {
    if !params.feed_id.is_valid() {
        return Err(invalid("feed_id", &params.feed_id.0, "64 hex characters"));
    }
    if params.depth.is_zero() {
        return Err(invalid("depth", params.depth, "> 0"));
    }
    if params.impact_exponent.is_zero() {
        return Err(invalid("impact_exponent", params.impact_exponent, "> 0"));
    }
    if params.taker_fee >= Decimal::one() {
        return Err(invalid("taker_fee", params.taker_fee, "< 1"));
    }
    if params.maintenance_margin.is_zero() {
        return Err(invalid(
            "maintenance_margin",
            params.maintenance_margin,
            "> 0",
        ));
    }
    if params.maintenance_margin >= params.initial_margin {
        return Err(invalid(
            "maintenance_margin",
            params.maintenance_margin,
            "< initial_margin",
        ));
    }
    if params.initial_margin > Decimal::one() {
        return Err(invalid("initial_margin", params.initial_margin, "<= 1"));
    }
    if params.max_open_interest == Uint128::zero() {
        return Err(invalid(
            "max_open_interest",
            params.max_open_interest,
            "> 0",
        ));
    }
    Ok(MarketParams {
        feed_id: PriceIdentifier(params.feed_id.normalized()),
        ..params
    })
}

/// The owner lists market `market` with `params`; an id already listed is refused.
pub fn add_market(
    deps: DepsMut,
    info: MessageInfo,
    market: String,
    params: MarketParams,
) -> ContractResult<Response> {
    let config = CONFIG.load(deps.storage)?;
    if info.sender != config.owner {
        return Err(ContractError::Unauthorized { role: "owner" });
    }
    funds::none(&info)?;
    validate_market_id(&market)?;
    let params = validate_params(params)?;
    if MARKETS.has(deps.storage, &market) {
        return Err(ContractError::MarketExists { market });
    }
    let feed_id = params.feed_id.0.clone();
    MARKETS.save(
        deps.storage,
        &market,
        &Market {
            params,
            open_interest_long: Uint128::zero(),
            open_interest_short: Uint128::zero(),
            totals_long: SideTotals::default(),
            totals_short: SideTotals::default(),
            flow_long: Flow::default(),
            flow_short: Flow::default(),
        },
    )?;
    Ok(Response::new()
        .add_attribute(ACTION, "add_market")
        .add_attribute(MARKET, market)
        .add_attribute(FEED_ID, feed_id))
}
