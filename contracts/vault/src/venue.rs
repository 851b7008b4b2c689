//! The vault's side of venues (see `ballast_types::venue`): what it reads of a market's position and
//! terms, and how it forwards a decided order.
//!
//! On the ballast perp market the vault queries the position and the market's terms, and re-marks the
//! position when the trade's reply arrives, exactly as before venues existed.
//!
//! On a Levana market the vault reads its position back from the market too (see [`levana`]) and
//! re-marks it when the queued message's reply arrives; the pipeline uses the `terms` of the
//! market's venue configuration.
//!
//! On an Injective market (the `injective` build) the vault reads its position from the exchange
//! module (see [`injective`]), with PnL and funding at the exchange's mark price; its orders are
//! atomic, so the position it reads when the order's reply arrives holds whatever filled. The
//! pipeline uses the venue configuration's `terms`.

#[cfg(feature = "injective")]
pub mod injective;
pub mod levana;

use cosmwasm_std::{Addr, Api, CosmosMsg, Decimal, Deps, Env, Storage, Uint128, WasmMsg};

use ballast_types::convert::pyth_to_decimal;
use ballast_types::perp::{MarketSummary, PositionSummary};
use ballast_types::pyth::PythPrice;
use ballast_types::vault::MarketConfig;
#[cfg(any(not(feature = "injective"), not(feature = "levana")))]
use ballast_types::venue::VenueError;
use ballast_types::venue::{Venue, VenueAccount, VenueMsg, VenueOrder};

use crate::error::{ContractError, ContractResult};
use crate::inputs;
use crate::pipeline::{Evaluation, MarketInputs};
use crate::state::{Config, MARKS};
use crate::{VaultResponse, VenueCustom};
use levana::LevanaBook;

/// Whether this vault (at `vault`) can hold a position on the market's venue; refused at instantiate
/// and proposal.
///
/// Levana markets are accepted by the `levana` build: the vault reads back the positions its own
/// executions name and can reduce, close, deleverage and top up what it opened. Injective's orders are custom messages that
/// only the `injective` build can send, and only from the vault's default subaccount: the exchange refuses an
/// order from another account's subaccount, and any other subaccount of the vault (nonce > 0)
/// trades from exchange deposits, which the vault never makes, while the default one trades from
/// the vault's bank balance, where its deposits, margins and payouts are.
pub fn validate(api: &dyn Api, vault: &Addr, market: &MarketConfig) -> ContractResult<()> {
    match &market.venue {
        Venue::Ballast => Ok(()),
        #[cfg(feature = "levana")]
        Venue::Levana(levana) => {
            api.addr_validate(&levana.market_contract)?;
            Ok(())
        }
        #[cfg(not(feature = "levana"))]
        Venue::Levana(_) => Err(no_levana("trade a Levana market from this vault build")),
        #[cfg(feature = "injective")]
        Venue::Injective(injective) => {
            // A subaccount id is the owner's address bytes, then a 12-byte nonce: zero for the default.
            let default_subaccount = format!(
                "0x{}{}",
                cosmwasm_std::HexBinary::from(api.addr_canonicalize(vault.as_str())?.as_slice())
                    .to_hex(),
                "00".repeat(12)
            );
            if injective
                .subaccount_id
                .eq_ignore_ascii_case(&default_subaccount)
            {
                Ok(())
            } else {
                Err(ContractError::ForeignSubaccount {
                    market: market.market.clone(),
                    subaccount_id: injective.subaccount_id.clone(),
                    default_subaccount,
                })
            }
        }
        #[cfg(not(feature = "injective"))]
        Venue::Injective(_) => {
            let _ = (api, vault);
            Err(VenueError::Unsupported {
                venue: "injective",
                action: "send a custom message from this vault build",
            }
            .into())
        }
    }
}

/// Refuses a new venue for a market whose mark is open: the vault would lose sight of the position.
pub fn assert_venue_change(
    storage: &dyn Storage,
    current: &MarketConfig,
    new: &MarketConfig,
) -> ContractResult<()> {
    if current.venue == new.venue {
        return Ok(());
    }
    let mark = MARKS
        .may_load(storage, &current.market)?
        .unwrap_or_default();
    if mark.side.is_some() || !mark.notional.is_zero() || !mark.margin.is_zero() {
        return Err(ContractError::VenueChangeWithPosition {
            market: current.market.clone(),
            from: current.venue.name().to_string(),
            to: new.venue.name().to_string(),
        });
    }
    Ok(())
}

/// The vault's position in a market, as its venue marks it now, and whether the venue has yet to
/// execute a change the vault sent (a queued Levana execution).
pub fn position(
    deps: Deps,
    env: &Env,
    config: &Config,
    market: &MarketConfig,
    price: Option<&PythPrice>,
) -> ContractResult<(PositionSummary, bool)> {
    match &market.venue {
        Venue::Ballast => Ok((inputs::position(deps, env, config, market, price)?, false)),
        #[cfg(feature = "levana")]
        Venue::Levana(v) => levana::position(deps, env, v),
        #[cfg(not(feature = "levana"))]
        Venue::Levana(_) => Err(no_levana("read a Levana position from this vault build")),
        #[cfg(feature = "injective")]
        Venue::Injective(v) => Ok((injective::position(deps, v)?, false)),
        // Refused at instantiation and proposal in this build.
        #[cfg(not(feature = "injective"))]
        Venue::Injective(_) => Err(VenueError::Unsupported {
            venue: "injective",
            action: "read a position from this vault build",
        }
        .into()),
    }
}

/// What the vault reads of a market before deciding.
pub struct Read {
    /// The position, or why the venue could not mark it.
    pub position: Result<PositionSummary, String>,
    /// The terms that price and margin an order.
    pub terms: MarketSummary,
    /// The venue has yet to execute a change the vault sent (a queued Levana execution).
    pub settling: bool,
    /// Levana's read-back, which the order's messages are built from.
    pub levana: Option<LevanaBook>,
}

/// The vault's position in a market (or why the venue could not mark it) and the terms that price and
/// margin an order: one query to the perp market, or Levana's or Injective's read-back and the venue
/// configuration's terms.
pub fn read(
    deps: Deps,
    env: &Env,
    config: &Config,
    market: &MarketConfig,
    price: &PythPrice,
) -> ContractResult<Read> {
    match market.venue.terms() {
        None => {
            let read = inputs::position_terms(deps, env, config, market, price)?;
            Ok(Read {
                position: read.position.ok_or_else(|| {
                    read.unmarked
                        .unwrap_or_else(|| "no position and no reason given".to_string())
                }),
                terms: MarketSummary {
                    params: read.terms,
                    recent_flow: read.recent_flow,
                },
                settling: false,
                levana: None,
            })
        }
        Some(terms) => {
            #[cfg_attr(not(feature = "levana"), allow(unused_mut))]
            let mut levana = None;
            let marked = match &market.venue {
                #[cfg(feature = "levana")]
                Venue::Levana(v) => levana::read(deps, env, v).and_then(|book| {
                    let marked = levana::summary(&book, v)?;
                    levana = Some(book);
                    Ok(marked)
                }),
                _ => position(deps, env, config, market, Some(price)),
            };
            let (position, settling) = match marked {
                Ok((summary, settling)) => (Ok(summary), settling),
                Err(error) => (Err(error.to_string()), false),
            };
            Ok(Read {
                position,
                // The vault knows no recent flow of an external venue: each trade is priced alone.
                terms: MarketSummary {
                    params: terms.clone(),
                    recent_flow: Default::default(),
                },
                settling,
                levana,
            })
        }
    }
}

fn account<'a>(env: &'a Env, config: &'a Config) -> VenueAccount<'a> {
    VenueAccount {
        sender: env.contract.address.as_str(),
        perp_market: config.perp_market.as_str(),
        denom: &config.denom,
    }
}

/// A venue message as the vault sends it. Injective's exchange messages are custom messages: only a
/// vault built with the `injective` feature (responses of `InjectiveMsgWrapper`) can carry them.
#[cfg_attr(feature = "injective", allow(unused_variables))]
fn sendable(venue: &Venue, msg: VenueMsg) -> ContractResult<CosmosMsg<VenueCustom>> {
    match msg {
        VenueMsg::Wasm(wasm) => Ok(CosmosMsg::Wasm(wasm)),
        #[cfg(feature = "injective")]
        VenueMsg::Injective(custom) => Ok(CosmosMsg::Custom(custom)),
        #[cfg(not(feature = "injective"))]
        VenueMsg::Injective(_) => Err(VenueError::Unsupported {
            venue: venue.name(),
            action: "send a custom message from this vault build",
        }
        .into()),
    }
}

/// The messages that carry an executed order to the market's venue, or why the venue cannot take it
/// now (a queued Levana execution, a flip, a size below Injective's tick). `PreviewOrder` builds them
/// too, so a preview fails where the order would.
pub fn trade_msgs(
    env: &Env,
    config: &Config,
    inputs: &MarketInputs,
    e: &Evaluation,
) -> ContractResult<Vec<VenueMsg>> {
    let market = &inputs.config;
    // Only an external venue needs the price as a decimal; the ballast path reads nothing new.
    let price = match market.venue {
        Venue::Ballast => Decimal::zero(),
        _ => pyth_to_decimal(&inputs.price)?,
    };
    match &market.venue {
        #[cfg(not(feature = "levana"))]
        Venue::Levana(_) => Err(no_levana("trade a Levana market from this vault build")),
        #[cfg(feature = "levana")]
        Venue::Levana(v) => {
            let book = levana_book(inputs)?;
            let order = levana::LevanaOrder {
                market: &market.market,
                side: e.side,
                executed: e.executed,
                reduce_only: e.reduce_only,
                margin: e.margin_to_post,
                price,
                idle: e.idle,
            };
            levana::trade(
                v,
                book,
                &config.denom,
                env.contract.address.as_str(),
                &order,
            )
        }
        venue => {
            let order = VenueOrder {
                market: &market.market,
                side: e.side,
                notional: e.executed,
                reduce_only: e.reduce_only,
                margin: e.margin_to_post,
                price,
            };
            Ok(vec![venue.trade(account(env, config), &order)?])
        }
    }
}

/// The collateral of `denom` that `msgs` send to the venue (Injective's exchange takes its own from
/// the bank balance, which the injective build counts as idle).
pub fn collateral_sent(msgs: &[VenueMsg], denom: &str) -> ContractResult<Uint128> {
    let mut sent = Uint128::zero();
    if !crate::idle::LEDGER {
        // Idle is the bank balance: what leaves it needs no counting.
        return Ok(sent);
    }
    for msg in msgs {
        if let VenueMsg::Wasm(WasmMsg::Execute { funds, .. }) = msg {
            for coin in funds.iter().filter(|c| c.denom == denom) {
                sent = sent.checked_add(Uint128::try_from(coin.amount)?)?;
            }
        }
    }
    Ok(sent)
}

/// Forwards an executed order's venue messages (`trade_msgs`) to the market's venue.
pub fn forward_trade(
    api: &dyn Api,
    env: &Env,
    inputs: &MarketInputs,
    e: &Evaluation,
    msgs: Vec<VenueMsg>,
    response: VaultResponse,
) -> ContractResult<VaultResponse> {
    let market = &inputs.config;
    let mut response = response.add_attribute("margin_posted", e.margin_to_post);
    if market.venue != Venue::Ballast {
        response = response.add_attribute("venue", market.venue.name());
    }
    remark_after(api, env, inputs, msgs, response)
}

/// Sends `amount` of idle collateral to the position's margin on the market's venue, re-marked once it
/// has run; nothing for zero.
pub fn forward_margin(
    api: &dyn Api,
    env: &Env,
    config: &Config,
    inputs: &MarketInputs,
    amount: Uint128,
    response: VaultResponse,
) -> ContractResult<VaultResponse> {
    if amount.is_zero() {
        return Ok(response);
    }
    let market = &inputs.config;
    let msg = match &market.venue {
        #[cfg(not(feature = "levana"))]
        Venue::Levana(_) => {
            return Err(no_levana(
                "add margin on a Levana market from this vault build",
            ));
        }
        #[cfg(feature = "levana")]
        Venue::Levana(v) => {
            let book = levana_book(inputs)?;
            levana::add_margin(v, book, &market.market, amount, &config.denom)?
        }
        venue => venue.add_margin(account(env, config), &market.market, amount)?,
    };
    let response = response.add_attribute("margin_added", amount);
    remark_after(api, env, inputs, vec![msg], response)
}

/// The message that takes `amount` of the market position's margin back to the vault.
pub fn remove_margin(
    env: &Env,
    config: &Config,
    market: &MarketConfig,
    amount: Uint128,
) -> ContractResult<CosmosMsg<VenueCustom>> {
    let msg = market
        .venue
        .remove_margin(account(env, config), &market.market, amount)?;
    sendable(&market.venue, msg)
}

/// A Levana venue in a build without the `levana` feature (refused at instantiation and by `SetMarket`).
#[cfg(not(feature = "levana"))]
fn no_levana(action: &'static str) -> ContractError {
    VenueError::Unsupported {
        venue: "levana",
        action,
    }
    .into()
}

/// The Levana book `gather` read. It is there whenever the position is: the pipeline forwards nothing
/// for a position the venue could not mark.
#[cfg(feature = "levana")]
fn levana_book(inputs: &MarketInputs) -> ContractResult<&LevanaBook> {
    crate::pipeline::require_position(inputs)?;
    inputs.levana.as_ref().ok_or_else(|| {
        cosmwasm_std::StdError::msg(format!("{}: Levana was not read", inputs.config.market)).into()
    })
}

/// Sends `msgs` in order, then `RemarkAfterTrade` to the vault itself, which runs once they have, with
/// the oracle price the order read (the venue executed at it, in the same block).
fn remark_after(
    api: &dyn Api,
    env: &Env,
    inputs: &MarketInputs,
    msgs: Vec<VenueMsg>,
    mut response: VaultResponse,
) -> ContractResult<VaultResponse> {
    let market = &inputs.config;
    for msg in msgs {
        response = response.add_message(sendable(&market.venue, msg)?);
    }
    let response = response.add_message(WasmMsg::Execute {
        contract_addr: env.contract.address.to_string(),
        msg: crate::wire::remark_after_trade(&market.market, &inputs.price).into(),
        funds: vec![],
    });
    crate::probe(api, "forward");
    Ok(response)
}
