//! The share denom: created, minted and burned through the chain's TokenFactory with `CosmosMsg::Any`
//! (protobuf written here: three messages of strings and one coin do not need a protobuf crate).
//!
//! Shares are minted to the vault and sent on with a bank send, and burned from the vault's own
//! balance: every TokenFactory has these forms (a `mint_to_address` is Osmosis-only).

use cosmwasm_std::{AnyMsg, BankMsg, CosmosMsg, Uint128, coins};

use ballast_types::vault::{ShareToken, TokenFactory};

use crate::VenueCustom;
use crate::error::{ContractError, ContractResult};

/// The share denom the vault at `vault` creates: `factory/{vault}/{subdenom}`, once the subdenom is
/// checked (1 to 44 characters of `[a-zA-Z0-9./]`, as the modules require).
pub fn denom(vault: &str, token: &ShareToken) -> ContractResult<String> {
    let subdenom = &token.subdenom;
    let allowed = |b: u8| b.is_ascii_alphanumeric() || b == b'.' || b == b'/';
    if subdenom.is_empty() || subdenom.len() > 44 || !subdenom.bytes().all(allowed) {
        return Err(ContractError::InvalidSubdenom {
            subdenom: subdenom.clone(),
        });
    }
    Ok(format!("factory/{vault}/{subdenom}"))
}

/// `MsgCreateDenom { sender, subdenom }`.
pub fn create(factory: TokenFactory, vault: &str, subdenom: &str) -> CosmosMsg<VenueCustom> {
    let mut value = vec![];
    push_string(&mut value, 1, vault);
    push_string(&mut value, 2, subdenom);
    any(factory, "MsgCreateDenom", value)
}

/// Mints `amount` shares to the vault and sends them to `to`; nothing for zero.
pub fn mint(
    factory: TokenFactory,
    vault: &str,
    share_denom: &str,
    amount: Uint128,
    to: &str,
) -> Vec<CosmosMsg<VenueCustom>> {
    if amount.is_zero() {
        return vec![];
    }
    vec![
        any(
            factory,
            "MsgMint",
            sender_and_coin(vault, share_denom, amount),
        ),
        CosmosMsg::Bank(BankMsg::Send {
            to_address: to.to_string(),
            amount: coins(amount.u128(), share_denom),
        }),
    ]
}

/// Burns `amount` shares from the vault's own balance.
pub fn burn(
    factory: TokenFactory,
    vault: &str,
    share_denom: &str,
    amount: Uint128,
) -> CosmosMsg<VenueCustom> {
    any(
        factory,
        "MsgBurn",
        sender_and_coin(vault, share_denom, amount),
    )
}

fn any(factory: TokenFactory, message: &str, value: Vec<u8>) -> CosmosMsg<VenueCustom> {
    CosmosMsg::Any(AnyMsg {
        type_url: format!("/{}.{message}", factory.package()),
        value: value.into(),
    })
}

/// `sender = 1`, `amount = 2` as `cosmos.base.v1beta1.Coin { denom = 1, amount = 2 }`.
fn sender_and_coin(sender: &str, denom: &str, amount: Uint128) -> Vec<u8> {
    let mut coin = vec![];
    push_string(&mut coin, 1, denom);
    push_string(&mut coin, 2, &amount.to_string());
    let mut value = vec![];
    push_string(&mut value, 1, sender);
    push_bytes(&mut value, 2, &coin);
    value
}

fn push_string(out: &mut Vec<u8>, field: u8, text: &str) {
    push_bytes(out, field, text.as_bytes());
}

/// A length-delimited field (wire type 2): the key, the length as a varint, the bytes.
fn push_bytes(out: &mut Vec<u8>, field: u8, bytes: &[u8]) {
    out.push((field << 3) | 2);
    let mut len = bytes.len();
    while len >= 0x80 {
        out.push(u8::try_from(len & 0x7f).unwrap_or(0) | 0x80);
        len >>= 7;
    }
    out.push(u8::try_from(len).unwrap_or(0));
    out.extend_from_slice(bytes);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(subdenom: &str) -> ShareToken {
        ShareToken {
            token_factory: TokenFactory::Osmosis,
            subdenom: subdenom.to_string(),
        }
    }

    #[test]
    fn the_denom_is_the_factorys() {
        assert_eq!(
            denom("vault", &token("share")).unwrap(),
            "factory/vault/share"
        );
        for bad in ["", "sh are", "s-hare", &"x".repeat(45)] {
            assert!(matches!(
                denom("vault", &token(bad)),
                Err(ContractError::InvalidSubdenom { .. })
            ));
        }
    }

    #[test]
    fn messages_are_the_modules_protobuf() {
        let CosmosMsg::Any(msg) = create(TokenFactory::Injective, "v", "s") else {
            panic!("not an Any");
        };
        assert_eq!(
            msg.type_url,
            "/injective.tokenfactory.v1beta1.MsgCreateDenom"
        );
        assert_eq!(msg.value.as_slice(), b"\x0a\x01v\x12\x01s");
        let CosmosMsg::Any(msg) = burn(TokenFactory::Osmosis, "v", "d", Uint128::new(12)) else {
            panic!("not an Any");
        };
        assert_eq!(msg.type_url, "/osmosis.tokenfactory.v1beta1.MsgBurn");
        assert_eq!(
            msg.value.as_slice(),
            b"\x0a\x01v\x12\x07\x0a\x01d\x12\x0212"
        );
        // A length of 200 takes two varint bytes.
        let mut out = vec![];
        push_string(&mut out, 1, &"a".repeat(200));
        assert_eq!(&out[..3], &[0x0a, 0xc8, 0x01]);
        assert!(mint(TokenFactory::Osmosis, "v", "d", Uint128::zero(), "u").is_empty());
    }
}
