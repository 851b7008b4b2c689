//! Injective's exchange module message the vault sends, in the wire shape of `injective-cosmwasm`.
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

use cosmwasm_std::{CosmosMsg, CustomMsg, Decimal256};
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
