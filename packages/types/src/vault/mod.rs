//! Messages of `ballast-vault`: deposits and shares, the order pipeline, keepers and roles.
//!
//! Units: amounts and notionals are base units of the vault's denom; ratios are `Decimal`
//! (0.4 = 40%); volatilities are annualised; durations are seconds.

mod execute;
mod governance;
mod params;
mod query;
mod share_token;
mod strategy;

pub use execute::*;
pub use governance::*;
pub use params::*;
pub use query::*;
pub use share_token::*;
pub use strategy::*;
