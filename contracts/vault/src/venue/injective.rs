//! The vault's position on an Injective derivative market, read from the exchange module through the
//! chain's custom queries (route `exchange`, chain units; see `ballast_types::venue::injective`).
//!
//! The market comes first: its mark price values the position, and its presence makes an empty
//! position answer mean flat (the chain's query plugin answers an empty response when its query
//! fails, e.g. for an unknown market). Then the position (side, quantity, margin) and, only when
//! there is one, its effective margin, which the exchange computes with PnL and funding at the same
//! mark price.

use cosmwasm_std::{Deps, QuerierWrapper, QueryRequest, StdError};
use serde::de::DeserializeOwned;

use ballast_types::perp::PositionSummary;
use ballast_types::venue::InjectiveVenue;
use ballast_types::venue::injective::{
    DerivativeMarketResponse, EffectivePositionResponse, InjectiveQuery, InjectiveQueryWrapper,
    PositionResponse, summary,
};

use crate::error::ContractResult;

fn ask<T: DeserializeOwned>(deps: Deps, query: InjectiveQuery) -> ContractResult<T> {
    // The vault's `Deps` stay free of the custom query type: the wrapper is built over the same
    // querier for these queries only.
    let querier = QuerierWrapper::<InjectiveQueryWrapper>::new(&*deps.querier);
    Ok(
        querier.query(&QueryRequest::Custom(InjectiveQueryWrapper::exchange(
            query,
        )))?,
    )
}

/// The vault's position on the market, as the exchange holds and values it now.
pub fn position(deps: Deps, v: &InjectiveVenue) -> ContractResult<PositionSummary> {
    let market: DerivativeMarketResponse = ask(
        deps,
        InjectiveQuery::DerivativeMarket {
            market_id: v.market_id.clone(),
        },
    )?;
    let mark_price = market
        .market
        .ok_or_else(|| StdError::msg(format!("injective has no market {}", v.market_id)))?
        .mark_price;
    let held: PositionResponse = ask(
        deps,
        InjectiveQuery::SubaccountPositionInMarket {
            market_id: v.market_id.clone(),
            subaccount_id: v.subaccount_id.clone(),
        },
    )?;
    let Some(held) = held.state else {
        return Ok(PositionSummary {
            side: None,
            notional: Default::default(),
            margin: Default::default(),
            unrealized_pnl: Default::default(),
            paid_out: Default::default(),
        });
    };
    let effective: EffectivePositionResponse = ask(
        deps,
        InjectiveQuery::SubaccountEffectivePositionInMarket {
            market_id: v.market_id.clone(),
            subaccount_id: v.subaccount_id.clone(),
        },
    )?;
    let effective = effective.state.ok_or_else(|| {
        StdError::msg(format!(
            "injective gave a position without an effective margin in {}",
            v.market_id
        ))
    })?;
    Ok(summary(&held, &effective, mark_price)?)
}
