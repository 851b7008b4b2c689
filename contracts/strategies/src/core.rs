//! Reading the vault (the risk core): its manager, the oracle price it uses, its position, its
//! preview of an order, and what it executed for an order this contract sent.
//!
//! Prices: the level-crossing test and the hedge's deltas use the price the vault itself reads: the
//! vault's oracle (its `Config`, read once at instantiation, as the vault never changes it) for the
//! feed the vault's `Market` names, read each time (governance may change a market's feed). This
//! contract applies no guard of its own to that price: a stale, future-dated, wide or jumping price
//! (a manipulated one included) only decides whether an order is *sent*; the order then meets the
//! vault's oracle guards and caps like the manager's, which reject it on record when the price fails
//! them (a rejected fill leaves its level open, a rejected hedge trade changes nothing). A price that
//! passes the guards passes here too: no strategy can trade at a price the vault would refuse.

use cosmwasm_std::{Addr, Deps, Event, Uint128};

use ballast_types::attributes::{ACTION, DECISION, EXECUTED};
use ballast_types::oracle;
use ballast_types::pyth::{PriceFeedResponse, PythPrice};
use ballast_types::vault::{
    ConfigView, MarkResponse, MarketView, OrderPreview, OrderRequest, QueryMsg,
};

use crate::error::{ContractError, ContractResult};

/// The vault's roles, contracts and parameters.
pub fn config(deps: Deps, vault: &Addr) -> ContractResult<ConfigView> {
    Ok(deps.querier.query_wasm_smart(vault, &QueryMsg::Config {})?)
}

/// The vault's market; `UnknownMarket` when the vault refuses the query (it knows no such market).
pub fn market(deps: Deps, vault: &Addr, market: &str) -> ContractResult<MarketView> {
    let msg = QueryMsg::Market {
        market: market.to_string(),
    };
    deps.querier
        .query_wasm_smart(vault, &msg)
        .map_err(|_| ContractError::UnknownMarket {
            market: market.to_string(),
        })
}

/// `Unauthorized` unless `sender` is the vault's manager now (a role change in the vault applies at
/// once).
pub fn assert_manager(deps: Deps, vault: &Addr, sender: &Addr) -> ContractResult<ConfigView> {
    let config = config(deps, vault)?;
    if *sender != config.manager {
        return Err(ContractError::Unauthorized { role: "manager" });
    }
    Ok(config)
}

/// The price the vault's pipeline reads for `market`: the vault's oracle (`oracle`), the feed the
/// vault's market names now.
pub fn oracle_price(
    deps: Deps,
    oracle: &Addr,
    vault: &Addr,
    market: &str,
) -> ContractResult<PythPrice> {
    let feed_id = self::market(deps, vault, market)?.config.feed_id;
    let response: PriceFeedResponse = deps
        .querier
        .query_wasm_smart(oracle, &oracle::QueryMsg::PriceFeed { id: feed_id })?;
    Ok(response.price_feed.price)
}

/// The vault's position in `market` as its venue marks it now.
pub fn position(deps: Deps, vault: &Addr, market: &str) -> ContractResult<MarkResponse> {
    let msg = QueryMsg::Position {
        market: market.to_string(),
    };
    Ok(deps.querier.query_wasm_smart(vault, &msg)?)
}

/// What the vault's pipeline would decide on `request` now.
pub fn preview(deps: Deps, vault: &Addr, request: &OrderRequest) -> ContractResult<OrderPreview> {
    let msg = QueryMsg::PreviewOrder(request.clone());
    Ok(deps.querier.query_wasm_smart(vault, &msg)?)
}

/// What the vault did with an order this contract sent, from the events of its reply: the `wasm`
/// event the vault itself emitted (`_contract_address` is set by the chain, never by a contract)
/// with `action` = `submit_order`. Returns (rejected, executed notional in base units).
pub fn order_outcome(events: &[Event], vault: &Addr) -> ContractResult<(bool, Uint128)> {
    let has = |event: &Event, key: &str, value: &str| {
        event
            .attributes
            .iter()
            .any(|a| a.key == key && a.value == value)
    };
    let value = |event: &Event, key: &str| {
        event
            .attributes
            .iter()
            .find(|a| a.key == key)
            .map(|a| a.value.clone())
    };
    let event = events
        .iter()
        .find(|e| {
            e.ty == "wasm"
                && has(e, "_contract_address", vault.as_str())
                && has(e, ACTION, "submit_order")
        })
        .ok_or(ContractError::NoOrderOutcome {})?;
    let rejected = value(event, DECISION).ok_or(ContractError::NoOrderOutcome {})? == "rejected";
    let executed = value(event, EXECUTED)
        .ok_or(ContractError::NoOrderOutcome {})?
        .parse::<Uint128>()?;
    Ok((rejected, executed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vault() -> Addr {
        Addr::unchecked("vault")
    }

    fn event(contract: &str, action: &str, decision: &str, executed: &str) -> Event {
        Event::new("wasm")
            .add_attribute("_contract_address", contract)
            .add_attribute(ACTION, action)
            .add_attribute(DECISION, decision)
            .add_attribute(EXECUTED, executed)
    }

    #[test]
    fn the_vaults_submit_order_event_is_read() {
        let events = [
            Event::new("execute").add_attribute("_contract_address", "vault"),
            event("vault", "submit_order", "scaled", "600"),
        ];
        assert_eq!(
            order_outcome(&events, &vault()).unwrap(),
            (false, Uint128::new(600))
        );
    }

    #[test]
    fn a_rejection_is_read_as_rejected() {
        let events = [event("vault", "submit_order", "rejected", "0")];
        assert_eq!(
            order_outcome(&events, &vault()).unwrap(),
            (true, Uint128::zero())
        );
    }

    #[test]
    fn another_contracts_event_is_ignored() {
        // The perp market's (or any nested contract's) attributes cannot pose as the vault's decision.
        let events = [
            event("perp", "submit_order", "accepted", "999"),
            event("vault", "submit_order", "accepted", "5"),
        ];
        assert_eq!(
            order_outcome(&events, &vault()).unwrap(),
            (false, Uint128::new(5))
        );
    }

    #[test]
    fn no_vault_event_is_an_error() {
        let events = [event("perp", "submit_order", "accepted", "999")];
        assert!(matches!(
            order_outcome(&events, &vault()),
            Err(ContractError::NoOrderOutcome {})
        ));
        let other_action = [event("vault", "mark", "accepted", "1")];
        assert!(matches!(
            order_outcome(&other_action, &vault()),
            Err(ContractError::NoOrderOutcome {})
        ));
    }
}
