//! Everything the perp market stores.
//!
//! Storage keys, listed together so none is ever reused: `cfg`, `mkt`, `pos`, `pool`, `lp`.
//!
//! Books: the contract's bank balance of the collateral denom equals `POOL.balance` plus the margin of
//! every position, after every entry point (checked under the `sanity` feature). Each market's open
//! interest per side equals the sum of its positions' [`Position::entry_notional`] on that side.

use ballast_types::Side;
use ballast_types::perp::MarketParams;
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Decimal, Decimal256, Uint128};
use cw_storage_plus::{Item, Map};

/// The contract's configuration, validated.
#[cw_serde]
pub struct Config {
    /// May add markets.
    pub owner: Addr,
    /// The Pyth-compatible oracle contract.
    pub oracle_addr: Addr,
    /// Collateral denom.
    pub denom: String,
    /// Liquidator's share of a liquidated position's remaining margin, in [0, 1].
    pub liquidation_fee: Decimal,
    /// Oldest oracle price accepted, seconds, > 0.
    pub max_price_age: u64,
}

/// One market: validated parameters and open interest.
#[cw_serde]
pub struct Market {
    /// Parameters; the feed id is stored in lowercase.
    pub params: MarketParams,
    /// Sum of long positions' notional at entry, base units.
    pub open_interest_long: Uint128,
    /// Sum of short positions' notional at entry, base units.
    pub open_interest_short: Uint128,
}

impl Market {
    /// Open interest of one side.
    pub fn open_interest(&self, side: Side) -> Uint128 {
        match side {
            Side::Long => self.open_interest_long,
            Side::Short => self.open_interest_short,
        }
    }

    /// Mutable open interest of one side.
    pub fn open_interest_mut(&mut self, side: Side) -> &mut Uint128 {
        match side {
            Side::Long => &mut self.open_interest_long,
            Side::Short => &mut self.open_interest_short,
        }
    }
}

/// An open position. A flat position is never stored: closing removes it.
#[cw_serde]
pub struct Position {
    /// Direction.
    pub side: Side,
    /// |quantity|, > 0: notional / price at the time of each fill.
    pub size: Decimal256,
    /// Quantity-weighted average fill price.
    pub entry_price: Decimal256,
    /// Collateral posted, base units.
    pub margin: Uint128,
}

/// The counterparty pool.
#[cw_serde]
#[derive(Default)]
pub struct Pool {
    /// Collateral the pool owns, base units.
    pub balance: Uint128,
    /// LP shares outstanding.
    pub total_shares: Uint128,
}

/// The configuration.
pub const CONFIG: Item<Config> = Item::new("cfg");
/// Markets by id.
pub const MARKETS: Map<&str, Market> = Map::new("mkt");
/// Positions by (market id, trader).
pub const POSITIONS: Map<(&str, &Addr), Position> = Map::new("pos");
/// The liquidity pool.
pub const POOL: Item<Pool> = Item::new("pool");
/// LP shares by holder.
pub const LP_SHARES: Map<&Addr, Uint128> = Map::new("lp");
