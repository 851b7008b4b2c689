//! Errors of the perp market. Every variant carries the numbers behind it and has a stable snake_case
//! id ([`ContractError::id`]) that tests and clients match on; a released id is never renamed or reused.

use ballast_sizing::SizingError;
use ballast_types::Side;
use ballast_types::convert::ConvertError;
use cosmwasm_std::{
    CheckedFromRatioError, CheckedMultiplyFractionError, CheckedMultiplyRatioError,
    ConversionOverflowError, Decimal256RangeExceeded, DivideByZeroError, Int64, Int128, Int256,
    OverflowError, SignedDecimal256RangeExceeded, StdError, Uint128, Uint256,
};
use thiserror::Error;

/// Result of every entry point and helper of the contract.
pub type ContractResult<T> = Result<T, ContractError>;

/// What went wrong in the perp market.
///
/// Equality compares the id and the message, which prints every field: `StdError` has no `PartialEq`
/// in cosmwasm-std 3, so the enum cannot derive it.
#[derive(Debug, Error)]
pub enum ContractError {
    /// A cosmwasm-std error (storage, serialisation, a failed query).
    #[error("{0}")]
    Std(#[from] StdError),
    /// Checked arithmetic overflowed.
    #[error("{0}")]
    Overflow(#[from] OverflowError),
    /// Division by zero.
    #[error("{0}")]
    DivideByZero(#[from] DivideByZeroError),
    /// A ratio that cannot be represented.
    #[error("{0}")]
    CheckedFromRatio(#[from] CheckedFromRatioError),
    /// An amount times a fraction that cannot be represented.
    #[error("{0}")]
    CheckedMultiplyFraction(#[from] CheckedMultiplyFractionError),
    /// An amount times a ratio that cannot be represented.
    #[error("{0}")]
    CheckedMultiplyRatio(#[from] CheckedMultiplyRatioError),
    /// A value that does not fit the narrower integer type.
    #[error("{0}")]
    ConversionOverflow(#[from] ConversionOverflowError),
    /// A value beyond `Decimal256`.
    #[error("{0}")]
    Decimal256RangeExceeded(#[from] Decimal256RangeExceeded),
    /// A value beyond `SignedDecimal256`.
    #[error("{0}")]
    SignedDecimal256RangeExceeded(#[from] SignedDecimal256RangeExceeded),
    /// A number that does not cross into or out of fixed point.
    #[error("{0}")]
    Convert(#[from] ConvertError),
    /// The fixed-point math failed (the impact curve's pow).
    #[error("{0}")]
    Sizing(#[from] SizingError),

    /// The sender does not hold the role the action needs.
    #[error("unauthorized: only the {role} may do this")]
    Unauthorized {
        /// The role, e.g. `owner`.
        role: &'static str,
    },
    /// A parameter outside its bounds.
    #[error("{name} is {value}, must be {rule}")]
    InvalidParameter {
        /// The parameter's name, as in the messages.
        name: &'static str,
        /// The value received.
        value: String,
        /// The rule it broke.
        rule: &'static str,
    },
    /// Funds of another denom, or several coins, were attached.
    #[error("only {expected} may be attached, received {received}")]
    InvalidFunds {
        /// The collateral denom.
        expected: String,
        /// What was attached.
        received: String,
    },
    /// The action needs collateral attached and none was.
    #[error("attach a positive amount of {denom}")]
    NoFunds {
        /// The collateral denom.
        denom: String,
    },
    /// Funds were attached to an action that takes none.
    #[error("this action takes no funds, received {received}")]
    UnexpectedFunds {
        /// What was attached.
        received: String,
    },
    /// An amount that must be positive is zero.
    #[error("{what} must not be zero")]
    ZeroAmount {
        /// Which amount (`notional`, `shares`).
        what: &'static str,
    },
    /// `AddMarket` with an id already listed.
    #[error("market {market} already exists")]
    MarketExists {
        /// Market id.
        market: String,
    },
    /// No market has this id.
    #[error("unknown market {market}")]
    UnknownMarket {
        /// Market id.
        market: String,
    },
    /// The trader has no position in the market.
    #[error("{trader} has no position in {market}")]
    NoPosition {
        /// The trader.
        trader: String,
        /// Market id.
        market: String,
    },
    /// A reduce-only trade found no opposing position to reduce.
    #[error("reduce-only trade with nothing to reduce in {market}")]
    NothingToReduce {
        /// Market id.
        market: String,
    },
    /// The trade is so large, on top of its direction's recent flow, that its price impact would
    /// reach 100% (or the flow would reach the depth).
    #[error(
        "notional {notional} after a recent flow of {recent_flow} reaches the market depth {depth}: impact would be 100% or more"
    )]
    ImpactTooLarge {
        /// Notional of the trade, base units.
        notional: Uint128,
        /// Notional recently traded in the same direction, decayed to now, base units.
        recent_flow: Uint128,
        /// Depth of the market, base units.
        depth: Uint128,
    },
    /// The margin cannot carry the position after the trade.
    #[error("insufficient margin: required {required}, available {available}")]
    InsufficientMargin {
        /// Initial margin on the position's notional plus this trade's fee, base units.
        required: Uint128,
        /// Margin (attached funds included) less the position's unrealized loss, base units.
        available: Uint128,
    },
    /// The trade would push the open interest of a side past the market's cap.
    #[error("open interest of {side:?} would be {open_interest}, above the cap {max}")]
    OpenInterestCapExceeded {
        /// The side whose open interest grows.
        side: Side,
        /// Its open interest after the trade, notional at entry, base units.
        open_interest: Uint128,
        /// The market's cap, base units.
        max: Uint128,
    },
    /// `Liquidate` on a position whose equity covers its maintenance margin.
    #[error("not liquidatable: equity {equity} is not below maintenance margin {maintenance}")]
    NotLiquidatable {
        /// Margin plus unrealized PnL at the oracle price, base units.
        equity: Int256,
        /// Maintenance margin on the notional at the oracle price, base units.
        maintenance: Uint256,
    },
    /// The oracle's price is zero or negative.
    #[error("feed {feed_id} has a non-positive price {price}")]
    NonPositivePrice {
        /// The feed id.
        feed_id: String,
        /// The price mantissa.
        price: Int64,
    },
    /// The oracle's price is older than `max_price_age`.
    #[error("feed {feed_id} is stale: published at {publish_time}, now {now}, max age {max_age} s")]
    StalePrice {
        /// The feed id.
        feed_id: String,
        /// Unix seconds of the price.
        publish_time: i64,
        /// Block time, unix seconds.
        now: u64,
        /// The largest age accepted, seconds.
        max_age: u64,
    },
    /// The oracle's price claims to come from further after the current block than the skew allows.
    #[error(
        "feed {feed_id} is published in the future: at {publish_time}, now {now}, max skew {max_skew} s"
    )]
    FuturePrice {
        /// The feed id.
        feed_id: String,
        /// Unix seconds of the price.
        publish_time: i64,
        /// Block time, unix seconds.
        now: u64,
        /// How far ahead of the block a price is accepted, seconds.
        max_skew: u64,
    },
    /// A withdrawal of more pool shares than the sender holds.
    #[error("cannot burn {requested} pool shares, only {owned} owned")]
    InsufficientShares {
        /// Shares asked for.
        requested: Uint128,
        /// Shares held.
        owned: Uint128,
    },
    /// Shares exist but the pool holds nothing: a deposit would buy them at no price. No longer
    /// raised since 0.3.0: shares are priced on the pool's value ([`ContractError::PoolInsolvent`]).
    #[deprecated(note = "since 0.3.0 an LP action on a worthless pool raises PoolInsolvent")]
    #[error("the pool is empty while {total_shares} shares are outstanding")]
    PoolDrained {
        /// Pool shares outstanding.
        total_shares: Uint128,
    },
    /// Shares exist but the pool is worth nothing: the traders' unrealised PnL is at least its
    /// balance. A deposit would buy shares at no price and a withdrawal would pay out what the
    /// traders are owed.
    #[error(
        "the pool is worth nothing: balance {balance}, traders' unrealised PnL {traders_pnl}, {total_shares} shares outstanding"
    )]
    PoolInsolvent {
        /// Pool balance, base units.
        balance: Uint128,
        /// The traders' unrealised PnL at the oracle prices, netted, base units.
        traders_pnl: Int128,
        /// Pool shares outstanding.
        total_shares: Uint128,
    },
    /// A withdrawal would leave the pool balance below the unrealised profit of the sides that are up.
    #[error(
        "cannot pay {amount} out of a pool balance of {balance}: {reserved} is reserved for the traders' unrealised profit"
    )]
    PoolReserved {
        /// What the shares are worth, base units.
        amount: Uint128,
        /// Pool balance, base units.
        balance: Uint128,
        /// Unrealised profit of the sides that are up, rounded up, base units.
        reserved: Uint128,
    },
    /// An LP action needs the pool's value and a market with open positions has no usable price.
    #[error("cannot value the pool: market {market} has no usable price: {reason}")]
    PoolUnpriced {
        /// Market id.
        market: String,
        /// Why its price is unusable (stale, from the future, non-positive, the query failed).
        reason: Box<ContractError>,
    },
    /// `migrate` from another contract.
    #[error("cannot migrate from {found}, this is {expected}")]
    ForeignContract {
        /// This contract's name.
        expected: String,
        /// The stored contract name.
        found: String,
    },
    /// `migrate` to an older version than the stored one.
    #[error("cannot migrate from version {from} down to {to}")]
    Downgrade {
        /// The stored version.
        from: String,
        /// This code's version.
        to: String,
    },
    /// A version string that is not `major.minor.patch`.
    #[error("invalid version {version}")]
    InvalidVersion {
        /// The text.
        version: String,
    },
    /// The `sanity` feature found the books out of balance (tests only).
    #[error("sanity check failed: {check}: expected {expected}, found {found}")]
    Sanity {
        /// Which invariant.
        check: &'static str,
        /// What the books say.
        expected: String,
        /// What was found.
        found: String,
    },
}

impl ContractError {
    /// Stable snake_case id of the variant.
    pub fn id(&self) -> &'static str {
        match self {
            ContractError::Std(_) => "std",
            ContractError::Overflow(_) => "overflow",
            ContractError::DivideByZero(_) => "divide_by_zero",
            ContractError::CheckedFromRatio(_) => "checked_from_ratio",
            ContractError::CheckedMultiplyFraction(_) => "checked_multiply_fraction",
            ContractError::CheckedMultiplyRatio(_) => "checked_multiply_ratio",
            ContractError::ConversionOverflow(_) => "conversion_overflow",
            ContractError::Decimal256RangeExceeded(_) => "decimal256_range_exceeded",
            ContractError::SignedDecimal256RangeExceeded(_) => "signed_decimal256_range_exceeded",
            ContractError::Convert(_) => "convert",
            ContractError::Sizing(_) => "sizing",
            ContractError::Unauthorized { .. } => "unauthorized",
            ContractError::InvalidParameter { .. } => "invalid_parameter",
            ContractError::InvalidFunds { .. } => "invalid_funds",
            ContractError::NoFunds { .. } => "no_funds",
            ContractError::UnexpectedFunds { .. } => "unexpected_funds",
            ContractError::ZeroAmount { .. } => "zero_amount",
            ContractError::MarketExists { .. } => "market_exists",
            ContractError::UnknownMarket { .. } => "unknown_market",
            ContractError::NoPosition { .. } => "no_position",
            ContractError::NothingToReduce { .. } => "nothing_to_reduce",
            ContractError::ImpactTooLarge { .. } => "impact_too_large",
            ContractError::InsufficientMargin { .. } => "insufficient_margin",
            ContractError::OpenInterestCapExceeded { .. } => "open_interest_cap_exceeded",
            ContractError::NotLiquidatable { .. } => "not_liquidatable",
            ContractError::NonPositivePrice { .. } => "non_positive_price",
            ContractError::StalePrice { .. } => "stale_price",
            ContractError::FuturePrice { .. } => "future_price",
            ContractError::InsufficientShares { .. } => "insufficient_shares",
            #[allow(deprecated)]
            ContractError::PoolDrained { .. } => "pool_drained",
            ContractError::PoolInsolvent { .. } => "pool_insolvent",
            ContractError::PoolReserved { .. } => "pool_reserved",
            ContractError::PoolUnpriced { .. } => "pool_unpriced",
            ContractError::ForeignContract { .. } => "foreign_contract",
            ContractError::Downgrade { .. } => "downgrade",
            ContractError::InvalidVersion { .. } => "invalid_version",
            ContractError::Sanity { .. } => "sanity",
        }
    }
}

impl PartialEq for ContractError {
    fn eq(&self, other: &Self) -> bool {
        self.id() == other.id() && self.to_string() == other.to_string()
    }
}

/// A bound check failure for parameter `name`.
pub fn invalid(name: &'static str, value: impl ToString, rule: &'static str) -> ContractError {
    ContractError::InvalidParameter {
        name,
        value: value.to_string(),
        rule,
    }
}
