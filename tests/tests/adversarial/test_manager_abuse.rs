//! A manager who wants more than the caps give, or the vault's money elsewhere: many small orders,
//! flips, a thin market, and every message that might move funds.

use ballast_governor::error::ContractError as GovernorError;
use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{
    MARKET, Suite, SuiteBuilder, attr, default_venue, feed_and_market, order,
};
use ballast_types::Side;
use ballast_types::governor;
use ballast_types::perp;
use ballast_types::vault::{ExecuteMsg, OrderRequest};
use ballast_vault::error::ContractError;
use cosmwasm_std::{Decimal256, Uint128, from_json};
use cw_multi_test::{AppResponse, Executor};

use crate::{assert_decision, assert_parse_error, executed, position_cap};

/// The tightest position cap for an order on `side` now.
fn cap(suite: &Suite, side: Side) -> u128 {
    let preview = suite.query_preview(order(side, 1)).unwrap();
    position_cap(&preview).expect("bounded").u128()
}

#[test]
fn many_small_orders_never_pass_the_caps() {
    let mut suite = SuiteBuilder::new().build();
    let limit = cap(&suite, Side::Long);
    let slice = limit / 40;
    let mut rejected = 0;
    for _ in 0..50 {
        let res = suite.submit(order(Side::Long, slice)).unwrap();
        if attr(&res, "decision").as_deref() == Some("rejected") {
            rejected += 1;
        }
        let notional = suite.query_position().unwrap().notional.u128();
        assert!(notional <= limit + 1, "{notional} > {limit}");
    }
    assert!(rejected >= 9, "only {rejected} orders refused");
}

#[test]
fn a_flip_opens_no_more_than_the_cap_on_the_other_side() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, u128::MAX)).unwrap();
    let long = suite.query_position().unwrap().notional.u128();
    let short_cap = cap(&suite, Side::Short);
    let res = suite.submit(order(Side::Short, 10 * long)).unwrap();
    assert!(executed(&res) <= long + short_cap);
    let position = suite.query_position().unwrap();
    assert_eq!(position.side, Some(Side::Short));
    assert!(position.notional.u128() <= short_cap + 1);
}

#[test]
fn a_flip_by_less_than_the_minimum_order_closes_instead_of_leaving_dust() {
    // Regression: selling a long's notional plus one unit closed it and opened a short of one unit,
    // whose notional rounds to nothing and which kept all of the long's margin. A reduce-only order
    // found nothing to reduce, so while paused that margin could not come back.
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
    let open = suite.query_position().unwrap().notional.u128();
    let res = suite.submit(order(Side::Short, open + 1)).unwrap();
    assert_decision(&res, "scaled", "min_order");
    assert_eq!(executed(&res), open);
    let position = suite.query_position().unwrap();
    assert!(
        position.side.is_none() && position.margin.is_zero(),
        "{position:?}"
    );
}

/// The impact the perp market charged on the vault's trade in `res`.
fn impact(res: &AppResponse) -> Decimal256 {
    res.events
        .iter()
        .filter(|e| e.ty == "wasm")
        .flat_map(|e| e.attributes.iter())
        .find(|a| a.key == "impact")
        .map(|a| a.value.parse().unwrap())
        .expect("a trade")
}

#[test]
fn in_a_thin_market_no_fill_pays_more_than_the_slippage_limit() {
    // 10M depth: 1% slippage allows 100k per order.
    let mut suite = SuiteBuilder::new()
        .venue(|v| v.depth = Uint128::new(10_000_000_000_000))
        .build();
    let limit = cap(&suite, Side::Long);
    for _ in 0..15 {
        let res = suite.submit(order(Side::Long, u128::MAX)).unwrap();
        if executed(&res) == 0 {
            break;
        }
        assert!(impact(&res) <= Decimal256::percent(1), "{}", impact(&res));
    }
    let notional = suite.query_position().unwrap().notional.u128();
    assert!(notional <= limit + 1, "{notional} > {limit}");
}

#[test]
fn the_manager_cannot_move_funds_anywhere_but_the_perp_market() {
    let mut suite = SuiteBuilder::new().build();
    let (manager, vault) = (suite.manager.clone(), suite.vault.clone());
    let vault_balance = suite.balance(&vault);
    let owner_only = GovernorError::Unauthorized { role: "owner" };
    let manager_str = manager.to_string();
    for msg in [
        governor::ExecuteMsg::SetRoles {
            manager: None,
            guardian: None,
            fee_recipient: Some(manager_str.clone()),
        },
        governor::ExecuteMsg::TransferOwnership {
            new_owner: manager_str.clone(),
        },
        governor::ExecuteMsg::ProposeMarket {
            config: feed_and_market("ETH-PERP", 0xe7).1,
        },
    ] {
        assert_err(suite.govern(&manager, msg), &owner_only);
    }
    assert_err(
        suite.govern(&manager, governor::ExecuteMsg::AcceptOwnership {}),
        GovernorError::Unauthorized {
            role: "pending owner",
        },
    );
    // Shares are a bank denom: the manager holds none to attach.
    assert!(suite.redeem(&manager, 1).is_err());
    // A market the perp market lists but the vault does not.
    let (feed, _) = feed_and_market("ETH-PERP", 0xe7);
    let add = perp::ExecuteMsg::AddMarket {
        market: "ETH-PERP".to_string(),
        params: default_venue(&feed),
    };
    let (owner, perp_addr) = (suite.owner.clone(), suite.perp.clone());
    suite
        .app
        .execute_contract(owner, perp_addr, &add, &[])
        .unwrap();
    let elsewhere = OrderRequest {
        market: "ETH-PERP".to_string(),
        ..order(Side::Long, 100_000_000_000)
    };
    assert_err(
        suite.submit(elsewhere),
        ContractError::UnknownMarket {
            market: "ETH-PERP".to_string(),
        },
    );
    // A destination smuggled into an order is an unknown field.
    let smuggled = format!(
        r#"{{"submit_order":{{"market":"{MARKET}","side":"long","size":"1000000000","reduce_only":false,"signal":null,"recipient":"{manager}"}}}}"#
    );
    let expected = from_json::<ExecuteMsg>(smuggled.as_bytes()).unwrap_err();
    assert_parse_error(
        suite.execute_raw(&manager, &vault, smuggled.as_bytes(), &[]),
        &expected,
        smuggled.as_bytes(),
    );
    assert_eq!(suite.balance(&vault), vault_balance);
    assert_eq!(suite.balance(&manager), 0);
    // What the manager can do moves the vault's funds to the perp market only.
    let perp_balance = suite.balance(&suite.perp.clone());
    suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
    let sent = vault_balance - suite.balance(&vault);
    assert!(sent > 0);
    assert_eq!(suite.balance(&suite.perp.clone()) - perp_balance, sent);
    assert_eq!(suite.balance(&manager), 0);
}
