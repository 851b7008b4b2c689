//! The perp market through its entry points. Default world (see `ballast_tests::perp`): price 100,
//! depth 10^10 with linear impact, fee 10 bp, initial margin 10%, maintenance 5%, pool 10^8.
//!
//! The reference trade: a long of notional 1,000,000 at price 100 buys 10,000 units with impact
//! 1,000,000 / 10^10 = 0.0001, so it fills at 100.01 and pays a fee of 1,000.

mod test_flow;
mod test_liquidation;
mod test_lp_value;
mod test_market;
mod test_migration;
mod test_oracle_guard;
mod test_pool;
mod test_quote;
mod test_quoted_price;
mod test_remove_margin;
mod test_settlement;
mod test_trade;

use ballast_tests::perp::{Perp, PerpBuilder, START_BALANCE};
use cosmwasm_std::{Decimal256, SignedDecimal256};

/// The default world.
pub fn world() -> Perp {
    PerpBuilder::new().build()
}

/// A decimal from text.
pub fn dec(s: &str) -> Decimal256 {
    s.parse().expect("decimal")
}

/// A signed decimal from text.
pub fn sdec(s: &str) -> SignedDecimal256 {
    s.parse().expect("signed decimal")
}

/// Opens the reference position for `alice`: long 1,000,000 with 200,000 attached
/// (margin 199,000 after the fee).
pub fn open_reference_long(p: &mut Perp) {
    let alice = p.alice.clone();
    p.trade(&alice, ballast_types::Side::Long, 1_000_000, false, 200_000)
        .expect("open reference long");
}

/// What a user holds before any action.
pub const START: u128 = START_BALANCE;
