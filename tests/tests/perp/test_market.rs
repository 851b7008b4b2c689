//! Instantiation, AddMarket and the configuration queries.

use ballast_perp::error::ContractError;
use ballast_tests::assertions::assert_err;
use ballast_tests::perp::{DENOM, MARKET, Perp, default_params, instantiate_perp};
use ballast_types::perp::InstantiateMsg;
use ballast_types::pyth::PriceIdentifier;
use cosmwasm_std::{Decimal, Uint128};

use crate::world;

fn instantiate_msg(p: &Perp) -> InstantiateMsg {
    InstantiateMsg {
        owner: p.owner.to_string(),
        oracle: p.oracle.addr.to_string(),
        denom: DENOM.to_string(),
        liquidation_fee: Decimal::percent(10),
        max_price_age: 60,
    }
}

#[test]
fn config_query_returns_the_instantiated_config() {
    let p = world();
    let config = p.query_config().unwrap();
    assert_eq!(config.owner, p.owner);
    assert_eq!(config.oracle, p.oracle.addr);
    assert_eq!(config.denom, DENOM);
    assert_eq!(config.liquidation_fee, Decimal::percent(10));
    assert_eq!(config.max_price_age, 60);
}

#[test]
fn a_liquidation_fee_above_one_is_refused() {
    let mut p = world();
    let owner = p.owner.clone();
    let msg = InstantiateMsg {
        liquidation_fee: Decimal::percent(101),
        ..instantiate_msg(&p)
    };
    assert_err(
        instantiate_perp(&mut p.app, &owner, &msg),
        ContractError::InvalidParameter {
            name: "liquidation_fee",
            value: "1.01".to_string(),
            rule: "in [0, 1]",
        },
    );
}

#[test]
fn a_zero_max_price_age_is_refused() {
    let mut p = world();
    let owner = p.owner.clone();
    let msg = InstantiateMsg {
        max_price_age: 0,
        ..instantiate_msg(&p)
    };
    assert_err(
        instantiate_perp(&mut p.app, &owner, &msg),
        ContractError::InvalidParameter {
            name: "max_price_age",
            value: "0".to_string(),
            rule: "> 0",
        },
    );
}

#[test]
fn a_stranger_cannot_add_a_market() {
    let mut p = world();
    let (alice, params) = (p.alice.clone(), default_params(&p.feed));
    assert_err(
        p.add_market(&alice, "ETH-PERP", params),
        ContractError::Unauthorized { role: "owner" },
    );
}

#[test]
fn a_duplicate_market_is_refused() {
    let mut p = world();
    let (owner, params) = (p.owner.clone(), default_params(&p.feed));
    assert_err(
        p.add_market(&owner, MARKET, params),
        ContractError::MarketExists {
            market: MARKET.to_string(),
        },
    );
}

#[test]
fn an_invalid_feed_id_is_refused() {
    let mut p = world();
    let owner = p.owner.clone();
    let params = default_params(&PriceIdentifier("abcd".to_string()));
    assert_err(
        p.add_market(&owner, "ETH-PERP", params),
        ContractError::InvalidParameter {
            name: "feed_id",
            value: "abcd".to_string(),
            rule: "64 hex characters",
        },
    );
}

#[test]
fn a_zero_depth_is_refused() {
    let mut p = world();
    let owner = p.owner.clone();
    let mut params = default_params(&p.feed);
    params.depth = Uint128::zero();
    assert_err(
        p.add_market(&owner, "ETH-PERP", params),
        ContractError::InvalidParameter {
            name: "depth",
            value: "0".to_string(),
            rule: "> 0",
        },
    );
}

#[test]
fn a_taker_fee_of_one_is_refused() {
    let mut p = world();
    let owner = p.owner.clone();
    let mut params = default_params(&p.feed);
    params.taker_fee = Decimal::one();
    assert_err(
        p.add_market(&owner, "ETH-PERP", params),
        ContractError::InvalidParameter {
            name: "taker_fee",
            value: "1".to_string(),
            rule: "< 1",
        },
    );
}

#[test]
fn maintenance_margin_not_below_initial_margin_is_refused() {
    let mut p = world();
    let owner = p.owner.clone();
    let mut params = default_params(&p.feed);
    params.maintenance_margin = Decimal::percent(10);
    assert_err(
        p.add_market(&owner, "ETH-PERP", params),
        ContractError::InvalidParameter {
            name: "maintenance_margin",
            value: "0.1".to_string(),
            rule: "< initial_margin",
        },
    );
}

#[test]
fn initial_margin_above_one_is_refused() {
    let mut p = world();
    let owner = p.owner.clone();
    let mut params = default_params(&p.feed);
    params.initial_margin = Decimal::percent(150);
    assert_err(
        p.add_market(&owner, "ETH-PERP", params),
        ContractError::InvalidParameter {
            name: "initial_margin",
            value: "1.5".to_string(),
            rule: "<= 1",
        },
    );
}

#[test]
fn a_zero_impact_exponent_is_refused() {
    let mut p = world();
    let owner = p.owner.clone();
    let mut params = default_params(&p.feed);
    params.impact_exponent = Decimal::zero();
    assert_err(
        p.add_market(&owner, "ETH-PERP", params),
        ContractError::InvalidParameter {
            name: "impact_exponent",
            value: "0".to_string(),
            rule: "> 0",
        },
    );
}

#[test]
fn a_market_stores_its_feed_in_lowercase() {
    let mut p = world();
    let owner = p.owner.clone();
    let upper = PriceIdentifier(p.feed.0.to_ascii_uppercase());
    p.add_market(&owner, "ETH-PERP", default_params(&upper))
        .unwrap();
    let market = p.query_market_of("ETH-PERP").unwrap();
    assert_eq!(market.params.feed_id, p.feed);
    assert_eq!(market.open_interest_long, Uint128::zero());
}
