//! An outsider against the strategies contract and the vault's strategy surface: a keeper filling a
//! level twice, funds attached to a strategy message, a second strategy taking over (and releasing) a
//! market another strategy hedges, and a hedge mark shielding a position over its caps from
//! `Deleverage`.

use ballast_strategies::error::ContractError;
use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{DAY, MARKET, Suite, SuiteBuilder, attr, grid_plan, order};
use ballast_types::Side;
use ballast_types::strategies::HedgeLeg;
use ballast_vault::error::ContractError as VaultError;

use crate::{assert_decision, executed};

/// 100,000 USDC per level.
const SIZE: u128 = 100_000_000_000;

fn spot(size: &str) -> HedgeLeg {
    HedgeLeg::Spot {
        size: size.parse().unwrap(),
    }
}

/// A long grid whose top level (59,500) a day's move to 59,000 crosses (marked: no breaker trip).
fn crossed_long_grid(suite: &mut Suite) -> u64 {
    let expiry = suite.now() + 7 * DAY;
    let plan = grid_plan(Side::Long, &["57500", "58500", "59500"], SIZE, expiry);
    let res = suite.register_grid(plan).unwrap();
    let grid_id = attr(&res, "grid_id").unwrap().parse().unwrap();
    suite.next_day(5_900_000_000_000).unwrap();
    grid_id
}

fn hedged() -> VaultError {
    VaultError::HedgedMarket {
        market: MARKET.to_string(),
    }
}

/// Swings of 12% a day for ten days: the volatility target falls under a position sized before.
fn spike_volatility(suite: &mut Suite) {
    for day in 0..10 {
        let price = if day % 2 == 0 {
            suite.price * 112 / 100
        } else {
            suite.price * 100 / 112
        };
        suite.next_day(price).unwrap();
    }
}

#[test]
fn a_level_cannot_fill_twice_in_one_transaction() {
    // The first fill's reply marks the level before the second message runs.
    let mut suite = SuiteBuilder::new().build();
    let grid_id = crossed_long_grid(&mut suite);
    assert_err(
        suite.execute_grid_levels(&[(grid_id, 2), (grid_id, 2)]),
        ContractError::GridLevelFilled { grid_id, level: 2 },
    );
    // The transaction failed whole: nothing traded, the level is still open.
    assert!(suite.query_position().unwrap().side.is_none());
    assert!(!suite.query_grid(grid_id).unwrap().levels[2].filled);
}

#[test]
fn funds_attached_to_a_fill_are_refused() {
    // The strategies contract has no way to pay anything out: funds sent to it would be stranded.
    let mut suite = SuiteBuilder::new().build();
    let grid_id = crossed_long_grid(&mut suite);
    assert_err(
        suite.execute_grid_level_with_funds(grid_id, 2, 1_000_000),
        ContractError::FundsNotAccepted { funds: 1 },
    );
    let strategies = suite.strategies.clone();
    assert_eq!(suite.balance(&strategies), 0);
}

#[test]
fn a_second_strategy_cannot_take_over_a_hedged_market() {
    // Attack: another allow-listed strategy marks the market the hedge holds, then releases it. The
    // market is open to a keeper's Rebalance while the first strategy's hedge still trades it, so
    // anyone can alternate Rebalance and Hedge and churn the vault's money into fees and impact (and
    // the first strategy's ClearHedge is refused: it no longer holds the mark).
    let mut suite = SuiteBuilder::new().build();
    let manager = suite.manager.clone();
    suite.set_hedge(&manager, spot("10000"), "1").unwrap();
    let (owner, other) = (suite.owner.clone(), suite.keeper.clone());
    // The keeper's address stands for a second allow-listed strategy.
    suite.set_strategy(&owner, &other, true).unwrap();
    assert_err(
        suite.set_hedged(&other, true),
        VaultError::MarketHedgedByOther {
            market: MARKET.to_string(),
            strategy: suite.strategies.to_string(),
        },
    );
    assert_err(
        suite.set_hedged(&other, false),
        VaultError::Unauthorized {
            role: "strategy that hedged the market",
        },
    );
    assert_err(suite.rebalance(), hedged());
    // The holder still releases its own mark.
    suite.clear_hedge(&manager).unwrap();
    assert_eq!(
        attr(&suite.rebalance().unwrap(), "action").as_deref(),
        Some("rebalance")
    );
}

#[test]
fn a_removed_strategys_mark_is_taken_over_by_an_allow_listed_one() {
    // Refusing a takeover must not freeze a market under a removed strategy's stale mark.
    let mut suite = SuiteBuilder::new().build();
    let manager = suite.manager.clone();
    suite.set_hedge(&manager, spot("10000"), "1").unwrap();
    let (owner, other, strategies) = (
        suite.owner.clone(),
        suite.keeper.clone(),
        suite.strategies.clone(),
    );
    suite.set_strategy(&owner, &strategies, false).unwrap();
    suite.set_strategy(&owner, &other, true).unwrap();
    suite.set_hedged(&other, true).unwrap();
    // The second strategy holds the market now.
    assert_err(suite.rebalance(), hedged());
    suite.set_hedged(&other, false).unwrap();
    assert_eq!(
        attr(&suite.rebalance().unwrap(), "action").as_deref(),
        Some("rebalance")
    );
}

#[test]
fn deleverage_cuts_a_hedged_position_over_its_caps() {
    // A hedge mark refuses the keeper's Rebalance, never Deleverage: a position over its caps is cut
    // back whoever holds the market.
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, 400_000_000_000)).unwrap();
    let manager = suite.manager.clone();
    suite.set_hedge(&manager, spot("-1"), "1").unwrap();
    spike_volatility(&mut suite);
    let before = suite.query_position().unwrap().notional;
    assert_err(suite.rebalance(), hedged());
    let res = suite.deleverage().unwrap();
    assert_decision(&res, "accepted", "none");
    assert!(executed(&res) > 0);
    assert!(suite.query_position().unwrap().notional < before);
}

#[test]
fn a_removed_strategy_still_clears_its_hedge() {
    // Governance removes the strategies contract; the manager must still be able to end its hedge (and
    // release the vault's mark), or the hedge, with its stale leg, trades again the moment the
    // contract is allowed back.
    let mut suite = SuiteBuilder::new().build();
    let manager = suite.manager.clone();
    suite.set_hedge(&manager, spot("10000"), "1").unwrap();
    let (owner, strategies) = (suite.owner.clone(), suite.strategies.clone());
    suite.set_strategy(&owner, &strategies, false).unwrap();
    suite.clear_hedge(&manager).unwrap();
    suite.set_strategy(&owner, &strategies, true).unwrap();
    assert_err(
        suite.hedge(),
        ContractError::NoHedge {
            market: MARKET.to_string(),
        },
    );
    assert_eq!(
        attr(&suite.rebalance().unwrap(), "action").as_deref(),
        Some("rebalance")
    );
}

#[test]
fn a_replaced_manager_loses_its_grids_to_the_new_manager() {
    // The grids an old manager registered outlive it (keepers still fill them): the new manager, and
    // only it, cancels them.
    let mut suite = SuiteBuilder::new().build();
    let grid_id = crossed_long_grid(&mut suite);
    let (old, new) = (suite.manager.clone(), suite.alice.clone());
    suite.replace_manager(&new).unwrap();
    let not_manager = ContractError::Unauthorized { role: "manager" };
    assert_err(suite.cancel_grid(&old, grid_id), not_manager);
    let expiry = suite.now() + DAY;
    assert_err(
        suite.register_grid_as(&old, grid_plan(Side::Long, &["1"], SIZE, expiry)),
        ContractError::Unauthorized { role: "manager" },
    );
    suite.cancel_grid(&new, grid_id).unwrap();
    assert_err(
        suite.execute_grid_level(grid_id, 2),
        ContractError::UnknownGrid {
            market: MARKET.to_string(),
            grid_id,
        },
    );
}
