//! Injective's exchange module message the vault sends, in the wire shape of `injective-cosmwasm`, and
//! `order`, which builds it from a decided order on the market's ticks.
//!
//! Copied from `InjectiveLabs/cw-injective`, `packages/injective-cosmwasm/src/msg.rs`,
//! `route.rs`, `exchange/derivative.rs` and `exchange/order.rs` (commit
//! 78f9ab9faf66e39b577cc5e99649b7f50981d180, crate 0.3.1). That crate builds on cosmwasm-std 2, so it
//! cannot sit beside our cosmwasm-std 3; these types serialise the same JSON: `FPDecimal` is a
//! decimal string with at most 18 fractional digits, `MarketId` and `SubaccountId` are `0x` + 64
//! hex characters, `OrderType` is a number (`serde_repr`). `tests/fixtures/venues/injective/` holds
//! the verbatim source the tests check against.
//!
//! Amounts are `Decimal256`, as wide as `FPDecimal`: the chain reads them in the quote's base units
//! (injectived 1.20 converts these v1 messages to its human-unit v2 orders by the market's quote
//! decimals), and an 18-decimal quote puts prices beyond `Decimal`. Checked on a local injectived
//! 1.20.1 by `scripts/e2e-injective.sh`.

use cosmwasm_std::{CosmosMsg, CustomMsg, Decimal256, Uint128, Uint256};

use super::{InjectiveVenue, VenueAccount, VenueError, VenueMsg, VenueOrder};
use crate::Side;
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
    /// A derivative market order from the contract's subaccount.
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

/// Injective's order type (numbers as in the exchange proto).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderType {
    /// 1.
    Buy,
    /// 2.
    Sell,
}

impl OrderType {
    /// The proto number.
    pub fn number(self) -> u8 {
        match self {
            OrderType::Buy => 1,
            OrderType::Sell => 2,
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
            1 => Ok(OrderType::Buy),
            2 => Ok(OrderType::Sell),
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
            OrderType::Buy,
            floor_to(
                price.checked_mul(Decimal256::one().checked_add(slippage)?)?,
                price_tick,
            )?,
        ),
        Side::Short => (
            OrderType::Sell,
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
