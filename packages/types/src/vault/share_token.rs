//! The vault's shares as a bank denom made by the chain's TokenFactory module, and the replies of the
//! CosmWasm vault standard (cw-vault-standard 0.4's JSON shapes; its crate does not support
//! cosmwasm-std 3).

use cosmwasm_schema::cw_serde;
use cw_schema::Schemaifier;
use schemars::JsonSchema;
use serde::Serialize;

/// Which TokenFactory the chain runs: the same three messages under each module's protobuf package.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq, JsonSchema, Schemaifier)]
#[serde(rename_all = "snake_case")]
pub enum TokenFactory {
    /// `osmosis.tokenfactory.v1beta1` (Osmosis, Neutron, and chains built on its module).
    Osmosis,
    /// `injective.tokenfactory.v1beta1`.
    Injective,
}

impl TokenFactory {
    /// The protobuf package of the module's messages.
    pub fn package(self) -> &'static str {
        match self {
            TokenFactory::Osmosis => "osmosis.tokenfactory.v1beta1",
            TokenFactory::Injective => "injective.tokenfactory.v1beta1",
        }
    }
}

/// The share denom the vault creates at instantiation: `factory/{vault}/{subdenom}`.
#[derive(Serialize, Clone, Debug, PartialEq, JsonSchema, Schemaifier)]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct ShareToken {
    /// The chain's TokenFactory.
    pub token_factory: TokenFactory,
    /// 1 to 44 characters of `[a-zA-Z0-9./]`.
    pub subdenom: String,
}

/// Reply to `VaultStandardInfo`: the standard's version and the extensions implemented (none).
#[cw_serde]
pub struct VaultStandardInfoResponse {
    /// The vault standard's version.
    pub version: u16,
    /// Extensions implemented.
    pub extensions: Vec<String>,
}

/// Reply to `Info`: what is deposited and what is minted for it.
#[cw_serde]
pub struct VaultInfoResponse {
    /// The base denom deposited and redeemed.
    pub base_token: String,
    /// The share denom.
    pub vault_token: String,
}

crate::json_enum!(TokenFactory {
    "osmosis" => Osmosis unit,
    "injective" => Injective unit,
});
crate::json_struct!(ShareToken {
    token_factory,
    subdenom
});
