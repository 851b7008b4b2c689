//! Levana positions the vault did not open: anyone may transfer a position token to the vault. They
//! count in its nav; with more than one, only a reduction (closing them all) goes out; growing one at
//! its own leverage needs that collateral idle.

use cosmwasm_std::Addr;

use ballast_tests::assertions::assert_err;
use ballast_tests::levana_query_fixture::DeferredExecItem;
use ballast_tests::suite::{MARKET, NAV, Suite, order, reduce_only};
use ballast_types::Side;
use ballast_vault::error::ContractError;

use crate::assert_decision;
use crate::test_levana::{levana_position, levana_suite, open_long};

/// The vault opens `SIZE` long; Bob opens 10,000 USDC at 5x and transfers it to the vault.
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

#[test]
fn a_position_transferred_to_the_vault_counts_in_its_mark() {
    let (mut suite, market) = levana_suite();
    with_a_gifted_position(&mut suite, &market);
    let read = suite.query_levana_positions(&market).unwrap();
    assert_eq!(read.positions.len(), 2);
    let (vault_own, gift) = (&read.positions[0], &read.positions[1]);
    let units = |d: cosmwasm_std::Decimal256| {
        let n = (d * cosmwasm_std::Decimal256::from_ratio(1_000_000u32, 1u32)).to_uint_floor();
        cosmwasm_std::Uint128::try_from(n).unwrap().u128()
    };
    let mark = suite.query_market().unwrap().mark;
    assert_eq!(
        mark.notional.u128(),
        units(vault_own.notional_size_in_collateral.magnitude())
            + units(gift.notional_size_in_collateral.magnitude())
    );
    assert_eq!(units(gift.active_collateral.raw()), 10_000_000_000);
    // Bob's 10,000 USDC are the vault's now.
    assert_eq!(
        suite.query_state().unwrap().nav.u128(),
        NAV + 10_000_000_000
    );
}

#[test]
fn with_two_levana_positions_an_order_adding_exposure_is_refused() {
    let (mut suite, market) = levana_suite();
    with_a_gifted_position(&mut suite, &market);
    assert_err(
        suite.submit(order(Side::Long, 10_000_000_000)),
        ContractError::LevanaPositionCount {
            market: MARKET.to_string(),
            count: 2,
        },
    );
}

#[test]
fn with_two_levana_positions_a_reduction_closes_them_all() {
    let (mut suite, market) = levana_suite();
    with_a_gifted_position(&mut suite, &market);
    let res = suite
        .submit(reduce_only(Side::Short, 10_000_000_000))
        .unwrap();
    assert_decision(&res, "accepted", "none");
    let execs = suite.query_levana_execs(&market).unwrap();
    let closes = execs
        .items
        .iter()
        .filter(|e| matches!(e.item, DeferredExecItem::ClosePosition { .. }))
        .count();
    assert_eq!(closes, 2);
    suite.levana_crank(&market).unwrap();
    suite.mark().unwrap();
    assert_eq!(levana_position(&suite, &market), None);
    assert!(suite.query_market().unwrap().mark.notional.is_zero());
}

#[test]
fn growing_a_position_at_its_leverage_needs_that_collateral_idle() {
    let (mut suite, market) = levana_suite();
    // Bob opens 5,000,000 USDC at 1x and transfers it to the flat vault: nav 6M, idle 1M.
    let bob = suite.bob.clone();
    suite
        .levana_open_as(&bob, &market, 5_000_000_000_000, 1)
        .unwrap();
    suite.levana_crank(&market).unwrap();
    let vault = suite.vault.clone();
    suite.levana_transfer(&bob, &market, 1, &vault).unwrap();
    suite.mark().unwrap();
    let state = suite.query_state().unwrap();
    assert_eq!(state.idle.u128(), NAV);
    // Growing it by 1.5M at its 1x needs 1.5M of collateral, more than the vault holds idle.
    let grow = order(Side::Long, 1_500_000_000_000);
    let short = ContractError::LevanaCollateralShort {
        market: MARKET.to_string(),
        needed: 1_500_000_000_000u128.into(),
        idle: NAV.into(),
    };
    let preview = suite.query_preview(grow.clone()).unwrap_err().to_string();
    assert!(preview.ends_with(&short.to_string()), "{preview}");
    assert_err(suite.submit(grow), short);
    // Nothing was sent: the gift is untouched and the idle balance too.
    assert_eq!(suite.query_state().unwrap().idle.u128(), NAV);
    assert_eq!(
        suite
            .query_levana_positions(&market)
            .unwrap()
            .positions
            .len(),
        1
    );
}

#[test]
fn any_number_of_gifts_cannot_stop_the_vault_marking_or_cutting() {
    let (mut suite, market) = levana_suite();
    open_long(&mut suite, &market);
    // Bob gifts eleven small positions: more than the vault reads.
    let (bob, vault) = (suite.bob.clone(), suite.vault.clone());
    for _ in 0..11 {
        suite.levana_open_as(&bob, &market, 100_000_000, 2).unwrap();
    }
    suite.levana_crank(&market).unwrap();
    for id in 2..=12 {
        suite.levana_transfer(&bob, &market, id, &vault).unwrap();
    }
    // Marking still works: the first ten of the twelve positions it holds count.
    suite.mark().unwrap();
    assert_eq!(
        suite
            .query_levana_positions(&market)
            .unwrap()
            .positions
            .len(),
        12
    );
    // A reduction closes what was read, ten per call; the next call closes the rest.
    let notional = suite.query_market().unwrap().mark.notional.u128();
    suite.submit(reduce_only(Side::Short, notional)).unwrap();
    suite.levana_crank(&market).unwrap();
    suite.mark().unwrap();
    let left = suite
        .query_levana_positions(&market)
        .unwrap()
        .positions
        .len();
    assert_eq!(left, 2);
    let notional = suite.query_market().unwrap().mark.notional.u128();
    suite.submit(reduce_only(Side::Short, notional)).unwrap();
    suite.levana_crank(&market).unwrap();
    suite.mark().unwrap();
    assert!(
        suite
            .query_levana_positions(&market)
            .unwrap()
            .positions
            .is_empty()
    );
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
/// with ids "10".."19" come before the vault's own "2". Were the vault to read the first ten tokens,
/// its own position would drop out of nav: Bob deposits at the low nav, a reduction closes the gifts,
/// the next mark finds the vault's position again, and Bob redeems at the restored nav.
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
        "Bob's round trip pays {} (before {bob_before}, after {bob_after}; nav {nav_before} -> {nav_gifted})",
        bob_after.saturating_sub(bob_before)
    );
}
