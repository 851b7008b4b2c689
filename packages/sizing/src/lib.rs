//! Pure fixed-point risk math for the Ballast vault. No cosmwasm, no floats.
//!
//! The words used throughout:
//! - **nav**: the vault's net asset value in base units (idle balance plus every position's margin and
//!   unrealised PnL).
//! - **notional**: the size of a position in base units, |quantity| * price. Caps speak of the absolute
//!   notional a market's position may reach after an order.
//! - **leverage**: gross notional over all markets divided by nav.
//! - **volatility** (`forecast_vol`): the annualised standard deviation of log returns, 0.5 = 50%, from
//!   the EWMA estimator in [`vol`] or the GARCH(1,1) of [`garch`] ([`forecaster`] holds either).
//!   Variance is its square.
//! - **liquidation distance**: how far, as a fraction of price, the price may move against a position
//!   before its equity falls to the maintenance margin.
//!
//! Ratios, volatilities and variances are [`Fixed`] (`I80F48`). Amounts are `u128` base units inside the
//! [`Notional`] and [`Collateral`] types, so any `Uint128` fits and is multiplied by a ratio through an exact
//! 256-bit product. Every operation is checked: an overflow or a domain error is a [`SizingError`].

#![deny(clippy::float_arithmetic)]
#![deny(clippy::as_conversions)]
#![deny(missing_docs)]

pub mod amount;
pub mod caps;
pub mod decide;
pub mod drawdown;
pub mod error;
pub mod fees;
pub mod forecaster;
pub mod garch;
pub mod guards;
pub mod hedge;
pub mod impact;
pub mod math;
pub mod normal;
pub mod options;
pub mod portfolio;
pub mod vol;

pub use amount::{Collateral, Notional, mul_div_floor, mul_div_u128, mul_floor, ratio_floor};
pub use caps::{Cap, CapKind};
pub use decide::{Decision, Order, Outcome, Side, decide};
pub use error::{SizingError, SizingResult};
pub use forecaster::{Forecaster, Model};
pub use garch::{GarchParams, GarchState};
pub use hedge::{HedgePlan, notional_of, price_to_fixed, quantity_of};
pub use math::{Fixed, exp, ln, pow, sqrt};
pub use normal::{normal_cdf, normal_quantile, normal_quantile_permille};
pub use options::{EuropeanOption, Leg, OptionKind, bs_delta, hedge_order, net_delta};
pub use vol::{EwmaParams, Price, SECONDS_PER_YEAR, VolState};
