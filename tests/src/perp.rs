//! Harness for `ballast-perp`: an app with the oracle, the perp market and funded users.
//!
//! `PerpBuilder::new().depth(..).pool(..).build()` sets up the world; `Perp` has one method per
//! execute message (returning the app's result) and one `query_*` per query. Prices are pushed with
//! expo -8 and the current block time unless a test says otherwise.

use ballast_types::Side;
use ballast_types::perp::{
    ConfigResponse, ExecuteMsg, MarketParams, MarketResponse, MigrateMsg, PoolResponse,
    PoolValueResponse, PositionResponse, PositionTermsResponse, QueryMsg, QuoteResponse,
};
use ballast_types::pyth::PriceIdentifier;
use cosmwasm_std::{Addr, Coin, Empty, StdResult, Uint128};
use cw_multi_test::{App, AppResponse, Contract, ContractWrapper, Executor};

use crate::oracle::{Oracle, price_update};

mod builder;
mod fixed_feed;

pub use builder::{PerpBuilder, default_params, instantiate_perp};
pub use fixed_feed::{fixed_feed_code, pyth_price};

/// Collateral denom of the test market.
pub const DENOM: &str = "uusdc";
/// Id of the default market.
pub const MARKET: &str = "BTC-PERP";
/// Exponent of every pushed price.
pub const EXPO: i32 = -8;
/// Balance each user starts with, base units.
pub const START_BALANCE: u128 = 1_000_000_000_000;

/// The perp market's code for multi-test (noting its errors' ids, [`crate::errors`]).
pub fn perp_code() -> Box<dyn Contract<Empty>> {
    use crate::errors::perp;
    Box::new(
        ContractWrapper::new(perp::execute, perp::instantiate, perp::query)
            .with_migrate(perp::migrate),
    )
}

/// `price` whole base units per unit of quantity, as a mantissa with [`EXPO`].
pub fn mantissa(price: i64) -> i64 {
    price * 100_000_000
}

/// The world: app, oracle, perp market and users.
pub struct Perp {
    /// The app.
    pub app: App,
    /// The oracle (or the fixed feed standing in for it).
    pub oracle: Oracle,
    /// The perp market's address.
    pub addr: Addr,
    /// Owner of both contracts.
    pub owner: Addr,
    /// The oracle's publisher.
    pub publisher: Addr,
    /// The liquidity provider that seeded the pool.
    pub lp: Addr,
    /// A trader.
    pub alice: Addr,
    /// A trader.
    pub bob: Addr,
    /// A trader.
    pub carol: Addr,
    /// A liquidator.
    pub liquidator: Addr,
    /// The default market's feed.
    pub feed: PriceIdentifier,
}

fn coins(amount: u128) -> Vec<Coin> {
    if amount == 0 {
        vec![]
    } else {
        vec![Coin::new(amount, DENOM)]
    }
}

impl Perp {
    /// Block time, unix seconds.
    pub fn now(&self) -> u64 {
        self.app.block_info().time.seconds()
    }

    /// Moves the chain `seconds` ahead (and a block per 5 s).
    pub fn advance(&mut self, seconds: u64) {
        self.app.update_block(|b| {
            b.time = b.time.plus_seconds(seconds);
            b.height += seconds.div_ceil(5);
        });
    }

    /// Pushes `price` (whole units) for the default feed, published now.
    pub fn set_price(&mut self, price: i64) -> StdResult<AppResponse> {
        let now = i64::try_from(self.now()).expect("time fits i64");
        self.push_price(mantissa(price), now)
    }

    /// Pushes a raw mantissa (expo -8) published at `publish_time`.
    pub fn push_price(&mut self, mantissa: i64, publish_time: i64) -> StdResult<AppResponse> {
        let update = price_update(&self.feed, mantissa, 0, EXPO, publish_time);
        let publisher = self.publisher.clone();
        self.oracle.update(&mut self.app, &publisher, vec![update])
    }

    fn exec(&mut self, sender: &Addr, msg: &ExecuteMsg, funds: &[Coin]) -> StdResult<AppResponse> {
        self.app
            .execute_contract(sender.clone(), self.addr.clone(), msg, funds)
    }

    /// `AddMarket`.
    pub fn add_market(
        &mut self,
        sender: &Addr,
        market: &str,
        params: MarketParams,
    ) -> StdResult<AppResponse> {
        let msg = ExecuteMsg::AddMarket {
            market: market.to_string(),
            params,
        };
        self.exec(sender, &msg, &[])
    }

    /// `DepositLiquidity` with `amount` attached.
    pub fn deposit_liquidity(&mut self, sender: &Addr, amount: u128) -> StdResult<AppResponse> {
        self.exec(sender, &ExecuteMsg::DepositLiquidity {}, &coins(amount))
    }

    /// `WithdrawLiquidity`.
    pub fn withdraw_liquidity(&mut self, sender: &Addr, shares: u128) -> StdResult<AppResponse> {
        let msg = ExecuteMsg::WithdrawLiquidity {
            shares: Uint128::new(shares),
        };
        self.exec(sender, &msg, &[])
    }

    /// `Trade` on the default market with `margin` attached (0: nothing).
    pub fn trade(
        &mut self,
        sender: &Addr,
        side: Side,
        notional: u128,
        reduce_only: bool,
        margin: u128,
    ) -> StdResult<AppResponse> {
        self.trade_with(sender, MARKET, side, notional, reduce_only, &coins(margin))
    }

    /// `Trade` with any market and funds.
    pub fn trade_with(
        &mut self,
        sender: &Addr,
        market: &str,
        side: Side,
        notional: u128,
        reduce_only: bool,
        funds: &[Coin],
    ) -> StdResult<AppResponse> {
        let msg = ExecuteMsg::Trade {
            market: market.to_string(),
            side,
            notional: Uint128::new(notional),
            reduce_only,
        };
        self.exec(sender, &msg, funds)
    }

    /// `AddMargin` on the default market.
    pub fn add_margin(&mut self, sender: &Addr, amount: u128) -> StdResult<AppResponse> {
        let msg = ExecuteMsg::AddMargin {
            market: MARKET.to_string(),
        };
        self.exec(sender, &msg, &coins(amount))
    }

    /// `RemoveMargin` of `amount` on the default market.
    pub fn remove_margin(&mut self, sender: &Addr, amount: u128) -> StdResult<AppResponse> {
        let msg = ExecuteMsg::RemoveMargin {
            market: MARKET.to_string(),
            amount: Uint128::new(amount),
        };
        self.exec(sender, &msg, &[])
    }

    /// `Liquidate` `trader` on the default market.
    pub fn liquidate(&mut self, sender: &Addr, trader: &Addr) -> StdResult<AppResponse> {
        let msg = ExecuteMsg::Liquidate {
            trader: trader.to_string(),
            market: MARKET.to_string(),
        };
        self.exec(sender, &msg, &[])
    }

    /// Migrates the perp market to freshly stored code.
    pub fn migrate(&mut self) -> StdResult<AppResponse> {
        let code_id = self.app.store_code(perp_code());
        let (owner, addr) = (self.owner.clone(), self.addr.clone());
        self.app
            .migrate_contract(owner, addr, &MigrateMsg {}, code_id)
    }

    /// Overwrites the perp market's stored cw2 name and version.
    pub fn stamp_version(&mut self, name: &str, version: &str) {
        let addr = self.addr.clone();
        let mut storage = self.app.contract_storage_mut(&addr);
        cw2::set_contract_version(storage.as_mut(), name, version).expect("stamp version");
    }

    /// `Config`.
    pub fn query_config(&self) -> StdResult<ConfigResponse> {
        self.app
            .wrap()
            .query_wasm_smart(&self.addr, &QueryMsg::Config {})
    }

    /// `Market` of the default market.
    pub fn query_market(&self) -> StdResult<MarketResponse> {
        self.query_market_of(MARKET)
    }

    /// `Market` of any market.
    pub fn query_market_of(&self, market: &str) -> StdResult<MarketResponse> {
        self.app.wrap().query_wasm_smart(
            &self.addr,
            &QueryMsg::Market {
                market: market.to_string(),
            },
        )
    }

    /// `Position` of `trader` in the default market.
    pub fn query_position(&self, trader: &Addr) -> StdResult<PositionResponse> {
        self.app.wrap().query_wasm_smart(
            &self.addr,
            &QueryMsg::Position {
                trader: trader.to_string(),
                market: MARKET.to_string(),
                at_price: None,
            },
        )
    }

    /// `PositionTerms` of `trader` in the default market.
    pub fn query_position_terms(&self, trader: &Addr) -> StdResult<PositionTermsResponse> {
        self.app.wrap().query_wasm_smart(
            &self.addr,
            &QueryMsg::PositionTerms {
                trader: trader.to_string(),
                market: MARKET.to_string(),
                at_price: None,
            },
        )
    }

    /// `Quote` on the default market.
    pub fn query_quote(&self, side: Side, notional: u128) -> StdResult<QuoteResponse> {
        self.app.wrap().query_wasm_smart(
            &self.addr,
            &QueryMsg::Quote {
                market: MARKET.to_string(),
                side,
                notional: Uint128::new(notional),
            },
        )
    }

    /// `Pool`.
    pub fn query_pool(&self) -> StdResult<PoolResponse> {
        self.app
            .wrap()
            .query_wasm_smart(&self.addr, &QueryMsg::Pool {})
    }

    /// `PoolValue`.
    pub fn query_pool_value(&self) -> StdResult<PoolValueResponse> {
        self.app
            .wrap()
            .query_wasm_smart(&self.addr, &QueryMsg::PoolValue {})
    }

    /// `LpShares` of `address`.
    pub fn query_lp_shares(&self, address: &Addr) -> StdResult<Uint128> {
        self.app.wrap().query_wasm_smart(
            &self.addr,
            &QueryMsg::LpShares {
                address: address.to_string(),
            },
        )
    }

    /// Bank balance of `addr` in the collateral denom.
    pub fn balance(&self, addr: &Addr) -> u128 {
        let coin = self
            .app
            .wrap()
            .query_balance(addr, DENOM)
            .expect("balance query");
        Uint128::try_from(coin.amount)
            .expect("balance fits u128")
            .u128()
    }

    /// Asserts the books: the perp market's bank balance equals the pool plus the margins of every
    /// test trader.
    pub fn assert_books(&self) {
        let pool = self.query_pool().expect("pool").balance.u128();
        let margins: u128 = [
            &self.alice,
            &self.bob,
            &self.carol,
            &self.lp,
            &self.liquidator,
        ]
        .iter()
        .map(|t| self.query_position(t).expect("position").margin.u128())
        .sum();
        assert_eq!(
            self.balance(&self.addr),
            pool + margins,
            "bank balance must equal pool {pool} + margins {margins}"
        );
    }
}

/// The value of attribute `key` in the first wasm event that has it.
pub fn attr(res: &AppResponse, key: &str) -> Option<String> {
    res.events
        .iter()
        .filter(|e| e.ty == "wasm")
        .flat_map(|e| e.attributes.iter())
        .find(|a| a.key == key)
        .map(|a| a.value.clone())
}
