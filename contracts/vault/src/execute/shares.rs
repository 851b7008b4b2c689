//! Deposits and redeems with the virtual share offset of DESIGN section 2:
//! `shares = assets * (supply + 10^d) / (nav + 1)` and `assets = shares * (nav + 1) / (supply + 10^d)`,
//! both rounded down, so rounding always stays with the vault and a first depositor cannot inflate the
//! share price. Both price at the nav of this moment, every open market read from its venue in the
//! same transaction (`valuation`: a stale nav would let one holder gain at the others' expense), and
//! accrue fees first. A redeem that would push a nav-proportional cap over its
//! limit is refused with the largest amount that can be redeemed now; redeems are paid from idle and,
//! where idle is short, from margin pulled back from the positions (`pull`).

use cosmwasm_std::{Addr, BankMsg, Deps, DepsMut, Env, MessageInfo, Storage, Uint128, coins};

use ballast_sizing::{Notional, caps};
use ballast_types::attributes::{ACTION, AMOUNT, SHARES};
use ballast_types::convert::{decimal_to_fixed, var_quantile};
use ballast_types::vault::Reason;

use super::fees::{Accrued, accrue, due};
use crate::VaultResponse;
use crate::error::{ContractError, ContractResult};
use crate::idle;
use crate::pull;
use crate::share_token;
use crate::state::{
    CONFIG, Config, MARK_TIMES, MARKETS, MARKS, PARAMS, TOTAL_SHARES, TOTALS, VOLS,
};
use crate::valuation;

/// Nav now (see `valuation`), with the marks it read stored.
/// Values the vault now (`incoming` left out of idle) and stores the marks read: (nav, idle).
fn value_now(
    deps: &mut DepsMut,
    env: &Env,
    incoming: Uint128,
) -> ContractResult<(Uint128, Uint128)> {
    let valuation = valuation::value(deps.as_ref(), env, incoming)?;
    valuation::store(deps.storage, &valuation)?;
    Ok((valuation.nav, valuation.idle))
}

/// 10^d, the virtual shares of the offset.
pub fn virtual_shares(storage: &dyn Storage) -> ContractResult<Uint128> {
    let d = PARAMS.load(storage)?.share_offset_decimals;
    Ok(Uint128::new(10).checked_pow(d)?)
}

/// Shares for `assets` at (nav, supply), rounded down.
pub fn shares_for(
    assets: Uint128,
    nav: Uint128,
    supply: Uint128,
    virtual_shares: Uint128,
) -> ContractResult<Uint128> {
    Ok(assets.checked_multiply_ratio(
        supply.checked_add(virtual_shares)?,
        nav.checked_add(Uint128::one())?,
    )?)
}

/// Assets for `shares` at (nav, supply), rounded down.
pub fn assets_for(
    shares: Uint128,
    nav: Uint128,
    supply: Uint128,
    virtual_shares: Uint128,
) -> ContractResult<Uint128> {
    Ok(shares.checked_multiply_ratio(
        nav.checked_add(Uint128::one())?,
        supply.checked_add(virtual_shares)?,
    )?)
}

/// The one coin attached, which must be exactly `amount` of `denom`.
fn require_funds(info: &MessageInfo, denom: &str, amount: Uint128) -> ContractResult<()> {
    match info.funds.as_slice() {
        [coin] if coin.denom == denom && coin.amount == cosmwasm_std::Uint256::from(amount) => {
            Ok(())
        }
        _ => Err(ContractError::WrongFunds {
            expected: format!("{amount}{denom}"),
        }),
    }
}

/// The holder named, or the sender; never the vault itself (shares minted to it could never be
/// redeemed, and assets paid to it would stay outside idle for good).
fn recipient_or_sender(
    deps: &DepsMut,
    env: &Env,
    info: &MessageInfo,
    recipient: Option<String>,
) -> ContractResult<Addr> {
    let recipient = match recipient {
        Some(recipient) => super::address(deps.api, "recipient", &recipient)?,
        None => info.sender.clone(),
    };
    if recipient == env.contract.address {
        return Err(ContractError::InvalidRecipient {
            recipient: recipient.into_string(),
        });
    }
    Ok(recipient)
}

pub fn deposit(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    amount: Uint128,
    recipient: Option<String>,
) -> ContractResult<VaultResponse> {
    let config = CONFIG.load(deps.storage)?;
    require_funds(&info, &config.denom, amount)?;
    let recipient = recipient_or_sender(&deps, &env, &info, recipient)?;
    // Nav is measured without the deposit.
    let (nav, _) = value_now(&mut deps, &env, amount)?;
    let virtual_shares = virtual_shares(deps.storage)?;
    let fees = accrue(deps.storage, env.block.time.seconds(), nav, virtual_shares)?;
    let supply = TOTAL_SHARES.load(deps.storage)?;
    let shares = shares_for(amount, nav, supply, virtual_shares)?;
    if shares.is_zero() {
        return Err(ContractError::ZeroShares { amount });
    }
    // The supply must leave room for the virtual shares: every share price, deposit and redeem adds
    // them, and a supply without that room would overflow all of them and lock the vault.
    let new_supply = supply.checked_add(shares)?;
    new_supply.checked_add(virtual_shares)?;
    TOTAL_SHARES.save(deps.storage, &new_supply)?;
    idle::record(deps.storage, amount, Uint128::zero())?;
    let vault = env.contract.address.as_str();
    Ok(VaultResponse::new()
        .add_messages(fee_shares(&config, vault, &fees)?)
        .add_messages(share_token::mint(
            config.token_factory,
            vault,
            &config.share_denom,
            shares,
            recipient.as_str(),
        ))
        .add_attribute(ACTION, "deposit")
        .add_attribute(AMOUNT, amount)
        .add_attribute(SHARES, shares))
}

pub fn redeem(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    recipient: Option<String>,
    shares: Uint128,
) -> ContractResult<VaultResponse> {
    let config = CONFIG.load(deps.storage)?;
    if shares.is_zero() {
        return Err(ContractError::WrongFunds {
            expected: format!("a positive amount of {}", config.share_denom),
        });
    }
    require_funds(&info, &config.share_denom, shares)?;
    let recipient = recipient_or_sender(&deps, &env, &info, recipient)?;
    let valuation = valuation::value(deps.as_ref(), &env, Uint128::zero())?;
    valuation::store(deps.storage, &valuation)?;
    let (nav, idle_now) = (valuation.nav, valuation.idle);
    let virtual_shares = virtual_shares(deps.storage)?;
    let fees = accrue(deps.storage, env.block.time.seconds(), nav, virtual_shares)?;
    let supply = TOTAL_SHARES.load(deps.storage)?;
    let assets = assets_for(shares, nav, supply, virtual_shares)?;
    let (cap, floor) = required_nav(deps.storage)?;
    if nav.saturating_sub(assets) < floor {
        // The cap's room as far as idle and the margin a redeem of it would pull back cover it.
        let room = nav.saturating_sub(floor);
        let short = room.saturating_sub(idle_now);
        let pullable = if short.is_zero() {
            Uint128::zero()
        } else {
            let params = PARAMS.load(deps.storage)?;
            let plan = pull::plan(
                deps.as_ref(),
                &env,
                &config,
                &params,
                &valuation.marks,
                short,
            )?;
            pull::total(&plan)?
        };
        let room = room.min(idle_now.checked_add(pullable)?);
        return Err(ContractError::WithdrawBreaksCap {
            cap: cap.name().to_string(),
            max_assets: room,
            max_shares: shares_for(room, nav, supply, virtual_shares)?,
        });
    }
    let pulls = match assets.checked_sub(idle_now) {
        Ok(short) if !short.is_zero() => {
            // Refill the buffer too, so the next redeem and order find idle.
            let params = PARAMS.load(deps.storage)?;
            let buffer = match params.redemption_buffer {
                Some(share) => nav.saturating_sub(assets).checked_mul_ceil(share)?,
                None => Uint128::zero(),
            };
            let wanted = short.checked_add(buffer)?;
            pull::plan(
                deps.as_ref(),
                &env,
                &config,
                &params,
                &valuation.marks,
                wanted,
            )?
        }
        _ => vec![],
    };
    let available = idle_now.checked_add(pull::total(&pulls)?)?;
    if assets > available {
        return Err(ContractError::InsufficientIdle {
            available,
            requested: assets,
        });
    }
    // The venues pay the pulled margin before the redeemer is paid.
    let margin_back = pull::apply(deps.storage, &env, &config, pulls)?;
    TOTAL_SHARES.save(deps.storage, &supply.checked_sub(shares)?)?;
    idle::record(deps.storage, Uint128::zero(), assets)?;
    let vault = env.contract.address.as_str();
    let mut response = VaultResponse::new()
        .add_messages(margin_back)
        .add_messages(fee_shares(&config, vault, &fees)?)
        .add_message(share_token::burn(
            config.token_factory,
            vault,
            &config.share_denom,
            shares,
        ))
        .add_attribute(ACTION, "redeem")
        .add_attribute(SHARES, shares)
        .add_attribute(AMOUNT, assets);
    if !assets.is_zero() {
        response = response.add_message(BankMsg::Send {
            to_address: recipient.into_string(),
            amount: coins(assets.u128(), config.denom),
        });
    }
    Ok(response)
}

/// The messages that mint the fee shares `accrue` counted to the fee recipient.
fn fee_shares(
    config: &Config,
    vault: &str,
    fees: &Accrued,
) -> ContractResult<Vec<cosmwasm_std::CosmosMsg<crate::VenueCustom>>> {
    let minted = fees.management.checked_add(fees.performance)?;
    Ok(share_token::mint(
        config.token_factory,
        vault,
        &config.share_denom,
        minted,
        config.fee_recipient.as_str(),
    ))
}

/// Anyone: mint the fees accrued so far.
pub fn accrue_fees(mut deps: DepsMut, env: Env) -> ContractResult<VaultResponse> {
    let response = VaultResponse::new().add_attribute(ACTION, "accrue_fees");
    accrue_now(&mut deps, &env, response)
}

/// Mints the fees due now at the nav of this moment, with what was minted as attributes. A fee
/// change calls it first, so the old rates apply up to the change and the new ones only after.
pub fn accrue_now(
    deps: &mut DepsMut,
    env: &Env,
    response: VaultResponse,
) -> ContractResult<VaultResponse> {
    let (nav, _) = value_now(deps, env, Uint128::zero())?;
    let virtual_shares = virtual_shares(deps.storage)?;
    let accrued = accrue(deps.storage, env.block.time.seconds(), nav, virtual_shares)?;
    let config = CONFIG.load(deps.storage)?;
    Ok(response
        .add_messages(fee_shares(
            &config,
            env.contract.address.as_str(),
            &accrued,
        )?)
        .add_attribute("management_shares", accrued.management)
        .add_attribute("performance_shares", accrued.performance))
}

/// Supply after the fees due now, for previews.
pub fn supply_after_fees(deps: Deps, env: &Env, nav: Uint128) -> ContractResult<Uint128> {
    let (accrued, _) = due(
        deps.storage,
        env.block.time.seconds(),
        nav,
        virtual_shares(deps.storage)?,
    )?;
    Ok(TOTAL_SHARES
        .load(deps.storage)?
        .checked_add(accrued.management)?
        .checked_add(accrued.performance)?)
}

/// The smallest nav that keeps every open position within its nav-proportional caps (volatility
/// target, concentration, VaR, and gross leverage over all), and the cap that sets it. Iterates the
/// open markets, at most `MAX_MARKETS`: a redeem must be exact.
pub fn required_nav(storage: &dyn Storage) -> ContractResult<(Reason, Uint128)> {
    let params = PARAMS.load(storage)?;
    let fx = |d| decimal_to_fixed(d);
    let mut worst = (Reason::None, 0u128);
    let mut raise = |reason: Reason, floor: Option<u128>| {
        let floor = floor.unwrap_or(u128::MAX);
        if floor > worst.1 {
            worst = (reason, floor);
        }
    };
    let gross = Notional(TOTALS.load(storage)?.gross_notional.u128());
    raise(
        Reason::GrossLeverage,
        caps::nav_floor(gross, fx(params.max_leverage)?)?,
    );
    let z = var_quantile(params.var_confidence)?;
    let horizon = caps::years(params.var_horizon)?;
    for key in MARK_TIMES.keys(storage, None, None, cosmwasm_std::Order::Ascending) {
        let (_, market) = key?;
        let notional = Notional(MARKS.load(storage, &market)?.notional.u128());
        let config = MARKETS.load(storage, &market)?;
        raise(
            Reason::Concentration,
            caps::nav_floor(notional, fx(params.max_concentration)?)?,
        );
        let vol = match VOLS.may_load(storage, &market)? {
            Some(stored) => stored.to_state()?.vol()?,
            None => None,
        };
        if let Some(vol) = vol {
            if let Some(ratio) =
                caps::vol_target_ratio(fx(config.weight)?, fx(params.target_vol)?, vol)?
            {
                raise(Reason::VolTarget, caps::nav_floor(notional, ratio)?);
            }
            if let Some(ratio) = caps::var_ratio(fx(params.var_budget)?, z, vol, horizon)? {
                raise(Reason::Var, caps::nav_floor(notional, ratio)?);
            }
        }
    }
    Ok((worst.0, Uint128::new(worst.1)))
}
