//! Errors of the vault. Rejections by a cap or an oracle guard are not errors: they are decisions,
//! recorded on chain with their reason. Errors are for requests the vault cannot take at all.

use cosmwasm_std::{
    CheckedFromRatioError, CheckedMultiplyFractionError, CheckedMultiplyRatioError,
    ConversionOverflowError, Decimal, Decimal256, OverflowError, StdError, Uint64, Uint128,
};
use thiserror::Error;

use ballast_types::version::VersionError;

use ballast_sizing::SizingError;
use ballast_types::convert::ConvertError;
use ballast_types::strategies::GridError;
use ballast_types::vault::{LoosenError, ParamError};
use ballast_types::venue::VenueError;

/// Everything the vault refuses.
#[derive(Debug, Error)]
pub enum ContractError {
    /// Storage, serialisation or a query that failed.
    #[error(transparent)]
    Std(#[from] StdError),
    /// Integer overflow.
    #[error(transparent)]
    Overflow(#[from] OverflowError),
    /// Integer ratio overflow.
    #[error(transparent)]
    MultiplyRatio(#[from] CheckedMultiplyRatioError),
    /// A ratio out of Decimal's range.
    #[error(transparent)]
    FromRatio(#[from] CheckedFromRatioError),
    /// Integer-by-fraction overflow.
    #[error(transparent)]
    MultiplyFraction(#[from] CheckedMultiplyFractionError),
    /// Signed/unsigned conversion overflow.
    #[error(transparent)]
    Conversion(#[from] ConversionOverflowError),
    /// The risk math refused its inputs.
    #[error("sizing: {0}")]
    Sizing(#[from] SizingError),
    /// A number that did not cross into fixed point.
    #[error("conversion: {0}")]
    Convert(#[from] ConvertError),
    /// A parameter outside its hard bounds.
    #[error("invalid parameter: {0}")]
    Param(#[from] ParamError),
    /// A guardian's change that loosens a limit.
    #[error("{0}")]
    Loosen(#[from] LoosenError),
    /// Applying a proposal before its timelock has passed. Raised by the governor since 0.3.0.
    #[deprecated(note = "the governor holds proposals since 0.3.0")]
    #[error("the timelock runs until {eta}; it is {now}")]
    TimelockNotPassed {
        /// When the proposal may be applied.
        eta: u64,
        /// Block time now.
        now: u64,
    },
    /// Applying or cancelling what was never proposed. Raised by the governor since 0.3.0.
    #[deprecated(note = "the governor holds proposals since 0.3.0")]
    #[error("no pending {what}")]
    NothingPending {
        /// What was looked for.
        what: String,
    },
    /// A migration from 0.2.x while a proposal or an ownership transfer is pending in the vault:
    /// it would be lost, so it is applied or cancelled first and proposed again to the governor.
    #[error("the vault still holds pending {what}: apply or cancel it, then migrate")]
    PendingAtMigration {
        /// `params`, `market changes` or `ownership transfer`.
        what: &'static str,
    },
    /// A migration from 0.2.x without a governor, or to one that does not take over this vault's
    /// owner and guardian, or whose admin (who could migrate it to send anything) is not this vault's.
    #[error(
        "the governor does not take over this vault: {field} is {governor}, expected {expected}"
    )]
    GovernorMismatch {
        /// `governor`, `vault`, `owner`, `guardian` or `admin`.
        field: &'static str,
        /// What the vault expects.
        expected: String,
        /// What the governor has.
        governor: String,
    },
    /// A redeem that would push a cap over its limit.
    #[error(
        "redeeming would break the {cap} cap: at most {max_assets} ({max_shares} shares) can be redeemed now"
    )]
    WithdrawBreaksCap {
        /// The cap, snake_case.
        cap: String,
        /// The largest redeem now, base units.
        max_assets: Uint128,
        /// The same in shares.
        max_shares: Uint128,
    },
    /// The sender does not hold the role.
    #[error("unauthorized: only the {role} may do this")]
    Unauthorized {
        /// `owner`, `manager` or `guardian or owner`.
        role: &'static str,
    },
    /// A market id the vault does not know.
    #[error("unknown market {market}")]
    UnknownMarket {
        /// The id.
        market: String,
    },
    /// A market id added twice.
    #[error("market {market} exists already")]
    DuplicateMarket {
        /// The id.
        market: String,
    },
    /// More markets than the vault may hold.
    #[error("a vault holds at most {max} markets")]
    TooManyMarkets {
        /// The limit.
        max: u32,
    },
    /// A deposit or redeem whose attached funds are not exactly the amount it names.
    #[error("attach exactly {expected}")]
    WrongFunds {
        /// The amount and denom to attach, e.g. `1000uusdc`.
        expected: String,
    },
    /// A deposit or redeem naming the vault itself as its recipient: shares minted to the vault could
    /// never be redeemed, and assets paid to it would be a donation outside idle for good.
    #[error("the vault cannot be the recipient {recipient} of its own shares or assets")]
    InvalidRecipient {
        /// The recipient named.
        recipient: String,
    },
    /// An address in a message that the chain does not accept.
    #[error("{field}: {address:?} is not a valid address on this chain")]
    InvalidAddress {
        /// The message field, e.g. `recipient`.
        field: &'static str,
        /// What was given.
        address: String,
    },
    /// A share denom's subdenom the TokenFactory would refuse.
    #[error("subdenom {subdenom:?}: 1 to 44 characters of [a-zA-Z0-9./]")]
    InvalidSubdenom {
        /// The subdenom given.
        subdenom: String,
    },
    /// A deposit too small to mint a share.
    #[error("deposit of {amount} mints no share")]
    ZeroShares {
        /// The amount deposited.
        amount: Uint128,
    },
    /// A migration step that needs a field of the migrate message it was not given.
    #[error("this migration needs `{field}` in the migrate message")]
    MigrationNeeds {
        /// The field.
        field: &'static str,
    },
    /// A redeem larger than the idle balance.
    #[error("only {available} is idle, the redeem needs {requested}")]
    InsufficientIdle {
        /// Idle balance.
        available: Uint128,
        /// Assets the redeem would pay.
        requested: Uint128,
    },
    /// A mark too old for a deposit or redeem. Nothing raises it since 0.2.1: share actions read every
    /// open market themselves. Kept so its id is never reused.
    #[deprecated(note = "deposits and redeems read every open market; nothing raises it")]
    #[error("market {market} was last marked at {time}, older than {max_age} s: call mark first")]
    StaleMark {
        /// The market.
        market: String,
        /// Its mark time.
        time: u64,
        /// The allowed age.
        max_age: u64,
    },
    /// Funds attached to an action other than a deposit or redeem.
    #[error("only a deposit or a redeem takes funds; {funds} coin(s) were attached")]
    FundsNotAccepted {
        /// Coins attached.
        funds: usize,
    },
    /// A share action needs every open market valued now, and this market's price fails a guard.
    #[error(
        "market {market} cannot be valued now ({reason}): deposits and redeems wait for a usable price"
    )]
    UnpricedMarket {
        /// The market.
        market: String,
        /// The guard's reason id (`stale_price`, `future_price`, `wide_confidence`, ...).
        reason: String,
    },
    /// A share action while a venue has yet to execute a change the vault sent (a queued Levana
    /// execution): the collateral is between the vault and the venue.
    #[error(
        "market {market} is settling a change the vault sent: deposits and redeems wait for it"
    )]
    MarketSettling {
        /// The market.
        market: String,
    },
    /// Deleverage when exposure is within the caps and tolerance.
    #[error("{market}: notional {notional} is within the tolerance of its limit {limit}")]
    NothingToDeleverage {
        /// The market.
        market: String,
        /// Its notional.
        notional: Uint128,
        /// The tightest cap.
        limit: Uint128,
    },
    /// The market's venue could not mark the position, and no guard had refused the order already.
    #[error("the {venue} venue cannot mark {market}: {error}")]
    VenueUnavailable {
        /// The market.
        market: String,
        /// `ballast`, `levana` or `injective`.
        venue: String,
        /// What the venue said.
        error: String,
    },
    /// `Hedge`, `ClearHedge` or the hedge query on a market without a hedge.
    #[deprecated = "grids and hedges moved to ballast-strategies (0.3.0); kept until a major release"]
    #[error("market {market} has no hedge")]
    NoHedge {
        /// The market.
        market: String,
    },
    /// `Rebalance` on a market an allow-listed strategy holds as a hedge (`SetHedged`): it would undo
    /// the hedge, and the strategy's `Hedge` would redo it at the depositors' cost in fees and impact.
    #[error("market {market} is delta-hedged: Rebalance would undo the hedge; call Hedge instead")]
    HedgedMarket {
        /// The market.
        market: String,
    },
    /// `SetHedged` on a market another allow-listed strategy holds: taking its mark would let the
    /// taker's release open the market to `Rebalance` while the holder still hedges it.
    #[error("market {market} is held as a hedge by strategy {strategy}")]
    MarketHedgedByOther {
        /// The market.
        market: String,
        /// The allow-listed strategy holding it.
        strategy: String,
    },
    /// A reply the vault did not ask for. Since 0.3.0 the vault asks for none.
    #[deprecated(note = "the vault re-marks after a trade with a message to itself since 0.3.0")]
    #[error("unknown reply id {id}")]
    UnknownReply {
        /// The id.
        id: u64,
    },
    /// A migration from another contract or to an older version.
    #[error(transparent)]
    Version(#[from] VersionError),
    /// A malformed grid plan; the inner error names what was wrong.
    #[deprecated = "grids and hedges moved to ballast-strategies (0.3.0); kept until a major release"]
    #[error("malformed grid: {0}")]
    Grid(#[from] GridError),
    /// A grid id the market does not hold (never registered, or cancelled).
    #[deprecated = "grids and hedges moved to ballast-strategies (0.3.0); kept until a major release"]
    #[error("market {market} has no grid {grid_id}")]
    UnknownGrid {
        /// The market.
        market: String,
        /// The id.
        grid_id: u64,
    },
    /// A level index past the grid's last level.
    #[deprecated = "grids and hedges moved to ballast-strategies (0.3.0); kept until a major release"]
    #[error("grid {grid_id} has {levels} levels, there is no level {level}")]
    GridLevelOutOfRange {
        /// The grid.
        grid_id: u64,
        /// The index asked for.
        level: u32,
        /// The grid's number of levels.
        levels: u32,
    },
    /// The oracle price has not reached the level.
    #[deprecated = "grids and hedges moved to ballast-strategies (0.3.0); kept until a major release"]
    #[error(
        "grid {grid_id} level {level} at {level_price} is not crossed: the oracle price is {oracle_price}, the level fills at or {fills} it"
    )]
    GridLevelNotCrossed {
        /// The grid.
        grid_id: u64,
        /// The level.
        level: u32,
        /// The level's price.
        level_price: Decimal,
        /// The oracle's price now.
        oracle_price: Decimal256,
        /// `below` for a long grid, `above` for a short one.
        fills: &'static str,
    },
    /// A level that has filled already; a level fills once.
    #[deprecated = "grids and hedges moved to ballast-strategies (0.3.0); kept until a major release"]
    #[error("grid {grid_id} level {level} has filled already")]
    GridLevelFilled {
        /// The grid.
        grid_id: u64,
        /// The level.
        level: u32,
    },
    /// A fill at or after the grid's expiry.
    #[deprecated = "grids and hedges moved to ballast-strategies (0.3.0); kept until a major release"]
    #[error("grid {grid_id} expired at {expiry}; it is {now}")]
    GridExpired {
        /// The grid.
        grid_id: u64,
        /// Its expiry.
        expiry: u64,
        /// Block time now.
        now: u64,
    },
    /// A migration from a store that still holds grids or hedges of 0.2.x: they now live in
    /// `ballast-strategies`, and the migration would drop them silently. The manager cancels them
    /// (on the 0.2.x vault), registers them in the strategies contract, and migrates again.
    #[error(
        "the vault still stores {grids} grids and {hedges} hedges: cancel them and register them in the strategies contract before migrating"
    )]
    StrategiesStored {
        /// Grids stored (counted up to 1,000).
        grids: u32,
        /// Hedges stored.
        hedges: u32,
    },
    /// The market's venue cannot carry the order.
    #[error(transparent)]
    Venue(#[from] VenueError),
    /// A market's venue changed while the vault holds a position there: the position would be lost.
    #[error("{market}: the venue changes from {from} to {to} while the position is open")]
    VenueChangeWithPosition {
        /// The market.
        market: String,
        /// Its venue now.
        from: String,
        /// The proposed venue.
        to: String,
    },
    /// An Injective market names a subaccount other than the vault's default one: another account's
    /// would have the chain refuse its orders, and another of the vault's own trades from exchange
    /// deposits the vault never makes (only the default subaccount trades from its bank balance).
    #[error(
        "{market}: subaccount {subaccount_id} is not the vault's default subaccount {default_subaccount}"
    )]
    ForeignSubaccount {
        /// The market.
        market: String,
        /// The configured subaccount.
        subaccount_id: String,
        /// `0x`, the vault's address bytes in hex, then a zero nonce.
        default_subaccount: String,
    },
    /// An execution of the vault waits in the Levana market's queue: nothing more is sent to the
    /// market until a crank has run it, so the vault never opens twice.
    #[error(
        "{market}: Levana has not yet executed the vault's deferred execution {deferred_exec_id}"
    )]
    LevanaPending {
        /// The market.
        market: String,
        /// Levana's id of the queued execution.
        deferred_exec_id: Uint64,
    },
    /// An order past the vault's Levana position on the other side: close it first, then open.
    #[error(
        "{market}: an order of {executed} would flip the Levana position of {notional}; close it first"
    )]
    LevanaFlip {
        /// The market.
        market: String,
        /// The position's notional, base units.
        notional: Uint128,
        /// The decided notional, base units.
        executed: Uint128,
    },
    /// More Levana positions than one order can handle (only a vault that acted on a gifted position
    /// at 0.2.0 has them): orders adding exposure are refused, reductions close every position.
    #[error(
        "{market}: the vault holds {count} Levana positions; only a reduction (closing them all) is possible"
    )]
    LevanaPositionCount {
        /// The market.
        market: String,
        /// Positions read.
        count: u32,
    },
    /// Growing a Levana position at its leverage needs more collateral than the vault holds idle.
    #[error("{market}: growing the Levana position needs {needed} collateral, {idle} is idle")]
    LevanaCollateralShort {
        /// The market.
        market: String,
        /// Collateral the increase attaches, base units.
        needed: Uint128,
        /// Idle balance, base units.
        idle: Uint128,
    },
}

mod id;

/// Result of every handler.
pub type ContractResult<T> = Result<T, ContractError>;
