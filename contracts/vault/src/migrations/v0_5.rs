//! 0.4.x to 0.5.0: shares become a bank denom made by the chain's TokenFactory (`crate::share_token`).
//! The migration creates the denom named in the migrate message, mints every holder's shares to them
//! and drops the vault's own share records. The chain's denom creation fee must be sent to the vault
//! before: idle is a ledger, so those funds are not anyone's deposit.

use cosmwasm_std::{Addr, DepsMut, Env, Order, Uint128};
use cw_storage_plus::Map;

use ballast_types::vault::ShareToken;

use crate::VaultResponse;
use crate::codec::Compact;
use crate::error::{ContractError, ContractResult};
use crate::share_token;
use crate::state::{CONFIG, TOTAL_SHARES};

/// The first version whose shares are a bank denom.
pub const VERSION: &str = "0.5.0";

/// The roles record of 0.3.x and 0.4.x: without the share denom.
#[derive(Clone, Debug, PartialEq)]
pub struct Config0_4 {
    pub governor: Addr,
    pub manager: Addr,
    pub fee_recipient: Addr,
    pub denom: String,
    pub oracle: Addr,
    pub perp_market: Addr,
}

crate::codec::compact!(Config0_4 {
    governor,
    manager,
    fee_recipient,
    denom,
    oracle,
    perp_market
});

/// 0.3.x and 0.4.x's roles record, under the key this version keeps.
pub const CONFIG_0_4: crate::codec::CompactItem<Config0_4> = crate::codec::CompactItem::new("C");

/// The 0.4 roles record as this version's `Config`, for the steps before this one: its share denom is
/// empty (those steps read the venue and the bank, never the shares).
pub fn config_0_4(storage: &dyn cosmwasm_std::Storage) -> ContractResult<crate::state::Config> {
    let old = CONFIG_0_4.load(storage)?;
    Ok(crate::state::Config {
        governor: old.governor,
        manager: old.manager,
        fee_recipient: old.fee_recipient,
        denom: old.denom,
        oracle: old.oracle,
        perp_market: old.perp_market,
        share_denom: String::new(),
        token_factory: ballast_types::vault::TokenFactory::Osmosis,
    })
}

/// Shares by holder, as the vault kept them until 0.5.0.
pub const SHARES_0_4: Map<&Addr, Uint128> = Map::new("b");

pub fn migrate(
    deps: DepsMut,
    env: &Env,
    token: Option<ShareToken>,
    response: VaultResponse,
) -> ContractResult<VaultResponse> {
    let token = token.ok_or(ContractError::MigrationNeeds {
        field: "share_token",
    })?;
    let vault = env.contract.address.as_str();
    let share_denom = share_token::denom(vault, &token)?;
    // Both new fields are the last of the record: a 0.4 config is the 0.5 one without them.
    let mut record = deps
        .storage
        .get(CONFIG.key())
        .ok_or(ContractError::MigrationNeeds { field: "config" })?;
    share_denom.write(&mut record);
    token.token_factory.write(&mut record);
    deps.storage.set(CONFIG.key(), &record);

    let holders: Vec<(Addr, Uint128)> = SHARES_0_4
        .range(deps.storage, None, None, Order::Ascending)
        .collect::<Result<_, _>>()?;
    let mut response = response
        .add_message(share_token::create(
            token.token_factory,
            vault,
            &token.subdenom,
        ))
        .add_attribute("share_denom", &share_denom)
        .add_attribute("holders", holders.len().to_string());
    let mut minted = Uint128::zero();
    for (holder, shares) in holders {
        SHARES_0_4.remove(deps.storage, &holder);
        minted = minted.checked_add(shares)?;
        response = response.add_messages(share_token::mint(
            token.token_factory,
            vault,
            &share_denom,
            shares,
            holder.as_str(),
        ));
    }
    // Every share the records held is now a token: the supply is what was minted.
    TOTAL_SHARES.save(deps.storage, &minted)?;
    Ok(response)
}
