//! `Trade`: open, increase, reduce, close or flip a position.
//!
//! The trade's whole executed notional fills at one price, the oracle price moved by the impact of
//! that notional against the taker, and pays one fee, `notional * taker_fee` rounded up, to the pool.
//! Attached collateral is added to the position's margin first. Then the trade splits in two:
//!
//! 1. **Reducing part**, when the position is on the other side: `min(notional, position notional at
//!    the oracle price)`. A reducing part of at least the position's notional closes it whole. Its
//!    realised PnL, `reduced quantity * (fill - entry)` for a long and the opposite for a short, is
//!    settled with the pool ([`crate::pool::settle`]: a loss beyond the margin is bad debt the pool
//!    absorbs, a profit beyond the pool balance is capped). Then the released share of the margin,
//!    `reduced / previous quantity` of it (all of it on a close), plus the profit paid, is owed to
//!    the trader.
//! 2. **Opening part**, the rest (none for a reduce-only trade, which is cut to the position rather
//!    than refused, since an order sized a moment ago may exceed a position after the price moved).
//!    On a flip, what the close released stays in the new position as margin instead of being sent.
//!    The entry price becomes the quantity-weighted average of the old entry and the fill. The
//!    margin must cover the fee plus `initial_margin * notional` at the oracle price, after deducting
//!    the position's unrealized loss at the oracle price (the impact just paid included; an
//!    unrealized profit does not count, as the pool may not be able to pay it). The side's open
//!    interest, notional at entry, must stay within `max_open_interest`.
//!
//! The fee comes out of the margin when the trade opens anything. A pure reduction pays it from what
//! it releases, then from the remaining margin, capped at what there is, so that a position can always
//! be reduced. Whatever is owed to the trader is sent in one bank message.

use ballast_types::Side;
use ballast_types::attributes::{
    ACTION, EXECUTED, FEE, FILL_PRICE, MARKET, PRICE, REALIZED_PNL, REQUESTED, SIDE,
};
use cosmwasm_std::{
    BankMsg, Coin, Decimal, Decimal256, DepsMut, Env, Int256, MessageInfo, Response, Uint128,
    Uint256,
};

use crate::attributes::{
    BAD_DEBT, ENTRY_PRICE, IMPACT, MARGIN, PAYOUT, QUANTITY, TRADER, UNPAID_PROFIT,
};
use crate::error::{ContractError, ContractResult};
use crate::position::{pnl, quantity};
use crate::pricing::{Quote, quote, recent_flow};
use crate::state::{CONFIG, Flow, MARKETS, Market, POOL, POSITIONS, Position, record_payout};
use crate::{funds, oracle, pool};

use super::load_market;

/// How a trade divides between the opposing position and a new exposure.
struct Split {
    /// Notional actually traded: the request, or for reduce-only at most the position.
    executed: Uint128,
    /// Quantity taken off the opposing position, and whether that closes it.
    reduce: Option<(Decimal256, bool)>,
    /// Notional opened on the trade's side.
    open: Uint128,
}

fn split(
    old: Option<&Position>,
    side: Side,
    notional: Uint128,
    reduce_only: bool,
    price: Decimal256,
    market: &str,
) -> ContractResult<Split> {
    let opposing = old.filter(|p| p.side != side);
    let Some(position) = opposing else {
        if reduce_only {
            return Err(ContractError::NothingToReduce {
                market: market.to_string(),
            });
        }
        return Ok(Split {
            executed: notional,
            reduce: None,
            open: notional,
        });
    };
    let position_notional = position.notional(price)?;
    let executed = if reduce_only {
        notional.min(position_notional)
    } else {
        notional
    };
    let reduce_notional = executed.min(position_notional);
    let closes = executed >= position_notional;
    // Below the position's notional, notional / price is strictly below its size.
    let reduced = if closes {
        position.size
    } else {
        quantity(reduce_notional, price)?
    };
    Ok(Split {
        executed,
        reduce: Some((reduced, closes)),
        open: executed.checked_sub(reduce_notional)?,
    })
}

/// `amount * part / whole`, rounded down.
fn share(amount: Uint128, part: Decimal256, whole: Decimal256) -> ContractResult<Uint128> {
    let ratio = part.checked_div(whole)?;
    Ok(Uint128::try_from(
        Uint256::from(amount).checked_mul_floor(ratio)?,
    )?)
}

/// The trade's effect, built up step by step.
struct Books {
    /// The position after the trade; None when flat.
    position: Option<Position>,
    /// Margin, attached collateral included.
    margin: Uint128,
    /// Owed to the trader.
    credit: Uint128,
    /// Pool balance.
    pool_balance: Uint128,
    realized_pnl: Int256,
    bad_debt: Uint256,
    unpaid_profit: Uint256,
    fee_charged: Uint128,
}

impl Books {
    fn reduce(
        &mut self,
        reduced: Decimal256,
        closes: bool,
        fill: Decimal256,
    ) -> ContractResult<()> {
        let Some(position) = self.position.take() else {
            return Ok(());
        };
        self.realized_pnl = pnl(position.side, reduced, position.entry_price, fill)?;
        let settled = pool::settle(self.margin, self.pool_balance, self.realized_pnl)?;
        self.pool_balance = settled.pool_balance;
        self.bad_debt = settled.bad_debt;
        self.unpaid_profit = settled.unpaid_profit;
        let released = if closes {
            settled.margin
        } else {
            // The margin that stays must still cover the rest of the position's loss at this fill:
            // a position under water releases nothing (the pool would pay it back at liquidation).
            let remaining = position.size.checked_sub(reduced)?;
            let loss =
                pnl(position.side, remaining, position.entry_price, fill)?.min(Int256::zero());
            let loss = Uint128::try_from(loss.unsigned_abs()).unwrap_or(Uint128::MAX);
            let free = settled.margin.saturating_sub(loss);
            share(settled.margin, reduced, position.size)?.min(free)
        };
        self.margin = settled.margin.checked_sub(released)?;
        self.credit = released.checked_add(settled.profit_paid)?;
        if !closes {
            self.position = Some(Position {
                size: position.size.checked_sub(reduced)?,
                ..position
            });
        }
        Ok(())
    }

    fn open(&mut self, side: Side, size: Decimal256, fill: Decimal256) -> ContractResult<()> {
        // On a flip the proceeds of the close stay in the new position.
        self.margin = self.margin.checked_add(self.credit)?;
        self.credit = Uint128::zero();
        self.position = Some(match self.position.take() {
            None => Position {
                side,
                size,
                entry_price: fill,
                margin: Uint128::zero(),
            },
            Some(old) => {
                let total = old.size.checked_add(size)?;
                let cost = old
                    .size
                    .checked_mul(old.entry_price)?
                    .checked_add(size.checked_mul(fill)?)?;
                Position {
                    size: total,
                    entry_price: cost.checked_div(total)?,
                    ..old
                }
            }
        });
        Ok(())
    }

    /// Charges the fee of a trade that opens: the margin must carry the fee and the initial margin.
    fn charge_opening(&mut self, quote: &Quote, initial_margin: Decimal) -> ContractResult<()> {
        let Some(position) = self.position.as_ref() else {
            return Ok(());
        };
        let required = position
            .notional(quote.oracle_price)?
            .checked_mul_ceil(initial_margin)?
            .checked_add(quote.fee)?;
        let upnl = position.unrealized_pnl(quote.oracle_price)?;
        let loss = if upnl.is_negative() {
            upnl.unsigned_abs()
        } else {
            Uint256::zero()
        };
        let margin = Uint256::from(self.margin);
        // A loss beyond the margin leaves nothing available.
        let available = if loss >= margin {
            Uint128::zero()
        } else {
            Uint128::try_from(margin.checked_sub(loss)?)?
        };
        if available < required {
            return Err(ContractError::InsufficientMargin {
                required,
                available,
            });
        }
        self.margin = self.margin.checked_sub(quote.fee)?;
        self.fee_charged = quote.fee;
        Ok(())
    }

    /// Charges the fee of a pure reduction: from the payout, then the margin, capped at both.
    fn charge_reducing(&mut self, fee: Uint128) -> ContractResult<()> {
        let from_credit = fee.min(self.credit);
        self.credit = self.credit.checked_sub(from_credit)?;
        let from_margin = fee.checked_sub(from_credit)?.min(self.margin);
        self.margin = self.margin.checked_sub(from_margin)?;
        self.fee_charged = from_credit.checked_add(from_margin)?;
        Ok(())
    }
}

/// Moves a position's share of open interest and of its side's totals from its state before the
/// trade to its state after.
fn update_books(
    market: &mut Market,
    before: Option<&Position>,
    after: Option<&Position>,
) -> ContractResult<()> {
    if let Some(p) = before {
        market.remove_position(p)?;
    }
    if let Some(p) = after {
        market.add_position(p)?;
    }
    Ok(())
}

/// Executes a trade of `notional` on `side` for the sender in `market_id`.
pub fn trade(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    market_id: String,
    side: Side,
    notional: Uint128,
    reduce_only: bool,
) -> ContractResult<Response> {
    let config = CONFIG.load(deps.storage)?;
    let funds_in = funds::optional(&info, &config.denom)?;
    if notional.is_zero() {
        return Err(ContractError::ZeroAmount { what: "notional" });
    }
    let mut market = load_market(deps.storage, &market_id)?;
    let price = oracle::price(deps.as_ref(), &env, &config, &market.params.feed_id)?;
    let key = (market_id.as_str(), &info.sender);
    let old = POSITIONS.may_load(deps.storage, key)?;
    let mut pool = POOL.load(deps.storage)?;

    let split = split(old.as_ref(), side, notional, reduce_only, price, &market_id)?;
    let now = env.block.time.seconds();
    let recent = recent_flow(market.flow(side), now)?;
    let quote = quote(&market.params, side, price, recent, split.executed)?;
    let mut books = Books {
        position: old.clone(),
        margin: old
            .as_ref()
            .map_or(Uint128::zero(), |p| p.margin)
            .checked_add(funds_in)?,
        credit: Uint128::zero(),
        pool_balance: pool.balance,
        realized_pnl: Int256::zero(),
        bad_debt: Uint256::zero(),
        unpaid_profit: Uint256::zero(),
        fee_charged: Uint128::zero(),
    };
    if let Some((reduced, closes)) = split.reduce {
        books.reduce(reduced, closes, quote.fill_price)?;
    }
    if split.open.is_zero() {
        books.charge_reducing(quote.fee)?;
    } else {
        let size = quantity(split.open, price)?;
        if size.is_zero() {
            return Err(ContractError::ZeroAmount { what: "quantity" });
        }
        books.open(side, size, quote.fill_price)?;
        books.charge_opening(&quote, market.params.initial_margin)?;
    }
    books.pool_balance = books.pool_balance.checked_add(books.fee_charged)?;

    let after = books.position.take().map(|p| Position {
        margin: books.margin,
        ..p
    });
    update_books(&mut market, old.as_ref(), after.as_ref())?;
    *market.flow_mut(side) = Flow {
        notional: recent.checked_add(split.executed)?,
        time: now,
    };
    if let Some(p) = after.as_ref().filter(|_| !split.open.is_zero()) {
        let open_interest = market.open_interest(p.side);
        if open_interest > market.params.max_open_interest {
            return Err(ContractError::OpenInterestCapExceeded {
                side: p.side,
                open_interest,
                max: market.params.max_open_interest,
            });
        }
    }
    match after.as_ref() {
        Some(p) => POSITIONS.save(deps.storage, key, p)?,
        None => {
            // A close released the whole margin already; anything left is the trader's.
            books.credit = books.credit.checked_add(books.margin)?;
            POSITIONS.remove(deps.storage, key);
        }
    }
    MARKETS.save(deps.storage, &market_id, &market)?;
    pool.balance = books.pool_balance;
    POOL.save(deps.storage, &pool)?;
    record_payout(deps.storage, &market_id, &info.sender, books.credit)?;

    let (quantity_after, entry_after, margin_after) = match after.as_ref() {
        Some(p) => (p.quantity()?.to_string(), p.entry_price, p.margin),
        None => ("0".to_string(), Decimal256::zero(), Uint128::zero()),
    };
    let mut response = Response::new()
        .add_attribute(ACTION, "trade")
        .add_attribute(MARKET, &market_id)
        .add_attribute(TRADER, info.sender.as_str())
        .add_attribute(SIDE, side_name(side))
        .add_attribute(REQUESTED, notional)
        .add_attribute(EXECUTED, split.executed)
        .add_attribute(PRICE, price.to_string())
        .add_attribute(FILL_PRICE, quote.fill_price.to_string())
        .add_attribute(IMPACT, quote.impact.to_string())
        .add_attribute(FEE, books.fee_charged)
        .add_attribute(REALIZED_PNL, books.realized_pnl.to_string())
        .add_attribute(PAYOUT, books.credit)
        .add_attribute(QUANTITY, quantity_after)
        .add_attribute(ENTRY_PRICE, entry_after.to_string())
        .add_attribute(MARGIN, margin_after);
    if !books.bad_debt.is_zero() {
        response = response.add_attribute(BAD_DEBT, books.bad_debt.to_string());
    }
    if !books.unpaid_profit.is_zero() {
        response = response.add_attribute(UNPAID_PROFIT, books.unpaid_profit.to_string());
    }
    if !books.credit.is_zero() {
        response = response.add_message(BankMsg::Send {
            to_address: info.sender.into_string(),
            amount: vec![Coin::new(books.credit, config.denom)],
        });
    }
    Ok(response)
}

/// `long` or `short`, as the side serialises.
fn side_name(side: Side) -> &'static str {
    match side {
        Side::Long => "long",
        Side::Short => "short",
    }
}
