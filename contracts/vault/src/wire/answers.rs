//! The order path's answers, read in one pass: the oracle's price, the perp market's position with
//! its trading terms, the bank balance. Each value is written straight into the answer, which starts
//! at zero; `require` then refuses an answer without a field the vault needs.

use cosmwasm_std::{Decimal, Int64, Int128, StdError, StdResult, Uint64, Uint128};

use ballast_types::Side;
use ballast_types::perp::{PositionSummary, PositionTermsResponse, RecentFlow, TradingTerms};
use ballast_types::pyth::PythPrice;

use super::reader::{ReadResult, Reader, require};

/// The price of the oracle's `{"price_feed":{"price":{..},..}}` (the feed's id and EMA skipped).
pub fn oracle_price(text: &[u8]) -> StdResult<PythPrice> {
    read("oracle", text, |r| {
        let mut price = PythPrice {
            price: Int64::zero(),
            conf: Uint64::zero(),
            expo: 0,
            publish_time: 0,
        };
        let seen = r.object(&["price_feed"], &mut |_, r| {
            let seen = r.object(&["price"], &mut |_, r| pyth_price(r, &mut price))?;
            require(seen, 1, &["price"])
        })?;
        require(seen, 1, &["price_feed"])?;
        Ok(price)
    })
}

fn pyth_price(r: &mut Reader, p: &mut PythPrice) -> ReadResult<()> {
    const FIELDS: &[&str] = &["price", "conf", "expo", "publish_time"];
    let seen = r.object(FIELDS, &mut |i, r| {
        match i {
            0 => p.price = Int64::new(r.int()?),
            1 => p.conf = Uint64::new(r.int()?),
            2 => p.expo = r.int()?,
            _ => p.publish_time = r.int()?,
        }
        Ok(())
    })?;
    require(seen, 0b1111, FIELDS)
}

/// The amount of a bank `balance` answer, `{"amount":{"denom":..,"amount":..}}`; beyond 128 bits
/// it is refused, as the vault's accounting would.
pub fn balance(text: &[u8]) -> StdResult<Uint128> {
    read("bank", text, |r| {
        let mut amount = Uint128::zero();
        let seen = r.object(&["amount"], &mut |_, r| {
            let seen = r.object(&["amount"], &mut |_, r| {
                amount = r.parse()?;
                Ok(())
            })?;
            require(seen, 1, &["amount"])
        })?;
        require(seen, 1, &["amount"])?;
        Ok(amount)
    })
}

/// The perp market's answer to `position`.
pub fn position(text: &[u8]) -> StdResult<PositionSummary> {
    read("perp market", text, |r| {
        let mut position = flat();
        position_summary(r, &mut position)?;
        Ok(position)
    })
}

/// The perp market's answer to `position_terms`.
pub fn position_terms(text: &[u8]) -> StdResult<PositionTermsResponse> {
    const FIELDS: &[&str] = &["position", "unmarked", "terms", "recent_flow"];
    read("perp market", text, |r| {
        let mut answer = PositionTermsResponse {
            position: None,
            unmarked: None,
            terms: TradingTerms {
                depth: Uint128::zero(),
                impact_exponent: Decimal::zero(),
                taker_fee: Decimal::zero(),
                initial_margin: Decimal::zero(),
                maintenance_margin: Decimal::zero(),
            },
            // absent from a 0.2.0 market's answer, as in `json_struct!`'s default
            recent_flow: RecentFlow::default(),
        };
        let seen = r.object(FIELDS, &mut |i, r| {
            if r.null() {
                return if i < 2 {
                    Ok(())
                } else {
                    Err(r.error(format_args!("expected an object")))
                };
            }
            match i {
                0 => position_summary(r, answer.position.insert(flat())),
                1 => {
                    answer.unmarked = Some(r.text()?);
                    Ok(())
                }
                2 => trading_terms(r, &mut answer.terms),
                _ => recent_flow(r, &mut answer.recent_flow),
            }
        })?;
        require(seen, 0b0111, FIELDS)?;
        Ok(answer)
    })
}

/// A position with nothing in it, which a summary read fills.
fn flat() -> PositionSummary {
    PositionSummary {
        side: None,
        notional: Uint128::zero(),
        margin: Uint128::zero(),
        unrealized_pnl: Int128::zero(),
        paid_out: Uint128::zero(),
    }
}

fn position_summary(r: &mut Reader, p: &mut PositionSummary) -> ReadResult<()> {
    // `paid_out` is required: a market older than 0.3.2 does not report payouts, which the ledger
    // would then never count.
    const FIELDS: &[&str] = &["side", "notional", "margin", "unrealized_pnl", "paid_out"];
    let seen = r.object(FIELDS, &mut |i, r| {
        match i {
            0 if r.null() => p.side = None,
            0 => {
                p.side = Some(match r.string()? {
                    b"long" => Side::Long,
                    b"short" => Side::Short,
                    _ => return Err(r.error(format_args!("expected `long` or `short`"))),
                })
            }
            1 => p.notional = r.parse()?,
            2 => p.margin = r.parse()?,
            3 => p.unrealized_pnl = Int128::new(r.int()?),
            _ => p.paid_out = r.parse()?,
        }
        Ok(())
    })?;
    require(seen, 0b11111, FIELDS)
}

fn trading_terms(r: &mut Reader, t: &mut TradingTerms) -> ReadResult<()> {
    const FIELDS: &[&str] = &[
        "depth",
        "impact_exponent",
        "taker_fee",
        "initial_margin",
        "maintenance_margin",
    ];
    let seen = r.object(FIELDS, &mut |i, r| {
        match i {
            0 => t.depth = r.parse()?,
            1 => t.impact_exponent = r.parse()?,
            2 => t.taker_fee = r.parse()?,
            3 => t.initial_margin = r.parse()?,
            _ => t.maintenance_margin = r.parse()?,
        }
        Ok(())
    })?;
    require(seen, 0b11111, FIELDS)
}

fn recent_flow(r: &mut Reader, flow: &mut RecentFlow) -> ReadResult<()> {
    const FIELDS: &[&str] = &["long", "short"];
    let seen = r.object(FIELDS, &mut |i, r| {
        match i {
            0 => flow.long = r.parse()?,
            _ => flow.short = r.parse()?,
        }
        Ok(())
    })?;
    require(seen, 0b11, FIELDS)
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
        .map_err(|e| answer_error(from, e))
}

#[inline(never)]
fn answer_error(from: &str, e: String) -> StdError {
    StdError::msg(format_args!("the {from}'s answer: {e}"))
}
