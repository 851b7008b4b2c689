//! Messages of `ballast-perp`, the reference perp market: isolated margin, depth-based price impact,
//! a liquidity pool as every trader's counterparty, and permissionless liquidation.
//!
//! Units: amounts are base units of the market's collateral denom. A position's `quantity` is
//! notional / price, where price is the oracle's `price * 10^expo` read as "base units per unit of
//! quantity"; so notional = |quantity| * price in base units, whatever the asset.

use cosmwasm_schema::{QueryResponses, cw_serde};
use cosmwasm_std::{Addr, Decimal, Decimal256, Int128, SignedDecimal256, Uint128};
use cw_schema::Schemaifier;
use schemars::JsonSchema;
use serde::Serialize;

use crate::Side;
use crate::pyth::PriceIdentifier;

/// Instantiates the perp market.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct InstantiateMsg {
    /// May add markets.
    pub owner: String,
    /// The oracle contract (Pyth-compatible queries).
    pub oracle: String,
    /// The collateral denom: margin, fees, PnL and liquidity are all in it.
    pub denom: String,
    /// Share of a liquidated position's remaining margin paid to the liquidator, in [0, 1].
    pub liquidation_fee: Decimal,
    /// Oldest oracle price accepted, seconds.
    pub max_price_age: u64,
}

/// Parameters of one market.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct MarketParams {
    /// The oracle feed of the market's price.
    pub feed_id: PriceIdentifier,
    /// Notional at which price impact reaches 100%; impact = (notional / depth)^impact_exponent.
    pub depth: Uint128,
    /// Exponent of the impact curve, > 0 (1 = linear).
    pub impact_exponent: Decimal,
    /// Fee on every trade's notional, e.g. 0.0005 = 5 bp.
    pub taker_fee: Decimal,
    /// Margin needed to open or increase, as a share of notional.
    pub initial_margin: Decimal,
    /// Equity below this share of notional may be liquidated; below `initial_margin`.
    pub maintenance_margin: Decimal,
    /// Largest open interest per side, notional at entry, base units.
    pub max_open_interest: Uint128,
}

/// Actions of the perp market.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub enum ExecuteMsg {
    /// The owner lists a market.
    AddMarket {
        /// Market id, e.g. `BTC-PERP`.
        market: String,
        /// Its parameters.
        params: MarketParams,
    },
    /// An LP adds the attached collateral to the pool and receives pool shares, priced on the pool's
    /// value (its balance less the traders' unrealised PnL at the oracle price, see
    /// [`QueryMsg::PoolValue`]) and rounded down. Refused while a market with open positions has no
    /// usable oracle price.
    DepositLiquidity {},
    /// An LP burns pool shares for their pro-rata part of the pool's value, rounded down. Refused when
    /// the payout would leave the pool balance below the unrealised profit of the sides that are up
    /// (what the traders are owed), and while a market with open positions has no usable price.
    WithdrawLiquidity {
        /// Pool shares to burn.
        shares: Uint128,
    },
    /// Opens, increases, reduces, closes or flips the sender's position at the oracle price plus
    /// impact. Attached collateral is added to the position's margin first. Reducing returns the
    /// released margin and realised PnL to the sender.
    Trade {
        /// Market id.
        market: String,
        /// Direction of this trade.
        side: Side,
        /// Size of this trade at the oracle price, base units.
        notional: Uint128,
        /// Refuse to open or flip: only reduce an opposing position.
        reduce_only: bool,
    },
    /// Adds the attached collateral to the sender's margin in a market.
    AddMargin {
        /// Market id.
        market: String,
    },
    /// Returns `amount` of the sender's margin in a market to the sender (counted in `PaidOut`). What
    /// stays must carry the initial margin on the notional at the oracle price after any unrealised
    /// loss, as a trade that opens must.
    RemoveMargin {
        /// Market id.
        market: String,
        /// Margin to take back, base units.
        amount: Uint128,
    },
    /// Liquidates a position whose equity is below maintenance margin; the sender earns the fee.
    Liquidate {
        /// The position's owner.
        trader: String,
        /// Market id.
        market: String,
    },
}

/// Queries of the perp market.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// Owner, oracle, denom and fees.
    #[returns(ConfigResponse)]
    Config {},
    /// One market's parameters and open interest.
    #[returns(MarketResponse)]
    Market {
        /// Market id.
        market: String,
    },
    /// A trader's position in a market, marked at the current oracle price.
    #[returns(PositionResponse)]
    Position {
        /// The trader.
        trader: String,
        /// Market id.
        market: String,
        /// The oracle's price as the caller has just read it, to mark at instead of reading it again.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at_price: Option<QuotedPrice>,
    },
    /// A trader's position summary, the market's trading terms and each direction's recent flow in
    /// one read: what a risk vault needs before every order (one query instead of `Position` and
    /// `Market`).
    #[returns(PositionTermsResponse)]
    PositionTerms {
        /// The trader.
        trader: String,
        /// Market id.
        market: String,
        /// The oracle's price as the caller has just read it, to mark at instead of reading it again.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at_price: Option<QuotedPrice>,
    },
    /// What a trade of this size would cost now, without executing it: the impact counts the recent
    /// flow of the market's side as the trade would.
    #[returns(QuoteResponse)]
    Quote {
        /// Market id.
        market: String,
        /// Direction.
        side: Side,
        /// Size at the oracle price, base units.
        notional: Uint128,
    },
    /// The liquidity pool.
    #[returns(PoolResponse)]
    Pool {},
    /// The pool's value at the oracle prices: what LP shares are priced on.
    #[returns(PoolValueResponse)]
    PoolValue {},
    /// An LP's pool shares.
    #[returns(Uint128)]
    LpShares {
        /// The LP.
        address: String,
    },
}

/// An oracle price a caller has just read, passed to a query that marks a position so the market
/// need not read it again: on chain each query from one contract to another starts a contract
/// instance, the largest part of a vault order's gas. The market uses it only when it names the
/// market's own oracle and feed, and checks it as it checks a price it reads itself; otherwise it
/// reads the oracle. A query changes nothing, so a caller who quotes a price it did not read only
/// misleads itself.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct QuotedPrice {
    /// The oracle contract the price was read from.
    pub oracle: String,
    /// The feed.
    pub feed_id: PriceIdentifier,
    /// The price as the oracle answered it.
    pub price: crate::pyth::PythPrice,
}

/// Reply to [`QueryMsg::Config`].
#[cw_serde]
pub struct ConfigResponse {
    /// May add markets.
    pub owner: Addr,
    /// The oracle contract.
    pub oracle: Addr,
    /// Collateral denom.
    pub denom: String,
    /// Liquidator's share of remaining margin.
    pub liquidation_fee: Decimal,
    /// Oldest oracle price accepted, seconds.
    pub max_price_age: u64,
}

/// Reply to [`QueryMsg::Market`].
#[cw_serde]
pub struct MarketResponse {
    /// Market id.
    pub market: String,
    /// Parameters.
    pub params: MarketParams,
    /// Open interest of longs, notional at entry, base units.
    pub open_interest_long: Uint128,
    /// Open interest of shorts, notional at entry, base units.
    pub open_interest_short: Uint128,
}

/// Reply to [`QueryMsg::Position`]. A trader without a position gets zeros and no side.
#[cw_serde]
pub struct PositionResponse {
    /// Market id.
    pub market: String,
    /// Long or short; None when flat.
    pub side: Option<Side>,
    /// Signed quantity (positive long), notional / price.
    pub quantity: SignedDecimal256,
    /// Average entry price.
    pub entry_price: Decimal256,
    /// Current oracle price.
    pub mark_price: Decimal256,
    /// |quantity| * mark price, base units (rounded down).
    pub notional: Uint128,
    /// Collateral posted, base units.
    pub margin: Uint128,
    /// quantity * (mark - entry), base units, signed (rounded toward the pool).
    pub unrealized_pnl: Int128,
    /// Price at which equity reaches maintenance margin; None when flat.
    pub liquidation_price: Option<Decimal256>,
    /// True when the position may be liquidated now.
    pub liquidatable: bool,
    /// Everything the market has paid this trader in this market so far (trade payouts and
    /// liquidation remainders), base units; it never falls, and outlives the position. Absent
    /// before 0.3.2.
    #[serde(default)]
    pub paid_out: Uint128,
}

/// Reply to [`QueryMsg::Quote`].
#[cw_serde]
pub struct QuoteResponse {
    /// Oracle price.
    pub oracle_price: Decimal256,
    /// Price the taker would get, impact included.
    pub fill_price: Decimal256,
    /// Price impact as a share of the oracle price.
    pub impact: Decimal256,
    /// Fee, base units.
    pub fee: Uint128,
}

/// Reply to [`QueryMsg::Pool`].
#[cw_serde]
pub struct PoolResponse {
    /// Collateral the pool holds, base units.
    pub balance: Uint128,
    /// Pool shares outstanding.
    pub total_shares: Uint128,
}

/// Reply to [`QueryMsg::PoolValue`].
#[cw_serde]
pub struct PoolValueResponse {
    /// Collateral the pool holds, base units.
    pub balance: Uint128,
    /// Pool shares outstanding.
    pub total_shares: Uint128,
    /// Every open position's unrealised PnL at the oracle price, netted (positive: the traders are
    /// up), base units, rounded up (toward the pool).
    pub traders_pnl: Int128,
    /// `balance - traders_pnl`, base units, rounded down: what all the shares are worth, the price of
    /// a withdrawal. Negative when the traders are owed more than the pool holds.
    pub value: Int128,
    /// Unrealised profit of the sides that are up (each market's longs and shorts netted apart), base
    /// units, rounded up: the part of the balance a withdrawal may not take.
    pub reserved: Uint128,
}

/// Migrates the perp market to this version.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct MigrateMsg {}

/// The part of [`PositionResponse`] a client that only needs the position's size and collateral
/// reads (the vault): the other fields are ignored, so less JSON is parsed.
#[derive(Serialize, Clone, Debug, PartialEq, JsonSchema, Schemaifier)]
pub struct PositionSummary {
    /// Long or short; None when flat.
    pub side: Option<Side>,
    /// |quantity| * mark price, base units (rounded down).
    pub notional: Uint128,
    /// Collateral posted, base units.
    pub margin: Uint128,
    /// quantity * (mark - entry), base units, signed.
    pub unrealized_pnl: Int128,
    /// Everything the market has paid this trader in this market so far (trade payouts and
    /// liquidation remainders), base units; it never falls. Since 0.3.2: the vault counts each payout
    /// into its idle balance once, by the difference from the total it saw last.
    pub paid_out: Uint128,
}

/// The part of [`MarketResponse`] that prices and margins a trade, with the market's recent flow.
#[cw_serde]
pub struct MarketSummary {
    /// Parameters that price and margin a trade.
    pub params: TradingTerms,
    /// Each direction's recent flow now; none from a venue that does not price it.
    #[serde(default)]
    pub recent_flow: RecentFlow,
}

/// Reply to [`QueryMsg::PositionTerms`].
#[derive(Serialize, Clone, Debug, PartialEq, JsonSchema, Schemaifier)]
pub struct PositionTermsResponse {
    /// The position marked now; None when the market cannot mark it (`unmarked` says why).
    pub position: Option<PositionSummary>,
    /// Why the position could not be marked (e.g. a stale oracle price); the terms are still given.
    pub unmarked: Option<String>,
    /// The market's trading terms.
    pub terms: TradingTerms,
    /// Each direction's recent flow at this block time (since 0.3.0): what the impact of the next
    /// trade in that direction counts. Absent from an answer of 0.2.0, which priced every trade from
    /// a still market: read as no flow.
    #[serde(default)]
    pub recent_flow: RecentFlow,
}

/// Notional recently traded in each direction of a market, decayed to the current block time
/// (linearly to zero over 300 s after the direction's last trade, rounded up). A trade of `s` in a
/// direction with recent flow `r` costs `C(r + s) - C(r)`, `C(x) = x * (x / depth)^impact_exponent`.
#[derive(Serialize, Clone, Debug, PartialEq, JsonSchema, Schemaifier, Default, Copy)]
pub struct RecentFlow {
    /// Buying: long trades, whether they open or reduce, base units.
    pub long: Uint128,
    /// Selling: short trades, whether they open or reduce, base units.
    pub short: Uint128,
}

impl RecentFlow {
    /// The recent flow of trades on `side` (a reduction of a long is a short trade).
    pub fn of(&self, side: Side) -> Uint128 {
        match side {
            Side::Long => self.long,
            Side::Short => self.short,
        }
    }
}

/// The part of [`MarketParams`] that prices and margins a trade.
#[derive(Serialize, Clone, Debug, PartialEq, JsonSchema, Schemaifier)]
pub struct TradingTerms {
    /// Notional at which price impact reaches 100%.
    pub depth: Uint128,
    /// Exponent of the impact curve.
    pub impact_exponent: Decimal,
    /// Fee on every trade's notional.
    pub taker_fee: Decimal,
    /// Margin needed to open or increase, as a share of notional.
    pub initial_margin: Decimal,
    /// Equity below this share of notional may be liquidated.
    pub maintenance_margin: Decimal,
}

impl From<&MarketParams> for TradingTerms {
    fn from(params: &MarketParams) -> Self {
        Self {
            depth: params.depth,
            impact_exponent: params.impact_exponent,
            taker_fee: params.taker_fee,
            initial_margin: params.initial_margin,
            maintenance_margin: params.maintenance_margin,
        }
    }
}

impl From<&PositionResponse> for PositionSummary {
    fn from(position: &PositionResponse) -> Self {
        Self {
            side: position.side,
            notional: position.notional,
            margin: position.margin,
            unrealized_pnl: position.unrealized_pnl,
            paid_out: position.paid_out,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::from_json;

    #[test]
    fn an_answer_without_recent_flow_reads_as_no_flow() {
        // What perp 0.2.0 answers to PositionTerms: no `recent_flow`.
        let answer = br#"{"position":null,"unmarked":"stale","terms":{"depth":"1000",
            "impact_exponent":"1","taker_fee":"0.0005","initial_margin":"0.1",
            "maintenance_margin":"0.05"}}"#;
        let read: PositionTermsResponse = from_json(answer).unwrap();
        assert_eq!(read.recent_flow, RecentFlow::default());
        assert_eq!(read.recent_flow.of(Side::Long), Uint128::zero());
    }

    #[test]
    fn recent_flow_is_read_per_direction() {
        let flow: RecentFlow = from_json(br#"{"long":"7","short":"3"}"#).unwrap();
        assert_eq!(flow.of(Side::Long), Uint128::new(7));
        assert_eq!(flow.of(Side::Short), Uint128::new(3));
    }
}

crate::json_struct!(PositionSummary {
    side,
    notional,
    margin,
    unrealized_pnl,
    paid_out = default,
    ..
});
crate::json_struct!(PositionTermsResponse { position, unmarked, terms, recent_flow = default, .. });
crate::json_struct!(RecentFlow { long, short, .. });
crate::json_struct!(TradingTerms {
    depth,
    impact_exponent,
    taker_fee,
    initial_margin,
    maintenance_margin,
    ..
});
