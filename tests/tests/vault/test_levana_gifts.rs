//! Levana positions the vault did not open: anyone may transfer a position token to the vault. The
//! vault reads only the positions its own executions name, so a gift is not in its nav, is never
//! traded, and cannot hide its own position or stop it marking and cutting: it only costs its giver.

use cosmwasm_std::Addr;

use ballast_tests::levana_fixture::PositionId;
use ballast_tests::levana_query_fixture::{DeferredExecItem, DeferredExecStatus};
use ballast_tests::suite::{NAV, Suite, order, reduce_only};
use ballast_types::Side;

use crate::assert_decision;
use crate::test_levana::{levana_suite, open_long};

/// The vault opens `SIZE` long (position 1); Bob opens 10,000 USDC at 5x (position 2) and transfers
/// it to the vault.
fn with_a_gifted_position(suite: &mut Suite, market: &Addr) {
    open_long(suite, market);
    let bob = suite.bob.clone();
    suite
        .levana_open_as(&bob, market, 10_000_000_000, 5)
        .unwrap();
    suite.levana_crank(market).unwrap();
    let vault = suite.vault.clone();
    suite.levana_transfer(&bob, market, 2, &vault).unwrap();
    suite.mark().unwrap();
}

/// The vault's position `id` on the stand-in: (notional in collateral, active collateral), base
/// units; none once closed.
fn position(suite: &Suite, market: &Addr, id: u64) -> Option<(u128, u128)> {
    let vault = suite.vault.clone();
    let read = suite.query_levana_positions_of(market, &vault).unwrap();
    read.positions
        .iter()
        .find(|p| p.id == PositionId::new(id))
        .map(|p| {
            (
                units(p.notional_size_in_collateral.magnitude()),
                units(p.active_collateral.raw()),
            )
        })
}

/// The position ids the vault's queued executions change.
fn queued_targets(suite: &Suite, market: &Addr) -> Vec<u64> {
    let execs = suite.query_levana_execs(market).unwrap();
    execs
        .items
        .iter()
        .filter(|e| e.status == DeferredExecStatus::Pending)
        .filter_map(|e| match &e.item {
            DeferredExecItem::UpdatePositionAddCollateralImpactLeverage { id, .. }
            | DeferredExecItem::UpdatePositionAddCollateralImpactSize { id, .. }
            | DeferredExecItem::UpdatePositionRemoveCollateralImpactSize { id, .. }
            | DeferredExecItem::ClosePosition { id, .. } => Some(id.u64()),
            DeferredExecItem::OpenPosition { .. } => None,
        })
        .collect()
}

#[test]
fn a_position_transferred_to_the_vault_is_not_in_its_mark() {
    let (mut suite, market) = levana_suite();
    open_long(&mut suite, &market);
    let before = suite.query_market().unwrap().mark;
    let nav_before = suite.query_state().unwrap().nav.u128();
    let bob = suite.bob.clone();
    let bob_before = suite.balance(&bob);
    with_a_gifted_position_after_open(&mut suite, &market);
    // The vault holds both tokens; its mark and nav are its own position's, as before the gift.
    let vault = suite.vault.clone();
    assert_eq!(
        suite.query_levana_tokens(&market, &vault).unwrap(),
        ["1", "2"]
    );
    assert_eq!(position(&suite, &market, 2).unwrap().1, 10_000_000_000);
    let mark = suite.query_market().unwrap().mark;
    assert_eq!(
        (mark.side, mark.notional, mark.margin),
        (before.side, before.notional, before.margin)
    );
    assert_eq!(
        mark.notional.u128(),
        position(&suite, &market, 1).unwrap().0
    );
    assert_eq!(suite.query_state().unwrap().nav.u128(), nav_before);
    // Bob's 10,000 USDC are gone from his balance, and in no one's nav.
    assert_eq!(suite.balance(&bob), bob_before - 10_000_000_000);
}

/// Bob's gift after the vault opened: position 2.
fn with_a_gifted_position_after_open(suite: &mut Suite, market: &Addr) {
    let bob = suite.bob.clone();
    suite
        .levana_open_as(&bob, market, 10_000_000_000, 5)
        .unwrap();
    suite.levana_crank(market).unwrap();
    let vault = suite.vault.clone();
    suite.levana_transfer(&bob, market, 2, &vault).unwrap();
    suite.mark().unwrap();
}

#[test]
fn with_a_gift_an_order_adding_exposure_grows_the_vaults_own_position() {
    let (mut suite, market) = levana_suite();
    with_a_gifted_position(&mut suite, &market);
    let gift = position(&suite, &market, 2);
    let res = suite.submit(order(Side::Long, 10_000_000_000)).unwrap();
    assert_decision(&res, "accepted", "none");
    assert_eq!(queued_targets(&suite, &market), [1]);
    suite.levana_crank(&market).unwrap();
    suite.mark().unwrap();
    let (own, _) = position(&suite, &market, 1).unwrap();
    assert!(own > 259_999_000_000, "{own}");
    assert_eq!(suite.query_market().unwrap().mark.notional.u128(), own);
    assert_eq!(position(&suite, &market, 2), gift);
}

#[test]
fn with_a_gift_a_reduction_closes_the_vaults_own_position_only() {
    let (mut suite, market) = levana_suite();
    with_a_gifted_position(&mut suite, &market);
    let gift = position(&suite, &market, 2);
    let notional = suite.query_market().unwrap().mark.notional.u128();
    let res = suite.submit(reduce_only(Side::Short, notional)).unwrap();
    assert_decision(&res, "accepted", "none");
    let execs = suite.query_levana_execs(&market).unwrap();
    assert!(matches!(
        execs.items[0].item,
        DeferredExecItem::ClosePosition { id, .. } if id == PositionId::new(1)
    ));
    assert_eq!(queued_targets(&suite, &market), [1]);
    suite.levana_crank(&market).unwrap();
    suite.mark().unwrap();
    assert_eq!(position(&suite, &market, 1), None);
    let mark = suite.query_market().unwrap().mark;
    assert!(mark.side.is_none() && mark.notional.is_zero() && mark.margin.is_zero());
    // No fees or price move: the vault has its collateral back; the gift stays, unmarked.
    let state = suite.query_state().unwrap();
    assert_eq!((state.idle.u128(), state.nav.u128()), (NAV, NAV));
    assert_eq!(position(&suite, &market, 2), gift);
    // Flat again, the next order opens a new position of its own.
    suite.submit(order(Side::Long, 10_000_000_000)).unwrap();
    suite.levana_crank(&market).unwrap();
    suite.mark().unwrap();
    let (own, _) = position(&suite, &market, 3).unwrap();
    assert_eq!(suite.query_market().unwrap().mark.notional.u128(), own);
}

#[test]
fn a_gift_to_a_flat_vault_is_neither_marked_nor_traded() {
    let (mut suite, market) = levana_suite();
    // Bob opens 5,000,000 USDC at 1x and transfers it to the flat vault.
    let bob = suite.bob.clone();
    suite
        .levana_open_as(&bob, &market, 5_000_000_000_000, 1)
        .unwrap();
    suite.levana_crank(&market).unwrap();
    let vault = suite.vault.clone();
    suite.levana_transfer(&bob, &market, 1, &vault).unwrap();
    suite.mark().unwrap();
    let gift = position(&suite, &market, 1);
    assert_eq!(gift.unwrap().1, 5_000_000_000_000);
    let state = suite.query_state().unwrap();
    assert_eq!((state.idle.u128(), state.nav.u128()), (NAV, NAV));
    assert!(suite.query_market().unwrap().mark.notional.is_zero());
    // An order opens the vault's own position; the gift is untouched.
    let res = suite.submit(order(Side::Long, 100_000_000_000)).unwrap();
    assert_decision(&res, "accepted", "none");
    let execs = suite.query_levana_execs(&market).unwrap();
    assert_eq!(execs.items.len(), 1);
    assert!(matches!(
        execs.items[0].item,
        DeferredExecItem::OpenPosition { .. }
    ));
    suite.levana_crank(&market).unwrap();
    suite.mark().unwrap();
    let (own, _) = position(&suite, &market, 2).unwrap();
    assert_eq!(suite.query_market().unwrap().mark.notional.u128(), own);
    assert_eq!(position(&suite, &market, 1), gift);
}

#[test]
fn any_number_of_gifts_cannot_stop_the_vault_marking_or_cutting() {
    let (mut suite, market) = levana_suite();
    open_long(&mut suite, &market);
    let nav_before = suite.query_state().unwrap().nav.u128();
    // Bob gifts eleven small positions (ids 2 to 12; "10", "11" and "12" sort before "2").
    let (bob, vault) = (suite.bob.clone(), suite.vault.clone());
    for _ in 0..11 {
        suite.levana_open_as(&bob, &market, 100_000_000, 2).unwrap();
    }
    suite.levana_crank(&market).unwrap();
    for id in 2..=12 {
        suite.levana_transfer(&bob, &market, id, &vault).unwrap();
    }
    assert_eq!(
        suite.query_levana_tokens(&market, &vault).unwrap().len(),
        12
    );
    // Marking still works, on the vault's own position alone.
    suite.mark().unwrap();
    let (own, _) = position(&suite, &market, 1).unwrap();
    assert_eq!(suite.query_market().unwrap().mark.notional.u128(), own);
    assert_eq!(suite.query_state().unwrap().nav.u128(), nav_before);
    // One reduction closes it; the gifts stay, unmarked.
    suite.submit(reduce_only(Side::Short, own)).unwrap();
    assert_eq!(queued_targets(&suite, &market), [1]);
    suite.levana_crank(&market).unwrap();
    suite.mark().unwrap();
    assert_eq!(position(&suite, &market, 1), None);
    assert!(suite.query_market().unwrap().mark.notional.is_zero());
    assert_eq!(
        suite.query_levana_tokens(&market, &vault).unwrap().len(),
        11
    );
    let state = suite.query_state().unwrap();
    assert_eq!((state.idle.u128(), state.nav.u128()), (NAV, NAV));
}

/// What `owner` has on a Levana market: the active collateral of its positions, base units.
fn levana_holdings(suite: &Suite, market: &Addr, owner: &Addr) -> u128 {
    suite
        .query_levana_positions_of(market, owner)
        .unwrap()
        .positions
        .iter()
        .map(|p| units(p.active_collateral.raw()))
        .sum()
}

fn units(d: cosmwasm_std::Decimal256) -> u128 {
    let n = (d * cosmwasm_std::Decimal256::from_ratio(1_000_000u32, 1u32)).to_uint_floor();
    cosmwasm_std::Uint128::try_from(n).unwrap().u128()
}

/// Outside review, attack 5: Levana lists a holder's position tokens in text order, so ten gifts
/// with ids "10".."19" come before the vault's own "2". Were the vault to read the first ten
/// tokens, its own position would drop out of nav: Bob deposits at the low nav, a reduction closes
/// the gifts, the next mark finds the vault's position again, and Bob redeems at the restored nav.
#[test]
fn gifts_sorting_before_the_vaults_own_id_neither_move_nav_nor_pay() {
    let (mut suite, market) = levana_suite();
    let (bob, vault) = (suite.bob.clone(), suite.vault.clone());
    // Bob takes id 1, so that the vault's own position is "2".
    suite.levana_open_as(&bob, &market, 1_000_000, 2).unwrap();
    suite.levana_crank(&market).unwrap();
    open_long(&mut suite, &market);
    assert_eq!(suite.query_levana_tokens(&market, &vault).unwrap(), ["2"]);
    let nav_before = suite.query_state().unwrap().nav.u128();
    let wealth = |suite: &Suite| suite.balance(&bob) + levana_holdings(suite, &market, &bob);
    let bob_before = wealth(&suite);

    // Ids 3 to 19, 1 USDC each; "10".."19" go to the vault and sort before its "2".
    for _ in 3..=19 {
        suite.levana_open_as(&bob, &market, 1_000_000, 2).unwrap();
    }
    suite.levana_crank(&market).unwrap();
    for id in 10..=19 {
        suite.levana_transfer(&bob, &market, id, &vault).unwrap();
    }
    let tokens = suite.query_levana_tokens(&market, &vault).unwrap();
    assert_eq!(tokens.first().map(String::as_str), Some("10"));
    assert_eq!(tokens.last().map(String::as_str), Some("2"));
    suite.mark().unwrap();
    let nav_gifted = suite.query_state().unwrap().nav.u128();
    assert_eq!(nav_gifted, nav_before, "gifts move nav");

    // Bob deposits; the manager cuts the position as marked; a keeper marks; Bob redeems.
    suite.deposit(&bob, NAV).unwrap();
    let notional = suite.query_market().unwrap().mark.notional.u128();
    suite.submit(reduce_only(Side::Short, notional)).unwrap();
    suite.levana_crank(&market).unwrap();
    suite.mark().unwrap();
    let shares = suite.query_shares(&bob).unwrap().u128();
    suite.redeem(&bob, shares).unwrap();
    let bob_after = wealth(&suite);
    assert!(
        bob_after <= bob_before,
        "Bob's round trip pays {} (nav {nav_before} -> {nav_gifted})",
        bob_after - bob_before
    );
}
