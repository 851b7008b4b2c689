//! `ballast-perp`: a reference perp market with isolated margin, depth-based price impact, a liquidity
//! pool as every trader's counterparty, and permissionless liquidation.

#![deny(clippy::float_arithmetic)]
#![deny(clippy::as_conversions)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod attributes;
pub mod contract;
pub mod error;
pub mod execute;
pub mod funds;
pub mod instantiate;
pub mod liquidation;
pub mod migrations;
pub mod oracle;
pub mod pool;
pub mod position;
pub mod pricing;
pub mod query;
#[cfg(feature = "sanity")]
pub mod sanity;
pub mod state;
pub mod valuation;
