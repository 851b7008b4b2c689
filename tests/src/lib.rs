//! Test helpers for the Ballast contracts: code wrappers, one harness per contract, assertions.

pub mod assertions;
pub mod oracle;
pub mod perp;
pub mod probe;
pub mod raw_oracle;
pub mod suite;
