//! Messages of `ballast-strategies`: grid plans and the delta-neutral hedge, clients of the vault (the
//! risk core) that trade only by sending it `SubmitOrder`, so every fill passes the core's whole
//! pipeline (guards and caps) like the manager's own orders.
//!
//! Units: amounts and notionals are base units of the vault's denom; prices are quote per base as the
//! oracle prices the market; hedge sizes and deltas are units of the underlying; times are unix
//! seconds.

mod execute;
mod grid;
mod hedge;
mod query;

pub use execute::*;
pub use grid::*;
pub use hedge::*;
pub use query::*;
