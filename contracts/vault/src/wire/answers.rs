//! The order path's two answers, read in one pass: the oracle's price and the perp market's
//! position with its trading terms.

use cosmwasm_std::{Decimal, Int64, Int128, StdError, StdResult, Uint64, Uint128};

use ballast_types::Side;
use ballast_types::perp::{PositionSummary, PositionTermsResponse, RecentFlow, TradingTerms};
use ballast_types::pyth::PythPrice;

use super::reader::{ReadResult, Reader, once, required};

/// The price of the oracle's `{"price_feed":{"price":{..},..}}` (the feed's id and EMA skipped).
pub fn oracle_price(text: &[u8]) -> StdResult<PythPrice> {
    read("oracle", text, |r| {
        let mut price = None;
        r.fields(|key, r| match key {
            b"price_feed" => r.fields(|key, r| match key {
                b"price" => once(&mut price, "price", pyth_price(r)?),
                _ => r.skip(),
            }),
            _ => r.skip(),
        })?;
        required(price, "price_feed.price")
    })
}

fn pyth_price(r: &mut Reader) -> ReadResult<PythPrice> {
    let (mut price, mut conf, mut expo, mut publish_time) = (None, None, None, None);
    r.fields(|key, r| match key {
        b"price" => once(&mut price, "price", r.parse::<Int64>()?),
        b"conf" => once(&mut conf, "conf", Uint64::new(r.parse::<u64>()?)),
        b"expo" => once(&mut expo, "expo", r.parse::<i32>()?),
        b"publish_time" => once(&mut publish_time, "publish_time", r.parse::<i64>()?),
        _ => r.skip(),
    })?;
    Ok(PythPrice {
        price: required(price, "price")?,
        conf: required(conf, "conf")?,
        expo: required(expo, "expo")?,
        publish_time: required(publish_time, "publish_time")?,
    })
}

/// The perp market's answer to `position_terms`.
pub fn position_terms(text: &[u8]) -> StdResult<PositionTermsResponse> {
    read("perp market", text, |r| {
        let (mut position, mut unmarked, mut terms, mut flow) = (None, None, None, None);
        r.fields(|key, r| match key {
            b"position" => {
                let value = if r.null() {
                    None
                } else {
                    Some(position_summary(r)?)
                };
                once(&mut position, "position", value)
            }
            b"unmarked" => {
                let value = if r.null() { None } else { Some(r.text()?) };
                once(&mut unmarked, "unmarked", value)
            }
            b"terms" => once(&mut terms, "terms", trading_terms(r)?),
            b"recent_flow" => once(&mut flow, "recent_flow", recent_flow(r)?),
            _ => r.skip(),
        })?;
        Ok(PositionTermsResponse {
            position: position.flatten(),
            unmarked: unmarked.flatten(),
            terms: required(terms, "terms")?,
            // absent from a 0.2.0 market's answer, as in `json_struct!`'s default
            recent_flow: flow.unwrap_or_default(),
        })
    })
}

/// The perp market's answer to `position`.
pub fn position(text: &[u8]) -> StdResult<PositionSummary> {
    read("perp market", text, position_summary)
}

fn position_summary(r: &mut Reader) -> ReadResult<PositionSummary> {
    let (mut side, mut notional, mut margin, mut pnl) = (None, None, None, None);
    r.fields(|key, r| match key {
        b"side" => {
            let value = match r.null() {
                true => None,
                false => Some(match r.string()? {
                    b"long" => Side::Long,
                    b"short" => Side::Short,
                    _ => return Err(r.error(format_args!("expected `long` or `short`"))),
                }),
            };
            once(&mut side, "side", value)
        }
        b"notional" => once(&mut notional, "notional", r.parse::<Uint128>()?),
        b"margin" => once(&mut margin, "margin", r.parse::<Uint128>()?),
        b"unrealized_pnl" => once(&mut pnl, "unrealized_pnl", r.parse::<Int128>()?),
        _ => r.skip(),
    })?;
    Ok(PositionSummary {
        side: side.flatten(),
        notional: required(notional, "notional")?,
        margin: required(margin, "margin")?,
        unrealized_pnl: required(pnl, "unrealized_pnl")?,
    })
}

fn trading_terms(r: &mut Reader) -> ReadResult<TradingTerms> {
    let mut depth = None;
    let [mut exponent, mut fee, mut initial, mut maintenance] = [None; 4];
    let decimal = |slot: &mut Option<Decimal>, name, r: &mut Reader| {
        let value = r.parse::<Decimal>()?;
        once(slot, name, value)
    };
    r.fields(|key, r| match key {
        b"depth" => once(&mut depth, "depth", r.parse::<Uint128>()?),
        b"impact_exponent" => decimal(&mut exponent, "impact_exponent", r),
        b"taker_fee" => decimal(&mut fee, "taker_fee", r),
        b"initial_margin" => decimal(&mut initial, "initial_margin", r),
        b"maintenance_margin" => decimal(&mut maintenance, "maintenance_margin", r),
        _ => r.skip(),
    })?;
    Ok(TradingTerms {
        depth: required(depth, "depth")?,
        impact_exponent: required(exponent, "impact_exponent")?,
        taker_fee: required(fee, "taker_fee")?,
        initial_margin: required(initial, "initial_margin")?,
        maintenance_margin: required(maintenance, "maintenance_margin")?,
    })
}

fn recent_flow(r: &mut Reader) -> ReadResult<RecentFlow> {
    let (mut long, mut short) = (None, None);
    r.fields(|key, r| match key {
        b"long" => once(&mut long, "long", r.parse::<Uint128>()?),
        b"short" => once(&mut short, "short", r.parse::<Uint128>()?),
        _ => r.skip(),
    })?;
    Ok(RecentFlow {
        long: required(long, "long")?,
        short: required(short, "short")?,
    })
}

/// Reads a whole answer of `from` with `value`; an error names whose answer it was.
fn read<T>(
    from: &str,
    text: &[u8],
    value: impl FnOnce(&mut Reader) -> ReadResult<T>,
) -> StdResult<T> {
    let mut r = Reader::new(text);
    value(&mut r)
        .and_then(|v| r.end().map(|()| v))
        .map_err(|e| StdError::msg(format_args!("the {from}'s answer: {e}")))
}
