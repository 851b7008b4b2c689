//! Injective's exchange module as the vault reaches it through the chain's wasm bindings, in the wire
//! shape of `injective-cosmwasm`: the message the vault sends (`order` builds it from a decided order
//! on the market's ticks) and the queries it reads its position with (`summary` turns their answers
//! into the pipeline's [`PositionSummary`]).
//!
//! Copied from `InjectiveLabs/cw-injective`, `packages/injective-cosmwasm/src/msg.rs`, `query.rs`,
//! `route.rs`, `exchange/derivative.rs`, `exchange/order.rs` and `exchange/response.rs` (commit
//! 78f9ab9faf66e39b577cc5e99649b7f50981d180, crate 0.3.1). That crate builds on cosmwasm-std 2, so it
//! cannot sit beside our cosmwasm-std 3; these types serialise the same JSON: `FPDecimal` is a
//! decimal string with at most 18 fractional digits, `MarketId` and `SubaccountId` are `0x` + 64
//! hex characters, `OrderType` is a number (`serde_repr`). `tests/fixtures/venues/injective/` holds
//! the verbatim source the tests check against.
//!
//! Amounts are `Decimal256`, as wide as `FPDecimal`, in chain units: the quote's base units (injectived
//! 1.20 converts these v1 messages to its human-unit v2 orders by the market's quote decimals, and
//! answers the v1 queries in chain units again: injective-core `wasmbinding/queries.go` uses the
//! exchange's v1 query server), and an 18-decimal quote puts prices beyond `Decimal`. Checked on a
//! local injectived 1.20.1 by `scripts/e2e-injective.sh`.
//!
//! Orders are atomic (order types 9 and 10): the exchange executes them in the transaction, at the
//! market's taker fee times its atomic multiplier (2.5 by default), instead of at the end of the block.
//! So when the vault's reply runs, the exchange's position already holds whatever filled.

use cosmwasm_std::{CosmosMsg, CustomMsg, CustomQuery, Decimal256, Int128, Uint128, Uint256};

use super::{InjectiveVenue, VenueAccount, VenueError, VenueMsg, VenueOrder};
use crate::Side;
use crate::perp::PositionSummary;
use serde::{Deserialize, Serialize};

/// The custom message Injective's wasm bindings route to a module.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub struct InjectiveMsgWrapper {
    /// The module, `exchange` here.
    pub route: InjectiveRoute,
    /// The module's message.
    pub msg_data: InjectiveMsg,
}

impl CustomMsg for InjectiveMsgWrapper {}

impl From<InjectiveMsgWrapper> for CosmosMsg<InjectiveMsgWrapper> {
    fn from(msg: InjectiveMsgWrapper) -> Self {
        CosmosMsg::Custom(msg)
    }
}

/// The module a custom message goes to.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum InjectiveRoute {
    /// The exchange module.
    Exchange,
}

/// The exchange messages the vault sends.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum InjectiveMsg {
    /// A derivative market order from the contract's subaccount (atomic: executed in the transaction).
    CreateDerivativeMarketOrder {
        /// The contract itself (bech32).
        sender: String,
        /// The order.
        order: DerivativeOrder,
    },
}

/// A derivative order.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct DerivativeOrder {
    /// `0x` + 64 hex characters.
    pub market_id: String,
    /// Who and at what price and quantity.
    pub order_info: OrderInfo,
    /// Buy or sell.
    pub order_type: OrderType,
    /// Margin in the quote denom's chain units; zero makes the order reduce-only.
    pub margin: Decimal256,
    /// For conditional orders; none here.
    pub trigger_price: Option<Decimal256>,
}

/// Who places an order, and its worst price and quantity.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct OrderInfo {
    /// `0x` + 64 hex characters: the address's 20 bytes in hex, then the 12-byte nonce.
    pub subaccount_id: String,
    /// Receives a share of the trading fee, when set.
    pub fee_recipient: Option<String>,
    /// Worst price, quote chain units per unit of quantity.
    pub price: Decimal256,
    /// Quantity in the market's units.
    pub quantity: Decimal256,
    /// Client order id; none.
    pub cid: Option<String>,
}

/// Injective's order type (numbers as in the exchange proto): the vault sends only atomic orders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderType {
    /// 9: a buy executed in the transaction.
    BuyAtomic,
    /// 10: a sell executed in the transaction.
    SellAtomic,
}

impl OrderType {
    /// The proto number.
    pub fn number(self) -> u8 {
        match self {
            OrderType::BuyAtomic => 9,
            OrderType::SellAtomic => 10,
        }
    }
}

impl Serialize for OrderType {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.number())
    }
}

impl<'de> Deserialize<'de> for OrderType {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match u8::deserialize(deserializer)? {
            9 => Ok(OrderType::BuyAtomic),
            10 => Ok(OrderType::SellAtomic),
            other => Err(serde::de::Error::custom(format!(
                "order type {other} is not sent by the vault"
            ))),
        }
    }
}

/// `x` rounded down to a multiple of `tick`.
fn floor_to(x: Decimal256, tick: Decimal256) -> Result<Decimal256, VenueError> {
    Ok(x.checked_div(tick)?.floor().checked_mul(tick)?)
}

/// `x` rounded up to a multiple of `tick`.
fn ceil_to(x: Decimal256, tick: Decimal256) -> Result<Decimal256, VenueError> {
    Ok(x.checked_div(tick)?.checked_ceil()?.checked_mul(tick)?)
}

/// A base-unit amount as a `Decimal256`.
fn amount256(amount: Uint128) -> Result<Decimal256, VenueError> {
    Ok(Decimal256::checked_from_ratio(amount, 1u128)?)
}

/// Injective's `CreateDerivativeMarketOrder` for a decided order.
///
/// In `Decimal256`: chain prices are quote base units per unit, so an 18-decimal quote (INJ) puts
/// BTC at 60,000 * 10^18 = 6e22, beyond `Decimal`'s 3.4e20.
pub(super) fn order(
    v: &InjectiveVenue,
    account: VenueAccount,
    order: &VenueOrder,
) -> Result<VenueMsg, VenueError> {
    if !order.reduce_only && order.margin.is_zero() {
        return Err(VenueError::MarginRequired { venue: "injective" });
    }
    // The oracle prices in quote per base; the exchange in quote base units per unit of quantity.
    let scale = Uint256::from(10u128).checked_pow(v.quote_decimals)?;
    let price =
        Decimal256::from(order.price).checked_mul(Decimal256::checked_from_ratio(scale, 1u128)?)?;
    // Decimal division rounds down; then down to the tick: never more than the decided notional.
    let exact = amount256(order.notional)?.checked_div(price)?;
    let quantity_tick = Decimal256::from(v.quantity_tick);
    let quantity = floor_to(exact, quantity_tick)?;
    if quantity.is_zero() {
        return Err(VenueError::BelowTick {
            quantity: exact,
            tick: v.quantity_tick,
        });
    }
    // The worst price, rounded toward the oracle price: a buy's bound down, a sell's up.
    let slippage = Decimal256::from(v.max_slippage);
    let price_tick = Decimal256::from(v.price_tick);
    let (order_type, price) = match order.side {
        Side::Long => (
            OrderType::BuyAtomic,
            floor_to(
                price.checked_mul(Decimal256::one().checked_add(slippage)?)?,
                price_tick,
            )?,
        ),
        Side::Short => (
            OrderType::SellAtomic,
            ceil_to(
                price.checked_mul(Decimal256::one().checked_sub(slippage)?)?,
                price_tick,
            )?,
        ),
    };
    // Injective reads zero margin as reduce-only; the vault posts no margin on reductions.
    let margin = if order.reduce_only {
        Decimal256::zero()
    } else {
        amount256(order.margin)?
    };
    Ok(VenueMsg::Injective(InjectiveMsgWrapper {
        route: InjectiveRoute::Exchange,
        msg_data: InjectiveMsg::CreateDerivativeMarketOrder {
            sender: account.sender.to_string(),
            order: DerivativeOrder {
                market_id: v.market_id.clone(),
                order_info: OrderInfo {
                    subaccount_id: v.subaccount_id.clone(),
                    fee_recipient: v.fee_recipient.clone(),
                    price,
                    quantity,
                    cid: None,
                },
                order_type,
                margin,
                trigger_price: None,
            },
        },
    }))
}

/// The custom query Injective's wasm bindings route to a module.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct InjectiveQueryWrapper {
    /// The module, `exchange` here.
    pub route: InjectiveRoute,
    /// The module's query.
    pub query_data: InjectiveQuery,
}

impl CustomQuery for InjectiveQueryWrapper {}

/// The exchange queries the vault reads its position with.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum InjectiveQuery {
    /// The market, with its mark price.
    DerivativeMarket {
        /// `0x` + 64 hex characters.
        market_id: String,
    },
    /// A subaccount's position: side, quantity, entry price, margin.
    SubaccountPositionInMarket {
        /// `0x` + 64 hex characters.
        market_id: String,
        /// `0x` + 64 hex characters.
        subaccount_id: String,
    },
    /// A subaccount's position with its effective margin: margin plus PnL at the mark price plus
    /// unrealised funding, as the exchange values it for liquidation.
    SubaccountEffectivePositionInMarket {
        /// `0x` + 64 hex characters.
        market_id: String,
        /// `0x` + 64 hex characters.
        subaccount_id: String,
    },
}

impl InjectiveQueryWrapper {
    /// An exchange query.
    pub fn exchange(query_data: InjectiveQuery) -> Self {
        InjectiveQueryWrapper {
            route: InjectiveRoute::Exchange,
            query_data,
        }
    }
}

/// Answer to [`InjectiveQuery::DerivativeMarket`]; none when the exchange has no such market.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct DerivativeMarketResponse {
    /// The market (its other fields are not read).
    pub market: Option<FullDerivativeMarket>,
}

/// The part of the exchange's full derivative market the vault reads.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct FullDerivativeMarket {
    /// Chain units: quote base units per unit of quantity.
    pub mark_price: Decimal256,
}

/// Answer to [`InjectiveQuery::SubaccountPositionInMarket`]; none when flat.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct PositionResponse {
    /// The position.
    pub state: Option<Position>,
}

/// The part of a position on the exchange the vault reads (its entry price and funding entry are
/// left out), chain units.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Position {
    /// Long; the exchange leaves the field out when false.
    #[serde(rename = "isLong")]
    pub is_long: bool,
    /// Quantity in the market's units.
    pub quantity: Decimal256,
    /// Quote base units.
    pub margin: Decimal256,
}

/// Answer to [`InjectiveQuery::SubaccountEffectivePositionInMarket`]; none when flat.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct EffectivePositionResponse {
    /// The position.
    pub state: Option<EffectivePosition>,
}

/// The part of an effective position the vault reads (side, quantity and entry price are the
/// position's), chain units.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct EffectivePosition {
    /// Margin + PnL at the mark price + unrealised funding, quote base units; negative when under
    /// water beyond the margin. A decimal string, read by [`summary`] (`SignedDecimal256` would add
    /// its own parser and signed 256-bit arithmetic to the wasm for this one field).
    pub effective_margin: String,
}

/// A signed decimal string rounded down to an integer.
fn floor_signed(s: &str) -> Result<Int128, VenueError> {
    let (negative, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let abs: Decimal256 = digits.parse()?;
    if negative {
        let up = Int128::try_from(Uint128::try_from(abs.to_uint_ceil())?)?;
        Ok(Int128::zero().checked_sub(up)?)
    } else {
        Ok(Int128::try_from(Uint128::try_from(abs.to_uint_floor())?)?)
    }
}

/// The exchange's position as the pipeline reads a position: notional = quantity * the market's mark
/// price, margin as posted, and PnL = effective margin - margin (price and funding), each rounded
/// down to base units, so margin + PnL is the exchange's effective margin rounded down.
pub fn summary(
    held: &Position,
    effective: &EffectivePosition,
    mark_price: Decimal256,
) -> Result<PositionSummary, VenueError> {
    let floor = |x: Decimal256| Uint128::try_from(x.to_uint_floor());
    let notional = floor(held.quantity.checked_mul(mark_price)?)?;
    let margin = floor(held.margin)?;
    let equity = floor_signed(&effective.effective_margin)?;
    let unrealized_pnl = equity.checked_sub(Int128::try_from(margin)?)?;
    let side = match (held.quantity.is_zero(), held.is_long) {
        (true, _) => None,
        (false, true) => Some(Side::Long),
        (false, false) => Some(Side::Short),
    };
    Ok(PositionSummary {
        side,
        notional,
        margin,
        unrealized_pnl,
        // The exchange pays into the vault's balance, which the injective build counts as idle.
        paid_out: Uint128::zero(),
    })
}

// The exchange's replies carry more than the vault reads: other fields are ignored (`..`). Absent
// options are none and an absent `isLong` or margin is false or zero, as the exchange leaves them out.
crate::json_struct!(DerivativeMarketResponse { market = default, .. });
crate::json_struct!(FullDerivativeMarket { mark_price, .. });
crate::json_struct!(PositionResponse { state = default, .. });
crate::json_struct!(EffectivePositionResponse { state = default, .. });
crate::json_struct!(EffectivePosition {
    effective_margin,
    ..
});

impl<'de> Deserialize<'de> for Position {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let shape = crate::json::Shape {
            what: "Position",
            fields: &["isLong", "quantity", "margin"],
            lenient: true,
        };
        crate::json::read_struct(d, shape, |fields| {
            Ok(Position {
                is_long: fields.take_or_default("isLong")?,
                quantity: fields.take("quantity")?,
                margin: fields.take_or_default("margin")?,
            })
        })
    }
}
