//! Venues in the suite: the Levana stand-in market (tests/src/levana), and moving the first market to
//! another venue.

use cosmwasm_std::{Addr, Decimal, Decimal256, StdResult, Uint128, coins};
use cw_multi_test::{AppResponse, Executor};

use ballast_types::governor;
use ballast_types::perp::TradingTerms;
use ballast_types::venue::{InjectiveVenue, LevanaVenue, Venue};

use super::{DENOM, Suite};
use crate::levana::{StubInstantiate, levana_market_code, positions_of, tokens_of};
use crate::levana_fixture::{
    DirectionToBase, ExecuteMsg as LevanaMsg, LeverageToBase, NftExecuteMsg, PriceBaseInQuote,
    PriceCollateralInUsd,
};
use crate::levana_query_fixture::{ListDeferredExecsResp, PositionsResp, QueryMsg as LevanaQuery};

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
        collateral_decimals: 6,
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
        self.govern(&owner, governor::ExecuteMsg::ProposeMarket { config })?;
        let timelock = self.query_config()?.params.timelock;
        self.advance(timelock);
        let keeper = self.keeper.clone();
        let res = self.govern(&keeper, governor::ExecuteMsg::ApplyMarket { market })?;
        let price = self.price;
        self.publish(price)?;
        self.mark()?;
        Ok(res)
    }
}

impl Suite {
    /// A Levana stand-in market (6-decimal collateral in the suite's denom, at the suite's price),
    /// funded by the LP so that it can pay profits.
    pub fn levana_market(&mut self) -> Addr {
        let code = self.app.store_code(levana_market_code());
        let msg = StubInstantiate {
            denom: DENOM.to_string(),
            decimals: 6,
            price: levana_price(self.price),
        };
        self.app
            .instantiate_contract(
                code,
                self.lp.clone(),
                &msg,
                &coins(1_000_000_000_000_000, DENOM),
                "levana market",
                None,
            )
            .expect("instantiate the Levana stand-in")
    }

    /// Moves the first market to a fresh Levana stand-in; its address.
    pub fn move_to_levana(&mut self) -> StdResult<Addr> {
        let market = self.levana_market();
        self.move_market_to(levana_venue(&market))?;
        Ok(market)
    }

    /// Levana's `Crank` by the keeper: runs every queued execution.
    pub fn levana_crank(&mut self, market: &Addr) -> StdResult<AppResponse> {
        let msg = LevanaMsg::Crank {
            execs: None,
            rewards: None,
        };
        self.app
            .execute_contract(self.keeper.clone(), market.clone(), &msg, &[])
    }

    /// Publishes `price` to the oracle and sets the same price on the Levana stand-in.
    pub fn publish_levana(&mut self, market: &Addr, price: i64) -> StdResult<AppResponse> {
        self.set_levana_price(market, price)?;
        self.publish(price)
    }

    /// Levana's `SetManualPrice` on the stand-in only (an oracle mantissa, 10^-8).
    pub fn set_levana_price(&mut self, market: &Addr, price: i64) -> StdResult<AppResponse> {
        let msg = LevanaMsg::SetManualPrice {
            price: PriceBaseInQuote::new(levana_price(price)).expect("price"),
            price_usd: PriceCollateralInUsd::new(Decimal256::one()).expect("price"),
        };
        self.app
            .execute_contract(self.owner.clone(), market.clone(), &msg, &[])
    }

    /// Levana's `OpenPosition` by `trader` with `collateral` base units at `leverage`, long, take
    /// profit at twice the price, no slippage assertion.
    pub fn levana_open_as(
        &mut self,
        trader: &Addr,
        market: &Addr,
        collateral: u128,
        leverage: u32,
    ) -> StdResult<AppResponse> {
        let take_profit = levana_price(self.price * 2).to_string();
        let msg = LevanaMsg::OpenPosition {
            slippage_assert: None,
            leverage: LeverageToBase::new(Decimal256::from_ratio(leverage, 1u32)),
            direction: DirectionToBase::Long,
            stop_loss_override: None,
            take_profit: take_profit.parse().expect("take profit"),
        };
        self.app.execute_contract(
            trader.clone(),
            market.clone(),
            &msg,
            &coins(collateral, DENOM),
        )
    }

    /// Levana's position token `TransferNft` of position `id` from `holder` to `recipient`.
    pub fn levana_transfer(
        &mut self,
        holder: &Addr,
        market: &Addr,
        id: u64,
        recipient: &Addr,
    ) -> StdResult<AppResponse> {
        let msg = LevanaMsg::NftProxy {
            sender: holder.to_string(),
            msg: NftExecuteMsg::TransferNft {
                recipient: recipient.to_string(),
                token_id: id.to_string(),
            },
        };
        self.app
            .execute_contract(holder.clone(), market.clone(), &msg, &[])
    }

    /// The vault's positions on a Levana market, as Levana answers `Positions`.
    pub fn query_levana_positions(&self, market: &Addr) -> StdResult<PositionsResp> {
        positions_of(&self.app, market, &self.vault)
    }

    /// `owner`'s positions on a Levana market, as Levana answers `Positions`.
    pub fn query_levana_positions_of(
        &self,
        market: &Addr,
        owner: &Addr,
    ) -> StdResult<PositionsResp> {
        positions_of(&self.app, market, owner)
    }

    /// The position token ids `owner` holds on a Levana market, in Levana's (text) order.
    pub fn query_levana_tokens(&self, market: &Addr, owner: &Addr) -> StdResult<Vec<String>> {
        tokens_of(&self.app, market, owner)
    }

    /// The vault's deferred executions on a Levana market, newest first.
    pub fn query_levana_execs(&self, market: &Addr) -> StdResult<ListDeferredExecsResp> {
        let msg = LevanaQuery::ListDeferredExecs {
            addr: self.vault.to_string(),
            start_after: None,
            limit: None,
        };
        self.app.wrap().query_wasm_smart(market, &msg)
    }
}

/// An oracle mantissa (10^-8) as a Levana price.
pub fn levana_price(mantissa: i64) -> Decimal256 {
    Decimal256::from_atomics(u128::try_from(mantissa).expect("positive price"), 8).expect("price")
}
