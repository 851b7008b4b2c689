//! Test helpers for the Ballast contracts: code wrappers, one harness per contract, assertions.

pub mod assertions;
pub mod errors;
// Copied from the venues' sources: kept as copied, not reformatted.
#[rustfmt::skip]
#[path = "../fixtures/venues/injective/exchange_msg.rs"]
pub mod injective_fixture;
#[rustfmt::skip]
#[path = "../fixtures/venues/levana/market_entry.rs"]
pub mod levana_fixture;
#[rustfmt::skip]
#[path = "../fixtures/venues/levana/number.rs"]
pub mod levana_number_fixture;
#[rustfmt::skip]
#[path = "../fixtures/venues/levana/market_query.rs"]
pub mod levana_query_fixture;
#[rustfmt::skip]
#[path = "../fixtures/venues/levana/deferred_execution.rs"]
pub mod levana_deferred_fixture;
pub mod levana;
pub mod oracle;
pub mod perp;
pub mod probe;
pub mod raw_oracle;
pub mod reconcile;
pub mod suite;
