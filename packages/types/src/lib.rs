//! Messages, queries and shared types of the Ballast contracts.
//!
//! Contracts never depend on each other's crates: they talk through these types, as they would on
//! chain. `convert` is the one boundary where `Uint128`, `Decimal` and `SignedDecimal` become the fixed
//! point of `ballast-sizing` and back.

#![deny(missing_docs)]
#![deny(clippy::float_arithmetic)]
#![deny(clippy::as_conversions)]

pub mod attributes;
pub mod convert;
pub mod governor;
pub mod json;
pub mod oracle;
pub mod perp;
pub mod pyth;
pub mod strategies;
pub mod vault;
pub mod venue;
pub mod version;

use cw_schema::Schemaifier;
use schemars::JsonSchema;

/// Direction of an order or a position.
// Serialised by `name` (`serialize_by_name!`).
#[derive(Clone, Debug, PartialEq, JsonSchema, Schemaifier)]
#[serde(rename_all = "snake_case")]
#[derive(Copy, Eq, Hash)]
pub enum Side {
    /// Gains when the price rises.
    Long,
    /// Gains when the price falls.
    Short,
}

impl Side {
    /// The side as it is serialised.
    pub fn name(self) -> &'static str {
        match self {
            Side::Long => "long",
            Side::Short => "short",
        }
    }

    /// The other direction.
    pub fn opposite(self) -> Side {
        match self {
            Side::Long => Side::Short,
            Side::Short => Side::Long,
        }
    }
}

impl From<Side> for ballast_sizing::Side {
    fn from(side: Side) -> Self {
        match side {
            Side::Long => ballast_sizing::Side::Long,
            Side::Short => ballast_sizing::Side::Short,
        }
    }
}

impl From<ballast_sizing::Side> for Side {
    fn from(side: ballast_sizing::Side) -> Self {
        match side {
            ballast_sizing::Side::Long => Side::Long,
            ballast_sizing::Side::Short => Side::Short,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::from_json;

    // cw_serde 3 no longer denies unknown fields; every input message does so itself, so a typo such
    // as `signl` is an error rather than a silently missing signal. Pinned here.
    #[test]
    fn unknown_fields_in_messages_are_refused() {
        let res = from_json::<oracle::ExecuteMsg>(r#"{"add_publisher":{"address":"a","extra":1}}"#);
        assert!(res.is_err());
        let res = from_json::<vault::ExecuteMsg>(
            r#"{"submit_order":{"market":"m","side":"long","size":"1","reduce_only":false,"signl":"1"}}"#,
        );
        assert!(res.is_err());
        let res = from_json::<perp::QueryMsg>(r#"{"pool":{"x":1}}"#);
        assert!(res.is_err());
    }

    #[test]
    fn unknown_fields_in_replies_are_ignored() {
        // Replies may grow fields; an old client still reads them.
        let json = r#"{"balance":"1","total_shares":"2","new_field":3}"#;
        let pool: perp::PoolResponse = from_json(json).unwrap();
        assert_eq!(pool.total_shares.u128(), 2);
    }

    #[test]
    fn sides_are_snake_case() {
        assert_eq!(
            cosmwasm_std::to_json_string(&Side::Long).unwrap(),
            r#""long""#
        );
    }
}

crate::serialize_by_name!(Side);

crate::json_enum!(Side {
    "long" => Long unit,
    "short" => Short unit,
});
