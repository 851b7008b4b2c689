//! What a strategy contract (a client of the vault, `ballast-strategies`) sends the vault and reads of
//! it: the subset of `ExecuteMsg` it sends, with the same JSON, and views of the vault's `Config` and
//! `Market` replies with only the fields it reads (unknown fields are skipped), so a strategy's build
//! carries no (de)serialiser for the vault's other messages, parameters and venues.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Uint128};
use serde::Deserialize;

use super::OrderRequest;
use crate::pyth::PriceIdentifier;

/// The vault's execute messages a strategy sends; each serialises exactly as the `ExecuteMsg`
/// variant of the same name.
#[cw_serde]
pub enum StrategyMsg {
    /// `ExecuteMsg::SubmitOrder`.
    SubmitOrder(OrderRequest),
    /// `ExecuteMsg::SetHedged`.
    SetHedged {
        /// Market id.
        market: String,
        /// True to mark, false to release.
        hedged: bool,
    },
}

/// The fields of the vault's `ConfigResponse` a strategy reads.
#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct ConfigView {
    /// The vault's manager, who manages its strategies.
    pub manager: Addr,
    /// The oracle contract the vault prices with.
    pub oracle: Addr,
    /// The parameters a strategy reads.
    pub params: ParamsView,
}

/// The fields of `VaultParams` a strategy reads.
#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct ParamsView {
    /// Smallest order the pipeline executes, base units.
    pub min_order: Uint128,
}

/// The fields of the vault's `MarketResponse` a strategy reads.
#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct MarketView {
    /// The market's configuration, as far as read.
    pub config: MarketConfigView,
}

/// The fields of `MarketConfig` a strategy reads.
#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct MarketConfigView {
    /// The oracle feed the vault prices the market with.
    pub feed_id: PriceIdentifier,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Side;
    use crate::vault::ExecuteMsg;
    use cosmwasm_std::to_json_string;

    #[test]
    fn a_strategy_message_serialises_as_the_vaults_execute_message() {
        let request = OrderRequest {
            market: "m".into(),
            side: Side::Short,
            size: Uint128::new(7),
            reduce_only: true,
            signal: None,
        };
        assert_eq!(
            to_json_string(&StrategyMsg::SubmitOrder(request.clone())).unwrap(),
            to_json_string(&ExecuteMsg::SubmitOrder(request)).unwrap()
        );
        let (market, hedged) = ("m".to_string(), true);
        assert_eq!(
            to_json_string(&StrategyMsg::SetHedged {
                market: market.clone(),
                hedged
            })
            .unwrap(),
            to_json_string(&ExecuteMsg::SetHedged { market, hedged }).unwrap()
        );
    }
}
