//! Instantiation: the validated configuration, an empty pool, and the cw2 version.

use ballast_types::attributes::ACTION;
use ballast_types::perp::InstantiateMsg;
use cosmwasm_std::{Decimal, DepsMut, MessageInfo, Response};

use crate::error::{ContractResult, invalid};
use crate::funds;
use crate::migrations::{CONTRACT_NAME, CONTRACT_VERSION};
use crate::state::{CONFIG, Config, POOL, Pool};

/// A Cosmos SDK denom: a letter, then 2 to 127 of letters, digits and `/:._-`.
fn is_valid_denom(denom: &str) -> bool {
    let mut bytes = denom.bytes();
    let first_is_letter = bytes.next().is_some_and(|b| b.is_ascii_alphabetic());
    first_is_letter
        && (3..=128).contains(&denom.len())
        && bytes.all(|b| b.is_ascii_alphanumeric() || b"/:._-".contains(&b))
}

/// Validates and stores the configuration.
pub fn instantiate(
    deps: DepsMut,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> ContractResult<Response> {
    funds::none(&info)?;
    let owner = deps.api.addr_validate(&msg.owner)?;
    let oracle_addr = deps.api.addr_validate(&msg.oracle)?;
    if !is_valid_denom(&msg.denom) {
        return Err(invalid("denom", &msg.denom, "a valid bank denom"));
    }
    if msg.liquidation_fee > Decimal::one() {
        return Err(invalid("liquidation_fee", msg.liquidation_fee, "in [0, 1]"));
    }
    if msg.max_price_age == 0 {
        return Err(invalid("max_price_age", msg.max_price_age, "> 0"));
    }
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    let config = Config {
        owner,
        oracle_addr,
        denom: msg.denom,
        liquidation_fee: msg.liquidation_fee,
        max_price_age: msg.max_price_age,
    };
    CONFIG.save(deps.storage, &config)?;
    POOL.save(deps.storage, &Pool::default())?;
    Ok(Response::new()
        .add_attribute(ACTION, "instantiate")
        .add_attribute("owner", config.owner)
        .add_attribute("oracle", config.oracle_addr)
        .add_attribute("denom", config.denom))
}
