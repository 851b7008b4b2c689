//! Shares given to the vault, the first-depositor attack, dust, previews with fees due, fee accrual, the
//! recorded supply and the 0.4 to 0.5 migration.

use super::*;

#[test]
fn shares_given_to_the_vault_are_locked_and_move_no_price() {
    let mut suite = SuiteBuilder::new().build();
    let (alice, bob, keeper, vault) = (
        suite.alice.clone(),
        suite.bob.clone(),
        suite.keeper.clone(),
        suite.vault.clone(),
    );
    let denom = suite.share_denom();
    suite.deposit(&bob, 100 * K).unwrap();
    let before = world(&suite);
    let bob_value = suite.query_holder(&bob).unwrap().value;
    // Alice gives the vault a tenth of her shares.
    let gift = before.alice.1.u128() / 10;
    give_shares(&mut suite, &alice, &vault, gift);
    let after = world(&suite);
    assert_eq!(
        (
            after.nav,
            after.idle,
            after.supply,
            after.minted,
            after.price
        ),
        (
            before.nav,
            before.idle,
            before.supply,
            before.minted,
            before.price
        )
    );
    assert_eq!(suite.query_holder(&bob).unwrap().value, bob_value);
    // Nobody can redeem the vault's shares without attaching them.
    assert_err(
        send(&mut suite, &bob, &redeem_msg(gift, None), &[]),
        ContractError::WrongFunds {
            expected: format!("{gift}{denom}"),
        },
    );
    // Everyone else leaves: each is paid its preview, which burns from the vault's balance only what
    // was attached.
    for holder in [&bob, &alice] {
        let shares = suite.stored_shares(holder).unwrap().u128();
        let promised = suite.query_preview_redeem(shares).unwrap().u128();
        let cash = suite.balance(holder);
        suite.redeem(holder, shares).unwrap();
        assert_eq!(suite.balance(holder) - cash, promised);
        assert_eq!(suite.stored_shares(&vault).unwrap().u128(), gift);
        assert_supply_synced(&suite, "after a holder left");
    }
    // The gift is the whole supply now and holds its value; a newcomer buys in at that price and
    // leaves with at most a unit less.
    let state = suite.query_state().unwrap();
    assert_eq!(state.total_shares.u128(), gift);
    assert!(state.share_price >= before.price);
    let start = suite.balance(&keeper);
    suite.deposit(&keeper, 50 * K).unwrap();
    let shares = suite.stored_shares(&keeper).unwrap().u128();
    suite.redeem(&keeper, shares).unwrap();
    assert!(start - suite.balance(&keeper) <= 1);
    assert_supply_synced(&suite, "after the newcomer");
}

#[test]
fn the_first_depositor_cannot_inflate_the_price_with_base_or_share_gifts() {
    let mut suite = SuiteBuilder::new().deposit(0).build();
    let (attacker, victim, vault) = (suite.bob.clone(), suite.alice.clone(), suite.vault.clone());
    let (attacker_start, victim_start) = (suite.balance(&attacker), suite.balance(&victim));
    // One unit buys 10^6 shares; all but one are redeemed (for nothing: they are worth 0.999 units).
    suite.deposit(&attacker, 1).unwrap();
    let res = suite.redeem(&attacker, 999_999).unwrap();
    assert_eq!(number(&res, "amount"), 0);
    // One share left: the attacker gives it to the vault with a million USDC.
    give_shares(&mut suite, &attacker, &vault, 1);
    suite
        .app
        .send_tokens(attacker.clone(), vault.clone(), &coins(NAV, DENOM))
        .unwrap();
    let state = suite.query_state().unwrap();
    assert_eq!((state.nav.u128(), state.total_shares.u128()), (1, 1));
    // The victim's deposit is priced as if nothing had been given.
    let promised = suite.query_preview_deposit(100 * K).unwrap();
    suite.deposit(&victim, 100 * K).unwrap();
    let shares = suite.stored_shares(&victim).unwrap();
    assert_eq!(shares, promised);
    suite.redeem(&victim, shares.u128()).unwrap();
    let victim_loss = victim_start - suite.balance(&victim);
    assert!(victim_loss <= 1, "the victim lost {victim_loss}");
    assert!(attacker_start - suite.balance(&attacker) > NAV);
    assert_supply_synced(&suite, "after the attempt");
}

#[test]
fn a_dust_redeem_pays_what_its_preview_says_and_takes_nothing_from_others() {
    let mut suite = SuiteBuilder::new().build();
    let (alice, bob) = (suite.alice.clone(), suite.bob.clone());
    give_shares(&mut suite, &alice, &bob, 5_000_000);
    for shares in [1u128, 999_999, 1_000_000, 1_000_001] {
        let before = world(&suite);
        let promised = suite.query_preview_redeem(shares).unwrap().u128();
        let res = suite.redeem(&bob, shares).unwrap();
        assert_eq!(number(&res, "amount"), promised, "{shares}");
        let after = world(&suite);
        assert_eq!(after.bob.0, before.bob.0 + promised);
        assert_eq!(after.bob.1.u128(), before.bob.1.u128() - shares);
        assert_eq!(after.supply.u128(), before.supply.u128() - shares);
        assert!(after.price >= before.price, "{shares}: alice's price fell");
        assert_supply_synced(&suite, "after a dust redeem");
    }
}

/// A vault with both fees, a long position, and a 2% rise since the high-water mark.
fn vault_with_fees_and_a_gain() -> Suite {
    let mut suite = SuiteBuilder::new()
        .params(|p| {
            p.management_fee = Decimal::percent(2);
            p.performance_fee = Decimal::percent(20);
        })
        .build();
    suite.submit(order(Side::Long, 500 * K)).unwrap();
    assert!(!suite.query_state().unwrap().gross_notional.is_zero());
    let price = suite.price;
    suite.next_day(price * 102 / 100).unwrap();
    suite
}

#[test]
fn previews_equal_execution_with_fees_due_and_a_gain_open() {
    let mut suite = vault_with_fees_and_a_gain();
    let (alice, bob, fee_recipient) = (
        suite.alice.clone(),
        suite.bob.clone(),
        suite.fee_recipient.clone(),
    );
    for amount in [1u128, 7, 999_999, 123_456_789_013, NAV] {
        // A minute passes each time, so fees are due at every step.
        suite.advance(60);
        let price = suite.price;
        suite.publish(price).unwrap();
        let promised = suite.query_preview_deposit(amount).unwrap();
        let fees = suite.stored_shares(&fee_recipient).unwrap();
        let held = suite.stored_shares(&bob).unwrap();
        let res = suite.deposit(&bob, amount).unwrap();
        assert_eq!(number(&res, "shares"), promised.u128(), "deposit {amount}");
        assert_eq!(suite.stored_shares(&bob).unwrap(), held + promised);
        // Fees were due and minted in the same deposit the preview priced.
        assert!(suite.stored_shares(&fee_recipient).unwrap() > fees);
        assert_supply_synced(&suite, "after a deposit");

        suite.advance(60);
        suite.publish(price).unwrap();
        // The holder query prices the whole holding as a redeem of it would.
        let holding = suite.query_holder(&alice).unwrap();
        assert_eq!(
            holding.value,
            suite.query_preview_redeem(holding.shares.u128()).unwrap()
        );
        let shares = holding.shares.u128() / 1_000 + amount;
        let promised = suite.query_preview_redeem(shares).unwrap().u128();
        let cash = suite.balance(&alice);
        let res = suite.redeem(&alice, shares).unwrap();
        assert_eq!(number(&res, "amount"), promised, "redeem {shares}");
        assert_eq!(suite.balance(&alice) - cash, promised);
        assert_supply_synced(&suite, "after a redeem");
    }
}

#[test]
fn a_round_trip_with_fees_due_returns_no_more_than_was_paid() {
    let mut suite = vault_with_fees_and_a_gain();
    let bob = suite.bob.clone();
    let alice_price = world(&suite).price;
    let start = suite.balance(&bob);
    suite.deposit(&bob, 200 * K).unwrap();
    let shares = suite.stored_shares(&bob).unwrap().u128();
    suite.redeem(&bob, shares).unwrap();
    assert!(suite.balance(&bob) <= start, "bob gained in one block");
    // The performance fee was taken in the deposit; alice's price after it is what remains.
    assert!(world(&suite).price <= alice_price);
    assert_supply_synced(&suite, "after the round trip");
}

#[test]
fn accrual_spam_mints_no_more_fees_than_one_accrual() {
    let build = || {
        SuiteBuilder::new()
            .params(|p| p.management_fee = Decimal::percent(5))
            .build()
    };
    // One accrual after a year.
    let mut once = build();
    once.advance(365 * DAY);
    once.accrue_fees().unwrap();
    let single = once.stored_shares(&once.fee_recipient.clone()).unwrap();
    // The same year with an accrual every day, by anyone.
    let mut spam = build();
    for _ in 0..365 {
        spam.advance(DAY);
        spam.accrue_fees().unwrap();
        assert_supply_synced(&spam, "after an accrual");
    }
    let spammed = spam.stored_shares(&spam.fee_recipient.clone()).unwrap();
    assert!(spammed <= single, "{spammed} > {single}");
    // Funds attached to an accrual are refused, not kept.
    let keeper = spam.keeper.clone();
    assert_err(
        send(
            &mut spam,
            &keeper,
            &ExecuteMsg::AccrueFees {},
            &coins(1, DENOM),
        ),
        ContractError::FundsNotAccepted { funds: 1 },
    );
}

#[test]
fn the_recorded_supply_follows_the_bank_through_a_session() {
    let mut suite = SuiteBuilder::new()
        .params(|p| {
            p.management_fee = Decimal::percent(2);
            p.performance_fee = Decimal::percent(20);
        })
        .build();
    let (alice, bob, keeper, vault) = (
        suite.alice.clone(),
        suite.bob.clone(),
        suite.keeper.clone(),
        suite.vault.clone(),
    );
    assert_supply_synced(&suite, "start");
    let price = suite.price;
    for step in 0..6u128 {
        suite.advance(3_600);
        suite
            .publish(price + i64::try_from(step).unwrap() * 1_000_000_000)
            .unwrap();
        suite.deposit(&bob, (step + 1) * 13 * K + step).unwrap();
        assert_supply_synced(&suite, "deposit");
        let give = suite.stored_shares(&bob).unwrap().u128() / 3;
        give_shares(&mut suite, &bob, &keeper, give);
        give_shares(&mut suite, &alice, &vault, step + 1);
        suite.accrue_fees().unwrap();
        assert_supply_synced(&suite, "fees");
        let shares = suite.stored_shares(&keeper).unwrap().u128() / 2;
        suite.redeem(&keeper, shares).unwrap();
        assert_supply_synced(&suite, "redeem");
    }
    // Every holder but the vault leaves; what is left is the vault's locked gifts.
    let fee_recipient = suite.fee_recipient.clone();
    for holder in [&bob, &keeper, &fee_recipient] {
        let shares = suite.stored_shares(holder).unwrap().u128();
        suite.redeem(holder, shares).unwrap();
        assert_supply_synced(&suite, "exit");
    }
}

#[test]
fn a_failed_migration_mints_nothing_and_a_second_one_mints_nothing_again() {
    let mut suite = SuiteBuilder::new().build();
    let (alice, bob) = (suite.alice.clone(), suite.bob.clone());
    suite.deposit(&bob, 300 * K).unwrap();
    let held = [
        suite.stored_shares(&alice).unwrap(),
        suite.stored_shares(&bob).unwrap(),
    ];
    suite.downgrade_store_to_0_4();
    // A subdenom the factories refuse fails the whole migration: no denom, no shares.
    let bad = ShareToken {
        token_factory: TokenFactory::Osmosis,
        subdenom: "bad-sub".to_string(),
    };
    assert_err(
        suite.migrate_vault_with(None, Some(bad)),
        ContractError::InvalidSubdenom {
            subdenom: "bad-sub".to_string(),
        },
    );
    assert!(suite.query_config().is_err(), "still 0.4");
    // The real migration mints every holder's shares once.
    suite.migrate_vault(None).unwrap();
    assert_eq!(suite.stored_shares(&alice).unwrap(), held[0]);
    assert_eq!(suite.stored_shares(&bob).unwrap(), held[1]);
    assert_supply_synced(&suite, "after the migration");
    let after = world(&suite);
    // Migrating again (same version) does not run the step again: no second mint.
    suite.migrate_vault(None).unwrap();
    assert_eq!(world(&suite), after);
    assert_supply_synced(&suite, "after a second migration");
    // The migrated shares redeem at their preview.
    let promised = suite.query_preview_redeem(held[1].u128()).unwrap().u128();
    let cash = suite.balance(&bob);
    suite.redeem(&bob, held[1].u128()).unwrap();
    assert_eq!(suite.balance(&bob) - cash, promised);
}

#[test]
fn splitting_deposits_and_redeems_into_dust_gains_nothing() {
    let mut suite = vault_with_fees_and_a_gain();
    let bob = suite.bob.clone();
    let start = suite.balance(&bob);
    // The first deposit takes the fees due; everything after is in the same block, fee-free.
    suite.deposit(&bob, 1).unwrap();
    let alice_price = world(&suite).price;
    // Fifty deposits of a few units each, where every share count rounds, then redeems of a few
    // hundred thousand shares each (less than a unit's worth, so each pays its floor).
    for i in 0..50u128 {
        suite.deposit(&bob, 1 + i % 7).unwrap();
    }
    let paid = start - suite.balance(&bob);
    let mut held = suite.stored_shares(&bob).unwrap().u128();
    while held > 0 {
        let piece = held.min(333_333);
        suite.redeem(&bob, piece).unwrap();
        held -= piece;
    }
    let returned = suite.balance(&bob) + paid - start;
    assert!(returned <= paid, "paid {paid}, got back {returned}");
    // Every rounding stayed with the vault: the other holders' price did not fall.
    assert!(world(&suite).price >= alice_price);
    assert_supply_synced(&suite, "after the dust");
}
