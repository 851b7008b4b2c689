//! `ballast-oracle`: a push oracle whose query API is wire-compatible with Pyth's CosmWasm contract.

pub mod contract;
pub mod error;
pub mod execute;
pub mod migrations;
pub mod query;
pub mod state;
