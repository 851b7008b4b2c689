//! `ballast-strategies`: grid plans and the delta-neutral hedge, as clients of the vault (the risk
//! core). They hold no funds and no position: every fill or hedge trade is a `SubmitOrder` this
//! contract sends the vault, which allow-lists it and runs the order through its whole pipeline, so
//! no strategy has a path around the caps and guards.

pub mod contract;
pub mod core;
pub mod error;
pub mod execute;
pub mod migrations;
pub mod query;
pub mod state;
