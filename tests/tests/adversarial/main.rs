//! The vault under attack, faults and bad input: a stateful property over random sessions
//! (`sequences`), the round-trip property of an attacker's deposit and redeem in one block around
//! any permissionless action (`round_trip`), named scenarios of the known attacks on vaults and perps
//! (`test_*`), and fuzzing of every contract's raw execute and query messages (`fuzz`). The random
//! runs have diagnostics (`survey`: `SURVEY=1`, `IGNORE_FAILURES=..`).
//!
//! Scenarios that the `vault` target covers already are not repeated here: the first-depositor
//! inflation attack (`test_withdraw::the_first_depositor_inflation_attack_fails`), stale,
//! future-dated and wide-confidence prices (`test_oracle_guards::a_stale_price_is_rejected`,
//! `a_future_publish_time_is_rejected`, `a_wide_confidence_interval_is_rejected`), a jump and a flash
//! crash over seconds (`test_breaker::a_jump_halts_the_market_until_the_cooldown_ends`,
//! `a_flash_crash_and_recovery_both_trip`), the liquidity cap in a thin market and a split order
//! (`test_caps::liquidity_binds_in_a_thin_market`, `splitting_an_order_does_not_beat_the_cap`), and
//! reduce-only past every guard (`test_reduce_only`).

mod fuzz;
mod margin_policy;
mod round_trip;
mod sequences;
mod share_token;
mod survey;
mod tally;
mod test_depositor_attacks;
mod test_edges;
mod test_governor_attacks;
mod test_idle_attacks;
mod test_json_attacks;
mod test_keeper_attacks;
mod test_manager_abuse;
mod test_messages;
mod test_oracle_attacks;
mod test_review_round2;
mod test_share_pricing;
mod test_strategy_attacks;
mod test_underwater;
mod test_wire_attacks;

use ballast_tests::suite::attr;
use ballast_types::vault::{OrderPreview, Reason};
use cosmwasm_std::{StdError, StdResult, Uint128};
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

/// The executed notional of an order's response, 0 when absent.
pub fn executed(res: &AppResponse) -> u128 {
    attr(res, "executed")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// The tightest position cap of a preview: every cap but liquidity, which bounds the order.
pub fn position_cap(preview: &OrderPreview) -> Option<Uint128> {
    preview
        .caps
        .iter()
        .filter(|c| c.cap != Reason::Liquidity)
        .filter_map(|c| c.limit)
        .min()
}

/// Asserts that `res` failed with exactly the parser's error `expected`: its whole text ends the
/// error (multi-test puts the message in front of it). `input` is shown on failure.
pub fn assert_parse_error<T: std::fmt::Debug>(
    res: StdResult<T>,
    expected: &StdError,
    input: &[u8],
) {
    let shown = String::from_utf8_lossy(&input[..input.len().min(300)]).into_owned();
    match res {
        Ok(v) => panic!("{shown} was taken: {v:?}"),
        Err(e) => {
            let (actual, wanted) = (e.to_string(), expected.to_string());
            assert!(
                actual.ends_with(&wanted),
                "{shown}\nexpected {wanted:?}\n     got {actual:?}"
            );
        }
    }
}

/// What the vault is worth now by the venue's own report: its balance plus the position's margin and
/// unrealised PnL, floored at zero (an isolated position never owes more than its margin).
pub fn fair_nav(suite: &ballast_tests::suite::Suite) -> u128 {
    suite
        .fair_nav(std::slice::from_ref(&suite.market))
        .expect("the venue marks the position")
}

/// A holder's shares at the fair nav; the virtual offset (10^d shares, one unit of nav) keeps the
/// rounding.
pub fn fair_value(suite: &ballast_tests::suite::Suite, holder: &cosmwasm_std::Addr) -> u128 {
    let shares = suite.query_shares(holder).unwrap().u128();
    let supply = suite.query_state().unwrap().total_shares.u128();
    let virtual_shares = 10u128.pow(suite.query_config().unwrap().params.share_offset_decimals);
    shares * (fair_nav(suite) + 1) / (supply + virtual_shares)
}
