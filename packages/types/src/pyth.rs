//! Price feed types wire-compatible with Pyth's CosmWasm contract, so the vault can read a real Pyth
//! contract on a chain that has one. (`pyth-sdk-cw` supports cosmwasm-std 1.x only.)
//!
//! `{"price_feed":{"id":"<64 hex>"}}` is answered with
//! `{"price_feed":{"id":..,"price":{"price":"..","conf":"..","expo":-8,"publish_time":..},"ema_price":{..}}}`.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Int64, Uint64};
use cw_schema::Schemaifier;
use schemars::JsonSchema;
use serde::Serialize;

/// A feed id: 32 bytes as 64 lowercase or uppercase hex characters, without `0x`.
#[cw_serde]
#[derive(Eq, Hash, PartialOrd, Ord)]
pub struct PriceIdentifier(pub String);

impl PriceIdentifier {
    /// True when the id is exactly 64 hex characters.
    pub fn is_valid(&self) -> bool {
        self.0.len() == 64 && self.0.bytes().all(|b| b.is_ascii_hexdigit())
    }

    /// The id in lowercase, the form used as a storage key.
    pub fn normalized(&self) -> String {
        self.0.to_ascii_lowercase()
    }
}

/// A price as Pyth publishes it: `price * 10^expo`, with a confidence interval `conf * 10^expo`.
#[derive(Serialize, Clone, Debug, PartialEq, JsonSchema, Schemaifier, Copy, Eq)]
pub struct PythPrice {
    /// Price mantissa (i64 as a JSON string).
    pub price: Int64,
    /// Confidence interval mantissa (u64 as a JSON string).
    pub conf: Uint64,
    /// Power of ten of `price` and `conf`.
    pub expo: i32,
    /// Unix seconds at which the price was published.
    pub publish_time: i64,
}

/// A feed's current price and its exponential moving average.
#[derive(Serialize, Clone, Debug, PartialEq, JsonSchema, Schemaifier)]
pub struct PriceFeed {
    /// The feed id.
    pub id: PriceIdentifier,
    /// The latest price.
    pub price: PythPrice,
    /// The moving-average price.
    pub ema_price: PythPrice,
}

/// Reply to `{"price_feed":{"id":..}}`.
#[derive(Serialize, Clone, Debug, PartialEq, JsonSchema, Schemaifier)]
pub struct PriceFeedResponse {
    /// The feed.
    pub price_feed: PriceFeed,
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::{from_json, to_json_string};

    #[test]
    fn response_has_pyth_wire_shape() {
        let price = PythPrice {
            price: Int64::new(6_500_000_000_000),
            conf: Uint64::new(1_000_000),
            expo: -8,
            publish_time: 1_700_000_000,
        };
        let resp = PriceFeedResponse {
            price_feed: PriceFeed {
                id: PriceIdentifier("ab".repeat(32)),
                price,
                ema_price: price,
            },
        };
        let json = to_json_string(&resp).unwrap();
        let expected = format!(
            r#"{{"price_feed":{{"id":"{}","price":{{"price":"6500000000000","conf":"1000000","expo":-8,"publish_time":1700000000}},"ema_price":{{"price":"6500000000000","conf":"1000000","expo":-8,"publish_time":1700000000}}}}}}"#,
            "ab".repeat(32)
        );
        assert_eq!(json, expected);
        assert_eq!(from_json::<PriceFeedResponse>(&json).unwrap(), resp);
    }

    #[test]
    fn ids_must_be_64_hex_characters() {
        assert!(PriceIdentifier("aB".repeat(32)).is_valid());
        assert!(!PriceIdentifier("ab".repeat(31)).is_valid());
        assert!(!PriceIdentifier(format!("0x{}", "ab".repeat(31))).is_valid());
        assert!(!PriceIdentifier("zz".repeat(32)).is_valid());
    }
}

crate::json_struct!(PythPrice {
    price,
    conf,
    expo,
    publish_time,
    ..
});
crate::json_struct!(PriceFeed {
    id,
    price,
    ema_price,
    ..
});
crate::json_struct!(PriceFeedResponse { price_feed, .. });
