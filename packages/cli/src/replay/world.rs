//! The replay's chain: the oracle, the perp market and the vault deployed in cw-multi-test from the
//! same contract code that builds to wasm (the oracle is a foreign double for the `future@DATE`
//! scenario), and the few accounts that drive them.
//!
//! Every message the replay sends is built in this file, so a new field in a contract's messages
//! (a fee rate or a timelock in `VaultParams`, say) is a one-line change here.

use ballast_tokenfactory_mock::TokenFactory;
use cosmwasm_std::testing::{MockApi, MockStorage};
use cosmwasm_std::{
    Addr, Decimal, Empty, Int64, SignedDecimal, StdResult, Timestamp, Uint64, Uint128, coins,
};
use cw_multi_test::{
    App, AppBuilder, AppResponse, BankKeeper, ContractWrapper, DistributionKeeper, Executor,
    FailingModule, GovFailingModule, IbcFailingModule, StakeKeeper, WasmKeeper,
};

use ballast_types::oracle::{self, PriceUpdate};
use ballast_types::perp::{self, MarketParams, PositionResponse};
use ballast_types::pyth::PriceIdentifier;
use ballast_types::vault::{
    self, DrawdownBrake, Estimator, GarchModel, HolderResponse, MarketConfig, MarketResponse,
    OracleGuards, OrderPreview, OrderRequest, StateResponse, VaultParams,
};
use ballast_types::{Side, attributes, governor};

use crate::prices::ORACLE_EXPO;

/// The base denom: micro-USDC, 10^6 base units per USDC.
pub const DENOM: &str = "uusdc";
/// Base units per USDC.
pub const UNITS_PER_USDC: u128 = 1_000_000;
/// The one market of a replay.
pub const MARKET: &str = "ASSET-PERP";
/// Seconds in a day.
pub const DAY: u64 = 86_400;

/// What the command line sets; everything else is a fixed default in [`vault_params`] and
/// [`venue_params`].
#[derive(Debug, Clone)]
pub struct Setup {
    /// Annualised volatility target.
    pub target_vol: Decimal,
    /// EWMA decay per day.
    pub lambda: Decimal,
    /// Largest gross notional as a multiple of nav.
    pub max_leverage: Decimal,
    /// The perp market's taker fee.
    pub taker_fee: Decimal,
    /// The vault's annual management fee, paid in shares.
    pub management_fee: Decimal,
    /// The vault's fee on gains above the high-water mark, paid in shares.
    pub performance_fee: Decimal,
    /// Notional at which price impact reaches 100%, base units.
    pub depth: Uint128,
    /// The depositor's starting capital, base units.
    pub capital: Uint128,
    /// The drawdown brake, if any.
    pub drawdown_brake: Option<DrawdownBrake>,
    /// The market's GARCH(1,1) model; None forecasts with the EWMA.
    pub garch: Option<GarchModel>,
    /// The margin policy's redemption buffer; None posts only what the liquidation distance needs.
    pub redemption_buffer: Option<Decimal>,
    /// The edge of a full signal, annualised: it sizes the Kelly cap that every signal brings.
    pub max_edge: Decimal,
    /// Returns observed before the vault sizes: a month of rows ([`warmup_returns`]).
    pub warmup_returns: u32,
    /// Deploy a foreign Pyth-style oracle that stores any publish_time instead of `ballast-oracle`
    /// (for the `future@DATE` scenario: ours refuses a price more than 5 s ahead).
    pub foreign_oracle: bool,
}

/// Days of returns the vault observes before it sizes a position.
pub const WARMUP_DAYS: u64 = 30;

/// Returns in [`WARMUP_DAYS`] at the file's median spacing of rows: 30 for daily closes (weekday
/// ones too), 720 for hourly bars; never fewer than 30, at most the vault's bound of 10,000. The
/// EWMA's decay is per day of elapsed time, so a warm-up counted in rows would leave hourly forecasts
/// resting on their first hours.
pub fn warmup_returns(times: &[u64]) -> u32 {
    let mut gaps: Vec<u64> = times
        .windows(2)
        .map(|w| w[1].saturating_sub(w[0]))
        .collect();
    gaps.sort_unstable();
    let median = gaps.get(gaps.len() / 2).copied().unwrap_or(DAY).max(1);
    let returns = (WARMUP_DAYS * DAY).div_ceil(median);
    u32::try_from(returns.clamp(30, 10_000)).unwrap_or(10_000)
}

fn dec(text: &str) -> Decimal {
    text.parse().expect("decimal literal")
}

/// The vault's risk parameters: the flags, and what a risk manager would set for one liquid market.
pub fn vault_params(setup: &Setup) -> VaultParams {
    VaultParams {
        target_vol: setup.target_vol,
        max_leverage: setup.max_leverage,
        // One market: its share of nav may be the whole book.
        max_concentration: setup.max_leverage,
        kelly_fraction: dec("0.5"),
        max_edge: setup.max_edge,
        var_confidence: dec("0.99"),
        var_budget: dec("0.1"),
        var_horizon: DAY,
        max_slippage: dec("0.01"),
        // Five daily sigmas of margin: daily returns are fat-tailed, and the margin is idle money
        // anyway (the volatility target binds long before the liquidation-distance cap).
        liq_sigmas: dec("5"),
        liq_horizon: DAY,
        // 100 USDC: smaller trades are not worth their fee.
        min_order: Uint128::new(100 * UNITS_PER_USDC),
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
            lambda: setup.lambda,
            vol_step: DAY,
            // A month of returns before sizing: the first return seeds the EWMA and still weighs
            // 0.94^29 = 17% after 30 days, however many rows those days hold.
            min_observations: setup.warmup_returns,
        },
        deleverage_tolerance: dec("0.05"),
        rebalance_threshold: dec("0.05"),
        share_offset_decimals: 6,
        management_fee: setup.management_fee,
        performance_fee: setup.performance_fee,
        // Nothing is proposed during a replay; the shortest bound.
        timelock: 3_600,
        drawdown_brake: setup.drawdown_brake.clone(),
        redemption_buffer: setup.redemption_buffer,
    }
}

/// The perp market's parameters: linear impact over `depth`, 10% initial and 5% maintenance margin,
/// open interest unbounded in practice.
pub fn venue_params(setup: &Setup, feed: &PriceIdentifier) -> MarketParams {
    MarketParams {
        feed_id: feed.clone(),
        depth: setup.depth,
        impact_exponent: Decimal::one(),
        taker_fee: setup.taker_fee,
        initial_margin: dec("0.1"),
        maintenance_margin: dec("0.05"),
        max_open_interest: Uint128::new(10u128.pow(30)),
    }
}

/// The vault's market: the whole volatility budget, no per-market notional limit of its own.
fn market_config(feed: &PriceIdentifier, garch: Option<GarchModel>) -> MarketConfig {
    MarketConfig {
        market: MARKET.to_string(),
        feed_id: feed.clone(),
        weight: Decimal::one(),
        max_notional: Uint128::new(10u128.pow(30)),
        venue: Default::default(),
        garch,
    }
}

/// The pool that takes the other side, a million times the vault's capital: the replay measures the
/// vault's risk control, not whether the venue can pay its profits.
fn pool_funding(setup: &Setup) -> u128 {
    setup.capital.u128().saturating_mul(1_000_000)
}

/// cw-multi-test's chain with a TokenFactory, which makes the vault's share denom.
type ReplayApp = App<
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

/// The deployed contracts and their users.
pub struct World {
    app: ReplayApp,
    oracle: Addr,
    perp: Addr,
    vault: Addr,
    publisher: Addr,
    keeper: Addr,
    depositor: Addr,
    feed: PriceIdentifier,
    /// The vault charges fees: a keeper accrues them every step.
    pub charges_fees: bool,
}

impl World {
    /// Deploys the four contracts at block time `start` and deposits the capital.
    pub fn deploy(setup: &Setup, start: u64) -> StdResult<Self> {
        let mut app: ReplayApp = AppBuilder::new()
            .with_stargate(TokenFactory)
            .build(|_, _, _| {});
        app.update_block(|b| {
            b.time = Timestamp::from_seconds(start);
            b.height = 1;
        });
        let addr = |name: &str| app.api().addr_make(name);
        let [
            owner,
            manager,
            guardian,
            publisher,
            keeper,
            depositor,
            lp,
            treasury,
        ] = [
            "owner",
            "manager",
            "guardian",
            "publisher",
            "keeper",
            "depositor",
            "lp",
            "treasury",
        ]
        .map(addr);
        let funding = [
            (&depositor, setup.capital.u128()),
            (&lp, pool_funding(setup)),
        ];
        app.init_modules(|router, _, storage| {
            funding.iter().try_for_each(|(who, amount)| {
                router
                    .bank
                    .init_balance(storage, who, coins(*amount, DENOM))
            })
        })?;
        let feed = PriceIdentifier("b7".repeat(32));

        let oracle_code = app.store_code(if setup.foreign_oracle {
            super::foreign_oracle::code()
        } else {
            Box::new(ContractWrapper::new(
                ballast_oracle::contract::execute,
                ballast_oracle::contract::instantiate,
                ballast_oracle::contract::query,
            ))
        });
        let perp_code = app.store_code(Box::new(ContractWrapper::new(
            ballast_perp::contract::execute,
            ballast_perp::contract::instantiate,
            ballast_perp::contract::query,
        )));
        let governor_code = app.store_code(Box::new(ContractWrapper::new(
            ballast_governor::contract::execute,
            ballast_governor::contract::instantiate,
            ballast_governor::contract::query,
        )));
        let vault_code = app.store_code(Box::new(ContractWrapper::new(
            ballast_vault::contract::execute,
            ballast_vault::contract::instantiate,
            ballast_vault::contract::query,
        )));

        let oracle_msg = oracle::InstantiateMsg {
            owner: owner.to_string(),
            publishers: vec![publisher.to_string()],
        };
        let oracle =
            app.instantiate_contract(oracle_code, owner.clone(), &oracle_msg, &[], "oracle", None)?;
        let perp_msg = perp::InstantiateMsg {
            owner: owner.to_string(),
            oracle: oracle.to_string(),
            denom: DENOM.to_string(),
            liquidation_fee: dec("0.05"),
            max_price_age: 3_600,
        };
        let perp =
            app.instantiate_contract(perp_code, owner.clone(), &perp_msg, &[], "perp", None)?;
        let add = perp::ExecuteMsg::AddMarket {
            market: MARKET.to_string(),
            params: venue_params(setup, &feed),
        };
        app.execute_contract(owner.clone(), perp.clone(), &add, &[])?;
        let fund = perp::ExecuteMsg::DepositLiquidity {};
        app.execute_contract(lp, perp.clone(), &fund, &coins(pool_funding(setup), DENOM))?;

        let governor_msg = governor::InstantiateMsg {
            owner: owner.to_string(),
            guardian: guardian.to_string(),
            vault: None,
        };
        let governor = app.instantiate_contract(
            governor_code,
            owner.clone(),
            &governor_msg,
            &[],
            "governor",
            None,
        )?;
        let vault_msg = vault::InstantiateMsg {
            governor: governor.to_string(),
            manager: manager.to_string(),
            denom: DENOM.to_string(),
            oracle: oracle.to_string(),
            perp_market: perp.to_string(),
            fee_recipient: treasury.to_string(),
            params: vault_params(setup),
            markets: vec![market_config(&feed, setup.garch.clone())],
            share_token: vault::ShareToken {
                token_factory: vault::TokenFactory::Osmosis,
                subdenom: "share".to_string(),
            },
        };
        let vault =
            app.instantiate_contract(vault_code, owner.clone(), &vault_msg, &[], "vault", None)?;
        let set_vault = governor::ExecuteMsg::SetVault {
            vault: vault.to_string(),
        };
        app.execute_contract(owner.clone(), governor.clone(), &set_vault, &[])?;
        // The keeper is also the signal source. Without a signal Rebalance only cuts a position to
        // its caps, so the replay starts from a long signal of 1 (kept with `--signal none`, replaced
        // by the trend's or the column's own from their first value).
        let source = governor::ExecuteMsg::SetSignalSource {
            address: keeper.to_string(),
            allowed: true,
        };
        app.execute_contract(owner, governor, &source, &[])?;
        let long = vault::ExecuteMsg::SetSignal {
            market: MARKET.to_string(),
            signal: SignedDecimal::one(),
        };
        app.execute_contract(keeper.clone(), vault.clone(), &long, &[])?;
        let deposit = vault::ExecuteMsg::Deposit {
            amount: setup.capital,
            recipient: None,
        };
        let capital = coins(setup.capital.u128(), DENOM);
        app.execute_contract(depositor.clone(), vault.clone(), &deposit, &capital)?;
        Ok(Self {
            app,
            oracle,
            perp,
            vault,
            publisher,
            keeper,
            depositor,
            feed,
            charges_fees: !setup.management_fee.is_zero() || !setup.performance_fee.is_zero(),
        })
    }

    /// Moves the chain to `time` (never backwards), one block later.
    pub fn set_time(&mut self, time: u64) {
        self.app.update_block(|b| {
            b.time = Timestamp::from_seconds(time.max(b.time.seconds()));
            b.height += 1;
        });
    }

    /// The publisher pushes `mantissa * 10^-8` with `publish_time` and a 0.1% confidence interval.
    pub fn publish(&mut self, mantissa: i64, publish_time: i64) -> StdResult<AppResponse> {
        let update = PriceUpdate {
            id: self.feed.clone(),
            price: Int64::new(mantissa),
            conf: Uint64::new(u64::try_from(mantissa / 1_000).unwrap_or(0)),
            expo: ORACLE_EXPO,
            publish_time,
        };
        let msg = oracle::ExecuteMsg::UpdatePriceFeeds {
            feeds: vec![update],
        };
        self.app
            .execute_contract(self.publisher.clone(), self.oracle.clone(), &msg, &[])
    }

    /// The vault's position, as the perp market marks it now.
    pub fn position(&self) -> StdResult<PositionResponse> {
        let msg = perp::QueryMsg::Position {
            trader: self.vault.to_string(),
            market: MARKET.to_string(),
            at_price: None,
        };
        self.app.wrap().query_wasm_smart(&self.perp, &msg)
    }

    /// A keeper liquidates the vault's position on the perp market.
    pub fn liquidate(&mut self) -> StdResult<AppResponse> {
        let msg = perp::ExecuteMsg::Liquidate {
            trader: self.vault.to_string(),
            market: MARKET.to_string(),
        };
        self.app
            .execute_contract(self.keeper.clone(), self.perp.clone(), &msg, &[])
    }

    /// The keeper, as signal source, sets the market's signal in [-1, 1].
    pub fn set_signal(&mut self, signal: SignedDecimal) -> StdResult<AppResponse> {
        let msg = vault::ExecuteMsg::SetSignal {
            market: MARKET.to_string(),
            signal,
        };
        self.app
            .execute_contract(self.keeper.clone(), self.vault.clone(), &msg, &[])
    }

    /// A keeper calls the vault's `Rebalance`.
    pub fn rebalance(&mut self) -> StdResult<AppResponse> {
        let msg = vault::ExecuteMsg::Rebalance {
            market: MARKET.to_string(),
        };
        self.app
            .execute_contract(self.keeper.clone(), self.vault.clone(), &msg, &[])
    }

    /// A keeper calls the vault's `Deleverage`.
    pub fn deleverage(&mut self) -> StdResult<AppResponse> {
        let msg = vault::ExecuteMsg::Deleverage {
            market: MARKET.to_string(),
        };
        self.app
            .execute_contract(self.keeper.clone(), self.vault.clone(), &msg, &[])
    }

    /// A keeper mints the vault's management and performance fees due.
    pub fn accrue_fees(&mut self) -> StdResult<AppResponse> {
        let msg = vault::ExecuteMsg::AccrueFees {};
        self.app
            .execute_contract(self.keeper.clone(), self.vault.clone(), &msg, &[])
    }

    /// What the depositor's shares would redeem for now, fees due deducted.
    pub fn depositor_value(&self) -> StdResult<Uint128> {
        let msg = vault::QueryMsg::Holder {
            address: self.depositor.to_string(),
        };
        let holder: HolderResponse = self.app.wrap().query_wasm_smart(&self.vault, &msg)?;
        Ok(holder.value)
    }

    /// The vault's nav and exposure.
    pub fn state(&self) -> StdResult<StateResponse> {
        let msg = vault::QueryMsg::State {};
        self.app.wrap().query_wasm_smart(&self.vault, &msg)
    }

    /// The vault's view of the market: forecast volatility, halt, mark.
    pub fn market(&self) -> StdResult<MarketResponse> {
        let msg = vault::QueryMsg::Market {
            market: MARKET.to_string(),
        };
        self.app.wrap().query_wasm_smart(&self.vault, &msg)
    }

    /// What a minimal long order would meet now: every cap's limit, or the guard that refuses it.
    pub fn preview_long(&self) -> StdResult<OrderPreview> {
        let msg = vault::QueryMsg::PreviewOrder(OrderRequest {
            market: MARKET.to_string(),
            side: Side::Long,
            size: Uint128::new(UNITS_PER_USDC),
            reduce_only: false,
            signal: None,
        });
        self.app.wrap().query_wasm_smart(&self.vault, &msg)
    }

    /// The value of `key` in the vault's own event of a response (not the perp market's trade).
    pub fn vault_attr(&self, res: &AppResponse, key: &str) -> Option<String> {
        res.events
            .iter()
            .filter(|e| e.ty == "wasm")
            .filter(|e| {
                e.attributes
                    .iter()
                    .any(|a| a.key == "_contract_address" && a.value == self.vault.as_str())
            })
            .flat_map(|e| e.attributes.iter())
            .find(|a| a.key == key)
            .map(|a| a.value.clone())
    }
}

/// Attribute keys the replay reads.
pub use attributes::{BINDING_CAP, DECISION, EXECUTED};

#[cfg(test)]
mod tests {
    use super::{DAY, warmup_returns};

    #[test]
    fn the_warm_up_is_a_month_of_rows() {
        let every = |step: u64, n: u64| (0..n).map(|i| i * step).collect::<Vec<_>>();
        assert_eq!(warmup_returns(&every(DAY, 400)), 30);
        assert_eq!(warmup_returns(&every(3_600, 400)), 720);
        assert_eq!(warmup_returns(&every(7 * DAY, 100)), 30);
        assert_eq!(warmup_returns(&every(60, 100)), 10_000);
        // Weekday closes: most gaps are a day, so 30.
        let weekdays: Vec<u64> = (0..200u64).filter(|d| d % 7 < 5).map(|d| d * DAY).collect();
        assert_eq!(warmup_returns(&weekdays), 30);
        assert_eq!(warmup_returns(&[0, DAY]), 30);
    }
}
