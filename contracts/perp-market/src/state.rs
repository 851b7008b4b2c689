//! Everything the perp market stores.
//!
//! Storage keys, listed together so none is ever reused: `cfg`, `mkt`, `pos`, `pool`, `lp`.
//!
//! Books: the contract's bank balance of the collateral denom equals `POOL.balance` plus the margin of
//! every position, after every entry point (checked under the `sanity` feature). Each market's open
//! interest per side equals the sum of its positions' [`Position::entry_notional`] on that side, and
//! its [`SideTotals`] the sums of their sizes and [`Position::entry_cost`] (also checked under `sanity`).

use ballast_types::Side;
use ballast_types::perp::MarketParams;
use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Decimal, Decimal256, Uint128};
use cw_storage_plus::{Item, Map};

use crate::error::ContractResult;

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

/// One side's positions summed, so that the pool can be valued without reading positions: the side's
/// unrealised PnL at `price` is `size * price - cost` for longs and `cost - size * price` for shorts.
#[cw_serde]
#[derive(Default)]
pub struct SideTotals {
    /// Sum of the positions' sizes.
    pub size: Decimal256,
    /// Sum of the positions' [`Position::entry_cost`], base units.
    pub cost: Decimal256,
}

/// Notional recently traded in one direction; it decays to zero over
/// [`crate::pricing::FLOW_WINDOW`] and prices the impact of the next trades in that direction.
#[cw_serde]
#[derive(Default)]
pub struct Flow {
    /// Notional as of `time`, base units.
    pub notional: Uint128,
    /// Block time of the last trade in this direction, unix seconds.
    pub time: u64,
}

/// One market: validated parameters, open interest, each side's totals and each direction's flow.
#[cw_serde]
pub struct Market {
    /// Parameters; the feed id is stored in lowercase.
    pub params: MarketParams,
    /// Sum of long positions' notional at entry, base units.
    pub open_interest_long: Uint128,
    /// Sum of short positions' notional at entry, base units.
    pub open_interest_short: Uint128,
    /// Long positions summed (since 0.3.0).
    pub totals_long: SideTotals,
    /// Short positions summed (since 0.3.0).
    pub totals_short: SideTotals,
    /// Recent buying (long trades, whether they open or reduce) (since 0.3.0).
    pub flow_long: Flow,
    /// Recent selling (short trades, whether they open or reduce) (since 0.3.0).
    pub flow_short: Flow,
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

    /// Totals of one side.
    pub fn totals(&self, side: Side) -> &SideTotals {
        match side {
            Side::Long => &self.totals_long,
            Side::Short => &self.totals_short,
        }
    }

    fn totals_mut(&mut self, side: Side) -> &mut SideTotals {
        match side {
            Side::Long => &mut self.totals_long,
            Side::Short => &mut self.totals_short,
        }
    }

    /// Flow of one direction.
    pub fn flow(&self, side: Side) -> &Flow {
        match side {
            Side::Long => &self.flow_long,
            Side::Short => &self.flow_short,
        }
    }

    /// Mutable flow of one direction.
    pub fn flow_mut(&mut self, side: Side) -> &mut Flow {
        match side {
            Side::Long => &mut self.flow_long,
            Side::Short => &mut self.flow_short,
        }
    }

    /// Counts a position into its side's open interest and totals.
    pub fn add_position(&mut self, position: &Position) -> ContractResult<()> {
        let oi = self.open_interest_mut(position.side);
        *oi = oi.checked_add(position.entry_notional()?)?;
        let totals = self.totals_mut(position.side);
        totals.size = totals.size.checked_add(position.size)?;
        totals.cost = totals.cost.checked_add(position.entry_cost()?)?;
        Ok(())
    }

    /// Takes a position out of its side's open interest and totals, exactly what
    /// [`Market::add_position`] added for it (a position's size and entry price only change through
    /// a remove and an add).
    pub fn remove_position(&mut self, position: &Position) -> ContractResult<()> {
        let oi = self.open_interest_mut(position.side);
        *oi = oi.checked_sub(position.entry_notional()?)?;
        let totals = self.totals_mut(position.side);
        totals.size = totals.size.checked_sub(position.size)?;
        totals.cost = totals.cost.checked_sub(position.entry_cost()?)?;
        Ok(())
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
/// What each trader has been paid in each market, by (market id, trader): a running total that
/// outlives the position, so a trader that counts payouts by difference (the vault) counts each once.
pub const PAID_OUT: Map<(&str, &Addr), Uint128> = Map::new("paid");
/// The liquidity pool.
pub const POOL: Item<Pool> = Item::new("pool");
/// LP shares by holder.
pub const LP_SHARES: Map<&Addr, Uint128> = Map::new("lp");

/// Adds `amount` to what `trader` has been paid in `market`.
pub fn record_payout(
    storage: &mut dyn cosmwasm_std::Storage,
    market: &str,
    trader: &Addr,
    amount: Uint128,
) -> cosmwasm_std::StdResult<()> {
    if amount.is_zero() {
        return Ok(());
    }
    let paid = PAID_OUT
        .may_load(storage, (market, trader))?
        .unwrap_or_default();
    PAID_OUT.save(storage, (market, trader), &paid.checked_add(amount)?)
}
