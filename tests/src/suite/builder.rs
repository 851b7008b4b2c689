//! [`SuiteBuilder`]: the default world and its knobs.

use ballast_tokenfactory_mock::TokenFactory;
use cosmwasm_std::{Decimal, Empty, Uint128, coins};
use cw_multi_test::{AppBuilder, Contract, ContractWrapper, Executor};

use ballast_types::perp::{self, MarketParams};
use ballast_types::pyth::PriceIdentifier;
use ballast_types::strategies;
use ballast_types::vault::{self, Estimator, MarketConfig, OracleGuards, VaultParams};
use ballast_types::{governor, oracle};

use super::{DAY, DENOM, MARKET, NAV, SHARE_SUBDENOM, START_PRICE, Suite, SuiteApp};
use crate::errors;
use crate::oracle::{feed_id, oracle_code};
use crate::raw_oracle::raw_oracle_code;

/// The vault's code for multi-test (noting its errors' ids, [`crate::errors`]).
pub fn vault_code() -> Box<dyn Contract<Empty>> {
    Box::new(
        ContractWrapper::new(
            errors::vault::execute,
            errors::vault::instantiate,
            errors::vault::query,
        )
        .with_migrate(errors::vault::migrate),
    )
}

/// The governor's code for multi-test.
pub fn governor_code() -> Box<dyn Contract<Empty>> {
    Box::new(
        ContractWrapper::new(
            errors::governor::execute,
            errors::governor::instantiate,
            errors::governor::query,
        )
        .with_migrate(errors::governor::migrate),
    )
}

/// The strategies contract's code for multi-test (noting its errors' ids).
pub fn strategies_code() -> Box<dyn Contract<Empty>> {
    Box::new(
        ContractWrapper::new(
            errors::strategies::execute,
            errors::strategies::instantiate,
            errors::strategies::query,
        )
        .with_reply(errors::strategies::reply)
        .with_migrate(errors::strategies::migrate),
    )
}

/// The perp market's code for multi-test.
pub fn perp_code() -> Box<dyn Contract<Empty>> {
    crate::perp::perp_code()
}

fn dec(s: &str) -> Decimal {
    s.parse().expect("decimal literal")
}

/// Parameters a risk manager might start from, with caps that leave the volatility target binding.
pub fn default_params() -> VaultParams {
    VaultParams {
        target_vol: dec("0.4"),
        max_leverage: dec("3"),
        max_concentration: dec("3"),
        kelly_fraction: dec("0.5"),
        max_edge: dec("0.3"),
        var_confidence: dec("0.99"),
        var_budget: dec("0.1"),
        var_horizon: DAY,
        max_slippage: dec("0.01"),
        liq_sigmas: dec("3"),
        liq_horizon: DAY,
        min_order: Uint128::new(1_000_000),
        guards: OracleGuards {
            max_age: 60,
            reduce_max_age: 600,
            max_future_skew: 5,
            max_confidence: dec("0.01"),
            breaker_sigmas: dec("8"),
            breaker_max_move: dec("0.25"),
            breaker_cooldown: 3_600,
            max_mark_age: 3_600,
        },
        estimator: Estimator {
            lambda: dec("0.94"),
            vol_step: DAY,
            min_observations: 5,
        },
        deleverage_tolerance: dec("0.05"),
        rebalance_threshold: dec("0.05"),
        share_offset_decimals: 6,
        management_fee: Decimal::zero(),
        performance_fee: Decimal::zero(),
        timelock: DAY,
        drawdown_brake: None,
        redemption_buffer: None,
    }
}

/// A deep market: 1% slippage allows 10M USDC; 10% initial, 5% maintenance margin.
pub fn default_venue(feed: &PriceIdentifier) -> MarketParams {
    MarketParams {
        feed_id: feed.clone(),
        depth: Uint128::new(1_000_000_000_000_000),
        impact_exponent: Decimal::one(),
        taker_fee: dec("0.0005"),
        initial_margin: dec("0.1"),
        maintenance_margin: dec("0.05"),
        max_open_interest: Uint128::new(1_000_000_000_000_000),
    }
}

/// A market config for `market` on `feed`, weight 1, 10M notional limit.
pub fn market_config(market: &str, feed: &PriceIdentifier) -> MarketConfig {
    MarketConfig {
        market: market.to_string(),
        feed_id: feed.clone(),
        weight: Decimal::one(),
        max_notional: Uint128::new(10_000_000_000_000),
        venue: Default::default(),
        garch: None,
    }
}

/// Builds a [`Suite`].
pub struct SuiteBuilder {
    params: VaultParams,
    venue: MarketParams,
    market: MarketConfig,
    raw_oracle: bool,
    deposit: u128,
    warm_up_days: usize,
}

impl Default for SuiteBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl SuiteBuilder {
    /// Defaults: one market, 1M USDC deposited by alice, five warm-up days of ±2% moves.
    pub fn new() -> Self {
        let feed = feed_id(0xb7);
        Self {
            params: default_params(),
            venue: default_venue(&feed),
            market: market_config(MARKET, &feed),
            raw_oracle: false,
            deposit: NAV,
            warm_up_days: 5,
        }
    }

    /// Changes the vault's parameters.
    pub fn params(mut self, f: impl FnOnce(&mut VaultParams)) -> Self {
        f(&mut self.params);
        self
    }

    /// Changes the perp market's parameters.
    pub fn venue(mut self, f: impl FnOnce(&mut MarketParams)) -> Self {
        f(&mut self.venue);
        self
    }

    /// Changes the vault's market configuration.
    pub fn market(mut self, f: impl FnOnce(&mut MarketConfig)) -> Self {
        f(&mut self.market);
        self
    }

    /// Uses an oracle that checks nothing, to feed prices ours would refuse.
    pub fn raw_oracle(mut self) -> Self {
        self.raw_oracle = true;
        self
    }

    /// Alice's initial deposit (0 for none).
    pub fn deposit(mut self, amount: u128) -> Self {
        self.deposit = amount;
        self
    }

    /// Days of ±2% moves marked before the test starts.
    pub fn warm_up(mut self, days: usize) -> Self {
        self.warm_up_days = days;
        self
    }

    /// Deploys everything.
    pub fn build(self) -> Suite {
        let mut app: SuiteApp = AppBuilder::new()
            .with_stargate(TokenFactory)
            .build(|_, _, _| {});
        let addr = |app: &SuiteApp, name: &str| app.api().addr_make(name);
        let [
            owner,
            manager,
            guardian,
            publisher,
            keeper,
            alice,
            bob,
            lp,
            fee_recipient,
        ] = [
            "owner",
            "manager",
            "guardian",
            "publisher",
            "keeper",
            "alice",
            "bob",
            "lp",
            "fee_recipient",
        ]
        .map(|n| addr(&app, n));
        let funded = [&alice, &bob, &lp, &keeper];
        app.init_modules(|router, _, storage| {
            for who in funded {
                router
                    .bank
                    .init_balance(storage, who, coins(1_000_000_000_000_000_000, DENOM))
                    .expect("fund account");
            }
        });

        let oracle = if self.raw_oracle {
            let code = app.store_code(raw_oracle_code());
            app.instantiate_contract(code, owner.clone(), &Empty {}, &[], "raw oracle", None)
        } else {
            let code = app.store_code(oracle_code());
            let msg = oracle::InstantiateMsg {
                owner: owner.to_string(),
                publishers: vec![publisher.to_string()],
            };
            app.instantiate_contract(code, owner.clone(), &msg, &[], "oracle", None)
        }
        .expect("instantiate oracle");

        let perp_code_id = app.store_code(perp_code());
        let perp_msg = perp::InstantiateMsg {
            owner: owner.to_string(),
            oracle: oracle.to_string(),
            denom: DENOM.to_string(),
            liquidation_fee: dec("0.1"),
            max_price_age: 3_600,
        };
        let perp = app
            .instantiate_contract(
                perp_code_id,
                owner.clone(),
                &perp_msg,
                &[],
                "perp",
                Some(owner.to_string()),
            )
            .expect("instantiate perp");
        let add = perp::ExecuteMsg::AddMarket {
            market: self.market.market.clone(),
            params: self.venue.clone(),
        };
        app.execute_contract(owner.clone(), perp.clone(), &add, &[])
            .expect("add perp market");
        app.execute_contract(
            lp.clone(),
            perp.clone(),
            &perp::ExecuteMsg::DepositLiquidity {},
            &coins(100_000_000_000_000, DENOM),
        )
        .expect("fund pool");

        let governor_code_id = app.store_code(governor_code());
        let governor_msg = governor::InstantiateMsg {
            owner: owner.to_string(),
            guardian: guardian.to_string(),
            vault: None,
        };
        let governor = app
            .instantiate_contract(
                governor_code_id,
                owner.clone(),
                &governor_msg,
                &[],
                "governor",
                Some(owner.to_string()),
            )
            .expect("instantiate governor");
        let vault_code_id = app.store_code(vault_code());
        let vault_msg = vault::InstantiateMsg {
            governor: governor.to_string(),
            manager: manager.to_string(),
            denom: DENOM.to_string(),
            oracle: oracle.to_string(),
            perp_market: perp.to_string(),
            fee_recipient: fee_recipient.to_string(),
            params: self.params.clone(),
            markets: vec![self.market.clone()],
            share_token: vault::ShareToken {
                token_factory: vault::TokenFactory::Osmosis,
                subdenom: SHARE_SUBDENOM.to_string(),
            },
        };
        let vault = app
            .instantiate_contract(
                vault_code_id,
                owner.clone(),
                &vault_msg,
                &[],
                "vault",
                Some(owner.to_string()),
            )
            .expect("instantiate vault");
        let set_vault = governor::ExecuteMsg::SetVault {
            vault: vault.to_string(),
        };
        app.execute_contract(owner.clone(), governor.clone(), &set_vault, &[])
            .expect("governor takes the vault");

        let strategies_code_id = app.store_code(strategies_code());
        let strategies_msg = strategies::InstantiateMsg {
            vault: vault.to_string(),
        };
        let strategies = app
            .instantiate_contract(
                strategies_code_id,
                owner.clone(),
                &strategies_msg,
                &[],
                "strategies",
                Some(owner.to_string()),
            )
            .expect("instantiate strategies");
        let allow = governor::ExecuteMsg::SetStrategy {
            address: strategies.to_string(),
            allowed: true,
        };
        app.execute_contract(owner.clone(), governor.clone(), &allow, &[])
            .expect("allow-list strategies");

        let mut suite = Suite {
            app,
            oracle,
            perp,
            vault,
            governor,
            strategies,
            owner,
            manager,
            guardian,
            publisher,
            keeper,
            alice,
            bob,
            lp,
            fee_recipient,
            feed: self.market.feed_id.clone(),
            market: self.market.market.clone(),
            price: START_PRICE,
        };
        suite.publish(START_PRICE).expect("first price");
        suite.mark().expect("first mark");
        for day in 0..self.warm_up_days {
            // +2%, -2%, ...: about 38% annualised.
            let price = if day % 2 == 0 {
                suite.price * 102 / 100
            } else {
                suite.price * 100 / 102
            };
            suite.next_day(price).expect("warm-up day");
        }
        if self.deposit > 0 {
            let alice = suite.alice.clone();
            suite
                .deposit(&alice, self.deposit)
                .expect("initial deposit");
        }
        suite
    }
}
