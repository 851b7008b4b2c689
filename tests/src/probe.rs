//! Looking at the world from outside the typed harness: raw message bytes for any contract (fuzzing,
//! malformed input), the vault's share ledger straight from its storage (no query lists every holder,
//! and `Holder` refuses while a mark is stale), prices with any exponent, and the oracle's and the
//! perp market's settings.

use cosmwasm_std::{
    Addr, Binary, Coin, ContractResult, Int64, QueryRequest, StdError, StdResult, SystemResult,
    Uint64, Uint128, WasmMsg, WasmQuery, to_json_vec,
};
use cw_multi_test::{AppResponse, Executor};

use ballast_types::governor::{self, PendingMarketResponse};
use ballast_types::oracle::PriceUpdate;
use ballast_types::pyth::{PriceFeedResponse, PythPrice};
use ballast_types::{oracle, perp};

use crate::suite::Suite;

/// The share denom's supply as the bank counts it, and as the vault records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareLedger {
    /// The bank's supply of the share denom: every holder's balance.
    pub minted: Uint128,
    /// The `TOTAL_SHARES` item.
    pub supply: Uint128,
}

/// The storage key of `key` in a `cw_storage_plus` map (or of an item, with an empty namespace).
pub fn map_key(namespace: &[u8], key: &[u8]) -> Vec<u8> {
    if namespace.is_empty() {
        return key.to_vec();
    }
    let len = u16::try_from(namespace.len()).unwrap_or(u16::MAX);
    [&len.to_be_bytes()[..], namespace, key].concat()
}

impl ShareLedger {
    /// Sum of every holder's balance.
    pub fn sum(&self) -> Option<Uint128> {
        Some(self.minted)
    }
}

impl Suite {
    /// Sends `msg` as it is, bytes included, to `contract` from `sender`.
    pub fn execute_raw(
        &mut self,
        sender: &Addr,
        contract: &Addr,
        msg: &[u8],
        funds: &[Coin],
    ) -> StdResult<AppResponse> {
        let wasm = WasmMsg::Execute {
            contract_addr: contract.to_string(),
            msg: Binary::from(msg),
            funds: funds.to_vec(),
        };
        self.app.execute(sender.clone(), wasm.into())
    }

    /// A smart query of `contract` with `msg` as it is; the reply's bytes, or the error as text.
    pub fn query_raw(&self, contract: &Addr, msg: &[u8]) -> StdResult<Binary> {
        let request: QueryRequest = QueryRequest::Wasm(WasmQuery::Smart {
            contract_addr: contract.to_string(),
            msg: Binary::from(msg),
        });
        match self.app.wrap().raw_query(&to_json_vec(&request)?) {
            SystemResult::Ok(ContractResult::Ok(bytes)) => Ok(bytes),
            SystemResult::Ok(ContractResult::Err(error)) => Err(StdError::msg(error)),
            SystemResult::Err(error) => Err(StdError::msg(error.to_string())),
        }
    }

    /// Every key and value in a contract's storage, in key order.
    pub fn storage_of(&self, contract: &Addr) -> Vec<(Vec<u8>, Vec<u8>)> {
        self.app.dump_wasm_raw(contract)
    }

    /// The vault's records under `keys` (see [`map_key`]), None where absent: equal bytes from one
    /// moment to the next mean that nothing under those keys changed.
    pub fn vault_records(&self, keys: &[Vec<u8>]) -> Vec<Option<Vec<u8>>> {
        let storage = self.app.contract_storage(&self.vault);
        keys.iter().map(|k| storage.get(k)).collect()
    }

    /// The governor's raw records under `keys` (None where absent).
    pub fn governor_records(&self, keys: &[Vec<u8>]) -> Vec<Option<Vec<u8>>> {
        let storage = self.app.contract_storage(&self.governor);
        keys.iter().map(|k| storage.get(k)).collect()
    }

    /// The share denom's supply at the bank and in the vault's storage.
    pub fn share_ledger(&self) -> StdResult<ShareLedger> {
        let minted = self.app.wrap().query_supply(self.share_denom())?.amount;
        let storage = self.app.contract_storage(&self.vault);
        Ok(ShareLedger {
            minted: Uint128::try_from(minted)?,
            supply: ballast_vault::state::TOTAL_SHARES.load(storage.as_ref())?,
        })
    }

    /// `holder`'s shares: its balance of the share denom (the `Holder` query refuses while a mark
    /// is stale).
    pub fn stored_shares(&self, holder: &Addr) -> StdResult<Uint128> {
        let held = self.app.wrap().query_balance(holder, self.share_denom())?;
        Ok(Uint128::try_from(held.amount)?)
    }

    /// Publishes `price * 10^expo` for the first market's feed, any exponent.
    pub fn publish_exponent(
        &mut self,
        price: i64,
        conf: u64,
        expo: i32,
        publish_time: i64,
    ) -> StdResult<AppResponse> {
        let update = PriceUpdate {
            id: self.feed.clone(),
            price: Int64::new(price),
            conf: Uint64::new(conf),
            expo,
            publish_time,
        };
        let msg = oracle::ExecuteMsg::UpdatePriceFeeds {
            feeds: vec![update],
        };
        let (publisher, oracle) = (self.publisher.clone(), self.oracle.clone());
        self.app.execute_contract(publisher, oracle, &msg, &[])
    }

    /// The oracle's current price of the first market's feed.
    pub fn query_oracle_price(&self) -> StdResult<PythPrice> {
        let msg = oracle::QueryMsg::PriceFeed {
            id: self.feed.clone(),
        };
        let response: PriceFeedResponse = self.app.wrap().query_wasm_smart(&self.oracle, &msg)?;
        Ok(response.price_feed.price)
    }

    /// The perp market's configuration (its own oracle age limit).
    pub fn query_perp_config(&self) -> StdResult<perp::ConfigResponse> {
        self.app
            .wrap()
            .query_wasm_smart(&self.perp, &perp::QueryMsg::Config {})
    }

    /// The `pending_market` query for the first market.
    pub fn query_pending_market(&self) -> StdResult<Option<PendingMarketResponse>> {
        let msg = governor::QueryMsg::PendingMarket {
            market: self.market.clone(),
        };
        self.app.wrap().query_wasm_smart(&self.governor, &msg)
    }
}
