//! Grid plans: the manager registers levels in the strategies contract, keepers fill crossed levels
//! as orders the strategies contract sends through the vault's pipeline.
//!
//! The warmed-up suite prices BTC a little above 60,000 (oracle expo -8). `next_day` moves the price a day
//! later and marks, so fills see a fresh price and no breaker trip.

use ballast_strategies::error::ContractError;
use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{DAY, Suite, SuiteBuilder, attr, grid_plan, order};
use ballast_types::Side;
use ballast_types::strategies::{GridError, GridPlan, MAX_GRID_LEVELS};
use cosmwasm_std::{Decimal, Decimal256, Uint128};

use crate::{assert_decision, executed};

/// 100,000 USDC per level, well under the volatility target (~1M).
const SIZE: u128 = 100_000_000_000;
/// BTC at 59,000 as an oracle mantissa.
const PRICE_59K: i64 = 5_900_000_000_000;
/// BTC at 61,000 as an oracle mantissa.
const PRICE_61K: i64 = 6_100_000_000_000;

/// A long grid at 59,500 / 58,500 / 57,500 expiring in a week; returns its id.
fn long_grid(suite: &mut Suite) -> u64 {
    let expiry = suite.now() + 7 * DAY;
    let plan = grid_plan(Side::Long, &["57500", "58500", "59500"], SIZE, expiry);
    register(suite, plan)
}

fn register(suite: &mut Suite, plan: GridPlan) -> u64 {
    let res = suite.register_grid(plan).unwrap();
    assert_eq!(attr(&res, "action").as_deref(), Some("register_grid"));
    attr(&res, "grid_id").unwrap().parse().unwrap()
}

fn malformed(suite: &mut Suite, plan: GridPlan, expected: GridError) {
    assert_err(suite.register_grid(plan), ContractError::Grid(expected));
}

fn level(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// The position's notional: the perp market marks it at the oracle price, rounding down, so it may
/// be a base unit below what the fills executed.
fn assert_notional(suite: &Suite, expected: u128) {
    let notional = suite.query_position().unwrap().notional.u128();
    assert!(
        notional <= expected && expected - notional <= 1,
        "{notional} vs {expected}"
    );
}

#[test]
fn a_registered_grid_is_queried_and_listed() {
    let mut suite = SuiteBuilder::new().build();
    let first = long_grid(&mut suite);
    let second = long_grid(&mut suite);
    assert_eq!((first, second), (1, 2));
    let grid = suite.query_grid(first).unwrap();
    assert_eq!(grid.side, Side::Long);
    assert_eq!(grid.size, Uint128::new(SIZE));
    assert_eq!(grid.levels.len(), 3);
    assert_eq!(grid.levels[2].price, level("59500"));
    assert!(grid.levels.iter().all(|l| !l.filled));
    let ids = |page: Vec<ballast_types::strategies::GridResponse>| {
        page.iter().map(|g| g.grid_id).collect::<Vec<_>>()
    };
    assert_eq!(ids(suite.query_grids(None, None).unwrap().grids), [1, 2]);
    assert_eq!(ids(suite.query_grids(None, Some(1)).unwrap().grids), [1]);
    assert_eq!(ids(suite.query_grids(Some(1), None).unwrap().grids), [2]);
}

#[test]
fn the_grids_page_is_capped() {
    let mut suite = SuiteBuilder::new().build();
    for _ in 0..35 {
        long_grid(&mut suite);
    }
    assert_eq!(suite.query_grids(None, None).unwrap().grids.len(), 10);
    assert_eq!(suite.query_grids(None, Some(100)).unwrap().grids.len(), 30);
}

#[test]
fn the_manager_cancels_a_grid() {
    let mut suite = SuiteBuilder::new().build();
    let id = long_grid(&mut suite);
    let manager = suite.manager.clone();
    let res = suite.cancel_grid(&manager, id).unwrap();
    assert_eq!(attr(&res, "action").as_deref(), Some("cancel_grid"));
    let unknown = ContractError::UnknownGrid {
        market: suite.market.clone(),
        grid_id: id,
    };
    assert_err(suite.query_grid(id), unknown);
    suite.next_day(PRICE_59K).unwrap();
    let unknown = ContractError::UnknownGrid {
        market: suite.market.clone(),
        grid_id: id,
    };
    assert_err(suite.execute_grid_level(id, 2), unknown);
}

#[test]
fn only_the_manager_registers_a_grid() {
    let mut suite = SuiteBuilder::new().build();
    let expiry = suite.now() + DAY;
    let (keeper, owner) = (suite.keeper.clone(), suite.owner.clone());
    for sender in [keeper, owner] {
        let plan = grid_plan(Side::Long, &["59000"], SIZE, expiry);
        assert_err(
            suite.register_grid_as(&sender, plan),
            ContractError::Unauthorized { role: "manager" },
        );
    }
}

#[test]
fn only_the_manager_cancels_a_grid() {
    let mut suite = SuiteBuilder::new().build();
    let id = long_grid(&mut suite);
    let keeper = suite.keeper.clone();
    assert_err(
        suite.cancel_grid(&keeper, id),
        ContractError::Unauthorized { role: "manager" },
    );
    assert_eq!(suite.query_grid(id).unwrap().grid_id, id);
}

#[test]
fn a_crossed_level_fills_and_the_position_grows_by_its_size() {
    let mut suite = SuiteBuilder::new().build();
    let id = long_grid(&mut suite);
    suite.next_day(PRICE_59K).unwrap();
    let res = suite.execute_grid_level(id, 2).unwrap();
    assert_eq!(attr(&res, "action").as_deref(), Some("execute_grid_level"));
    assert_decision(&res, "accepted", "none");
    assert_eq!(executed(&res), SIZE);
    assert_eq!(attr(&res, "filled").as_deref(), Some("true"));
    assert_eq!(attr(&res, "level_price").as_deref(), Some("59500"));
    assert_eq!(suite.query_position().unwrap().side, Some(Side::Long));
    assert_notional(&suite, SIZE);
    let grid = suite.query_grid(id).unwrap();
    assert!(grid.levels[2].filled);
    assert!(!grid.levels[1].filled);
    assert_eq!(grid.executed, Uint128::new(SIZE));
}

#[test]
fn a_level_not_yet_crossed_is_refused() {
    let mut suite = SuiteBuilder::new().build();
    let id = long_grid(&mut suite);
    suite.next_day(PRICE_59K).unwrap();
    assert_err(
        suite.execute_grid_level(id, 1),
        ContractError::GridLevelNotCrossed {
            grid_id: id,
            level: 1,
            level_price: level("58500"),
            oracle_price: Decimal256::from_ratio(59_000u32, 1u32),
            fills: "below",
        },
    );
    assert!(suite.query_position().unwrap().side.is_none());
}

#[test]
fn a_short_grid_sells_as_the_price_rises() {
    let mut suite = SuiteBuilder::new().build();
    let expiry = suite.now() + DAY * 7;
    let id = register(
        &mut suite,
        grid_plan(Side::Short, &["60500", "61500"], SIZE, expiry),
    );
    suite.next_day(PRICE_61K).unwrap();
    assert_err(
        suite.execute_grid_level(id, 1),
        ContractError::GridLevelNotCrossed {
            grid_id: id,
            level: 1,
            level_price: level("61500"),
            oracle_price: Decimal256::from_ratio(61_000u32, 1u32),
            fills: "above",
        },
    );
    let res = suite.execute_grid_level(id, 0).unwrap();
    assert_decision(&res, "accepted", "none");
    assert_eq!(suite.query_position().unwrap().side, Some(Side::Short));
    assert_notional(&suite, SIZE);
}

#[test]
fn a_level_fills_once() {
    let mut suite = SuiteBuilder::new().build();
    let id = long_grid(&mut suite);
    suite.next_day(PRICE_59K).unwrap();
    suite.execute_grid_level(id, 2).unwrap();
    assert_err(
        suite.execute_grid_level(id, 2),
        ContractError::GridLevelFilled {
            grid_id: id,
            level: 2,
        },
    );
    assert_notional(&suite, SIZE);
}

#[test]
fn a_level_past_the_last_is_out_of_range() {
    let mut suite = SuiteBuilder::new().build();
    let id = long_grid(&mut suite);
    assert_err(
        suite.execute_grid_level(id, 3),
        ContractError::GridLevelOutOfRange {
            grid_id: id,
            level: 3,
            levels: 3,
        },
    );
}

#[test]
fn a_fill_over_the_notional_limit_is_scaled_and_the_level_filled() {
    let limit = 60_000_000_000;
    let mut suite = SuiteBuilder::new()
        .market(|m| m.max_notional = Uint128::new(limit))
        .build();
    let id = long_grid(&mut suite);
    suite.next_day(PRICE_59K).unwrap();
    let res = suite.execute_grid_level(id, 2).unwrap();
    assert_decision(&res, "scaled", "market_notional");
    assert_eq!(executed(&res), limit);
    assert_eq!(attr(&res, "filled").as_deref(), Some("true"));
    assert_eq!(suite.query_grid(id).unwrap().executed, Uint128::new(limit));
    assert_notional(&suite, limit);
}

#[test]
fn a_fill_rejected_by_a_cap_leaves_the_level_open() {
    let limit = 150_000_000_000;
    let mut suite = SuiteBuilder::new()
        .market(|m| m.max_notional = Uint128::new(limit))
        .build();
    // A level at the current price is crossed at once; the manager fills the market first.
    let expiry = suite.now() + DAY;
    let here = Decimal::from_ratio(u128::try_from(suite.price).unwrap(), 100_000_000u128);
    let id = register(
        &mut suite,
        grid_plan(Side::Long, &[&here.to_string()], SIZE, expiry),
    );
    suite.submit(order(Side::Long, limit)).unwrap();
    let res = suite.execute_grid_level(id, 0).unwrap();
    assert_decision(&res, "rejected", "market_notional");
    assert_eq!(executed(&res), 0);
    assert_eq!(attr(&res, "filled").as_deref(), Some("false"));
    assert!(!suite.query_grid(id).unwrap().levels[0].filled);
    assert_notional(&suite, limit);
}

#[test]
fn the_paused_vault_refuses_opening_fills() {
    let mut suite = SuiteBuilder::new().build();
    let id = long_grid(&mut suite);
    suite.next_day(PRICE_59K).unwrap();
    let guardian = suite.guardian.clone();
    suite.pause(&guardian).unwrap();
    let res = suite.execute_grid_level(id, 2).unwrap();
    assert_decision(&res, "rejected", "paused");
    assert_eq!(attr(&res, "filled").as_deref(), Some("false"));
    assert!(!suite.query_grid(id).unwrap().levels[2].filled);
    assert!(suite.query_position().unwrap().side.is_none());
    // Once unpaused the same level fills.
    let owner = suite.owner.clone();
    suite.unpause(&owner).unwrap();
    let res = suite.execute_grid_level(id, 2).unwrap();
    assert_decision(&res, "accepted", "none");
}

#[test]
fn the_paused_vault_lets_a_reduce_only_grid_fill() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, SIZE)).unwrap();
    let expiry = suite.now() + DAY * 7;
    let plan = GridPlan {
        reduce_only: true,
        ..grid_plan(Side::Short, &["60500"], SIZE / 2, expiry)
    };
    let id = register(&mut suite, plan);
    suite.next_day(PRICE_61K).unwrap();
    let guardian = suite.guardian.clone();
    suite.pause(&guardian).unwrap();
    let res = suite.execute_grid_level(id, 0).unwrap();
    assert_decision(&res, "accepted", "none");
    let position = suite.query_position().unwrap();
    assert_eq!(position.side, Some(Side::Long));
    assert!(position.notional.u128() < SIZE);
}

#[test]
fn an_expired_grid_refuses_fills() {
    let mut suite = SuiteBuilder::new().build();
    let expiry = suite.now() + DAY / 2;
    let id = register(&mut suite, grid_plan(Side::Long, &["59500"], SIZE, expiry));
    suite.next_day(PRICE_59K).unwrap();
    let now = suite.now();
    assert_err(
        suite.execute_grid_level(id, 0),
        ContractError::GridExpired {
            grid_id: id,
            expiry,
            now,
        },
    );
}

#[test]
fn malformed_grids_are_refused_by_name() {
    let mut suite = SuiteBuilder::new().build();
    let now = suite.now();
    let expiry = now + DAY;
    malformed(
        &mut suite,
        grid_plan(Side::Long, &[], SIZE, expiry),
        GridError::NoLevels {},
    );
    malformed(
        &mut suite,
        grid_plan(Side::Long, &["59000", "58000"], SIZE, expiry),
        GridError::LevelsNotAscending {
            index: 1,
            previous: level("59000"),
            price: level("58000"),
        },
    );
    malformed(
        &mut suite,
        grid_plan(Side::Long, &["0", "58000"], SIZE, expiry),
        GridError::ZeroLevelPrice {},
    );
    malformed(
        &mut suite,
        grid_plan(Side::Long, &["59000"], 0, expiry),
        GridError::ZeroSize {},
    );
    malformed(
        &mut suite,
        grid_plan(Side::Long, &["59000"], SIZE, now),
        GridError::ExpiryNotInFuture { expiry: now, now },
    );
    let many: Vec<String> = (1..=MAX_GRID_LEVELS + 1).map(|i| i.to_string()).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    malformed(
        &mut suite,
        grid_plan(Side::Long, &many, SIZE, expiry),
        GridError::TooManyLevels {
            count: MAX_GRID_LEVELS + 1,
            max: MAX_GRID_LEVELS,
        },
    );
}

#[test]
fn a_grid_for_an_unknown_market_is_refused() {
    let mut suite = SuiteBuilder::new().build();
    let plan = GridPlan {
        market: "ETH-PERP".to_string(),
        ..grid_plan(Side::Long, &["3000"], SIZE, suite.now() + DAY)
    };
    assert_err(
        suite.register_grid(plan),
        ContractError::UnknownMarket {
            market: "ETH-PERP".to_string(),
        },
    );
}
