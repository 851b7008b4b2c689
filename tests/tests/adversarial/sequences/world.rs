//! The world a session runs in, and how each step is carried out through the harness.

use ballast_tests::suite::{DENOM, MARKET, Suite, SuiteBuilder};
use ballast_types::governor;
use ballast_types::vault::OrderRequest;
use cosmwasm_std::{Addr, SignedDecimal, StdResult, Uint128, coins};
use cw_multi_test::{AppResponse, Executor};

use super::changes::{changed, changed_market};
use super::data::{PriceEvent, Role, Step, Trader};
use super::strategy::USERS;

/// Lowest and highest price mantissa a session publishes (1e-8 to about 10^10 USD).
const PRICE_RANGE: (i128, i128) = (1, 1_000_000_000_000_000_000);

/// The suite, its depositors and a stranger, and the prices published so far.
pub struct World {
    /// Oracle, perp market and vault, 1M USDC deposited by alice after five warm-up days.
    pub suite: Suite,
    /// The depositors: alice, bob and carol (who is also the keeper).
    pub users: [Addr; USERS],
    /// No role, no deposit, no funds.
    pub stranger: Addr,
    /// (price, publish_time) of every price the oracle took.
    pub history: Vec<(i64, i64)>,
    /// Tokens sent to the vault outside any action: in its balance, never in its nav.
    pub donated: u128,
}

impl World {
    /// A fresh world: the same configuration for every session.
    pub fn new() -> Self {
        let suite = SuiteBuilder::new().build();
        let users = [suite.alice.clone(), suite.bob.clone(), suite.keeper.clone()];
        let stranger = suite.app.api().addr_make("mallory");
        let now = i64::try_from(suite.now()).expect("time fits");
        let history = vec![(suite.price, now)];
        Self {
            suite,
            users,
            stranger,
            history,
            donated: 0,
        }
    }

    /// Everyone who can hold shares: the depositors and the fee recipient.
    pub fn holders(&self) -> Vec<Addr> {
        let mut holders = self.users.to_vec();
        holders.push(self.suite.fee_recipient.clone());
        holders
    }

    /// The address behind a role.
    pub fn role(&self, role: Role) -> Addr {
        match role {
            Role::Owner => self.suite.owner.clone(),
            Role::Guardian => self.suite.guardian.clone(),
            Role::Manager => self.suite.manager.clone(),
            Role::Stranger => self.stranger.clone(),
        }
    }

    /// The address behind a trader.
    pub fn trader(&self, trader: Trader) -> Addr {
        match trader {
            Trader::Manager => self.suite.manager.clone(),
            Trader::Depositor => self.users[1].clone(),
            Trader::Stranger => self.stranger.clone(),
        }
    }

    fn now(&self) -> i64 {
        i64::try_from(self.suite.now()).expect("time fits")
    }

    /// The last price moved by `num / den`, kept within [`PRICE_RANGE`].
    fn moved(&self, num: i128, den: i128) -> i64 {
        let next = i128::from(self.suite.price) * num / den;
        i64::try_from(next.clamp(PRICE_RANGE.0, PRICE_RANGE.1)).expect("clamped")
    }

    /// Publishes and records what the oracle took.
    fn publish_at(&mut self, price: i64, conf: u64, time: i64) -> StdResult<AppResponse> {
        let res = self.suite.publish_with(price, conf, time)?;
        self.history.push((price, time));
        Ok(res)
    }

    fn price_event(&mut self, event: PriceEvent) -> StdResult<AppResponse> {
        let conf_of = |price: i64| u64::try_from(price / 1_000).unwrap_or(0);
        match event {
            PriceEvent::Normal { after, bp } => {
                self.suite.advance(after);
                let price = self.moved(10_000 + i128::from(bp), 10_000);
                self.publish_at(price, conf_of(price), self.now())
            }
            PriceEvent::Jump { after, pct } => {
                self.suite.advance(after);
                let price = self.moved(100 + i128::from(pct), 100);
                self.publish_at(price, conf_of(price), self.now())
            }
            PriceEvent::Stale { after, age } => {
                self.suite.advance(after);
                let price = self.suite.price;
                let time = self.now() - i64::try_from(age).expect("age fits");
                self.publish_at(price, conf_of(price), time)
            }
            PriceEvent::Future { skew } => {
                let price = self.suite.price;
                let time = self.now() + i64::try_from(skew).expect("skew fits");
                self.publish_at(price, conf_of(price), time)
            }
            PriceEvent::WideConfidence { bp } => {
                let price = self.suite.price;
                let conf =
                    u64::try_from(i128::from(price) * i128::from(bp) / 10_000).unwrap_or(u64::MAX);
                self.publish_at(price, conf, self.now())
            }
            PriceEvent::SameTime { bp } => {
                let (_, time) = *self.history.last().expect("a first price");
                let price = self.moved(10_000 + i128::from(bp), 10_000);
                self.publish_at(price, conf_of(price), time)
            }
            PriceEvent::Replay => {
                let at = self.history.len().saturating_sub(2);
                let (price, time) = self.history[at];
                self.publish_at(price, conf_of(price), time)
            }
            PriceEvent::Missing { after } => {
                self.suite.advance(after);
                Ok(AppResponse::default())
            }
        }
    }

    /// The order a step describes.
    pub fn order_request(&self, step: &Step) -> Option<OrderRequest> {
        let Step::Order {
            side,
            size,
            reduce_only,
            signal_permille,
            unknown_market,
            ..
        } = step
        else {
            return None;
        };
        Some(OrderRequest {
            market: if *unknown_market { "DOGE-PERP" } else { MARKET }.to_string(),
            side: *side,
            size: Uint128::new(*size),
            reduce_only: *reduce_only,
            signal: signal_permille.map(SignedDecimal::permille),
        })
    }

    /// Carries a step out. `reduce` is the manager's reduce-only request for `ReduceOnly` (built from
    /// the position the invariants read first).
    pub fn apply(&mut self, step: &Step, reduce: Option<OrderRequest>) -> StdResult<AppResponse> {
        let s = &mut self.suite;
        match step {
            Step::Deposit { user, amount } => {
                let user = self.users[*user].clone();
                s.deposit(&user, *amount)
            }
            Step::Redeem { user, permille } => {
                let user = self.users[*user].clone();
                let held = s.stored_shares(&user)?.u128();
                s.redeem(&user, held / 1_000 * permille)
            }
            Step::Donate { amount } => {
                let (lp, vault) = (s.lp.clone(), s.vault.clone());
                let sent = s.app.send_tokens(lp, vault, &coins(*amount, DENOM));
                if sent.is_ok() {
                    self.donated += amount;
                }
                sent
            }
            Step::Price(event) => self.price_event(*event),
            Step::Order { by, .. } => {
                let sender = self.trader(*by);
                let request = self.order_request(step).expect("an order");
                self.suite.submit_as(&sender, request)
            }
            Step::ReduceOnly { .. } => match reduce {
                Some(request) => s.submit(request),
                None => Ok(AppResponse::default()),
            },
            Step::Rebalance => s.rebalance(),
            Step::Deleverage => s.deleverage(),
            Step::Mark => s.mark(),
            Step::Liquidate => s.liquidate_vault(),
            Step::Propose { by, change } => {
                let params = changed(&s.query_config()?.params, *change);
                let sender = self.role(*by);
                self.suite
                    .govern(&sender, governor::ExecuteMsg::ProposeParams { params })
            }
            Step::Apply => {
                let keeper = s.keeper.clone();
                s.govern(&keeper, governor::ExecuteMsg::ApplyParams {})
            }
            Step::Cancel { by } => {
                let sender = self.role(*by);
                self.suite
                    .govern(&sender, governor::ExecuteMsg::CancelParams {})
            }
            Step::Tighten { by, change } => {
                let params = changed(&s.query_config()?.params, *change);
                let sender = self.role(*by);
                self.suite
                    .govern(&sender, governor::ExecuteMsg::Tighten { params })
            }
            Step::ProposeMarket {
                by,
                weight_percent,
                notional_percent,
            } => {
                let config = s.query_market()?.config;
                let config = changed_market(&config, *weight_percent, *notional_percent);
                let sender = self.role(*by);
                self.suite
                    .govern(&sender, governor::ExecuteMsg::ProposeMarket { config })
            }
            Step::ApplyMarket => {
                let (keeper, market) = (s.keeper.clone(), s.market.clone());
                s.govern(&keeper, governor::ExecuteMsg::ApplyMarket { market })
            }
            Step::TightenMarket {
                by,
                weight_percent,
                notional_percent,
            } => {
                let config = s.query_market()?.config;
                let config = changed_market(&config, *weight_percent, *notional_percent);
                let sender = self.role(*by);
                self.suite
                    .govern(&sender, governor::ExecuteMsg::TightenMarket { config })
            }
            Step::Pause { by } => {
                let sender = self.role(*by);
                self.suite.pause(&sender)
            }
            Step::Unpause { by } => {
                let sender = self.role(*by);
                self.suite.unpause(&sender)
            }
            Step::Wait { seconds } => {
                s.advance(*seconds);
                Ok(AppResponse::default())
            }
        }
    }
}
