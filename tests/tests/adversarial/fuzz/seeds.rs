//! One valid message of every execute and query variant of each contract, as JSON values: the seeds
//! that mutations start from, and the messages whose unknown fields must be refused.

use ballast_tests::suite::{Suite, default_params, default_venue, market_config, order};
use ballast_types::Side;
use ballast_types::oracle::{self, PriceUpdate};
use ballast_types::vault::{self, OrderRequest};
use ballast_types::{governor, perp};
use cosmwasm_std::{Addr, Int64, SignedDecimal, Uint64, Uint128};
use serde::Serialize;
use serde_json::Value;

/// A contract under fuzz: its address, its seeds and who may send to it.
pub struct Target {
    /// `vault`, `perp`, `governor` or `oracle`.
    pub name: &'static str,
    /// Its address.
    pub contract: Addr,
    /// A valid message of every execute variant.
    pub executes: Vec<Value>,
    /// A valid message of every query variant.
    pub queries: Vec<Value>,
}

fn json<T: Serialize>(msgs: Vec<T>) -> Vec<Value> {
    msgs.iter()
        .map(|m| serde_json::to_value(m).expect("serialisable"))
        .collect()
}

fn vault_executes(s: &Suite) -> Vec<vault::ExecuteMsg> {
    use vault::{ExecuteMsg as M, GovernMsg as G};
    let market = || s.market.clone();
    let config = market_config(&s.market, &s.feed);
    vec![
        M::Deposit {
            amount: Uint128::new(1_000_000),
            recipient: None,
        },
        M::Redeem {
            recipient: Some(s.bob.to_string()),
            amount: Uint128::new(1_000_000),
        },
        M::SubmitOrder(OrderRequest {
            signal: Some(SignedDecimal::percent(50)),
            ..order(Side::Long, 1_000_000_000)
        }),
        M::Rebalance { market: market() },
        M::Deleverage { market: market() },
        M::Mark { market: market() },
        M::Govern(G::SetParams {
            params: default_params(),
        }),
        M::Govern(G::TightenParams {
            params: default_params(),
        }),
        M::Govern(G::SetMarket {
            config: config.clone(),
        }),
        M::Govern(G::TightenMarket { config }),
        M::Govern(G::SetPaused { paused: true }),
        M::Govern(G::SetRoles {
            manager: Some(s.manager.to_string()),
            fee_recipient: None,
        }),
        M::Govern(G::SetSignalSource {
            address: s.keeper.to_string(),
            allowed: true,
        }),
        M::AccrueFees {},
    ]
}

fn vault_queries(s: &Suite) -> Vec<vault::QueryMsg> {
    use vault::QueryMsg as Q;
    vec![
        Q::Config {},
        Q::State {},
        Q::Market {
            market: s.market.clone(),
        },
        Q::PreviewOrder(order(Side::Short, 1_000_000_000)),
        Q::Holder {
            address: s.alice.to_string(),
        },
        Q::PreviewDeposit {
            amount: Uint128::new(1_000_000),
        },
        Q::PreviewRedeem {
            amount: Uint128::new(1_000_000),
        },
        Q::VaultStandardInfo {},
        Q::Info {},
        Q::TotalAssets {},
        Q::TotalVaultTokenSupply {},
        Q::ConvertToShares {
            amount: Uint128::new(1_000_000),
        },
        Q::ConvertToAssets {
            amount: Uint128::new(1_000_000),
        },
    ]
}

fn governor_executes(s: &Suite) -> Vec<governor::ExecuteMsg> {
    use governor::ExecuteMsg as M;
    let market = || s.market.clone();
    let config = market_config(&s.market, &s.feed);
    vec![
        M::ProposeParams {
            params: default_params(),
        },
        M::ApplyParams {},
        M::CancelParams {},
        M::ProposeMarket {
            config: config.clone(),
        },
        M::ApplyMarket { market: market() },
        M::CancelMarket { market: market() },
        M::Tighten {
            params: default_params(),
        },
        M::TightenMarket { config },
        M::Pause {},
        M::Unpause {},
        M::TransferOwnership {
            new_owner: s.bob.to_string(),
        },
        M::AcceptOwnership {},
        M::SetRoles {
            manager: Some(s.manager.to_string()),
            guardian: None,
            fee_recipient: Some(s.fee_recipient.to_string()),
        },
        M::SetSignalSource {
            address: s.keeper.to_string(),
            allowed: true,
        },
        M::SetVault {
            vault: s.vault.to_string(),
        },
    ]
}

fn governor_queries(s: &Suite) -> Vec<governor::QueryMsg> {
    use governor::QueryMsg as Q;
    vec![
        Q::Config {},
        Q::PendingParams {},
        Q::PendingMarket {
            market: s.market.clone(),
        },
    ]
}

fn perp_executes(s: &Suite) -> Vec<perp::ExecuteMsg> {
    use perp::ExecuteMsg as M;
    vec![
        M::AddMarket {
            market: "ETH-PERP".to_string(),
            params: default_venue(&s.feed),
        },
        M::DepositLiquidity {},
        M::WithdrawLiquidity {
            shares: Uint128::new(1_000),
        },
        M::Trade {
            market: s.market.clone(),
            side: Side::Short,
            notional: Uint128::new(1_000_000_000),
            reduce_only: false,
        },
        M::AddMargin {
            market: s.market.clone(),
        },
        M::Liquidate {
            trader: s.vault.to_string(),
            market: s.market.clone(),
        },
    ]
}

fn perp_queries(s: &Suite) -> Vec<perp::QueryMsg> {
    use perp::QueryMsg as Q;
    vec![
        Q::Config {},
        Q::Market {
            market: s.market.clone(),
        },
        Q::Position {
            trader: s.vault.to_string(),
            market: s.market.clone(),
            at_price: None,
        },
        Q::Quote {
            market: s.market.clone(),
            side: Side::Long,
            notional: Uint128::new(1_000_000_000),
        },
        Q::Pool {},
        Q::LpShares {
            address: s.lp.to_string(),
        },
    ]
}

fn oracle_executes(s: &Suite) -> Vec<oracle::ExecuteMsg> {
    use oracle::ExecuteMsg as M;
    let update = PriceUpdate {
        id: s.feed.clone(),
        price: Int64::new(s.price),
        conf: Uint64::new(1_000),
        expo: -8,
        publish_time: i64::try_from(s.now()).expect("time fits"),
    };
    vec![
        M::UpdatePriceFeeds {
            feeds: vec![update],
        },
        M::AddPublisher {
            address: s.bob.to_string(),
        },
        M::RemovePublisher {
            address: s.bob.to_string(),
        },
    ]
}

fn oracle_queries(s: &Suite) -> Vec<oracle::QueryMsg> {
    vec![
        oracle::QueryMsg::PriceFeed { id: s.feed.clone() },
        oracle::QueryMsg::Config {},
    ]
}

/// The four contracts of `suite` with their seeds.
pub fn targets(s: &Suite) -> [Target; 4] {
    [
        Target {
            name: "vault",
            contract: s.vault.clone(),
            executes: json(vault_executes(s)),
            queries: json(vault_queries(s)),
        },
        Target {
            name: "perp",
            contract: s.perp.clone(),
            executes: json(perp_executes(s)),
            queries: json(perp_queries(s)),
        },
        Target {
            name: "governor",
            contract: s.governor.clone(),
            executes: json(governor_executes(s)),
            queries: json(governor_queries(s)),
        },
        Target {
            name: "oracle",
            contract: s.oracle.clone(),
            executes: json(oracle_executes(s)),
            queries: json(oracle_queries(s)),
        },
    ]
}
