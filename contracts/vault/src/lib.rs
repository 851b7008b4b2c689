//! `ballast-vault`: deposits and shares, and the order pipeline that sizes, scales or rejects every
//! order before it reaches the perp market.

pub mod brake;
pub mod contract;
pub mod error;
pub mod execute;
pub mod inputs;
pub mod marks;
pub mod migrations;
pub mod pipeline;
pub mod query;
pub mod state;
pub mod venue;
