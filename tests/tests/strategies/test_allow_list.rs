//! The vault's allow-list of strategies: only the manager and allow-listed strategy contracts send
//! orders, a strategy's order meets every cap the manager's meets, removing a strategy stops it at
//! once, and a market a strategy hedges is closed to a keeper's `Rebalance` while it holds it.

use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{DAY, MARKET, Suite, SuiteBuilder, attr, grid_plan, order};
use ballast_types::Side;
use ballast_types::strategies::HedgeLeg;
use ballast_types::vault::{Decision, Reason};
use ballast_vault::error::ContractError as VaultError;
use cosmwasm_std::Uint128;

use crate::{assert_decision, executed};

/// 100,000 USDC per level.
const SIZE: u128 = 100_000_000_000;
/// BTC at 59,000 as an oracle mantissa.
const PRICE_59K: i64 = 5_900_000_000_000;

fn not_a_sender() -> VaultError {
    VaultError::Unauthorized {
        role: "manager or strategy",
    }
}

/// A long grid whose three levels (59,500 down to 57,500) a move to 59,000 crosses the top one of.
fn long_grid(suite: &mut Suite) -> u64 {
    let expiry = suite.now() + 7 * DAY;
    let plan = grid_plan(Side::Long, &["57500", "58500", "59500"], SIZE, expiry);
    let res = suite.register_grid(plan).unwrap();
    attr(&res, "grid_id").unwrap().parse().unwrap()
}

fn spot(size: &str) -> HedgeLeg {
    HedgeLeg::Spot {
        size: size.parse().unwrap(),
    }
}

#[test]
fn the_builder_allow_lists_the_strategies_contract() {
    let suite = SuiteBuilder::new().warm_up(0).build();
    assert!(suite.query_strategy(&suite.strategies).unwrap());
    assert!(!suite.query_strategy(&suite.keeper).unwrap());
}

#[test]
fn a_user_who_is_not_the_manager_cannot_submit_an_order() {
    let mut suite = SuiteBuilder::new().build();
    for sender in [
        suite.keeper.clone(),
        suite.owner.clone(),
        suite.alice.clone(),
    ] {
        assert_err(
            suite.submit_as(&sender, order(Side::Long, SIZE)),
            not_a_sender(),
        );
    }
    assert!(suite.query_position().unwrap().side.is_none());
}

#[test]
fn a_strategy_contract_not_allow_listed_cannot_submit_an_order() {
    let mut suite = SuiteBuilder::new().build();
    // A second strategies contract on the same vault, never allow-listed.
    suite.strategies = suite.deploy_strategies();
    let id = long_grid(&mut suite);
    suite.next_day(PRICE_59K).unwrap();
    assert_err(suite.execute_grid_level(id, 2), not_a_sender());
    assert!(!suite.query_grid(id).unwrap().levels[2].filled);
    assert!(suite.query_position().unwrap().side.is_none());
}

#[test]
fn only_the_owner_changes_the_allow_list() {
    let mut suite = SuiteBuilder::new().warm_up(0).build();
    let strategies = suite.strategies.clone();
    for sender in [
        suite.manager.clone(),
        suite.guardian.clone(),
        strategies.clone(),
    ] {
        assert_err(
            suite.set_strategy(&sender, &strategies, false),
            VaultError::Unauthorized { role: "owner" },
        );
    }
    assert!(suite.query_strategy(&strategies).unwrap());
}

#[test]
fn a_strategy_order_is_scaled_by_the_same_cap_as_the_managers() {
    let limit = 60_000_000_000;
    let mut suite = SuiteBuilder::new()
        .market(|m| m.max_notional = Uint128::new(limit))
        .build();
    let id = long_grid(&mut suite);
    suite.next_day(PRICE_59K).unwrap();
    // What the manager's order of the same size would get now.
    let preview = suite.query_preview(order(Side::Long, SIZE)).unwrap();
    assert_eq!(
        (preview.decision, preview.reason, preview.executed),
        (
            Decision::Scaled,
            Reason::MarketNotional,
            Uint128::new(limit)
        )
    );
    let res = suite.execute_grid_level(id, 2).unwrap();
    assert_decision(&res, "scaled", "market_notional");
    assert_eq!(executed(&res), preview.executed.u128());
    assert_eq!(suite.query_grid(id).unwrap().executed, preview.executed);
}

#[test]
fn a_strategy_order_is_rejected_by_the_same_cap_as_the_managers() {
    let limit = 60_000_000_000;
    let mut suite = SuiteBuilder::new()
        .market(|m| m.max_notional = Uint128::new(limit))
        .build();
    let id = long_grid(&mut suite);
    suite.next_day(PRICE_59K).unwrap();
    // The manager fills the market to its limit: the manager's next order and the grid's are refused
    // alike.
    suite.submit(order(Side::Long, limit)).unwrap();
    let manager = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&manager, "rejected", "market_notional");
    let res = suite.execute_grid_level(id, 2).unwrap();
    assert_decision(&res, "rejected", "market_notional");
    assert_eq!(attr(&res, "filled").as_deref(), Some("false"));
    assert!(!suite.query_grid(id).unwrap().levels[2].filled);
}

#[test]
fn removing_a_strategy_stops_its_fills_and_hedges() {
    let mut suite = SuiteBuilder::new().build();
    let id = long_grid(&mut suite);
    let manager = suite.manager.clone();
    suite.set_hedge(&manager, spot("10000"), "1").unwrap();
    suite.next_day(PRICE_59K).unwrap();
    let (owner, strategies) = (suite.owner.clone(), suite.strategies.clone());
    suite.set_strategy(&owner, &strategies, false).unwrap();
    assert!(!suite.query_strategy(&strategies).unwrap());
    assert_err(suite.execute_grid_level(id, 2), not_a_sender());
    assert_err(suite.hedge(), not_a_sender());
    assert!(!suite.query_grid(id).unwrap().levels[2].filled);
    assert!(suite.query_position().unwrap().side.is_none());
    // Allowed again, the same level fills.
    suite.set_strategy(&owner, &strategies, true).unwrap();
    let res = suite.execute_grid_level(id, 2).unwrap();
    assert_decision(&res, "accepted", "none");
    assert_eq!(executed(&res), SIZE);
}

#[test]
fn a_removed_strategy_cannot_set_a_hedge() {
    let mut suite = SuiteBuilder::new().build();
    let (owner, manager, strategies) = (
        suite.owner.clone(),
        suite.manager.clone(),
        suite.strategies.clone(),
    );
    suite.set_strategy(&owner, &strategies, false).unwrap();
    assert_err(
        suite.set_hedge(&manager, spot("10000"), "1"),
        VaultError::Unauthorized { role: "strategy" },
    );
}

#[test]
fn only_a_strategy_marks_a_market_hedged() {
    let mut suite = SuiteBuilder::new().warm_up(0).build();
    let manager = suite.manager.clone();
    assert_err(
        suite.set_hedged(&manager, true),
        VaultError::Unauthorized { role: "strategy" },
    );
}

/// A keeper's `Rebalance` runs (is not refused with `HedgedMarket`); without a signal it at most cuts
/// the position back to its caps.
fn assert_rebalance_runs(suite: &mut Suite) {
    let res = suite.rebalance().unwrap();
    assert_eq!(attr(&res, "action").as_deref(), Some("rebalance"));
}

#[test]
fn a_cleared_hedge_opens_the_market_to_rebalance_again() {
    let mut suite = SuiteBuilder::new().build();
    let manager = suite.manager.clone();
    suite.set_hedge(&manager, spot("10000"), "1").unwrap();
    suite.hedge().unwrap();
    let hedged = VaultError::HedgedMarket {
        market: MARKET.to_string(),
    };
    assert_err(suite.rebalance(), hedged);
    suite.clear_hedge(&manager).unwrap();
    assert_rebalance_runs(&mut suite);
}

#[test]
fn removing_the_hedging_strategy_opens_the_market_to_rebalance() {
    let mut suite = SuiteBuilder::new().build();
    let manager = suite.manager.clone();
    suite.set_hedge(&manager, spot("10000"), "1").unwrap();
    suite.hedge().unwrap();
    let (owner, strategies) = (suite.owner.clone(), suite.strategies.clone());
    suite.set_strategy(&owner, &strategies, false).unwrap();
    // The hedge can no longer trade, so nothing holds the market against the keeper.
    assert_rebalance_runs(&mut suite);
    // Allowed again, its mark is back in force.
    suite.set_strategy(&owner, &strategies, true).unwrap();
    assert_err(
        suite.rebalance(),
        VaultError::HedgedMarket {
            market: MARKET.to_string(),
        },
    );
}

#[test]
fn another_strategy_cannot_release_a_hedged_market() {
    let mut suite = SuiteBuilder::new().build();
    let manager = suite.manager.clone();
    suite.set_hedge(&manager, spot("10000"), "1").unwrap();
    let (owner, other) = (suite.owner.clone(), suite.keeper.clone());
    // The keeper's address stands for a second allow-listed strategy.
    suite.set_strategy(&owner, &other, true).unwrap();
    assert_err(
        suite.set_hedged(&other, false),
        VaultError::Unauthorized {
            role: "strategy that hedged the market",
        },
    );
    assert_err(
        suite.rebalance(),
        VaultError::HedgedMarket {
            market: MARKET.to_string(),
        },
    );
}

#[test]
fn the_vault_position_query_marks_the_position_now() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, SIZE)).unwrap();
    let stored = suite.query_market().unwrap().mark;
    let up = suite.price * 102 / 100;
    suite.advance(60);
    suite.publish(up).unwrap();
    let now = suite.query_vault_position().unwrap();
    assert_eq!(now.side, Some(Side::Long));
    // Marked at the new price, not the stored mark's.
    assert!(now.notional > stored.notional, "{now:?} vs {stored:?}");
    assert_eq!(now.notional, suite.query_position().unwrap().notional);
}
