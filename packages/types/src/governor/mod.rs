//! Messages of `ballast-governor`, the contract that owns the vault: the owner's proposals and their
//! timelock, the guardian's pause and tightening, ownership and roles.
//!
//! Every change reaches the vault as a [`crate::vault::GovernMsg`] sent by the governor, and the
//! vault checks its hard bounds again on each; the governor adds who may ask and when.

mod execute;
mod query;

pub use execute::*;
pub use query::*;
