//! `ballast-governor`: owns the vault. The owner proposes and a timelock passes before anyone applies;
//! the guardian pauses and tightens at once and never loosens; ownership moves in two steps. The vault
//! checks every change against its hard bounds again, so the governor decides who and when, never how
//! far.

pub mod contract;
pub mod error;
pub mod execute;
pub mod migrations;
pub mod query;
pub mod state;
