//! Harness for `ballast-oracle`.

use cosmwasm_std::{Addr, Empty, Int64, StdResult, Uint64};
use cw_multi_test::{App, AppResponse, Contract, ContractWrapper, Executor};

use ballast_types::oracle::{ConfigResponse, ExecuteMsg, InstantiateMsg, PriceUpdate, QueryMsg};
use ballast_types::pyth::{PriceFeedResponse, PriceIdentifier};

/// The oracle's code for multi-test (noting its errors' ids, [`crate::errors`]).
pub fn oracle_code() -> Box<dyn Contract<Empty>> {
    use crate::errors::oracle;
    Box::new(
        ContractWrapper::new(oracle::execute, oracle::instantiate, oracle::query)
            .with_migrate(oracle::migrate),
    )
}

/// A feed id made of one repeated byte, e.g. `feed_id(0xb7)` = "b7b7..b7".
pub fn feed_id(byte: u8) -> PriceIdentifier {
    PriceIdentifier(format!("{byte:02x}").repeat(32))
}

/// A price update `price * 10^expo` with confidence `conf * 10^expo`.
pub fn price_update(
    id: &PriceIdentifier,
    price: i64,
    conf: u64,
    expo: i32,
    publish_time: i64,
) -> PriceUpdate {
    PriceUpdate {
        id: id.clone(),
        price: Int64::new(price),
        conf: Uint64::new(conf),
        expo,
        publish_time,
    }
}

/// A deployed oracle.
pub struct Oracle {
    /// Its address.
    pub addr: Addr,
}

impl Oracle {
    /// Stores the code and instantiates it with `owner` and `publishers`.
    pub fn instantiate(app: &mut App, owner: &Addr, publishers: &[&Addr]) -> StdResult<Self> {
        let code_id = app.store_code(oracle_code());
        let msg = InstantiateMsg {
            owner: owner.to_string(),
            publishers: publishers.iter().map(|p| p.to_string()).collect(),
        };
        let addr = app.instantiate_contract(
            code_id,
            owner.clone(),
            &msg,
            &[],
            "oracle",
            Some(owner.to_string()),
        )?;
        Ok(Self { addr })
    }

    /// `UpdatePriceFeeds` from `sender`.
    pub fn update(
        &self,
        app: &mut App,
        sender: &Addr,
        feeds: Vec<PriceUpdate>,
    ) -> StdResult<AppResponse> {
        app.execute_contract(
            sender.clone(),
            self.addr.clone(),
            &ExecuteMsg::UpdatePriceFeeds { feeds },
            &[],
        )
    }

    /// `AddPublisher` from `sender`.
    pub fn add_publisher(
        &self,
        app: &mut App,
        sender: &Addr,
        address: &Addr,
    ) -> StdResult<AppResponse> {
        let msg = ExecuteMsg::AddPublisher {
            address: address.to_string(),
        };
        app.execute_contract(sender.clone(), self.addr.clone(), &msg, &[])
    }

    /// `RemovePublisher` from `sender`.
    pub fn remove_publisher(
        &self,
        app: &mut App,
        sender: &Addr,
        address: &Addr,
    ) -> StdResult<AppResponse> {
        let msg = ExecuteMsg::RemovePublisher {
            address: address.to_string(),
        };
        app.execute_contract(sender.clone(), self.addr.clone(), &msg, &[])
    }

    /// The `price_feed` query.
    pub fn query_price_feed(
        &self,
        app: &App,
        id: &PriceIdentifier,
    ) -> StdResult<PriceFeedResponse> {
        app.wrap()
            .query_wasm_smart(&self.addr, &QueryMsg::PriceFeed { id: id.clone() })
    }

    /// The `config` query.
    pub fn query_config(&self, app: &App) -> StdResult<ConfigResponse> {
        app.wrap()
            .query_wasm_smart(&self.addr, &QueryMsg::Config {})
    }
}
