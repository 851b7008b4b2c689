//! A cw-multi-test stand-in for the Cosmos TokenFactory module: the three messages the vault sends for
//! its share denom, `MsgCreateDenom`, `MsgMint` and `MsgBurn`, under the Osmosis and the Injective
//! protobuf packages, with the module's rules (the creator is the admin; only the admin mints and
//! burns; a denom is created once). Not a chain: the creation fee is not charged.
//!
//! `AppBuilder::new().with_stargate(TokenFactory)` gives an app with it.

mod proto;

use cosmwasm_std::{
    Addr, AnyMsg, Api, BankMsg, BlockInfo, Coin, CustomMsg, CustomQuery, StdError, StdResult,
    Storage, Uint128,
};
use cw_multi_test::{AppResponse, BankSudo, CosmosRouter, Stargate, SudoMsg};
use serde::de::DeserializeOwned;

use proto::Fields;

/// The TokenFactory module of a cw-multi-test app.
#[derive(Debug, Default, Clone, Copy)]
pub struct TokenFactory;

const PACKAGES: [&str; 2] = [
    "osmosis.tokenfactory.v1beta1",
    "injective.tokenfactory.v1beta1",
];

/// The storage key of a denom's admin.
fn admin_key(denom: &str) -> Vec<u8> {
    [b"tokenfactory/admin/".as_slice(), denom.as_bytes()].concat()
}

fn fail(text: String) -> StdError {
    StdError::msg(format!("tokenfactory: {text}"))
}

impl Stargate for TokenFactory {
    fn execute_any<ExecC, QueryC>(
        &self,
        api: &dyn Api,
        storage: &mut dyn Storage,
        router: &dyn CosmosRouter<ExecC = ExecC, QueryC = QueryC>,
        block: &BlockInfo,
        sender: Addr,
        msg: AnyMsg,
    ) -> StdResult<AppResponse>
    where
        ExecC: CustomMsg + DeserializeOwned + 'static,
        QueryC: CustomQuery + DeserializeOwned + 'static,
    {
        let name = msg
            .type_url
            .strip_prefix('/')
            .and_then(|url| {
                PACKAGES
                    .iter()
                    .find_map(|p| url.strip_prefix(p).and_then(|m| m.strip_prefix('.')))
            })
            .ok_or_else(|| fail(format!("unknown message type {}", msg.type_url)))?;
        let fields = Fields::parse(msg.value.as_slice()).map_err(fail)?;
        let signer = fields.string(1).map_err(fail)?;
        if signer != sender.as_str() {
            return Err(fail(format!("{name} signed by {signer}, sent by {sender}")));
        }
        match name {
            "MsgCreateDenom" => {
                let subdenom = fields.string(2).map_err(fail)?;
                if subdenom.is_empty() {
                    return Err(fail("empty subdenom".to_string()));
                }
                let denom = format!("factory/{sender}/{subdenom}");
                if storage.get(&admin_key(&denom)).is_some() {
                    return Err(fail(format!("{denom} already exists")));
                }
                storage.set(&admin_key(&denom), sender.as_bytes());
                Ok(AppResponse::default())
            }
            "MsgMint" => {
                let coin = admin_coin(storage, &fields, &sender)?;
                let to = match fields.string(3).map_err(fail)? {
                    to if to.is_empty() => sender.to_string(),
                    to => to,
                };
                let mint = BankSudo::Mint {
                    to_address: to,
                    amount: vec![coin],
                };
                router.sudo(api, storage, block, SudoMsg::Bank(mint))
            }
            "MsgBurn" => {
                let coin = admin_coin(storage, &fields, &sender)?;
                let from = fields.string(3).map_err(fail)?;
                if !from.is_empty() && from != sender.as_str() {
                    return Err(fail(format!("{sender} cannot burn from {from}")));
                }
                let burn = BankMsg::Burn { amount: vec![coin] };
                router.execute(api, storage, block, sender, burn.into())
            }
            other => Err(fail(format!("unknown message {other}"))),
        }
    }
}

/// The message's coin (field 2), of a factory denom whose admin is `sender`.
fn admin_coin(storage: &dyn Storage, fields: &Fields, sender: &Addr) -> StdResult<Coin> {
    let coin = Fields::parse(fields.bytes(2).map_err(fail)?).map_err(fail)?;
    let denom = coin.string(1).map_err(fail)?;
    let amount: Uint128 = coin
        .string(2)
        .map_err(fail)?
        .parse()
        .map_err(|_| fail("the amount is not an integer".to_string()))?;
    match storage.get(&admin_key(&denom)) {
        None => Err(fail(format!("no factory denom {denom}"))),
        Some(admin) if admin != sender.as_bytes() => {
            Err(fail(format!("{sender} is not the admin of {denom}")))
        }
        Some(_) => Ok(Coin::new(amount, denom)),
    }
}

#[cfg(test)]
mod tests;
