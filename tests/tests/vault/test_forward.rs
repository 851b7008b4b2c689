//! Orders reach the perp market at the executed size; the venue liquidates when margin runs out.

use ballast_tests::assertions::assert_err;
use ballast_tests::suite::{NAV, SuiteBuilder, order};
use ballast_types::Side;
use ballast_types::vault::ExecuteMsg;
use ballast_vault::error::ContractError;
use cosmwasm_std::{Decimal, Decimal256};

use crate::{assert_decision, executed};

#[test]
fn an_accepted_order_opens_the_executed_position() {
    let mut suite = SuiteBuilder::new().build();
    let res = suite.submit(order(Side::Long, 250_000_000_000)).unwrap();
    assert_decision(&res, "accepted", "none");
    let position = suite.query_position().unwrap();
    assert_eq!(position.side, Some(Side::Long));
    assert!(position.notional.u128().abs_diff(250_000_000_000) <= 1);
    assert!(!position.margin.is_zero());
}

#[test]
fn a_scaled_order_opens_only_the_scaled_size() {
    let mut suite = SuiteBuilder::new().build();
    let res = suite.submit(order(Side::Short, 5_000_000_000_000)).unwrap();
    assert_decision(&res, "scaled", "vol_target");
    let position = suite.query_position().unwrap();
    assert_eq!(position.side, Some(Side::Short));
    assert!(position.notional.u128().abs_diff(executed(&res)) <= 1);
}

#[test]
fn the_vault_marks_its_position_after_the_trade() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, 250_000_000_000)).unwrap();
    let mark = suite.query_market().unwrap().mark;
    let position = suite.query_position().unwrap();
    assert_eq!(mark.notional, position.notional);
    assert_eq!(mark.margin, position.margin);
    let state = suite.query_state().unwrap();
    assert_eq!(state.gross_notional, position.notional);
    // Fees and impact cost a little; nothing else moved.
    assert!(state.nav.u128() < NAV && state.nav.u128() > NAV - 1_000_000_000);
    // The re-mark is the vault's last message, sent to itself.
    let res = suite.submit(order(Side::Long, 50_000_000_000)).unwrap();
    let remark = res
        .events
        .iter()
        .rfind(|e| e.ty == "wasm")
        .expect("wasm events");
    let vault = suite.vault.to_string();
    assert!(
        remark
            .attributes
            .iter()
            .any(|a| a.key == "_contract_address" && a.value == vault)
    );
    assert!(
        remark
            .attributes
            .iter()
            .any(|a| a.key == "action" && a.value == "remark_after_trade")
    );
    assert_eq!(
        suite.query_market().unwrap().mark.notional,
        suite.query_position().unwrap().notional
    );
}

#[test]
fn only_the_vault_sends_itself_the_re_mark() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, 250_000_000_000)).unwrap();
    let before = suite.query_market().unwrap().mark;
    for sender in [suite.manager.clone(), suite.keeper.clone()] {
        let market = suite.market.clone();
        assert_err(
            suite.execute_vault(
                &sender,
                ExecuteMsg::RemarkAfterTrade {
                    market,
                    price: None,
                },
            ),
            ContractError::Unauthorized {
                role: "vault itself",
            },
        );
    }
    assert_eq!(suite.query_market().unwrap().mark, before);
}

#[test]
fn margin_posted_keeps_liquidation_sigmas_away() {
    let mut suite = SuiteBuilder::new().build();
    suite.submit(order(Side::Long, 250_000_000_000)).unwrap();
    let position = suite.query_position().unwrap();
    let liquidation = position.liquidation_price.expect("open position");
    // liq_sigmas (3) standard deviations of the move over liq_horizon (a day).
    let vol = suite.query_market().unwrap().forecast_vol.unwrap();
    let day_sigma = vol * Decimal::from_ratio(1u8, 365u16).sqrt();
    let three_sigmas = Decimal256::from(day_sigma * Decimal::from_ratio(3u8, 1u8));
    let distance = (position.mark_price - liquidation) / position.mark_price;
    assert!(distance >= three_sigmas, "{distance} < {three_sigmas}");
}

#[test]
fn the_perp_market_liquidates_the_vault_when_margin_runs_out() {
    let mut suite = SuiteBuilder::new()
        .params(|p| p.guards.breaker_max_move = "5".parse().unwrap())
        .build();
    suite.submit(order(Side::Long, 500_000_000_000)).unwrap();
    let keeper_before = suite.balance(&suite.keeper.clone());
    // -20%: beyond the ~16% margin the vault posted.
    let crashed = suite.price * 8 / 10;
    suite.advance(60);
    suite.publish(crashed).unwrap();
    assert!(suite.query_position().unwrap().liquidatable);
    suite.liquidate_vault().unwrap();
    assert!(suite.query_position().unwrap().side.is_none());
    suite.mark().unwrap();
    let mark = suite.query_market().unwrap().mark;
    assert!(mark.notional.is_zero() && mark.side.is_none());
    assert!(suite.balance(&suite.keeper.clone()) >= keeper_before);
}
