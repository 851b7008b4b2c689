//! Storage of the vault. Keys are short and listed together; a retired key is never reused.
//!
//! The records an order reads or writes are binary (`codec`, upper-case keys); the cold ones are JSON.

use cosmwasm_std::{Addr, Decimal, Int128, SignedDecimal, Uint128};
use cw_storage_plus::{Item, Map};
use serde::Serialize;

use crate::codec::{Compact, CompactItem, CompactMap, Reader, compact, read_json, write_json};

use ballast_sizing::math::Wide;
use ballast_sizing::{Price, SizingResult, VolState};
use ballast_types::Side;
use ballast_types::pyth::PriceIdentifier;
use ballast_types::vault::{
    DrawdownBrake, Estimator, GarchModel, MarketConfig, OracleGuards, TokenFactory, VaultParams,
};
use ballast_types::venue::Venue;

/// Roles and the contracts the vault talks to, all checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The governor contract, the only sender of `GovernMsg`.
    pub governor: Addr,
    /// Sends orders.
    pub manager: Addr,
    /// Receives fee shares.
    pub fee_recipient: Addr,
    /// Base denom.
    pub denom: String,
    /// Oracle contract.
    pub oracle: Addr,
    /// Perp market contract.
    pub perp_market: Addr,
    /// The share denom, `factory/{vault}/{subdenom}`.
    pub share_denom: String,
    /// The TokenFactory that mints and burns it.
    pub token_factory: TokenFactory,
}

/// The volatility estimator's state in storage form.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredVol {
    /// Unix seconds of the last price folded in.
    pub last_time: u64,
    /// Its mantissa.
    pub last_mantissa: Uint128,
    /// Its power of ten.
    pub last_expo: i32,
    /// Annualised variance as the raw bits of the internal fixed type (80 fractional bits).
    pub variance_bits: Option<Int128>,
    /// Returns seen.
    pub returns: u64,
}

impl StoredVol {
    /// Back to the estimator's state.
    pub fn to_state(&self) -> SizingResult<VolState> {
        Ok(VolState {
            last_time: self.last_time,
            last_price: Price::new(self.last_mantissa.u128(), self.last_expo)?,
            variance: self.variance_bits.map(|b| Wide::from_bits(b.i128())),
            returns: self.returns,
        })
    }

    /// From the estimator's state.
    pub fn from_state(state: &VolState) -> Self {
        Self {
            last_time: state.last_time,
            last_mantissa: Uint128::new(state.last_price.mantissa()),
            last_expo: state.last_price.expo(),
            variance_bits: state.variance.map(|v| Int128::new(v.to_bits())),
            returns: state.returns,
        }
    }
}

/// What the vault last read of its position in one market.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Mark {
    /// Long, short, or None when flat.
    pub side: Option<Side>,
    /// |notional| at the mark price.
    pub notional: Uint128,
    /// Margin posted.
    pub margin: Uint128,
    /// Unrealised PnL.
    pub unrealized_pnl: Int128,
    /// Block time of the mark.
    pub time: u64,
    /// The venue's running total of payouts to the vault in this market when the mark was read
    /// (always zero on a venue that does not report them).
    pub paid_out: Uint128,
}

/// Sums over every market's mark, moved by differences so no order iterates markets.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Totals {
    /// Sum of |notional|.
    pub gross_notional: Uint128,
    /// Sum of margin + unrealised PnL.
    pub marked_equity: Int128,
    /// The base denom the vault holds for itself (Yearn v3's `total_idle`): deposits in, redeems and
    /// margin out, venue payouts in as their running totals rise. A transfer nobody accounted for
    /// (a donation) is not in it, so it never moves the share price.
    pub idle: Uint128,
}

/// The share price's peak for the drawdown brake, as of its last update.
#[derive(Clone, Debug, PartialEq)]
pub struct Peak {
    /// Nav per 10^d shares (the share price scaled to about one, see `brake::unit_price`).
    pub per_unit: Decimal,
    /// Block time of the update; the gap to the share price decays from here.
    pub time: u64,
}

/// When fees were last accrued and the high-water mark of the share price.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct FeeState {
    /// Block time of the last accrual.
    pub last_accrual: u64,
    /// Best share price a performance fee was charged on (base units per share).
    pub high_water_mark: Decimal,
}

/// The price the jump breaker measures a newer price's move from (see `pipeline::observe`).
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Anchor {
    /// Its publish time, unix seconds.
    pub time: u64,
    /// Its mantissa.
    pub mantissa: Uint128,
    /// Its power of ten.
    pub expo: i32,
}

impl Anchor {
    /// The anchor of `price` published at `time`.
    pub fn at(time: u64, price: Price) -> Self {
        Self {
            time,
            mantissa: Uint128::new(price.mantissa()),
            expo: price.expo(),
        }
    }

    /// Its price.
    pub fn price(&self) -> SizingResult<Price> {
        Price::new(self.mantissa.u128(), self.expo)
    }
}

/// Roles and contracts.
pub const CONFIG: CompactItem<Config> = CompactItem::new("C");
/// Risk parameters.
pub const PARAMS: CompactItem<VaultParams> = CompactItem::new("P");
/// True when paused.
pub const PAUSED: CompactItem<bool> = CompactItem::new("Z");
/// Market configurations by id.
pub const MARKETS: CompactMap<MarketConfig> = CompactMap::new("M");
/// Number of markets.
pub const MARKET_COUNT: Item<u32> = Item::new("n");
/// Volatility state by market.
pub const VOLS: CompactMap<StoredVol> = CompactMap::new("V");
/// Block time until which a market is halted by its breaker.
pub const HALTED_UNTIL: CompactMap<u64> = CompactMap::new("H");
/// Marks by market.
pub const MARKS: CompactMap<Mark> = CompactMap::new("K");
/// Markets with an open position, by mark time: the first key is the oldest mark.
pub const MARK_TIMES: Map<(u64, &str), ()> = Map::new("t");
/// Sums over the marks.
pub const TOTALS: CompactItem<Totals> = CompactItem::new("S");
/// Shares outstanding.
pub const TOTAL_SHARES: CompactItem<Uint128> = CompactItem::new("U");
/// Fee accrual and high-water mark.
pub const FEES: Item<FeeState> = Item::new("f");
// Retired in 0.3.0 (governance moved to the governor, see `migrations::v0_3`): "o" (pending owner),
// "q" (pending params), "x" (pending market changes).
/// The signal `Rebalance` follows, by market (absent: long at the volatility target).
pub const SIGNALS: Map<&str, SignedDecimal> = Map::new("g");
/// Addresses allowed to set signals.
pub const SIGNAL_SOURCES: Map<&Addr, ()> = Map::new("y");
// Retired in 0.3.0 (the re-mark after a trade is a message to the vault itself): "R" (the market
// whose trade was in flight).
/// The drawdown brake's peak (set once a brake is configured).
pub const PEAK: CompactItem<Peak> = CompactItem::new("W");
// Retired (grid plans moved to `ballast-strategies` at 0.3.0; `migrations::strategies` refuses a
// store that still holds them): "ga" GRIDS, "gb" NEXT_GRID_ID.
/// The breaker's anchor by market (absent until the first observation after 0.2.1).
pub const ANCHORS: Map<&str, Anchor> = Map::new("ba");
// Retired (hedges moved to `ballast-strategies` at 0.3.0): "da" HEDGES.
/// Strategy contracts allowed to send `SubmitOrder` and to mark a market hedged.
pub const STRATEGIES: Map<&Addr, ()> = Map::new("sa");
/// Markets whose position a strategy holds as a hedge, with that strategy: a keeper's `Rebalance`
/// is refused there while the strategy is allow-listed.
pub const HEDGED: Map<&str, Addr> = Map::new("sb");

compact!(Config {
    governor,
    manager,
    fee_recipient,
    denom,
    oracle,
    perp_market,
    share_denom,
    token_factory
});
compact!(StoredVol {
    last_time,
    last_mantissa,
    last_expo,
    variance_bits,
    returns
});
compact!(Mark {
    side,
    notional,
    margin,
    unrealized_pnl,
    time,
    paid_out
});
compact!(Totals {
    gross_notional,
    marked_equity,
    idle
});
compact!(Peak { per_unit, time });
compact!(VaultParams {
    target_vol,
    max_leverage,
    max_concentration,
    kelly_fraction,
    max_edge,
    var_confidence,
    var_budget,
    var_horizon,
    max_slippage,
    liq_sigmas,
    liq_horizon,
    min_order,
    guards,
    estimator,
    deleverage_tolerance,
    rebalance_threshold,
    share_offset_decimals,
    management_fee,
    performance_fee,
    timelock,
    drawdown_brake,
    redemption_buffer,
});
compact!(OracleGuards {
    max_age,
    reduce_max_age,
    max_future_skew,
    max_confidence,
    breaker_sigmas,
    breaker_max_move,
    breaker_cooldown,
    max_mark_age,
});
compact!(Estimator {
    lambda,
    vol_step,
    min_observations
});
compact!(DrawdownBrake {
    start,
    max_drawdown,
    peak_half_life
});
compact!(GarchModel { omega, alpha, beta });
compact!(MarketConfig {
    market,
    feed_id,
    weight,
    max_notional,
    venue,
    garch
});

impl Compact for Side {
    fn write(&self, out: &mut Vec<u8>) {
        out.push(match self {
            Side::Long => 0,
            Side::Short => 1,
        });
    }
    fn read(input: &mut Reader) -> cosmwasm_std::StdResult<Self> {
        match u8::read(input)? {
            0 => Ok(Side::Long),
            1 => Ok(Side::Short),
            _ => Err(input.malformed("side is not 0 or 1")),
        }
    }
}

impl Compact for PriceIdentifier {
    fn write(&self, out: &mut Vec<u8>) {
        self.0.write(out);
    }
    fn read(input: &mut Reader) -> cosmwasm_std::StdResult<Self> {
        Ok(PriceIdentifier(String::read(input)?))
    }
}

/// The ballast perp market is one byte; an external venue's terms are cold and stay JSON.
impl Compact for Venue {
    fn write(&self, out: &mut Vec<u8>) {
        match self {
            Venue::Ballast => out.push(0),
            external => {
                out.push(1);
                write_json(external, out);
            }
        }
    }
    fn read(input: &mut Reader) -> cosmwasm_std::StdResult<Self> {
        match u8::read(input)? {
            0 => Ok(Venue::Ballast),
            1 => read_json(input),
            _ => Err(input.malformed("venue tag is not 0 or 1")),
        }
    }
}

// Cold records, kept as JSON.
ballast_types::json_struct!(FeeState {
    last_accrual,
    high_water_mark
});
ballast_types::json_struct!(Anchor {
    time,
    mantissa,
    expo
});
