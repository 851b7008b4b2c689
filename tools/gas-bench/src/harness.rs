//! The vault in the VM: a deployed, warmed-up and funded instance, the calls the bench makes on it and
//! the gas each one used.

use std::cell::RefCell;
use std::rc::Rc;

use cosmwasm_std::{
    Addr, BlockInfo, Coin, ContractInfo, ContractResult, Empty, Env, MessageInfo, Response,
    Timestamp, coins,
};
use cosmwasm_vm::testing::{MockApi, MockQuerier, MockStorage};
use cosmwasm_vm::{Instance, VmResult, call_execute, call_instantiate, call_query};
use serde_json::{Value, json};

use crate::world::{World, feed_id, market_name, new_instance};
use crate::{DAY, DENOM, NAV, START, START_PRICE};

pub(crate) type Vm = Instance<MockApi, MockStorage, MockQuerier>;

#[derive(Clone, Copy, Default, Debug)]
pub(crate) struct Gas {
    pub(crate) total: u64,
    pub(crate) internal: u64,
}

fn used(vm: &mut Vm) -> Gas {
    let r = vm.create_gas_report();
    Gas {
        total: r.limit - r.remaining,
        internal: r.used_internally,
    }
}

thread_local! {
    /// (label, gas left) of each checkpoint a `gas-probe` build reported during the current call.
    pub(crate) static CHECKPOINTS: RefCell<Vec<(String, u64)>> = const { RefCell::new(Vec::new()) };
}

pub(crate) struct Outcome {
    pub(crate) gas: Gas,
    /// Gas spent up to each checkpoint since the previous one (the last step runs to the call's end);
    /// empty unless the vault was built with `--features gas-probe`.
    pub(crate) steps: Vec<(String, u64)>,
    pub(crate) response: Result<Response<Empty>, String>,
}

impl Outcome {
    fn attr(&self, key: &str) -> Option<String> {
        self.response
            .as_ref()
            .ok()?
            .attributes
            .iter()
            .find(|a| a.key == key)
            .map(|a| a.value.clone())
    }
    pub(crate) fn summary(&self) -> String {
        match &self.response {
            Err(e) => format!("error: {}", e.chars().take(80).collect::<String>()),
            Ok(_) => match self.attr("decision") {
                Some(d) => format!(
                    "{d} ({}) executed {}",
                    self.attr("binding_cap").unwrap_or_default(),
                    self.attr("executed").unwrap_or_default()
                ),
                None => self.attr("action").unwrap_or_default(),
            },
        }
    }
}

/// A VM call's result with the contract's error and the VM's error as one message.
pub(crate) fn flatten<T>(result: VmResult<ContractResult<T>>) -> Result<T, String> {
    match result {
        Ok(ContractResult::Ok(r)) => Ok(r),
        Ok(ContractResult::Err(e)) => Err(e),
        Err(e) => Err(format!("VM error: {e}")),
    }
}

pub(crate) fn measure<F>(vm: &mut Vm, f: F) -> Outcome
where
    F: FnOnce(&mut Vm) -> Result<Response<Empty>, String>,
{
    let before = used(vm);
    let start = vm.get_gas_left();
    CHECKPOINTS.with(|c| c.borrow_mut().clear());
    let response = f(vm);
    let after = used(vm);
    let mut points = CHECKPOINTS.with(|c| c.take());
    if !points.is_empty() {
        points.push(("response and return".into(), vm.get_gas_left()));
    }
    let mut left = start;
    let steps = points
        .into_iter()
        .map(|(label, now)| {
            let spent = left.saturating_sub(now);
            left = now;
            (label, spent)
        })
        .collect();
    Outcome {
        gas: Gas {
            total: after.total - before.total,
            internal: after.internal - before.internal,
        },
        steps,
        response,
    }
}

pub(crate) struct Harness {
    pub(crate) world: Rc<RefCell<World>>,
    vm: Vm,
    pub(crate) env: Env,
    api: MockApi,
    balance: u128,
}

impl Harness {
    pub(crate) fn addr(&self, name: &str) -> String {
        self.api.addr_make(name)
    }
    fn info(&self, who: &str, funds: &[Coin]) -> MessageInfo {
        MessageInfo {
            sender: Addr::unchecked(self.addr(who)),
            funds: funds.to_vec(),
        }
    }
    fn set_balance(&mut self, amount: u128) {
        self.balance = amount;
        let contract = self.env.contract.address.to_string();
        self.vm
            .with_querier(|q| {
                q.update_balance(contract, coins(amount, DENOM));
                Ok(())
            })
            .unwrap();
    }
    pub(crate) fn exec(&mut self, who: &str, msg: &Value, funds: &[Coin]) -> Outcome {
        let info = self.info(who, funds);
        let env = self.env.clone();
        let bytes = serde_json::to_vec(msg).unwrap();
        measure(&mut self.vm, |vm| {
            flatten(call_execute::<_, _, _, Empty>(vm, &env, &info, &bytes))
        })
    }
    pub(crate) fn query(&mut self, msg: &Value) -> (Outcome, Option<Value>) {
        let env = self.env.clone();
        let bytes = serde_json::to_vec(msg).unwrap();
        let mut out = None;
        let o = measure(&mut self.vm, |vm| {
            let bytes = flatten(call_query(vm, &env, &bytes))?;
            out = serde_json::from_slice::<Value>(&bytes).ok();
            let mut r = Response::new().add_attribute("action", "query");
            if let Some(v) = &out {
                for k in ["decision", "executed"] {
                    if let Some(x) = v.get(k).and_then(Value::as_str) {
                        r = r.add_attribute(k, x);
                    }
                }
                if let Some(x) = v.get("reason").and_then(Value::as_str) {
                    r = r.add_attribute("binding_cap", x);
                }
            }
            Ok(r)
        });
        (o, out)
    }
    /// `Deposit` of `amount` by `who`; the chain moves the funds before execute.
    pub(crate) fn deposit(&mut self, who: &str, amount: u128) -> Outcome {
        self.set_balance(self.balance + amount);
        let msg = json!({"deposit": {"amount": amount.to_string(), "recipient": null}});
        self.exec(who, &msg, &coins(amount, DENOM))
    }

    /// `Redeem` of `shares` by `who`, attached: the chain moves them before execute.
    pub(crate) fn redeem(&mut self, who: &str, shares: u128) -> Outcome {
        let denom = format!("factory/{}/share", self.env.contract.address);
        let msg = json!({"redeem": {"recipient": null, "amount": shares.to_string()}});
        self.exec(who, &msg, &coins(shares, denom))
    }

    /// Applies the vault's forwarded `Trade`/`AddMargin` to the world, then runs its
    /// `RemarkAfterTrade`.
    pub(crate) fn settle(&mut self, o: &Outcome) -> Option<Outcome> {
        let r = o.response.as_ref().ok()?;
        let sub = r.messages.first()?;
        let cosmwasm_std::CosmosMsg::Wasm(cosmwasm_std::WasmMsg::Execute { msg, funds, .. }) =
            &sub.msg
        else {
            return None;
        };
        let v: Value = serde_json::from_slice(msg).ok()?;
        let posted: u128 = funds
            .iter()
            .map(|c| {
                cosmwasm_std::Uint128::try_from(c.amount)
                    .expect("fits")
                    .u128()
            })
            .sum();
        {
            let mut w = self.world.borrow_mut();
            if let Some(t) = v.get("trade") {
                let market = t["market"].as_str()?.to_string();
                let n: i128 = t["notional"].as_str()?.parse().ok()?;
                let signed = if t["side"] == "long" { n } else { -n };
                let e = w.positions.entry(market).or_default();
                e.0 += signed;
                e.1 += posted;
            } else if let Some(t) = v.get("add_margin") {
                let market = t["market"].as_str()?.to_string();
                w.positions.entry(market).or_default().1 += posted;
            }
        }
        let b = self.balance - posted;
        self.set_balance(b);
        // The vault's last message re-marks the market, sent to itself once the trade has run.
        let last = r.messages.last()?;
        let cosmwasm_std::CosmosMsg::Wasm(cosmwasm_std::WasmMsg::Execute { msg, .. }) = &last.msg
        else {
            return None;
        };
        let remark: Value = serde_json::from_slice(msg).ok()?;
        Some(self.exec("vault", &remark, &[]))
    }
    fn advance(&mut self, secs: u64) {
        self.env.block.time = self.env.block.time.plus_seconds(secs);
        self.env.block.height += secs.div_ceil(5);
    }
    fn publish_all(&mut self, price: i128, n: usize) {
        let t = self.env.block.time.seconds();
        let mut w = self.world.borrow_mut();
        for i in 0..n {
            w.prices.insert(feed_id(i), (price, t));
        }
    }
}

pub(crate) fn params() -> Value {
    json!({"target_vol":"0.4","max_leverage":"3","max_concentration":"3","kelly_fraction":"0.5","max_edge":"0.3",
        "var_confidence":"0.99","var_budget":"0.1","var_horizon":DAY,"max_slippage":"0.01","liq_sigmas":"3",
        "liq_horizon":DAY,"min_order":"1000000",
        "guards":{"max_age":60,"reduce_max_age":600,"max_future_skew":5,"max_confidence":"0.01","breaker_sigmas":"8",
                  "breaker_max_move":"0.25","breaker_cooldown":3600,"max_mark_age":3600},
        "estimator":{"lambda":"0.94","vol_step":DAY,"min_observations":5},
        "deleverage_tolerance":"0.05","rebalance_threshold":"0.05","share_offset_decimals":6,
        "management_fee":"0","performance_fee":"0","timelock":DAY})
}

pub(crate) fn order(market: &str, side: &str, size: u128, reduce_only: bool) -> Value {
    json!({"market": market, "side": side, "size": size.to_string(), "reduce_only": reduce_only, "signal": null})
}

/// Deploys a vault with `n` markets, warms the estimator up (5 days of +-2%), deposits NAV.
pub(crate) fn deploy(vault_wasm: &[u8], n: usize, rows: &mut Vec<(String, Outcome)>) -> Harness {
    let world = Rc::new(RefCell::new(World::default()));
    let vm = new_instance(vault_wasm, &world);
    let api = MockApi::default();
    {
        let mut w = world.borrow_mut();
        w.oracle = api.addr_make("oracle");
        w.perp = api.addr_make("perp");
    }
    let env = Env {
        block: BlockInfo {
            height: 1,
            time: Timestamp::from_seconds(START),
            chain_id: "bench-1".into(),
        },
        transaction: None,
        contract: ContractInfo {
            address: Addr::unchecked(api.addr_make("vault")),
        },
    };
    let mut h = Harness {
        world,
        vm,
        env,
        api,
        balance: 0,
    };
    h.set_balance(0);
    let markets: Vec<Value> = (0..n)
        .map(|i| json!({"market": market_name(i), "feed_id": feed_id(i), "weight": "1", "max_notional": "10000000000000"}))
        .collect();
    let msg = json!({"governor": h.addr("governor"), "manager": h.addr("manager"),
        "denom": DENOM, "oracle": h.addr("oracle"), "perp_market": h.addr("perp"),
        "fee_recipient": h.addr("fee_recipient"), "params": params(), "markets": markets,
        "share_token": {"token_factory": "osmosis", "subdenom": "share"}});
    let info = h.info("owner", &[]);
    let env = h.env.clone();
    let bytes = serde_json::to_vec(&msg).unwrap();
    let o = measure(&mut h.vm, |vm| {
        flatten(call_instantiate::<_, _, _, Empty>(vm, &env, &info, &bytes))
    });
    assert!(o.response.is_ok(), "instantiate: {:?}", o.response.err());
    rows.push((
        format!("instantiate ({n} market{})", if n == 1 { "" } else { "s" }),
        o,
    ));
    let mut price = START_PRICE;
    h.publish_all(price, n);
    for i in 0..n {
        let o = h.exec("keeper", &json!({"mark": {"market": market_name(i)}}), &[]);
        assert!(o.response.is_ok(), "mark: {:?}", o.response.err());
    }
    for day in 0..5 {
        h.advance(DAY);
        price = if day % 2 == 0 {
            price * 102 / 100
        } else {
            price * 100 / 102
        };
        h.publish_all(price, n);
        for i in 0..n {
            let o = h.exec("keeper", &json!({"mark": {"market": market_name(i)}}), &[]);
            assert!(o.response.is_ok(), "mark: {:?}", o.response.err());
        }
    }
    let o = h.deposit("alice", NAV);
    assert!(o.response.is_ok(), "deposit: {:?}", o.response.err());
    rows.push((
        format!("deposit ({n} market{})", if n == 1 { "" } else { "s" }),
        o,
    ));
    h
}
