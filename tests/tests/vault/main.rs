//! The vault through its entry points, with the real oracle and perp market.

mod prop_shares;
mod test_breaker;
mod test_caps;
mod test_drawdown;
mod test_fees;
mod test_flow;
mod test_forward;
mod test_garch;
mod test_governance;
mod test_governor;
#[cfg(not(feature = "levana"))]
mod test_idle;
mod test_keepers;
#[cfg(feature = "levana")]
mod test_levana;
#[cfg(feature = "levana")]
mod test_levana_gifts;
#[cfg(feature = "levana")]
mod test_levana_wire;
mod test_margin_policy;
mod test_migration;
mod test_oracle_guards;
mod test_preview;
mod test_reduce_only;
mod test_roles;
mod test_share_token;
mod test_shares;
mod test_signals;
mod test_tightening;
mod test_venues;
mod test_withdraw;

use ballast_tests::suite::attr;
use ballast_types::vault::{OrderPreview, Reason};
use cosmwasm_std::Uint128;
use cw_multi_test::AppResponse;

/// Asserts the decision and binding cap attributes of an order's response.
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

/// A cap's limit in a preview.
pub fn limit_of(preview: &OrderPreview, cap: Reason) -> Option<Uint128> {
    preview
        .caps
        .iter()
        .find(|c| c.cap == cap)
        .and_then(|c| c.limit)
}
