//! Venues in the suite: the Levana stand-in market, and moving the first market to another venue.

use cosmwasm_std::{Addr, Decimal, StdResult, Uint128};
use cw_multi_test::AppResponse;

use ballast_types::perp::TradingTerms;
use ballast_types::vault::ExecuteMsg;
use ballast_types::venue::{InjectiveVenue, LevanaVenue, Venue};

use super::Suite;

/// Terms matching the suite's ballast perp market: 10% initial, 5% maintenance margin, 5 bp fee.
pub fn venue_terms() -> TradingTerms {
    TradingTerms {
        depth: Uint128::new(1_000_000_000_000_000),
        impact_exponent: Decimal::one(),
        taker_fee: Decimal::permille(1) / Uint128::new(2),
        initial_margin: Decimal::percent(10),
        maintenance_margin: Decimal::percent(5),
    }
}

/// A Levana venue at `market_contract`: take profit at a 50% move, 1% slippage tolerance.
pub fn levana_venue(market_contract: &Addr) -> Venue {
    Venue::Levana(LevanaVenue {
        market_contract: market_contract.to_string(),
        take_profit: Decimal::percent(50),
        slippage_tolerance: Some(Decimal::percent(1)),
        terms: venue_terms(),
    })
}

/// An Injective venue with a 6-decimal quote: 1% worst-price slippage, price tick 1000 (0.001 of the
/// quote), quantity tick 0.0001.
pub fn injective_venue() -> Venue {
    Venue::Injective(InjectiveVenue {
        market_id: format!("0x{}", "4c".repeat(32)),
        subaccount_id: format!("0x{}{}", "ab".repeat(20), "0".repeat(24)),
        fee_recipient: None,
        max_slippage: Decimal::percent(1),
        quote_decimals: 6,
        price_tick: Decimal::from_atomics(1_000u128, 0).expect("tick"),
        quantity_tick: Decimal::from_atomics(1u128, 4).expect("tick"),
        terms: venue_terms(),
    })
}

impl Suite {
    /// The owner moves the first market to `venue`: propose, wait out the timelock, apply; then a
    /// fresh price and mark, so orders may follow.
    pub fn move_market_to(&mut self, venue: Venue) -> StdResult<AppResponse> {
        let mut config = self.query_market()?.config;
        config.venue = venue;
        let market = config.market.clone();
        let owner = self.owner.clone();
        self.govern(&owner, ExecuteMsg::ProposeMarket { config })?;
        let timelock = self.query_config()?.params.timelock;
        self.advance(timelock);
        let keeper = self.keeper.clone();
        let res = self.govern(&keeper, ExecuteMsg::ApplyMarket { market })?;
        let price = self.price;
        self.publish(price)?;
        self.mark()?;
        Ok(res)
    }
}
