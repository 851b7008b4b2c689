//! Venues: where the vault sends the order its pipeline decided.
//!
//! The pipeline decides one order per market: a side, a notional in base units of the vault's denom,
//! reduce-only or not, and the margin to post with it. A venue turns that order into its own
//! message. Three venues exist:
//!
//! - [`Venue::Ballast`], the default: `ballast-perp`'s `Trade` and `AddMargin` at the vault's
//!   configured perp market, the market id being the vault's market id. Nothing changes on the wire
//!   for a market configured before venues existed.
//! - [`Venue::Levana`]: a Levana perps market contract (one contract per market). An order that adds
//!   exposure from flat opens a position with the margin as collateral and leverage = notional /
//!   margin (rounded down, so Levana's notional never exceeds the decided one). The vault reads its
//!   position back ([`levana_query`]) and changes it by id: more collateral at the position's
//!   leverage to increase, collateral out at that leverage to reduce, `ClosePosition` to close, and
//!   collateral in at constant size to top up (the builders in [`levana`]).
//! - [`Venue::Injective`]: the exchange module's atomic derivative market order, a custom message
//!   the exchange executes in the transaction. Quantity is notional / (oracle price *
//!   10^quote_decimals), rounded down to the market's quantity tick (never more than decided); the
//!   worst price is the oracle price moved by `max_slippage` against the vault, rounded to the price
//!   tick toward the oracle price (never worse than allowed). The vault reads its position back with
//!   the exchange's custom queries ([`injective`]).
//!
//! Every venue is read back: the vault's mark is always the venue's position. Both external venues
//! price and margin orders with the venue's `terms` from the market configuration.

pub mod injective;
pub mod levana;
pub mod levana_query;

pub use levana::{
    levana_add_collateral, levana_close, levana_increase, levana_open, levana_reduce,
};

use cosmwasm_std::{
    CheckedFromRatioError, ConversionOverflowError, CosmosMsg, Decimal, Decimal256,
    DecimalRangeExceeded, DivideByZeroError, OverflowError, RoundUpOverflowError, StdError,
    Uint128, WasmMsg, coins, to_json_binary,
};
use cw_schema::Schemaifier;
use schemars::JsonSchema;
use serde::Serialize;
use thiserror::Error;

use crate::Side;
use crate::perp::{self, TradingTerms};
use crate::vault::{ParamError, check};

use injective::InjectiveMsgWrapper;

/// Where a market's orders go.
#[derive(Serialize, Clone, Debug, PartialEq, JsonSchema, Schemaifier)]
#[serde(rename_all = "snake_case")]
#[derive(Default)]
pub enum Venue {
    /// The vault's `ballast-perp` market (the default).
    #[default]
    Ballast,
    /// A Levana perps market contract.
    Levana(LevanaVenue),
    /// A derivative market of Injective's exchange module.
    Injective(InjectiveVenue),
}

/// A Levana perps market, collateral-is-quote with the vault's denom as collateral.
#[derive(Serialize, Clone, Debug, PartialEq, JsonSchema, Schemaifier)]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct LevanaVenue {
    /// The market contract.
    pub market_contract: String,
    /// Take profit as a move of the oracle price in the position's favour, in (0, 1): a long's take
    /// profit is price * (1 + take_profit), a short's price * (1 - take_profit).
    pub take_profit: Decimal,
    /// Largest unfavourable entry price difference Levana may fill at, in [0, 1); none: no assertion.
    pub slippage_tolerance: Option<Decimal>,
    /// Decimals of the collateral token as the market counts it (Levana's amounts are decimal
    /// tokens, the vault's base units): 6 for USDC, at most 18.
    pub collateral_decimals: u32,
    /// The trading terms the pipeline assumes for this market (depth, impact, margins, fee).
    pub terms: TradingTerms,
}

/// A derivative market of Injective's exchange module whose quote denom is the vault's denom.
#[derive(Serialize, Clone, Debug, PartialEq, JsonSchema, Schemaifier)]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct InjectiveVenue {
    /// `0x` + 64 hex characters.
    pub market_id: String,
    /// The vault's default subaccount, `0x` + 64 hex characters: its address bytes, then a zero
    /// nonce (the one subaccount that trades from the vault's bank balance).
    pub subaccount_id: String,
    /// Receives a share of the trading fee, when set.
    pub fee_recipient: Option<String>,
    /// Worst price as a move of the oracle price against the vault, in [0, 1), e.g. 0.01 = 1%.
    pub max_slippage: Decimal,
    /// Decimals of the quote denom: the market's chain price is the oracle price * 10^this (a USD
    /// feed and a 6-decimal quote: 6), at most 18.
    pub quote_decimals: u32,
    /// The market's price tick in chain units (quote base units per unit of quantity), > 0.
    pub price_tick: Decimal,
    /// The market's quantity tick, > 0.
    pub quantity_tick: Decimal,
    /// The trading terms the pipeline assumes for this market (depth, impact, margins, fee). The
    /// vault's orders are atomic: `taker_fee` is the market's taker fee times the exchange's atomic
    /// fee multiplier (2.5 by default).
    pub terms: TradingTerms,
}

/// The vault's decided order, as a venue needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VenueOrder<'a> {
    /// The vault's market id.
    pub market: &'a str,
    /// Direction of the trade.
    pub side: Side,
    /// Notional at the oracle price, base units of the vault's denom.
    pub notional: Uint128,
    /// Only reduce the position.
    pub reduce_only: bool,
    /// Collateral posted with the order, base units.
    pub margin: Uint128,
    /// The oracle price, base units of the denom per unit of quantity (= quote per base).
    pub price: Decimal,
}

/// Who sends, and the vault's own contracts and denom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VenueAccount<'a> {
    /// The vault's address.
    pub sender: &'a str,
    /// The vault's `ballast-perp` contract.
    pub perp_market: &'a str,
    /// The vault's denom.
    pub denom: &'a str,
}

/// A venue's message: a contract call, or an Injective custom message.
#[derive(Debug, Clone, PartialEq)]
pub enum VenueMsg {
    /// A contract execution (ballast, Levana).
    Wasm(WasmMsg),
    /// A custom message to Injective's modules.
    Injective(InjectiveMsgWrapper),
}

impl VenueMsg {
    /// As a `CosmosMsg` of a contract that may send Injective's custom messages.
    pub fn into_cosmos(self) -> CosmosMsg<InjectiveMsgWrapper> {
        match self {
            VenueMsg::Wasm(msg) => CosmosMsg::Wasm(msg),
            VenueMsg::Injective(msg) => CosmosMsg::Custom(msg),
        }
    }
}

/// Why a venue cannot carry an order.
#[derive(Debug, Error)]
pub enum VenueError {
    /// The venue adapter cannot express this action yet.
    #[error("venue {venue} cannot {action} yet")]
    Unsupported {
        /// `levana` or `injective`.
        venue: &'static str,
        /// What was asked, e.g. `reduce`.
        action: &'static str,
    },
    /// An order adding exposure without collateral: the venue refuses it.
    #[error("venue {venue} needs margin to open")]
    MarginRequired {
        /// The venue.
        venue: &'static str,
    },
    /// The quantity rounds down to zero ticks.
    #[error("quantity {quantity} is below the tick {tick}")]
    BelowTick {
        /// notional / price.
        quantity: Decimal256,
        /// The market's quantity tick.
        tick: Decimal,
    },
    /// Serialisation.
    #[error(transparent)]
    Std(#[from] StdError),
    /// A product out of range.
    #[error(transparent)]
    Overflow(#[from] OverflowError),
    /// A ratio out of range.
    #[error(transparent)]
    Ratio(#[from] CheckedFromRatioError),
    /// A rounding up out of range.
    #[error(transparent)]
    RoundUp(#[from] RoundUpOverflowError),
    /// An amount out of `Decimal`'s range.
    #[error(transparent)]
    Range(#[from] DecimalRangeExceeded),
    /// A signed amount out of range.
    #[error(transparent)]
    Conversion(#[from] ConversionOverflowError),
    /// A division by zero.
    #[error(transparent)]
    DivideByZero(#[from] DivideByZeroError),
}

/// `0x` and 64 hex characters, as Injective's market and subaccount ids.
fn is_hex_id(id: &str) -> bool {
    id.len() == 66 && id.starts_with("0x") && id.bytes().skip(2).all(|b| b.is_ascii_hexdigit())
}

fn check_terms(terms: &TradingTerms) -> Result<(), ParamError> {
    check(!terms.depth.is_zero(), "terms.depth", terms.depth, "> 0")?;
    check(
        !terms.impact_exponent.is_zero(),
        "terms.impact_exponent",
        terms.impact_exponent,
        "> 0",
    )?;
    check(
        terms.taker_fee < Decimal::one(),
        "terms.taker_fee",
        terms.taker_fee,
        "< 1",
    )?;
    check(
        !terms.initial_margin.is_zero() && terms.initial_margin <= Decimal::one(),
        "terms.initial_margin",
        terms.initial_margin,
        "in (0, 1]",
    )?;
    check(
        !terms.maintenance_margin.is_zero() && terms.maintenance_margin < terms.initial_margin,
        "terms.maintenance_margin",
        terms.maintenance_margin,
        "in (0, initial_margin)",
    )
}

impl Venue {
    /// Name as in messages: `ballast`, `levana`, `injective`.
    pub fn name(&self) -> &'static str {
        match self {
            Venue::Ballast => "ballast",
            Venue::Levana(_) => "levana",
            Venue::Injective(_) => "injective",
        }
    }

    /// The trading terms the pipeline assumes, for venues the vault does not query.
    pub fn terms(&self) -> Option<&TradingTerms> {
        match self {
            Venue::Ballast => None,
            Venue::Levana(v) => Some(&v.terms),
            Venue::Injective(v) => Some(&v.terms),
        }
    }

    /// Checks the venue's bounds (addresses are checked by the vault, which has the api).
    pub fn validate(&self) -> Result<(), ParamError> {
        match self {
            Venue::Ballast => Ok(()),
            Venue::Levana(v) => {
                check(
                    !v.market_contract.is_empty(),
                    "levana.market_contract",
                    &v.market_contract,
                    "an address",
                )?;
                check(
                    !v.take_profit.is_zero() && v.take_profit < Decimal::one(),
                    "levana.take_profit",
                    v.take_profit,
                    "in (0, 1)",
                )?;
                if let Some(tolerance) = v.slippage_tolerance {
                    check(
                        tolerance < Decimal::one(),
                        "levana.slippage_tolerance",
                        tolerance,
                        "in [0, 1)",
                    )?;
                }
                check(
                    v.collateral_decimals <= 18,
                    "levana.collateral_decimals",
                    v.collateral_decimals,
                    "at most 18",
                )?;
                check_terms(&v.terms)
            }
            Venue::Injective(v) => {
                check(
                    is_hex_id(&v.market_id),
                    "injective.market_id",
                    &v.market_id,
                    "0x and 64 hex characters",
                )?;
                check(
                    is_hex_id(&v.subaccount_id),
                    "injective.subaccount_id",
                    &v.subaccount_id,
                    "0x and 64 hex characters",
                )?;
                check(
                    v.max_slippage < Decimal::one(),
                    "injective.max_slippage",
                    v.max_slippage,
                    "in [0, 1)",
                )?;
                check(
                    v.quote_decimals <= 18,
                    "injective.quote_decimals",
                    v.quote_decimals,
                    "at most 18",
                )?;
                check(
                    !v.price_tick.is_zero(),
                    "injective.price_tick",
                    v.price_tick,
                    "> 0",
                )?;
                check(
                    !v.quantity_tick.is_zero(),
                    "injective.quantity_tick",
                    v.quantity_tick,
                    "> 0",
                )?;
                check_terms(&v.terms)
            }
        }
    }

    /// The venue's message for a decided order.
    pub fn trade(&self, account: VenueAccount, order: &VenueOrder) -> Result<VenueMsg, VenueError> {
        match self {
            Venue::Ballast => Ok(VenueMsg::Wasm(WasmMsg::Execute {
                contract_addr: account.perp_market.to_string(),
                msg: to_json_binary(&perp::ExecuteMsg::Trade {
                    market: order.market.to_string(),
                    side: order.side,
                    notional: order.notional,
                    reduce_only: order.reduce_only,
                })?,
                funds: funds(order.margin, account.denom),
            })),
            Venue::Levana(v) => levana_open(v, account, order),
            Venue::Injective(v) => injective::order(v, account, order),
        }
    }

    /// The venue's message adding `amount` of collateral to the market's position.
    pub fn add_margin(
        &self,
        account: VenueAccount,
        market: &str,
        amount: Uint128,
    ) -> Result<VenueMsg, VenueError> {
        match self {
            Venue::Ballast => Ok(VenueMsg::Wasm(WasmMsg::Execute {
                contract_addr: account.perp_market.to_string(),
                msg: to_json_binary(&perp::ExecuteMsg::AddMargin {
                    market: market.to_string(),
                })?,
                funds: funds(amount, account.denom),
            })),
            // Levana needs the position id: the vault reads it back and calls
            // `levana_add_collateral`. Injective's IncreasePositionMargin moves subaccount
            // deposits, which the vault does not manage yet.
            Venue::Levana(_) => Err(VenueError::Unsupported {
                venue: "levana",
                action: "add margin without a position id",
            }),
            Venue::Injective(_) => Err(VenueError::Unsupported {
                venue: "injective",
                action: "add margin",
            }),
        }
    }

    /// Whether the venue returns margin on request: the margin policy posts margin beyond what
    /// protects a position only where a redeem can pull it back.
    pub fn returns_margin(&self) -> bool {
        matches!(self, Venue::Ballast)
    }

    /// The venue's message returning `amount` of the market position's margin to the vault.
    pub fn remove_margin(
        &self,
        account: VenueAccount,
        market: &str,
        amount: Uint128,
    ) -> Result<VenueMsg, VenueError> {
        match self {
            Venue::Ballast => Ok(VenueMsg::Wasm(WasmMsg::Execute {
                contract_addr: account.perp_market.to_string(),
                msg: to_json_binary(&perp::ExecuteMsg::RemoveMargin {
                    market: market.to_string(),
                    amount,
                })?,
                funds: vec![],
            })),
            Venue::Levana(_) => Err(VenueError::Unsupported {
                venue: "levana",
                action: "remove margin",
            }),
            Venue::Injective(_) => Err(VenueError::Unsupported {
                venue: "injective",
                action: "remove margin",
            }),
        }
    }
}

pub(crate) fn funds(amount: Uint128, denom: &str) -> Vec<cosmwasm_std::Coin> {
    if amount.is_zero() {
        vec![]
    } else {
        coins(amount.u128(), denom)
    }
}

crate::json_enum!(Venue {
    "ballast" => Ballast unit,
    "levana" => Levana (_),
    "injective" => Injective (_),
});
crate::json_struct!(LevanaVenue {
    market_contract,
    take_profit,
    slippage_tolerance,
    collateral_decimals,
    terms
});
crate::json_struct!(InjectiveVenue {
    market_id,
    subaccount_id,
    fee_recipient,
    max_slippage,
    quote_decimals,
    price_tick,
    quantity_tick,
    terms
});
