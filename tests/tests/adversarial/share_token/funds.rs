//! Funds, denoms and recipients on `Deposit` and `Redeem`.

use super::*;

#[test]
fn a_deposit_with_any_funds_but_exactly_its_amount_of_the_base_denom_is_refused() {
    let mut suite = SuiteBuilder::new().build();
    let (alice, bob) = (suite.alice.clone(), suite.bob.clone());
    let denom = suite.share_denom();
    give_shares(&mut suite, &alice, &bob, 10 * K);
    faucet(&mut suite, &bob, 10 * K, "uatom");
    let before = world(&suite);
    let amount = K;
    let cases: Vec<(u128, Vec<Coin>)> = vec![
        (amount, vec![]),
        (amount, coins(amount - 1, DENOM)),
        (amount, coins(amount + 1, DENOM)),
        // The right coin plus another: the extra would be kept.
        (amount, sorted(vec![coin(amount, DENOM), coin(1, &denom)])),
        (amount, sorted(vec![coin(amount, DENOM), coin(1, "uatom")])),
        // Shares, or another token, paid in place of the base denom.
        (amount, coins(amount, &denom)),
        (amount, coins(amount, "uatom")),
        // A zero deposit, with nothing or with something attached.
        (0, vec![]),
        (0, coins(amount, DENOM)),
    ];
    for (asked, funds) in cases {
        assert_err(
            send(&mut suite, &bob, &deposit_msg(asked, None), &funds),
            ContractError::WrongFunds {
                expected: format!("{asked}{DENOM}"),
            },
        );
        assert_eq!(world(&suite), before, "{asked} with {funds:?}");
    }
}

#[test]
fn a_redeem_with_counterfeit_extra_or_mismatched_shares_is_refused() {
    let mut suite = SuiteBuilder::new().build();
    let (alice, bob) = (suite.alice.clone(), suite.bob.clone());
    let denom = suite.share_denom();
    // Bob makes his own factory denom with the vault's subdenom and mints himself plenty.
    let fake = format!("factory/{bob}/share");
    let create = share_token::create(TokenFactory::Osmosis, bob.as_str(), "share");
    suite.app.execute(bob.clone(), create).unwrap();
    for msg in share_token::mint(
        TokenFactory::Osmosis,
        bob.as_str(),
        &fake,
        Uint128::new(NAV * 1_000_000),
        bob.as_str(),
    ) {
        suite.app.execute(bob.clone(), msg).unwrap();
    }
    give_shares(&mut suite, &alice, &bob, 10 * K);
    let before = world(&suite);
    let shares = 10 * K;
    let cases: Vec<(u128, Vec<Coin>)> = vec![
        (shares, coins(shares, &fake)),
        (shares, sorted(vec![coin(shares, &denom), coin(1, &fake)])),
        (shares, sorted(vec![coin(shares, &denom), coin(1, DENOM)])),
        (shares - 1, coins(shares, &denom)),
        (shares, coins(shares - 1, &denom)),
    ];
    for (asked, funds) in cases {
        assert_err(
            send(&mut suite, &bob, &redeem_msg(asked, None), &funds),
            ContractError::WrongFunds {
                expected: format!("{asked}{denom}"),
            },
        );
        assert_eq!(world(&suite), before, "{asked} with {funds:?}");
    }
    // Zero shares, with or without the denom attached.
    for funds in [vec![], coins(shares, &denom)] {
        assert_err(
            send(&mut suite, &bob, &redeem_msg(0, None), &funds),
            ContractError::WrongFunds {
                expected: format!("a positive amount of {denom}"),
            },
        );
        assert_eq!(world(&suite), before);
    }
    // More shares than held: the bank refuses to attach them, nothing moves.
    assert!(
        send(
            &mut suite,
            &bob,
            &redeem_msg(shares + 1, None),
            &coins(shares + 1, &denom)
        )
        .is_err()
    );
    assert_eq!(world(&suite), before);
    // Bob's own real shares still redeem at their preview.
    let promised = suite.query_preview_redeem(shares).unwrap().u128();
    suite.redeem(&bob, shares).unwrap();
    assert_eq!(suite.balance(&bob), before.bob.0 + promised);
    assert_supply_synced(&suite, "after the real redeem");
}

#[test]
fn only_the_vault_can_create_mint_or_burn_its_share_denom() {
    let mut suite = SuiteBuilder::new().build();
    let (bob, vault) = (suite.bob.clone(), suite.vault.clone());
    let denom = suite.share_denom();
    let before = world(&suite);
    let amount = Uint128::new(NAV);
    let attempts: Vec<CosmosMsg> = [
        // Minted by bob as himself (not the admin), or signed as the vault.
        share_token::mint(
            TokenFactory::Osmosis,
            bob.as_str(),
            &denom,
            amount,
            bob.as_str(),
        ),
        share_token::mint(
            TokenFactory::Osmosis,
            vault.as_str(),
            &denom,
            amount,
            bob.as_str(),
        ),
        share_token::mint(
            TokenFactory::Injective,
            bob.as_str(),
            &denom,
            amount,
            bob.as_str(),
        ),
        // Burned from the vault's balance, or created again under the vault.
        vec![share_token::burn(
            TokenFactory::Osmosis,
            bob.as_str(),
            &denom,
            amount,
        )],
        vec![share_token::burn(
            TokenFactory::Osmosis,
            vault.as_str(),
            &denom,
            amount,
        )],
        vec![share_token::create(
            TokenFactory::Osmosis,
            vault.as_str(),
            "share",
        )],
    ]
    .into_iter()
    .filter_map(|msgs| msgs.into_iter().next())
    .collect();
    for msg in attempts {
        let err = suite.app.execute(bob.clone(), msg.clone()).unwrap_err();
        assert!(err.to_string().contains("tokenfactory"), "{msg:?}: {err}");
        assert_eq!(world(&suite), before, "{msg:?}");
    }
    assert_supply_synced(&suite, "after the attempts");
}

#[test]
fn an_invalid_recipient_is_refused_and_nothing_moves() {
    let mut suite = SuiteBuilder::new().build();
    let (alice, bob) = (suite.alice.clone(), suite.bob.clone());
    let denom = suite.share_denom();
    let before = world(&suite);
    let upper = bob.as_str().to_uppercase();
    for bad in ["", "not an address", "cosmwasm1", upper.as_str()] {
        let expected = || ContractError::InvalidAddress {
            field: "recipient",
            address: bad.to_string(),
        };
        assert_err(
            send(
                &mut suite,
                &bob,
                &deposit_msg(K, Some(bad)),
                &coins(K, DENOM),
            ),
            expected(),
        );
        assert_err(
            send(
                &mut suite,
                &alice,
                &redeem_msg(K, Some(bad)),
                &coins(K, &denom),
            ),
            expected(),
        );
        assert_eq!(world(&suite), before, "recipient {bad:?}");
    }
}

#[test]
fn the_vault_itself_is_refused_as_a_recipient() {
    let mut suite = SuiteBuilder::new().build();
    let (alice, bob, vault) = (suite.alice.clone(), suite.bob.clone(), suite.vault.clone());
    let denom = suite.share_denom();
    let before = world(&suite);
    // Shares minted to the vault could never be redeemed (no one can attach them), and a redeem paid
    // to the vault would leave its assets outside the idle ledger for good: both are refused.
    assert_err(
        send(
            &mut suite,
            &bob,
            &deposit_msg(K, Some(vault.as_str())),
            &coins(K, DENOM),
        ),
        ContractError::InvalidRecipient {
            recipient: vault.to_string(),
        },
    );
    assert_err(
        send(
            &mut suite,
            &alice,
            &redeem_msg(K, Some(vault.as_str())),
            &coins(K, &denom),
        ),
        ContractError::InvalidRecipient {
            recipient: vault.to_string(),
        },
    );
    assert_eq!(world(&suite), before);
}

#[test]
fn a_contract_recipient_gets_the_shares_or_the_assets_and_no_one_else_moves() {
    let mut suite = SuiteBuilder::new().build();
    let (alice, bob, perp) = (suite.alice.clone(), suite.bob.clone(), suite.perp.clone());
    let denom = suite.share_denom();
    let before = world(&suite);
    let promised = suite.query_preview_deposit(K).unwrap();
    send(
        &mut suite,
        &bob,
        &deposit_msg(K, Some(perp.as_str())),
        &coins(K, DENOM),
    )
    .unwrap();
    assert_eq!(suite.stored_shares(&perp).unwrap(), promised);
    assert_eq!(suite.balance(&bob), before.bob.0 - K);
    let after = world(&suite);
    assert!(after.price >= before.price, "the price fell for alice");
    // The oracle contract is paid a redeem.
    let oracle = suite.oracle.clone();
    let paid = suite.query_preview_redeem(K).unwrap().u128();
    let held = suite.balance(&oracle);
    send(
        &mut suite,
        &alice,
        &redeem_msg(K, Some(oracle.as_str())),
        &coins(K, &denom),
    )
    .unwrap();
    assert_eq!(suite.balance(&oracle), held + paid);
    assert_eq!(suite.balance(&alice), before.alice.0);
    assert!(world(&suite).price >= after.price);
    assert_supply_synced(&suite, "after the contract recipients");
}
