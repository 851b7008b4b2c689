//! Event attribute keys, shared so the contracts, the CLI and clients spell them alike.

/// The executed message, snake_case; first on every response.
pub const ACTION: &str = "action";
/// Market id.
pub const MARKET: &str = "market";
/// `accepted`, `scaled` or `rejected`.
pub const DECISION: &str = "decision";
/// The cap or guard that cut or refused an order (`none` when nothing did).
pub const BINDING_CAP: &str = "binding_cap";
/// Requested notional, base units.
pub const REQUESTED: &str = "requested";
/// Executed notional, base units.
pub const EXECUTED: &str = "executed";
/// Forecast volatility used, annualised.
pub const VOL: &str = "vol";
/// Order side.
pub const SIDE: &str = "side";
/// An address the action concerns.
pub const ADDRESS: &str = "address";
/// Amount of the base denom, base units.
pub const AMOUNT: &str = "amount";
/// Shares minted or burned.
pub const SHARES: &str = "shares";
/// Oracle feed id.
pub const FEED_ID: &str = "feed_id";
/// Price as a decimal.
pub const PRICE: &str = "price";
/// Unix seconds of a price.
pub const PUBLISH_TIME: &str = "publish_time";
/// Realised profit or loss, base units, signed.
pub const REALIZED_PNL: &str = "realized_pnl";
/// Fee charged, base units.
pub const FEE: &str = "fee";
/// Fill price as a decimal.
pub const FILL_PRICE: &str = "fill_price";
/// A grid plan's id.
pub const GRID_ID: &str = "grid_id";
/// A level's index in its grid.
pub const LEVEL: &str = "level";
/// A grid level's price as a decimal.
pub const LEVEL_PRICE: &str = "level_price";
/// Whether a grid level filled with this action.
pub const FILLED: &str = "filled";
/// A hedged leg's delta, units of the underlying, signed.
pub const LEG_DELTA: &str = "leg_delta";
/// The perp position's delta, units of the underlying, signed.
pub const PERP_DELTA: &str = "perp_delta";
/// Leg plus perp delta, units of the underlying, signed.
pub const NET_DELTA: &str = "net_delta";
/// Largest |net delta| left unhedged, units of the underlying.
pub const BAND: &str = "band";
