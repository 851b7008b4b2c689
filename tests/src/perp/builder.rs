//! [`PerpBuilder`]: the world a perp test starts from.

use ballast_types::perp::{InstantiateMsg, MarketParams};
use ballast_types::pyth::PriceIdentifier;
use cosmwasm_std::{Addr, Coin, Decimal, StdResult, Uint128};
use cw_multi_test::{App, AppBuilder, Executor};

use super::fixed_feed::{fixed_feed_code, pyth_price};
use super::{DENOM, MARKET, Perp, START_BALANCE, perp_code};
use crate::oracle::{Oracle, feed_id};

/// Stores the perp market's code and instantiates it from `sender` with `msg`.
pub fn instantiate_perp(app: &mut App, sender: &Addr, msg: &InstantiateMsg) -> StdResult<Addr> {
    let code_id = app.store_code(perp_code());
    app.instantiate_contract(
        code_id,
        sender.clone(),
        msg,
        &[],
        "perp",
        Some(sender.to_string()),
    )
}

/// Default parameters of the test market: depth 10^10, linear impact, fee 10 bp, initial margin 10%,
/// maintenance 5%, open interest cap 10^9.
pub fn default_params(feed: &PriceIdentifier) -> MarketParams {
    MarketParams {
        feed_id: feed.clone(),
        depth: Uint128::new(10_000_000_000),
        impact_exponent: Decimal::one(),
        taker_fee: Decimal::permille(1),
        initial_margin: Decimal::percent(10),
        maintenance_margin: Decimal::percent(5),
        max_open_interest: Uint128::new(1_000_000_000),
    }
}

/// Sets up a [`Perp`] world.
pub struct PerpBuilder {
    params: Option<MarketParams>,
    depth: Option<u128>,
    impact_exponent: Option<Decimal>,
    max_open_interest: Option<u128>,
    liquidation_fee: Decimal,
    max_price_age: u64,
    pool: u128,
    price: i64,
    fixed_price: Option<i64>,
    fixed_offset: i64,
}

impl Default for PerpBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl PerpBuilder {
    /// Market `BTC-PERP` at price 100, liquidation fee 10%, max price age 60 s, pool of 10^8 from
    /// `lp`.
    pub fn new() -> Self {
        Self {
            params: None,
            depth: None,
            impact_exponent: None,
            max_open_interest: None,
            liquidation_fee: Decimal::percent(10),
            max_price_age: 60,
            pool: 100_000_000,
            price: 100,
            fixed_price: None,
            fixed_offset: 0,
        }
    }

    /// Market depth, base units.
    pub fn depth(mut self, depth: u128) -> Self {
        self.depth = Some(depth);
        self
    }

    /// Impact exponent.
    pub fn impact_exponent(mut self, exponent: Decimal) -> Self {
        self.impact_exponent = Some(exponent);
        self
    }

    /// Open interest cap per side, base units.
    pub fn max_open_interest(mut self, max: u128) -> Self {
        self.max_open_interest = Some(max);
        self
    }

    /// Liquidator's share of remaining margin.
    pub fn liquidation_fee(mut self, fee: Decimal) -> Self {
        self.liquidation_fee = fee;
        self
    }

    /// Initial pool deposit by `lp`; 0 for none.
    pub fn pool(mut self, amount: u128) -> Self {
        self.pool = amount;
        self
    }

    /// Replaces the real oracle with [`fixed_feed_code`] answering `mantissa` (expo -8), published
    /// at the build's block time.
    pub fn fixed_price(mut self, mantissa: i64) -> Self {
        self.fixed_price = Some(mantissa);
        self
    }

    /// Dates the fixed feed's price `seconds` after the build's block time (negative: before).
    pub fn fixed_publish_offset(mut self, seconds: i64) -> Self {
        self.fixed_offset = seconds;
        self
    }

    /// Builds the world.
    pub fn build(self) -> Perp {
        let users = [
            "owner",
            "publisher",
            "lp",
            "alice",
            "bob",
            "carol",
            "liquidator",
        ];
        let mut app = AppBuilder::new().build(|router, api, storage| {
            for user in users {
                router
                    .bank
                    .init_balance(
                        storage,
                        &api.addr_make(user),
                        vec![
                            Coin::new(START_BALANCE, DENOM),
                            Coin::new(START_BALANCE, "uatom"),
                        ],
                    )
                    .expect("fund user");
            }
        });
        let addr = |app: &App, name: &str| app.api().addr_make(name);
        let (owner, publisher) = (addr(&app, "owner"), addr(&app, "publisher"));
        let feed = feed_id(0xb7);
        let oracle = match self.fixed_price {
            None => Oracle::instantiate(&mut app, &owner, &[&publisher]).expect("oracle"),
            Some(mantissa) => {
                let now = i64::try_from(app.block_info().time.seconds()).expect("time fits i64");
                let price = pyth_price(mantissa, now + self.fixed_offset);
                let code_id = app.store_code(fixed_feed_code());
                let addr = app
                    .instantiate_contract(code_id, owner.clone(), &price, &[], "feed", None)
                    .expect("fixed feed");
                Oracle { addr }
            }
        };
        let msg = InstantiateMsg {
            owner: owner.to_string(),
            oracle: oracle.addr.to_string(),
            denom: DENOM.to_string(),
            liquidation_fee: self.liquidation_fee,
            max_price_age: self.max_price_age,
        };
        let perp_addr = instantiate_perp(&mut app, &owner, &msg).expect("instantiate perp");
        let mut params = self.params.unwrap_or_else(|| default_params(&feed));
        if let Some(depth) = self.depth {
            params.depth = Uint128::new(depth);
        }
        if let Some(exponent) = self.impact_exponent {
            params.impact_exponent = exponent;
        }
        if let Some(max) = self.max_open_interest {
            params.max_open_interest = Uint128::new(max);
        }
        let mut perp = Perp {
            lp: addr(&app, "lp"),
            alice: addr(&app, "alice"),
            bob: addr(&app, "bob"),
            carol: addr(&app, "carol"),
            liquidator: addr(&app, "liquidator"),
            app,
            oracle,
            addr: perp_addr,
            owner: owner.clone(),
            publisher,
            feed,
        };
        if self.fixed_price.is_none() {
            perp.set_price(self.price).expect("first price");
        }
        perp.add_market(&owner, MARKET, params).expect("add market");
        if self.pool > 0 {
            let lp = perp.lp.clone();
            perp.deposit_liquidity(&lp, self.pool).expect("seed pool");
        }
        perp
    }
}
