//! The strategies contract (grids, the hedge) through its entry points, trading through the vault
//! with the real oracle and perp market.

mod test_allow_list;
mod test_grid;
mod test_hedge;
mod test_migration;

use ballast_tests::suite::attr;
use cw_multi_test::AppResponse;

/// Asserts the decision and binding cap attributes of an order's response (the vault's, as the
/// strategies contract's own events carry neither).
pub fn assert_decision(res: &AppResponse, decision: &str, binding_cap: &str) {
    assert_eq!(attr(res, "decision").as_deref(), Some(decision), "decision");
    assert_eq!(
        attr(res, "binding_cap").as_deref(),
        Some(binding_cap),
        "binding_cap"
    );
}

/// The executed notional of an order's response.
pub fn executed(res: &AppResponse) -> u128 {
    attr(res, "executed")
        .expect("executed attribute")
        .parse()
        .expect("a number")
}
