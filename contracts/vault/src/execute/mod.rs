//! One handler per action: roles and markets here, orders in `order`, shares in `shares`.

pub mod fees;
mod govern;
pub mod order;
pub mod shares;
mod signals;
mod strategies;

pub use govern::govern;
pub use order::{deleverage, mark, rebalance, remark_after_trade, submit_order};
pub use shares::{accrue_fees, deposit, redeem};
pub use signals::set_signal;
pub use strategies::set_hedged;

use cosmwasm_std::{Addr, Api, Decimal, DepsMut, Env, Uint128};

use ballast_types::attributes::ACTION;
use ballast_types::vault::{InstantiateMsg, MAX_MARKETS, MarketConfig};

use crate::VaultResponse;
use crate::contract::{CONTRACT_NAME, CONTRACT_VERSION};
use crate::error::{ContractError, ContractResult};
use crate::state::{
    CONFIG, Config, FEES, FeeState, MARKET_COUNT, MARKETS, PARAMS, PAUSED, TOTAL_SHARES, TOTALS,
    Totals,
};

/// `address` checked by the chain's rules, or `InvalidAddress` naming the message field.
pub fn address(api: &dyn Api, field: &'static str, address: &str) -> ContractResult<Addr> {
    api.addr_validate(address)
        .map_err(|_| ContractError::InvalidAddress {
            field,
            address: address.to_string(),
        })
}

pub fn instantiate(deps: DepsMut, env: Env, msg: InstantiateMsg) -> ContractResult<VaultResponse> {
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    msg.params.validate()?;
    let config = Config {
        governor: address(deps.api, "governor", &msg.governor)?,
        manager: address(deps.api, "manager", &msg.manager)?,
        fee_recipient: address(deps.api, "fee_recipient", &msg.fee_recipient)?,
        denom: msg.denom,
        oracle: address(deps.api, "oracle", &msg.oracle)?,
        perp_market: address(deps.api, "perp_market", &msg.perp_market)?,
        share_denom: crate::share_token::denom(env.contract.address.as_str(), &msg.share_token)?,
        token_factory: msg.share_token.token_factory,
    };
    CONFIG.save(deps.storage, &config)?;
    PARAMS.save(deps.storage, &msg.params)?;
    PAUSED.save(deps.storage, &false)?;
    TOTALS.save(deps.storage, &Totals::default())?;
    TOTAL_SHARES.save(deps.storage, &Uint128::zero())?;
    MARKET_COUNT.save(deps.storage, &0)?;
    // An empty vault's share price, 1 / 10^d, is the first high-water mark.
    let virtual_shares = Uint128::new(10).checked_pow(msg.params.share_offset_decimals)?;
    let empty_price = Decimal::checked_from_ratio(1u8, virtual_shares)?;
    FEES.save(
        deps.storage,
        &FeeState {
            last_accrual: env.block.time.seconds(),
            high_water_mark: empty_price,
        },
    )?;
    for market in msg.markets {
        crate::venue::validate(deps.api, &env.contract.address, &market)?;
        save_market(deps.storage, market)?;
    }
    let create = crate::share_token::create(
        config.token_factory,
        env.contract.address.as_str(),
        &msg.share_token.subdenom,
    );
    Ok(VaultResponse::new()
        .add_message(create)
        .add_attribute(ACTION, "instantiate")
        .add_attribute("governor", config.governor)
        .add_attribute("manager", config.manager)
        .add_attribute("share_denom", config.share_denom))
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
