//! Messages of `ballast-oracle`, a push oracle whose query API is wire-compatible with Pyth.

use cosmwasm_schema::{QueryResponses, cw_serde};
use cosmwasm_std::{Addr, Int64, Uint64};

use crate::pyth::PriceIdentifier;

/// How far ahead of the block time a publish_time may be, seconds. The oracle refuses a price further
/// ahead (it would make every correct price after it "older" and freeze the feed until that time);
/// the perp market reads a price up to this far ahead as fresh, so whatever the oracle stores, the
/// market can trade on. Equal to the vault's default `max_future_skew` guard.
pub const MAX_FUTURE_SKEW: u64 = 5;

/// Instantiates the oracle.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct InstantiateMsg {
    /// May add and remove publishers.
    pub owner: String,
    /// Addresses allowed to push prices.
    pub publishers: Vec<String>,
}

/// One price pushed by a publisher: `price * 10^expo` with confidence `conf * 10^expo`.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct PriceUpdate {
    /// The feed id (64 hex characters).
    pub id: PriceIdentifier,
    /// Price mantissa; must be positive.
    pub price: Int64,
    /// Confidence interval mantissa.
    pub conf: Uint64,
    /// Power of ten.
    pub expo: i32,
    /// Unix seconds; must not be older than the stored price of the feed, nor more than
    /// [`MAX_FUTURE_SKEW`] after the block time.
    pub publish_time: i64,
}

/// Actions of the oracle.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub enum ExecuteMsg {
    /// A publisher pushes prices; each replaces its feed's stored price. All or nothing.
    UpdatePriceFeeds {
        /// The new prices.
        feeds: Vec<PriceUpdate>,
    },
    /// The owner allows a publisher.
    AddPublisher {
        /// The publisher's address.
        address: String,
    },
    /// The owner removes a publisher.
    RemovePublisher {
        /// The publisher's address.
        address: String,
    },
}

/// Queries of the oracle.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// A feed's price, answered as Pyth answers it.
    #[returns(crate::pyth::PriceFeedResponse)]
    PriceFeed {
        /// The feed id.
        id: PriceIdentifier,
    },
    /// Owner and publishers.
    #[returns(ConfigResponse)]
    Config {},
}

/// Reply to [`QueryMsg::Config`].
#[cw_serde]
pub struct ConfigResponse {
    /// The owner.
    pub owner: Addr,
    /// Allowed publishers.
    pub publishers: Vec<Addr>,
}

/// Migrates the oracle to this version.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct MigrateMsg {}
