//! The whole world for vault tests: oracle, perp market with a funded pool, the vault and the
//! strategies contract it allow-lists, built with
//! `SuiteBuilder::new().params(|p| ..).build()`. One method per execute message, one `query_*` per
//! query; test bodies never assemble raw messages.

use ballast_tokenfactory_mock::TokenFactory;
use cosmwasm_std::testing::{MockApi, MockStorage};
use cosmwasm_std::{Addr, Coin, Empty, Int64, SignedDecimal, StdResult, Uint64, Uint128, coins};
use cw_multi_test::{
    App, AppResponse, BankKeeper, DistributionKeeper, Executor, FailingModule, GovFailingModule,
    IbcFailingModule, StakeKeeper, WasmKeeper,
};

use ballast_types::Side;
use ballast_types::governor::{self, GovernorConfigResponse, PendingParamsResponse};
use ballast_types::oracle::{self, PriceUpdate};
use ballast_types::perp::{self, PositionResponse};
use ballast_types::pyth::PriceIdentifier;
use ballast_types::vault::{
    self, ConfigResponse, ExecuteMsg, HolderResponse, MarketConfig, MarketResponse, OrderPreview,
    OrderRequest, StateResponse,
};

use crate::oracle::feed_id;

mod builder;
mod governance;
mod strategies;
mod venues;
pub use builder::{
    SuiteBuilder, default_params, default_venue, governor_code, market_config, perp_code,
    strategies_code, vault_code,
};
pub use strategies::grid_plan;
pub use venues::{injective_venue, levana_venue, venue_terms};

/// The base denom everywhere.
pub const DENOM: &str = "uusdc";
/// The first market.
pub const MARKET: &str = "BTC-PERP";
/// Oracle exponent: prices are mantissa * 10^-8.
pub const EXPO: i32 = -8;
/// Seconds in a day.
pub const DAY: u64 = 86_400;
/// BTC at 60,000 as an oracle mantissa.
pub const START_PRICE: i64 = 6_000_000_000_000;
/// Default vault deposit: 1,000,000 USDC in base units.
pub const NAV: u128 = 1_000_000_000_000;

/// The share denom's subdenom in the suite.
pub const SHARE_SUBDENOM: &str = "share";

/// The suite's chain: cw-multi-test's default modules and a TokenFactory for the share denom.
pub type SuiteApp = App<
    BankKeeper,
    MockApi,
    MockStorage,
    FailingModule<Empty, Empty, Empty>,
    WasmKeeper<Empty, Empty>,
    StakeKeeper,
    DistributionKeeper,
    IbcFailingModule,
    GovFailingModule,
    TokenFactory,
>;

/// Oracle, perp market and vault, with their users.
pub struct Suite {
    /// The chain.
    pub app: SuiteApp,
    /// Oracle contract.
    pub oracle: Addr,
    /// Perp market contract.
    pub perp: Addr,
    /// Vault contract.
    pub vault: Addr,
    /// The vault's governor.
    pub governor: Addr,
    /// Strategies contract (grids and hedges), allow-listed in the vault.
    pub strategies: Addr,
    /// Owner of all three.
    pub owner: Addr,
    /// The vault's manager.
    pub manager: Addr,
    /// The vault's guardian.
    pub guardian: Addr,
    /// The oracle's publisher.
    pub publisher: Addr,
    /// A permissionless keeper.
    pub keeper: Addr,
    /// A depositor.
    pub alice: Addr,
    /// Another depositor.
    pub bob: Addr,
    /// The perp pool's LP.
    pub lp: Addr,
    /// Receives the vault's fee shares.
    pub fee_recipient: Addr,
    /// The first market's feed.
    pub feed: PriceIdentifier,
    /// The first market's id.
    pub market: String,
    /// The last published price mantissa.
    pub price: i64,
}

/// A request for the first market.
pub fn order(side: Side, size: u128) -> OrderRequest {
    OrderRequest {
        market: MARKET.to_string(),
        side,
        size: Uint128::new(size),
        reduce_only: false,
        signal: None,
    }
}

/// The same request, reduce-only.
pub fn reduce_only(side: Side, size: u128) -> OrderRequest {
    OrderRequest {
        reduce_only: true,
        ..order(side, size)
    }
}

/// The same request with a signal.
pub fn with_signal(side: Side, size: u128, signal: &str) -> OrderRequest {
    OrderRequest {
        signal: Some(signal.parse::<SignedDecimal>().expect("signal literal")),
        ..order(side, size)
    }
}

/// The value of the first wasm attribute `key` in a response.
pub fn attr(res: &AppResponse, key: &str) -> Option<String> {
    res.events
        .iter()
        .filter(|e| e.ty == "wasm")
        .flat_map(|e| e.attributes.iter())
        .find(|a| a.key == key)
        .map(|a| a.value.clone())
}

impl Suite {
    /// Block time, unix seconds.
    pub fn now(&self) -> u64 {
        self.app.block_info().time.seconds()
    }

    /// Moves the chain forward.
    pub fn advance(&mut self, seconds: u64) {
        self.app.update_block(|b| {
            b.time = b.time.plus_seconds(seconds);
            b.height += seconds.div_ceil(5);
        });
    }

    /// Publishes `price` now with a 0.1% confidence interval.
    pub fn publish(&mut self, price: i64) -> StdResult<AppResponse> {
        let now = i64::try_from(self.now()).expect("time fits");
        self.publish_with(price, u64::try_from(price / 1_000).unwrap_or(0), now)
    }

    /// Publishes any price, confidence and time for the first market's feed.
    pub fn publish_with(
        &mut self,
        price: i64,
        conf: u64,
        publish_time: i64,
    ) -> StdResult<AppResponse> {
        let feed = self.feed.clone();
        self.publish_feed(&feed, price, conf, publish_time)
    }

    /// Publishes a price for any feed.
    pub fn publish_feed(
        &mut self,
        feed: &PriceIdentifier,
        price: i64,
        conf: u64,
        publish_time: i64,
    ) -> StdResult<AppResponse> {
        let update = PriceUpdate {
            id: feed.clone(),
            price: Int64::new(price),
            conf: Uint64::new(conf),
            expo: EXPO,
            publish_time,
        };
        let res = self.app.execute_contract(
            self.publisher.clone(),
            self.oracle.clone(),
            &oracle::ExecuteMsg::UpdatePriceFeeds {
                feeds: vec![update],
            },
            &[],
        )?;
        if *feed == self.feed {
            self.price = price;
        }
        Ok(res)
    }

    /// A day passes: publish `price` and mark the first market.
    pub fn next_day(&mut self, price: i64) -> StdResult<AppResponse> {
        self.advance(DAY);
        self.publish(price)?;
        self.mark()
    }

    /// Any vault message from `sender`, without funds.
    pub fn execute_vault(&mut self, sender: &Addr, msg: ExecuteMsg) -> StdResult<AppResponse> {
        self.vault_exec(sender, &msg, &[])
    }

    fn vault_exec(
        &mut self,
        sender: &Addr,
        msg: &ExecuteMsg,
        funds: &[Coin],
    ) -> StdResult<AppResponse> {
        self.app
            .execute_contract(sender.clone(), self.vault.clone(), msg, funds)
    }

    /// `Deposit` of `amount` by `user`, attached, shares to `user`.
    pub fn deposit(&mut self, user: &Addr, amount: u128) -> StdResult<AppResponse> {
        let msg = ExecuteMsg::Deposit {
            amount: Uint128::new(amount),
            recipient: None,
        };
        self.vault_exec(user, &msg, &coins(amount, DENOM))
    }

    /// `Redeem` of `shares` by `user`, attached (none attached for zero), paid to `user`.
    pub fn redeem(&mut self, user: &Addr, shares: u128) -> StdResult<AppResponse> {
        let msg = ExecuteMsg::Redeem {
            recipient: None,
            amount: Uint128::new(shares),
        };
        let funds = match shares {
            0 => vec![],
            _ => coins(shares, self.share_denom()),
        };
        self.vault_exec(user, &msg, &funds)
    }

    /// The vault's share denom, as its config names it.
    pub fn share_denom(&self) -> String {
        self.query_config().expect("vault config").share_denom
    }

    /// `SubmitOrder` from the manager.
    pub fn submit(&mut self, request: OrderRequest) -> StdResult<AppResponse> {
        let manager = self.manager.clone();
        self.submit_as(&manager, request)
    }

    /// `SubmitOrder` from anyone.
    pub fn submit_as(&mut self, sender: &Addr, request: OrderRequest) -> StdResult<AppResponse> {
        self.vault_exec(sender, &ExecuteMsg::SubmitOrder(request), &[])
    }

    /// `Rebalance` of the first market by the keeper.
    pub fn rebalance(&mut self) -> StdResult<AppResponse> {
        let (keeper, market) = (self.keeper.clone(), self.market.clone());
        self.vault_exec(&keeper, &ExecuteMsg::Rebalance { market }, &[])
    }

    /// `Deleverage` of the first market by the keeper.
    pub fn deleverage(&mut self) -> StdResult<AppResponse> {
        let (keeper, market) = (self.keeper.clone(), self.market.clone());
        self.vault_exec(&keeper, &ExecuteMsg::Deleverage { market }, &[])
    }

    /// `Mark` of the first market by the keeper.
    pub fn mark(&mut self) -> StdResult<AppResponse> {
        let market = self.market.clone();
        self.mark_market(&market)
    }

    /// `Mark` of any market by the keeper.
    pub fn mark_market(&mut self, market: &str) -> StdResult<AppResponse> {
        let keeper = self.keeper.clone();
        self.vault_exec(
            &keeper,
            &ExecuteMsg::Mark {
                market: market.to_string(),
            },
            &[],
        )
    }

    /// Lists a market on the perp market, has `sender` propose it to the vault, waits out the
    /// timelock and applies it (a keeper).
    pub fn add_market(&mut self, sender: &Addr, config: MarketConfig) -> StdResult<AppResponse> {
        let add = perp::ExecuteMsg::AddMarket {
            market: config.market.clone(),
            params: default_venue(&config.feed_id),
        };
        self.app
            .execute_contract(self.owner.clone(), self.perp.clone(), &add, &[])?;
        let market = config.market.clone();
        self.govern(sender, governor::ExecuteMsg::ProposeMarket { config })?;
        let timelock = self.query_config()?.params.timelock;
        self.advance(timelock);
        let keeper = self.keeper.clone();
        self.govern(&keeper, governor::ExecuteMsg::ApplyMarket { market })
    }

    /// Any governance or role message to the governor from `sender`.
    pub fn govern(&mut self, sender: &Addr, msg: governor::ExecuteMsg) -> StdResult<AppResponse> {
        self.app
            .execute_contract(sender.clone(), self.governor.clone(), &msg, &[])
    }

    /// The message that would instantiate another vault like this one (same roles, contracts,
    /// parameters and first market).
    pub fn vault_instantiate_msg(&self) -> vault::InstantiateMsg {
        let config = self.query_config().expect("vault config");
        vault::InstantiateMsg {
            governor: config.governor.to_string(),
            manager: config.manager.to_string(),
            denom: config.denom,
            oracle: config.oracle.to_string(),
            perp_market: config.perp_market.to_string(),
            fee_recipient: config.fee_recipient.to_string(),
            params: config.params,
            markets: vec![self.query_market().expect("first market").config],
            share_token: vault::ShareToken {
                token_factory: vault::TokenFactory::Osmosis,
                subdenom: SHARE_SUBDENOM.to_string(),
            },
        }
    }

    /// The governor's `config` query.
    pub fn query_governor(&self) -> StdResult<GovernorConfigResponse> {
        self.app
            .wrap()
            .query_wasm_smart(&self.governor, &governor::QueryMsg::Config {})
    }

    /// The owner allow-lists the keeper as a signal source, which sets the first market's signal: a
    /// decision `Rebalance` follows (without one it only cuts a position back to its caps).
    pub fn set_signal(&mut self, signal: &str) -> StdResult<AppResponse> {
        let (owner, keeper) = (self.owner.clone(), self.keeper.clone());
        let allow = governor::ExecuteMsg::SetSignalSource {
            address: keeper.to_string(),
            allowed: true,
        };
        self.govern(&owner, allow)?;
        let msg = ExecuteMsg::SetSignal {
            market: self.market.clone(),
            signal: signal.parse::<SignedDecimal>().expect("signal literal"),
        };
        self.vault_exec(&keeper, &msg, &[])
    }

    /// `AccrueFees` by the keeper.
    pub fn accrue_fees(&mut self) -> StdResult<AppResponse> {
        let keeper = self.keeper.clone();
        self.vault_exec(&keeper, &ExecuteMsg::AccrueFees {}, &[])
    }

    /// The `config` query.
    pub fn query_config(&self) -> StdResult<ConfigResponse> {
        self.app
            .wrap()
            .query_wasm_smart(&self.vault, &vault::QueryMsg::Config {})
    }

    /// The `holder` query.
    pub fn query_holder(&self, holder: &Addr) -> StdResult<HolderResponse> {
        let msg = vault::QueryMsg::Holder {
            address: holder.to_string(),
        };
        self.app.wrap().query_wasm_smart(&self.vault, &msg)
    }

    /// The `preview_deposit` query.
    pub fn query_preview_deposit(&self, assets: u128) -> StdResult<Uint128> {
        let msg = vault::QueryMsg::PreviewDeposit {
            amount: Uint128::new(assets),
        };
        self.app.wrap().query_wasm_smart(&self.vault, &msg)
    }

    /// The `preview_redeem` query.
    pub fn query_preview_redeem(&self, shares: u128) -> StdResult<Uint128> {
        let msg = vault::QueryMsg::PreviewRedeem {
            amount: Uint128::new(shares),
        };
        self.app.wrap().query_wasm_smart(&self.vault, &msg)
    }

    /// The `pending_params` query.
    pub fn query_pending_params(&self) -> StdResult<Option<PendingParamsResponse>> {
        self.app
            .wrap()
            .query_wasm_smart(&self.governor, &governor::QueryMsg::PendingParams {})
    }

    /// `Pause` from `sender`.
    pub fn pause(&mut self, sender: &Addr) -> StdResult<AppResponse> {
        self.govern(sender, governor::ExecuteMsg::Pause {})
    }

    /// `Unpause` from `sender`.
    pub fn unpause(&mut self, sender: &Addr) -> StdResult<AppResponse> {
        self.govern(sender, governor::ExecuteMsg::Unpause {})
    }

    /// `Liquidate` of the vault's position on the perp market, by the keeper.
    pub fn liquidate_vault(&mut self) -> StdResult<AppResponse> {
        let msg = perp::ExecuteMsg::Liquidate {
            trader: self.vault.to_string(),
            market: self.market.clone(),
        };
        self.app
            .execute_contract(self.keeper.clone(), self.perp.clone(), &msg, &[])
    }

    /// The `preview_order` query.
    pub fn query_preview(&self, request: OrderRequest) -> StdResult<OrderPreview> {
        self.app
            .wrap()
            .query_wasm_smart(&self.vault, &vault::QueryMsg::PreviewOrder(request))
    }

    /// The `state` query.
    pub fn query_state(&self) -> StdResult<StateResponse> {
        self.app
            .wrap()
            .query_wasm_smart(&self.vault, &vault::QueryMsg::State {})
    }

    /// The `market` query for the first market.
    pub fn query_market(&self) -> StdResult<MarketResponse> {
        let msg = vault::QueryMsg::Market {
            market: self.market.clone(),
        };
        self.app.wrap().query_wasm_smart(&self.vault, &msg)
    }

    /// Shares held, from the `holder` query.
    pub fn query_shares(&self, holder: &Addr) -> StdResult<Uint128> {
        Ok(self.query_holder(holder)?.shares)
    }

    /// The vault's position on the perp market.
    pub fn query_position(&self) -> StdResult<PositionResponse> {
        let msg = perp::QueryMsg::Position {
            trader: self.vault.to_string(),
            market: self.market.clone(),
            at_price: None,
        };
        self.app.wrap().query_wasm_smart(&self.perp, &msg)
    }

    /// Base denom held by `who`.
    pub fn balance(&self, who: &Addr) -> u128 {
        let coin = self.app.wrap().query_balance(who, DENOM).expect("balance");
        Uint128::try_from(coin.amount)
            .expect("balance fits u128")
            .u128()
    }
}

/// A second market's feed (one repeated byte) and vault configuration.
pub fn feed_and_market(market: &str, byte: u8) -> (PriceIdentifier, MarketConfig) {
    let feed = feed_id(byte);
    let config = market_config(market, &feed);
    (feed, config)
}
