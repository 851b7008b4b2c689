//! One handler per action: roles and markets here, orders in `order`, shares in `shares`.

pub mod order;
mod shares;

pub use order::{deleverage, mark, rebalance, remark_after_trade, submit_order};
pub use shares::{deposit, redeem};

use cosmwasm_std::{Addr, DepsMut, MessageInfo, Response, Uint128};

use ballast_types::attributes::{ACTION, MARKET};
use ballast_types::vault::{InstantiateMsg, MAX_MARKETS, MarketConfig};

use crate::contract::{CONTRACT_NAME, CONTRACT_VERSION};
use crate::error::{ContractError, ContractResult};
use crate::state::{
    CONFIG, Config, MARKET_COUNT, MARKETS, PARAMS, PAUSED, TOTAL_SHARES, TOTALS, Totals,
};

pub fn instantiate(deps: DepsMut, msg: InstantiateMsg) -> ContractResult<Response> {
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    msg.params.validate()?;
    let config = Config {
        owner: deps.api.addr_validate(&msg.owner)?,
        manager: deps.api.addr_validate(&msg.manager)?,
        guardian: deps.api.addr_validate(&msg.guardian)?,
        denom: msg.denom,
        oracle: deps.api.addr_validate(&msg.oracle)?,
        perp_market: deps.api.addr_validate(&msg.perp_market)?,
    };
    CONFIG.save(deps.storage, &config)?;
    PARAMS.save(deps.storage, &msg.params)?;
    PAUSED.save(deps.storage, &false)?;
    TOTALS.save(deps.storage, &Totals::default())?;
    TOTAL_SHARES.save(deps.storage, &Uint128::zero())?;
    MARKET_COUNT.save(deps.storage, &0)?;
    for market in msg.markets {
        save_market(deps.storage, market)?;
    }
    Ok(Response::new()
        .add_attribute(ACTION, "instantiate")
        .add_attribute("owner", config.owner)
        .add_attribute("manager", config.manager))
}

fn save_market(
    storage: &mut dyn cosmwasm_std::Storage,
    market: MarketConfig,
) -> ContractResult<()> {
    market.validate()?;
    if MARKETS.has(storage, &market.market) {
        return Err(ContractError::DuplicateMarket {
            market: market.market,
        });
    }
    let count = MARKET_COUNT.load(storage)?;
    if count >= MAX_MARKETS {
        return Err(ContractError::TooManyMarkets { max: MAX_MARKETS });
    }
    let count = count
        .checked_add(1)
        .ok_or(ContractError::TooManyMarkets { max: MAX_MARKETS })?;
    MARKET_COUNT.save(storage, &count)?;
    MARKETS.save(storage, &market.market, &market)?;
    Ok(())
}

pub(crate) fn assert_role(sender: &Addr, holder: &Addr, role: &'static str) -> ContractResult<()> {
    if sender != holder {
        return Err(ContractError::Unauthorized { role });
    }
    Ok(())
}

pub fn add_market(
    deps: DepsMut,
    info: MessageInfo,
    config: MarketConfig,
) -> ContractResult<Response> {
    assert_role(&info.sender, &CONFIG.load(deps.storage)?.owner, "owner")?;
    let market = config.market.clone();
    save_market(deps.storage, config)?;
    Ok(Response::new()
        .add_attribute(ACTION, "add_market")
        .add_attribute(MARKET, market))
}

pub fn pause(deps: DepsMut, info: MessageInfo) -> ContractResult<Response> {
    let config = CONFIG.load(deps.storage)?;
    if info.sender != config.guardian && info.sender != config.owner {
        return Err(ContractError::Unauthorized {
            role: "guardian or owner",
        });
    }
    PAUSED.save(deps.storage, &true)?;
    Ok(Response::new().add_attribute(ACTION, "pause"))
}

pub fn unpause(deps: DepsMut, info: MessageInfo) -> ContractResult<Response> {
    assert_role(&info.sender, &CONFIG.load(deps.storage)?.owner, "owner")?;
    PAUSED.save(deps.storage, &false)?;
    Ok(Response::new().add_attribute(ACTION, "unpause"))
}
