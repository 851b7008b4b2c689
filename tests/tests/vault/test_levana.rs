//! A Levana market through the vault's entry points, against the Levana stand-in (tests/src/levana):
//! every change is queued and applied by the crank, the vault reads its position back, refuses to
//! send more while its execution is queued, and can grow, reduce, deleverage, close and top up what
//! it opened.

use cosmwasm_std::{Addr, Uint64};

use ballast_tests::assertions::assert_err;
use ballast_tests::levana_fixture::DirectionToBase;
use ballast_tests::levana_query_fixture::{DeferredExecItem, DeferredExecStatus};
use ballast_tests::suite::{MARKET, NAV, Suite, SuiteBuilder, attr, order, reduce_only};
use ballast_types::Side;
use ballast_types::vault::Reason;
use ballast_vault::error::ContractError;

use crate::test_reduce_only::spike_volatility;
use crate::{assert_decision, executed, limit_of};

const SIZE: u128 = 250_000_000_000;

/// A suite whose first market trades on a fresh Levana stand-in.
pub(crate) fn levana_suite() -> (Suite, Addr) {
    let mut suite = SuiteBuilder::new().build();
    let market = suite.move_to_levana().unwrap();
    (suite, market)
}

/// Opens `SIZE` long and lets the crank run it.
pub(crate) fn open_long(suite: &mut Suite, market: &Addr) {
    suite.submit(order(Side::Long, SIZE)).unwrap();
    suite.levana_crank(market).unwrap();
    suite.mark().unwrap();
}

/// The vault's one Levana position: (direction, notional in collateral, active collateral) in base
/// units (6 decimals).
pub(crate) fn levana_position(
    suite: &Suite,
    market: &Addr,
) -> Option<(DirectionToBase, u128, u128)> {
    let read = suite.query_levana_positions(market).unwrap();
    assert!(read.positions.len() <= 1, "one position per market");
    read.positions.first().map(|p| {
        let units = |d: cosmwasm_std::Decimal256| {
            let n = (d * cosmwasm_std::Decimal256::from_ratio(1_000_000u32, 1u32)).to_uint_floor();
            cosmwasm_std::Uint128::try_from(n).unwrap().u128()
        };
        (
            p.direction_to_base,
            units(p.notional_size_in_collateral.magnitude()),
            units(p.active_collateral.raw()),
        )
    })
}

#[test]
fn an_order_queues_an_open_position_on_levana() {
    let (mut suite, market) = levana_suite();
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "accepted", "none");
    assert_eq!(attr(&res, "venue").as_deref(), Some("levana"));
    let execs = suite.query_levana_execs(&market).unwrap();
    assert_eq!(execs.items.len(), 1);
    assert_eq!(execs.items[0].status, DeferredExecStatus::Pending);
    assert!(matches!(
        execs.items[0].item,
        DeferredExecItem::OpenPosition {
            direction: DirectionToBase::Long,
            ..
        }
    ));
    assert_eq!(
        levana_position(&suite, &market),
        None,
        "not before the crank"
    );
}

#[test]
fn the_collateral_of_a_queued_open_counts_in_nav() {
    let (mut suite, _market) = levana_suite();
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    let posted: u128 = attr(&res, "margin_posted").unwrap().parse().unwrap();
    let mark = suite.query_market().unwrap().mark;
    assert_eq!(mark.margin.u128(), posted);
    assert!(mark.side.is_none() && mark.notional.is_zero());
    assert_eq!(suite.query_state().unwrap().nav.u128(), NAV);
}

#[test]
fn after_the_crank_the_vault_reads_its_levana_position_back() {
    let (mut suite, market) = levana_suite();
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    let posted: u128 = attr(&res, "margin_posted").unwrap().parse().unwrap();
    suite.levana_crank(&market).unwrap();
    suite.mark().unwrap();
    let (direction, notional, active) = levana_position(&suite, &market).unwrap();
    assert_eq!(direction, DirectionToBase::Long);
    // Leverage rounds down: Levana opens at most the decided notional.
    assert!(notional <= SIZE && SIZE - notional <= 2, "{notional}");
    assert_eq!(active, posted);
    let mark = suite.query_market().unwrap().mark;
    assert_eq!(mark.side, Some(Side::Long));
    assert_eq!(mark.notional.u128(), notional);
    assert_eq!(mark.margin.u128(), posted);
    assert_eq!(suite.query_state().unwrap().gross_notional.u128(), notional);
}

#[test]
fn a_second_order_while_the_first_is_queued_is_refused() {
    let (mut suite, _market) = levana_suite();
    suite.submit(order(Side::Long, SIZE)).unwrap();
    let pending = ContractError::LevanaPending {
        market: MARKET.to_string(),
        deferred_exec_id: Uint64::new(1),
    };
    // The preview fails the same way: it builds the venue's messages too.
    let preview = suite.query_preview(order(Side::Long, SIZE)).unwrap_err();
    assert!(
        preview.to_string().contains(&pending.to_string()),
        "{preview}"
    );
    assert_err(suite.submit(order(Side::Long, SIZE)), pending);
}

#[test]
fn marks_follow_levanas_profit_and_loss() {
    let (mut suite, market) = levana_suite();
    open_long(&mut suite, &market);
    let nav_before = suite.query_state().unwrap().nav.u128();
    let up = suite.price * 101 / 100;
    suite.advance(60);
    suite.publish_levana(&market, up).unwrap();
    suite.mark().unwrap();
    let mark = suite.query_market().unwrap().mark;
    // +1% on ~250k long: about 2.5k of profit, read from Levana's position.
    let pnl = mark.unrealized_pnl.i128();
    assert!((2_490_000_000..=2_500_000_000).contains(&pnl), "{pnl}");
    let nav = suite.query_state().unwrap().nav.u128();
    assert_eq!(nav, nav_before + u128::try_from(pnl).unwrap());
}

#[test]
fn an_order_on_the_same_side_grows_the_levana_position_at_its_leverage() {
    let (mut suite, market) = levana_suite();
    open_long(&mut suite, &market);
    let nav = suite.query_state().unwrap().nav;
    let res = suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
    assert_decision(&res, "accepted", "none");
    let execs = suite.query_levana_execs(&market).unwrap();
    let queued: Vec<_> = execs
        .items
        .iter()
        .filter(|e| e.status == DeferredExecStatus::Pending)
        .collect();
    assert!(queued.iter().any(|e| matches!(
        e.item,
        DeferredExecItem::UpdatePositionAddCollateralImpactSize { .. }
    )));
    // Whatever is queued (the increase, and any extra margin) still counts in nav.
    assert_eq!(suite.query_state().unwrap().nav, nav);
    suite.levana_crank(&market).unwrap();
    let (_, notional, _) = levana_position(&suite, &market).unwrap();
    assert!(
        notional <= SIZE + 100_000_000_000 && SIZE + 100_000_000_000 - notional <= 10,
        "{notional}"
    );
}

#[test]
fn a_reduce_only_order_takes_collateral_out_of_the_levana_position() {
    let (mut suite, market) = levana_suite();
    open_long(&mut suite, &market);
    let (_, before, _) = levana_position(&suite, &market).unwrap();
    let idle_before = suite.query_state().unwrap().idle.u128();
    let res = suite
        .submit(reduce_only(Side::Short, 100_000_000_000))
        .unwrap();
    assert_decision(&res, "accepted", "none");
    suite.levana_crank(&market).unwrap();
    suite.mark().unwrap();
    let (direction, after, _) = levana_position(&suite, &market).unwrap();
    assert_eq!(direction, DirectionToBase::Long);
    // Rounded down: never more than decided is cut.
    let cut = before - after;
    assert!(
        cut <= 100_000_000_000 && 100_000_000_000 - cut <= 10,
        "{cut}"
    );
    assert!(suite.query_state().unwrap().idle.u128() > idle_before);
    assert_eq!(suite.query_market().unwrap().mark.notional.u128(), after);
}

#[test]
fn an_order_for_the_whole_position_closes_it_on_levana() {
    let (mut suite, market) = levana_suite();
    open_long(&mut suite, &market);
    let notional = suite.query_market().unwrap().mark.notional.u128();
    suite.submit(reduce_only(Side::Short, notional)).unwrap();
    let execs = suite.query_levana_execs(&market).unwrap();
    assert!(matches!(
        execs.items[0].item,
        DeferredExecItem::ClosePosition { .. }
    ));
    suite.levana_crank(&market).unwrap();
    suite.mark().unwrap();
    assert_eq!(levana_position(&suite, &market), None);
    let mark = suite.query_market().unwrap().mark;
    assert!(mark.side.is_none() && mark.notional.is_zero() && mark.margin.is_zero());
    // No fees in the stand-in and no price move: the vault has everything back.
    let state = suite.query_state().unwrap();
    assert_eq!(state.idle.u128(), NAV);
    assert_eq!(state.nav.u128(), NAV);
}

#[test]
fn an_order_flipping_a_levana_position_is_refused() {
    let (mut suite, market) = levana_suite();
    open_long(&mut suite, &market);
    let notional = suite.query_market().unwrap().mark.notional;
    let flip = order(Side::Short, notional.u128() + 50_000_000_000);
    let preview = suite.query_preview(flip.clone()).unwrap_err().to_string();
    let refused = suite.submit(flip).unwrap_err().to_string();
    // Errors arrive as text; the vault's own message follows the last "error: ".
    let message = |e: &str| e.rsplit("error: ").next().unwrap_or_default().to_string();
    assert!(
        message(&refused).ends_with(&format!(
            "would flip the Levana position of {notional}; close it first"
        )),
        "{refused}"
    );
    // The preview refuses with the same error.
    assert_eq!(message(&preview), message(&refused));
}

#[test]
fn deleverage_cuts_a_levana_position_back_to_its_caps() {
    let mut suite = SuiteBuilder::new().build();
    let market = suite.move_to_levana().unwrap();
    suite.submit(order(Side::Long, 400_000_000_000)).unwrap();
    suite.levana_crank(&market).unwrap();
    // Ten days of 12% moves, ending at the start price (the stand-in's price did not move).
    spike_volatility(&mut suite);
    let preview = suite.query_preview(order(Side::Long, 1)).unwrap();
    let target = limit_of(&preview, Reason::VolTarget).unwrap().u128();
    let res = suite.deleverage().unwrap();
    assert_decision(&res, "accepted", "none");
    let execs = suite.query_levana_execs(&market).unwrap();
    assert!(matches!(
        execs.items[0].item,
        DeferredExecItem::UpdatePositionRemoveCollateralImpactSize { .. }
    ));
    suite.levana_crank(&market).unwrap();
    let (_, notional, _) = levana_position(&suite, &market).unwrap();
    // Rounded down, the cut may leave a few units above the target.
    assert!(
        notional >= target && notional - target <= 10,
        "{notional} vs {target}"
    );
}

#[test]
fn rebalance_tops_up_a_levana_position_worn_down_by_losses() {
    let (mut suite, market) = levana_suite();
    suite.submit(order(Side::Long, SIZE)).unwrap();
    suite.levana_crank(&market).unwrap();
    let (_, notional_before, active_before) = levana_position(&suite, &market).unwrap();
    // -3%: inside the rebalance band, but the loss comes out of the collateral.
    let price = suite.price * 97 / 100;
    suite.advance(86_400);
    suite.publish_levana(&market, price).unwrap();
    suite.mark().unwrap();
    let (_, _, active_lost) = levana_position(&suite, &market).unwrap();
    assert!(active_lost < active_before);
    let res = suite.rebalance().unwrap();
    assert_eq!(attr(&res, "executed").as_deref(), Some("0"));
    let added: u128 = attr(&res, "margin_added")
        .expect("a top-up")
        .parse()
        .unwrap();
    assert!(added > 0);
    let execs = suite.query_levana_execs(&market).unwrap();
    assert!(matches!(
        execs.items[0].item,
        DeferredExecItem::UpdatePositionAddCollateralImpactLeverage { .. }
    ));
    suite.levana_crank(&market).unwrap();
    let (_, notional, active) = levana_position(&suite, &market).unwrap();
    assert_eq!(active, active_lost + added);
    // Constant size: the quantity did not change, only its value at the lower price.
    assert!(notional < notional_before);
    assert_eq!(executed(&res), 0);
}

#[test]
fn a_failed_levana_open_returns_the_collateral_and_frees_the_market() {
    let (mut suite, market) = levana_suite();
    suite.submit(order(Side::Long, SIZE)).unwrap();
    // +2% on Levana before the crank: past the venue's 1% slippage tolerance.
    let price = suite.price * 102 / 100;
    suite.set_levana_price(&market, price).unwrap();
    suite.levana_crank(&market).unwrap();
    let execs = suite.query_levana_execs(&market).unwrap();
    assert!(matches!(
        execs.items[0].status,
        DeferredExecStatus::Failure { .. }
    ));
    suite.mark().unwrap();
    let mark = suite.query_market().unwrap().mark;
    assert!(mark.side.is_none() && mark.margin.is_zero());
    assert_eq!(suite.query_state().unwrap().idle.u128(), NAV);
    // Nothing is queued any more: the next order goes out.
    suite.set_levana_price(&market, suite.price).unwrap();
    let res = suite.submit(order(Side::Long, SIZE)).unwrap();
    assert_decision(&res, "accepted", "none");
}

#[test]
fn rebalance_while_a_levana_execution_is_queued_is_refused() {
    let (mut suite, _market) = levana_suite();
    suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
    // A long signal: Rebalance would add to the queued open.
    suite.set_signal("1").unwrap();
    assert_err(
        suite.rebalance(),
        ContractError::LevanaPending {
            market: MARKET.to_string(),
            deferred_exec_id: Uint64::new(1),
        },
    );
}

#[test]
fn collateral_levana_pays_back_is_never_counted_twice() {
    let (mut suite, market) = levana_suite();
    open_long(&mut suite, &market);
    let notional = suite.query_market().unwrap().mark.notional.u128();
    let nav_before = suite.query_state().unwrap().nav.u128();
    suite.submit(reduce_only(Side::Short, notional)).unwrap();
    // The close waits in Levana's queue: the mark taken in the reply is not fresh.
    assert_eq!(suite.query_market().unwrap().mark.time, 0);
    let alice = suite.alice.clone();
    let settling = ContractError::MarketSettling {
        market: MARKET.to_string(),
    };
    assert_err(suite.redeem(&alice, 1_000_000), settling);
    // Anyone cranks: Levana pays the collateral back. The stored mark still holds the position; a
    // redeem reads the market itself, so the collateral counts once, without a Mark first.
    suite.levana_crank(&market).unwrap();
    assert_eq!(suite.query_state().unwrap().idle.u128(), NAV);
    let alice_shares = suite.query_shares(&alice).unwrap().u128();
    let promised = suite.query_preview_redeem(alice_shares).unwrap().u128();
    // The whole vault is alice's: she is owed the balance, as before the close (no fees, no move).
    assert!(
        promised <= nav_before && nav_before - promised <= 1,
        "{promised}"
    );
    let before = suite.balance(&alice);
    suite.redeem(&alice, alice_shares).unwrap();
    assert_eq!(suite.balance(&alice) - before, promised);
}

#[test]
fn growing_a_levana_position_at_its_leverage_needs_that_collateral_idle() {
    // Caps loose enough that the volatility target allows an increase past the idle balance.
    let mut suite = SuiteBuilder::new()
        .params(|p| {
            p.target_vol = "2".parse().unwrap();
            p.max_leverage = "20".parse().unwrap();
            p.max_concentration = "20".parse().unwrap();
            p.var_budget = "1".parse().unwrap();
        })
        .build();
    let market = suite.move_to_levana().unwrap();
    open_long(&mut suite, &market);
    // Six days of +5%: the profit stays in the position, whose leverage falls from about 9x to 3x.
    for _ in 0..6 {
        let up = suite.price * 105 / 100;
        suite.advance(86_400);
        suite.publish_levana(&market, up).unwrap();
        suite.mark().unwrap();
    }
    let (_, notional, active) = levana_position(&suite, &market).unwrap();
    assert!(notional < 3 * active + active / 10, "{notional} {active}");
    let idle = suite.query_state().unwrap().idle.u128();
    // The increase the caps allow needs more collateral at that leverage than the vault holds idle.
    let grow = order(Side::Long, 3_500_000_000_000);
    let short = format!(", {idle} is idle");
    let preview = suite.query_preview(grow.clone()).unwrap_err().to_string();
    assert!(
        preview.contains("growing the Levana position needs") && preview.ends_with(&short),
        "{preview}"
    );
    let refused = suite.submit(grow).unwrap_err().to_string();
    assert!(refused.ends_with(&short), "{refused}");
    let needed: u128 = refused
        .rsplit("needs ")
        .next()
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(needed > idle, "{needed} {idle}");
    // A smaller increase, within the idle balance at that leverage, goes out.
    let res = suite.submit(order(Side::Long, 1_000_000_000_000)).unwrap();
    assert_decision(&res, "accepted", "none");
}

/// The governor does not know the vault's positions; the vault checks the venue change when applied.
#[test]
fn a_venue_change_to_levana_proposed_while_flat_is_refused_once_a_position_is_open() {
    let mut suite = SuiteBuilder::new().build();
    let owner = suite.owner.clone();
    let mut moved = suite.query_market().unwrap().config;
    moved.venue = ballast_tests::suite::levana_venue(&suite.app.api().addr_make("levana market"));
    suite
        .govern(
            &owner,
            ballast_types::governor::ExecuteMsg::ProposeMarket { config: moved },
        )
        .unwrap();
    suite.submit(order(Side::Long, 50_000_000_000)).unwrap();
    assert!(suite.query_position().unwrap().side.is_some());
    suite.advance(ballast_tests::suite::DAY);
    let keeper = suite.keeper.clone();
    let market = suite.market.clone();
    assert_err(
        suite.govern(
            &keeper,
            ballast_types::governor::ExecuteMsg::ApplyMarket {
                market: market.clone(),
            },
        ),
        ContractError::VenueChangeWithPosition {
            market,
            from: "ballast".to_string(),
            to: "levana".to_string(),
        },
    );
}
