//! Errors of the oracle.

use cosmwasm_std::StdError;
use thiserror::Error;

use ballast_types::version::VersionError;

/// Everything the oracle refuses.
#[derive(Debug, Error)]
pub enum ContractError {
    /// A storage or serialisation error.
    #[error(transparent)]
    Std(#[from] StdError),
    /// The sender does not hold the role the action needs.
    #[error("unauthorized: only the {role} may do this")]
    Unauthorized {
        /// `owner` or `publisher`.
        role: &'static str,
    },
    /// A feed id that is not 64 hex characters.
    #[error("feed id {id:?} is not 64 hex characters")]
    InvalidFeedId {
        /// The id received.
        id: String,
    },
    /// A price of zero or below.
    #[error("feed {id}: price must be positive, got {price}")]
    NonPositivePrice {
        /// The feed.
        id: String,
        /// The price mantissa received.
        price: i64,
    },
    /// A publish_time older than the stored price's.
    #[error("feed {id}: publish_time {received} is older than the stored {stored}")]
    OlderPrice {
        /// The feed.
        id: String,
        /// publish_time of the stored price.
        stored: i64,
        /// publish_time received.
        received: i64,
    },
    /// A publish_time further ahead of the block than the oracle allows.
    #[error(
        "feed {id}: publish_time {publish_time} is more than {max_skew} s after the block time {now}"
    )]
    FuturePublishTime {
        /// The feed.
        id: String,
        /// publish_time received.
        publish_time: i64,
        /// Block time, unix seconds.
        now: i64,
        /// The allowed skew, seconds.
        max_skew: i64,
    },
    /// A query for a feed that has never been published.
    #[error("feed {id} has no price")]
    FeedNotFound {
        /// The feed.
        id: String,
    },
    /// The same feed twice in one update.
    #[error("feed {id} appears twice in one update")]
    DuplicateFeed {
        /// The feed.
        id: String,
    },
    /// A migration from another contract or to an older version.
    #[error(transparent)]
    Version(#[from] VersionError),
}

impl ContractError {
    /// A stable snake_case id per variant, for clients and tests; never renamed or reused.
    pub fn id(&self) -> &'static str {
        match self {
            ContractError::Std(_) => "std",
            ContractError::Unauthorized { .. } => "unauthorized",
            ContractError::InvalidFeedId { .. } => "invalid_feed_id",
            ContractError::NonPositivePrice { .. } => "non_positive_price",
            ContractError::OlderPrice { .. } => "older_price",
            ContractError::FuturePublishTime { .. } => "future_publish_time",
            ContractError::FeedNotFound { .. } => "feed_not_found",
            ContractError::DuplicateFeed { .. } => "duplicate_feed",
            ContractError::Version(VersionError::ForeignContract { .. }) => "foreign_contract",
            ContractError::Version(VersionError::Downgrade { .. }) => "downgrade",
            ContractError::Version(VersionError::TooOld { .. }) => "version_too_old",
        }
    }
}

/// cosmwasm-std 3's `StdError` has no `PartialEq`; two errors are equal when their id and every
/// field (all shown in the message) are.
impl PartialEq for ContractError {
    fn eq(&self, other: &Self) -> bool {
        self.id() == other.id() && self.to_string() == other.to_string()
    }
}

/// Result of every handler.
pub type ContractResult<T> = Result<T, ContractError>;
