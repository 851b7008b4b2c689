//! The world of the round trips: two perp markets, management and performance fees, a signal source,
//! grids and hedges (through the strategies contract), two depositors, an LP in the perp market's
//! pool, roles that change hands, and an attacker with deep pockets.

use ballast_tests::suite::{DAY, DENOM, Suite, SuiteBuilder, feed_and_market};
use ballast_types::governor;
use ballast_types::pyth::PriceIdentifier;
use ballast_types::strategies::{self, GridPlan, HedgeLeg};
use ballast_types::vault::{ExecuteMsg, OrderRequest};
use ballast_types::{Side, perp};
use cosmwasm_std::{Addr, Decimal, SignedDecimal, StdResult, Uint128, coins};
use cw_multi_test::{AppResponse, Executor};

use super::data::{Action, Market, RoleChange, Step};

/// ETH at 3,000 as an oracle mantissa.
const ETH_START: i64 = 300_000_000_000;
/// Lowest and highest price mantissa published (1e-6 to 10^10 USD).
const PRICE_RANGE: (i128, i128) = (100, 1_000_000_000_000_000_000);
/// What the depositors, the LP and the attacker start with.
const PURSE: u128 = 1_000_000_000_000_000_000;

/// The roles' second holders, to hand roles to and back.
pub struct Others {
    pub owner: Addr,
    pub manager: Addr,
    pub guardian: Addr,
}

/// The suite with its second market and everyone in it.
pub struct World {
    /// Oracle, perp market (two markets) and vault.
    pub suite: Suite,
    /// Market ids, by [`Market`] index.
    pub markets: Vec<String>,
    /// Their feeds.
    pub feeds: [PriceIdentifier; 2],
    /// Their last published price mantissas.
    pub prices: [i64; 2],
    /// The depositors.
    pub users: [Addr; 2],
    /// Deposits and redeems within one block around everyone else's actions.
    pub attacker: Addr,
    /// The vault's allowed signal source.
    pub signaller: Addr,
    /// The roles' second holders.
    pub others: Others,
    /// Registered grids not cancelled: (market, grid id).
    pub grids: Vec<(Market, u64)>,
    /// Per market: nothing moved the venue's view of the vault's position (a price, a liquidation)
    /// since the vault last read it.
    pub fresh: [bool; 2],
}

fn conf_of(price: i64) -> u64 {
    u64::try_from(price / 1_000).unwrap_or(0)
}

impl World {
    /// Fees of 2% a year and 20% of gains; a second market listed and warmed up with the first; the
    /// two depositors in.
    pub fn new() -> Self {
        let mut suite = SuiteBuilder::new()
            .params(|p| {
                p.management_fee = Decimal::percent(2);
                p.performance_fee = Decimal::percent(20);
                // A looser breaker than the default, so that orders trade between the jumps (a
                // price moved within the block still trips it: a move over no time is a jump).
                p.guards.breaker_sigmas = Decimal::percent(5_000);
                p.guards.breaker_max_move = Decimal::percent(50);
                p.guards.breaker_cooldown = 600;
            })
            .warm_up(0)
            .deposit(0)
            .build();
        let (eth_feed, eth_config) = feed_and_market("ETH-PERP", 0xe7);
        let owner = suite.owner.clone();
        suite.add_market(&owner, eth_config).expect("second market");
        let api = suite.app.api();
        let [attacker, signaller, owner2, manager2, guardian2] =
            ["eve", "signaller", "owner2", "manager2", "guardian2"].map(|n| api.addr_make(n));
        suite.app.init_modules(|router, _, storage| {
            router
                .bank
                .init_balance(storage, &attacker, coins(PURSE, DENOM))
                .expect("fund the attacker");
        });
        let mut w = Self {
            markets: vec![suite.market.clone(), "ETH-PERP".to_string()],
            feeds: [suite.feed.clone(), eth_feed],
            prices: [suite.price, ETH_START],
            users: [suite.alice.clone(), suite.bob.clone()],
            attacker,
            signaller: signaller.clone(),
            others: Others {
                owner: owner2,
                manager: manager2,
                guardian: guardian2,
            },
            grids: Vec::new(),
            fresh: [true, true],
            suite,
        };
        // Five days of ±2% (BTC) and ±3% (ETH), both marked: each market has a volatility.
        for day in 0..6 {
            w.suite.advance(DAY);
            for (m, step) in [(0, 102), (1, 103)] {
                let price = if day % 2 == 0 {
                    w.prices[m] * step / 100
                } else {
                    w.prices[m] * 100 / step
                };
                w.publish(m, price).expect("warm-up price");
                w.mark(m).expect("warm-up mark");
            }
        }
        let allow = governor::ExecuteMsg::SetSignalSource {
            address: signaller.to_string(),
            allowed: true,
        };
        w.suite.govern(&owner, allow).expect("signal source");
        let [alice, bob] = w.users.clone();
        w.suite.deposit(&alice, 1_000_000_000_000).expect("alice");
        w.suite.deposit(&bob, 500_000_000_000).expect("bob");
        w.fresh = [true, true];
        w
    }

    fn now(&self) -> i64 {
        i64::try_from(self.suite.now()).expect("time fits")
    }

    /// Publishes `price` for market `m` now.
    pub fn publish(&mut self, m: Market, price: i64) -> StdResult<AppResponse> {
        let (feed, now) = (self.feeds[m].clone(), self.now());
        let res = self.suite.publish_feed(&feed, price, conf_of(price), now)?;
        self.prices[m] = price;
        Ok(res)
    }

    fn moved(&self, m: Market, bp: i64) -> i64 {
        let next = i128::from(self.prices[m]) * (10_000 + i128::from(bp)) / 10_000;
        i64::try_from(next.clamp(PRICE_RANGE.0, PRICE_RANGE.1)).expect("clamped")
    }

    fn mark(&mut self, m: Market) -> StdResult<AppResponse> {
        let market = self.markets[m].clone();
        self.suite.mark_market(&market)
    }

    fn keeper(&mut self, msg: ExecuteMsg) -> StdResult<AppResponse> {
        let keeper = self.suite.keeper.clone();
        self.suite.execute_vault(&keeper, msg)
    }

    /// The current (owner, manager, guardian, pending owner).
    pub fn roles(&self) -> StdResult<(Addr, Addr, Addr, Option<Addr>)> {
        let (c, g) = (self.suite.query_config()?, self.suite.query_governor()?);
        Ok((g.owner, c.manager, g.guardian, g.pending_owner))
    }

    fn other(&self, who: &Addr) -> Addr {
        let s = &self.suite;
        let pairs = [
            (&s.owner, &self.others.owner),
            (&s.manager, &self.others.manager),
            (&s.guardian, &self.others.guardian),
        ];
        for (a, b) in pairs {
            if who == a {
                return b.clone();
            }
            if who == b {
                return a.clone();
            }
        }
        who.clone()
    }

    /// The perp market's LP's pool shares.
    fn lp_shares(&self) -> StdResult<u128> {
        let msg = perp::QueryMsg::LpShares {
            address: self.suite.lp.to_string(),
        };
        let shares: Uint128 = self
            .suite
            .app
            .wrap()
            .query_wasm_smart(&self.suite.perp, &msg)?;
        Ok(shares.u128())
    }

    /// The grid `pick` names: (market, id); grid 1 of the first market when none is registered (the
    /// strategies contract then refuses it as unknown).
    pub fn grid(&self, pick: usize) -> (Market, u64) {
        match self.grids.len() {
            0 => (0, 1),
            n => self.grids[pick % n],
        }
    }

    /// Carries out a permissionless action.
    pub fn act(&mut self, action: &Action) -> StdResult<AppResponse> {
        let market = |m: &Market| self.markets[*m].clone();
        match action {
            Action::Mark(m) => self.mark(*m),
            Action::Rebalance(m) => self.keeper(ExecuteMsg::Rebalance { market: market(m) }),
            Action::Deleverage(m) => self.keeper(ExecuteMsg::Deleverage { market: market(m) }),
            Action::Hedge(m) => {
                let keeper = self.suite.keeper.clone();
                let msg = strategies::ExecuteMsg::Hedge { market: market(m) };
                self.suite.strategies_exec(&keeper, msg)
            }
            Action::AccrueFees => self.keeper(ExecuteMsg::AccrueFees {}),
            Action::Liquidate(m) => {
                let msg = perp::ExecuteMsg::Liquidate {
                    trader: self.suite.vault.to_string(),
                    market: market(m),
                };
                let s = &mut self.suite;
                s.app
                    .execute_contract(s.keeper.clone(), s.perp.clone(), &msg, &[])
            }
            Action::Price { market: m, bp } => {
                let price = self.moved(*m, *bp);
                self.publish(*m, price)
            }
            Action::GridLevel { pick, level } => {
                let (m, grid_id) = self.grid(*pick);
                let msg = strategies::ExecuteMsg::ExecuteGridLevel {
                    market: market(&m),
                    grid_id,
                    level: *level,
                };
                let keeper = self.suite.keeper.clone();
                self.suite.strategies_exec(&keeper, msg)
            }
            Action::LpDeposit { amount } => {
                let s = &mut self.suite;
                let msg = perp::ExecuteMsg::DepositLiquidity {};
                s.app
                    .execute_contract(s.lp.clone(), s.perp.clone(), &msg, &coins(*amount, DENOM))
            }
            Action::LpWithdraw { permille } => {
                let shares = self.lp_shares()? / 1_000 * permille;
                let msg = perp::ExecuteMsg::WithdrawLiquidity {
                    shares: Uint128::new(shares),
                };
                let s = &mut self.suite;
                s.app
                    .execute_contract(s.lp.clone(), s.perp.clone(), &msg, &[])
            }
        }
    }

    /// A grid plan of `levels` levels `spacing_bp` apart, the first one spacing away from the
    /// price (below it for a long grid, above for a short one), expiring in a day.
    fn grid_plan(&self, m: Market, side: Side, spacing_bp: u32, levels: u32) -> GridPlan {
        let price = u128::try_from(self.prices[m]).expect("positive price");
        let mut prices: Vec<Decimal> = (1..=levels)
            .map(|k| {
                let offset = u128::from(k * spacing_bp);
                let level = match side {
                    Side::Long => price * 10_000u128.saturating_sub(offset) / 10_000,
                    Side::Short => price * (10_000 + offset) / 10_000,
                };
                Decimal::from_atomics(level.max(1), 8).expect("level")
            })
            .collect();
        prices.sort();
        prices.dedup();
        GridPlan {
            market: self.markets[m].clone(),
            side,
            levels: prices,
            size: Uint128::zero(),
            expiry: self.suite.now() + DAY,
            reduce_only: false,
        }
    }

    /// Carries out a step between round trips.
    pub fn step(&mut self, step: &Step) -> StdResult<AppResponse> {
        let (owner, manager, guardian, pending) = self.roles()?;
        match step {
            Step::Act(action) => self.act(action),
            Step::Wait { seconds } => {
                self.suite.advance(*seconds);
                Ok(AppResponse::default())
            }
            Step::PriceLater { after, bp } => {
                self.suite.advance(*after);
                self.act(&Action::Price {
                    market: 0,
                    bp: bp[0],
                })?;
                self.act(&Action::Price {
                    market: 1,
                    bp: bp[1],
                })
            }
            Step::Order {
                market,
                side,
                size,
                reduce_only,
            } => {
                let request = OrderRequest {
                    market: self.markets[*market].clone(),
                    side: *side,
                    size: Uint128::new(*size),
                    reduce_only: *reduce_only,
                    signal: None,
                };
                self.suite.submit_as(&manager, request)
            }
            Step::Deposit { user, amount } => {
                let user = self.users[*user].clone();
                self.suite.deposit(&user, *amount)
            }
            Step::Redeem { user, permille } => {
                let user = self.users[*user].clone();
                let held = self.suite.stored_shares(&user)?.u128();
                self.suite.redeem(&user, held / 1_000 * permille)
            }
            Step::Signal { market, permille } => {
                let msg = ExecuteMsg::SetSignal {
                    market: self.markets[*market].clone(),
                    signal: SignedDecimal::permille(*permille),
                };
                let signaller = self.signaller.clone();
                self.suite.execute_vault(&signaller, msg)
            }
            Step::RegisterGrid {
                market,
                side,
                spacing_bp,
                levels,
                size,
                reduce_only,
            } => {
                let plan = GridPlan {
                    size: Uint128::new(*size),
                    reduce_only: *reduce_only,
                    ..self.grid_plan(*market, *side, *spacing_bp, *levels)
                };
                let res = self.suite.register_grid_as(&manager, plan)?;
                if let Some(id) = ballast_tests::suite::attr(&res, "grid_id") {
                    self.grids.push((*market, id.parse().expect("grid id")));
                }
                Ok(res)
            }
            Step::CancelGrid { pick } => {
                let (m, grid_id) = self.grid(*pick);
                let msg = strategies::ExecuteMsg::CancelGrid {
                    market: self.markets[m].clone(),
                    grid_id,
                };
                let res = self.suite.strategies_exec(&manager, msg)?;
                self.grids.retain(|g| *g != (m, grid_id));
                Ok(res)
            }
            Step::SetHedge { market, size, band } => {
                let msg = strategies::ExecuteMsg::SetHedge {
                    market: self.markets[*market].clone(),
                    leg: HedgeLeg::Spot {
                        size: SignedDecimal::from_atomics(i128::from(*size), 0).expect("size"),
                    },
                    band: Decimal::from_atomics(u128::from(*band), 0).expect("band"),
                };
                self.suite.strategies_exec(&manager, msg)
            }
            Step::ClearHedge(market) => {
                let msg = strategies::ExecuteMsg::ClearHedge {
                    market: self.markets[*market].clone(),
                };
                self.suite.strategies_exec(&manager, msg)
            }
            Step::Role(change) => self.role(*change, (owner, manager, guardian, pending)),
            Step::Pause => self.suite.pause(&guardian),
            Step::Unpause => self.suite.unpause(&owner),
        }
    }

    fn role(
        &mut self,
        change: RoleChange,
        (owner, manager, guardian, _): (Addr, Addr, Addr, Option<Addr>),
    ) -> StdResult<AppResponse> {
        let msg = match change {
            RoleChange::TransferOwnership => governor::ExecuteMsg::TransferOwnership {
                new_owner: self.other(&owner).to_string(),
            },
            RoleChange::AcceptOwnership => {
                let candidate = self.other(&owner);
                return self
                    .suite
                    .govern(&candidate, governor::ExecuteMsg::AcceptOwnership {});
            }
            RoleChange::SwapManager => governor::ExecuteMsg::SetRoles {
                manager: Some(self.other(&manager).to_string()),
                guardian: None,
                fee_recipient: None,
            },
            RoleChange::SwapGuardian => governor::ExecuteMsg::SetRoles {
                manager: None,
                guardian: Some(self.other(&guardian).to_string()),
                fee_recipient: None,
            },
        };
        self.suite.govern(&owner, msg)
    }
}
