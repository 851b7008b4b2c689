//! The module's rules through an app: create, mint and burn under both packages, and every refusal.

use cosmwasm_std::testing::{MockApi, MockStorage};
use cosmwasm_std::{AnyMsg, CosmosMsg, Empty, Uint128};
use cw_multi_test::{
    App, AppBuilder, BankKeeper, DistributionKeeper, Executor, FailingModule, GovFailingModule,
    IbcFailingModule, StakeKeeper, WasmKeeper,
};

use super::*;

type TestApp = App<
    BankKeeper,
    MockApi,
    MockStorage,
    FailingModule<Empty, Empty, Empty>,
    WasmKeeper<Empty, Empty>,
    StakeKeeper,
    DistributionKeeper,
    IbcFailingModule,
    GovFailingModule,
    TokenFactory,
>;

fn app() -> TestApp {
    AppBuilder::new()
        .with_stargate(TokenFactory)
        .build(|_, _, _| {})
}

fn field(out: &mut Vec<u8>, number: u8, bytes: &[u8]) {
    out.push((number << 3) | 2);
    out.push(u8::try_from(bytes.len()).unwrap());
    out.extend_from_slice(bytes);
}

fn msg(package: &str, name: &str, fields: &[(u8, Vec<u8>)]) -> CosmosMsg {
    let mut value = vec![];
    for (n, bytes) in fields {
        field(&mut value, *n, bytes);
    }
    CosmosMsg::Any(AnyMsg {
        type_url: format!("/{package}.{name}"),
        value: value.into(),
    })
}

fn coin(denom: &str, amount: u128) -> Vec<u8> {
    let mut out = vec![];
    field(&mut out, 1, denom.as_bytes());
    field(&mut out, 2, amount.to_string().as_bytes());
    out
}

const OSMOSIS: &str = "osmosis.tokenfactory.v1beta1";
const INJECTIVE: &str = "injective.tokenfactory.v1beta1";

fn balance(app: &TestApp, who: &Addr, denom: &str) -> u128 {
    app.wrap()
        .query_balance(who, denom)
        .unwrap()
        .amount
        .try_into()
        .map(|a: Uint128| a.u128())
        .unwrap()
}

#[test]
fn create_mint_and_burn_under_both_packages() {
    for package in [OSMOSIS, INJECTIVE] {
        let mut app = app();
        let (vault, holder) = (app.api().addr_make("vault"), app.api().addr_make("holder"));
        let denom = format!("factory/{vault}/share");
        let signer = vault.as_bytes().to_vec();
        app.execute(
            vault.clone(),
            msg(
                package,
                "MsgCreateDenom",
                &[(1, signer.clone()), (2, b"share".to_vec())],
            ),
        )
        .unwrap();
        app.execute(
            vault.clone(),
            msg(
                package,
                "MsgMint",
                &[(1, signer.clone()), (2, coin(&denom, 70))],
            ),
        )
        .unwrap();
        assert_eq!(balance(&app, &vault, &denom), 70);
        app.execute(
            vault.clone(),
            msg(
                package,
                "MsgBurn",
                &[(1, signer.clone()), (2, coin(&denom, 30))],
            ),
        )
        .unwrap();
        assert_eq!(balance(&app, &vault, &denom), 40);
        // Osmosis's mint_to_address.
        let to = holder.as_bytes().to_vec();
        app.execute(
            vault.clone(),
            msg(
                package,
                "MsgMint",
                &[(1, signer), (2, coin(&denom, 5)), (3, to)],
            ),
        )
        .unwrap();
        assert_eq!(balance(&app, &holder, &denom), 5);
    }
}

#[test]
fn the_rules_refuse_what_the_module_refuses() {
    let mut app = app();
    let (vault, other) = (app.api().addr_make("vault"), app.api().addr_make("other"));
    let denom = format!("factory/{vault}/share");
    let signer = vault.as_bytes().to_vec();
    let create = msg(
        OSMOSIS,
        "MsgCreateDenom",
        &[(1, signer.clone()), (2, b"share".to_vec())],
    );
    app.execute(vault.clone(), create.clone()).unwrap();
    let refused = |app: &mut TestApp, who: &Addr, m: CosmosMsg, text: &str| {
        let err = app.execute(who.clone(), m).unwrap_err().to_string();
        assert!(err.contains(text), "{err} lacks {text:?}");
    };
    refused(&mut app, &vault, create, "already exists");
    let theirs = other.as_bytes().to_vec();
    refused(
        &mut app,
        &other,
        msg(OSMOSIS, "MsgMint", &[(1, theirs), (2, coin(&denom, 1))]),
        "is not the admin",
    );
    refused(
        &mut app,
        &other,
        msg(
            OSMOSIS,
            "MsgMint",
            &[(1, signer.clone()), (2, coin(&denom, 1))],
        ),
        "signed by",
    );
    let unknown = format!("factory/{vault}/none");
    refused(
        &mut app,
        &vault,
        msg(
            OSMOSIS,
            "MsgMint",
            &[(1, signer.clone()), (2, coin(&unknown, 1))],
        ),
        "no factory denom",
    );
    refused(
        &mut app,
        &vault,
        msg(
            OSMOSIS,
            "MsgBurn",
            &[(1, signer.clone()), (2, coin(&denom, 1))],
        ),
        "",
    );
    refused(
        &mut app,
        &vault,
        msg(OSMOSIS, "MsgCreateDenom", &[(1, signer.clone())]),
        "empty subdenom",
    );
    refused(
        &mut app,
        &vault,
        msg("cosmos.bank.v1beta1", "MsgSend", &[(1, signer.clone())]),
        "unknown message type",
    );
    let garbage = CosmosMsg::Any(AnyMsg {
        type_url: format!("/{OSMOSIS}.MsgMint"),
        value: vec![0x0a, 0x7f, 1].into(),
    });
    refused(&mut app, &vault, garbage, "past the end");
}
