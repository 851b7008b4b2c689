//! Event keys specific to the perp market. Shared keys (`action`, `market`, `side`, `address`,
//! `amount`, `shares`, `requested`, `executed`, `price`, `fill_price`, `fee`, `realized_pnl`) come from
//! `ballast_types::attributes`.

/// Trader whose position an action concerns.
pub const TRADER: &str = "trader";
/// Liquidator of a position.
pub const LIQUIDATOR: &str = "liquidator";
/// Price impact as a share of the oracle price.
pub const IMPACT: &str = "impact";
/// Signed quantity of the position after the action.
pub const QUANTITY: &str = "quantity";
/// Average entry price after the action.
pub const ENTRY_PRICE: &str = "entry_price";
/// Margin of the position after the action, base units.
pub const MARGIN: &str = "margin";
/// Collateral sent to the trader, base units.
pub const PAYOUT: &str = "payout";
/// Loss beyond the margin that the pool absorbed, base units.
pub const BAD_DEBT: &str = "bad_debt";
/// Profit the pool could not pay, base units.
pub const UNPAID_PROFIT: &str = "unpaid_profit";
/// Equity of a liquidated position, base units, signed.
pub const EQUITY: &str = "equity";
/// Maintenance margin of a liquidated position, base units.
pub const MAINTENANCE: &str = "maintenance";
/// Fee paid to the liquidator, base units.
pub const LIQUIDATION_FEE: &str = "liquidation_fee";
/// Pool balance after the action, base units.
pub const POOL_BALANCE: &str = "pool_balance";
/// Pool value an LP action was priced on (balance less the traders' unrealised PnL), base units.
pub const POOL_VALUE: &str = "pool_value";
/// Version migrated from.
pub const FROM_VERSION: &str = "from_version";
/// Version migrated to.
pub const TO_VERSION: &str = "to_version";
/// How many markets a data migration rewrote.
pub const MARKETS_MIGRATED: &str = "markets_migrated";
