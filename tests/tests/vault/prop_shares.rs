//! Property tests of share accounting: random sequences of deposits, redeems and gains (PnL paid in).
//! After every step: share balances sum to supply; a deposit or redeem never moves the share price down,
//! and moves it up by at most one rounding unit (a share's worth plus one base unit, over all shares). At the end everyone redeems: nobody leaves with more than
//! they put in plus their share of the gains (which include the rounding others leave behind).

use ballast_tests::suite::{DENOM, Suite, SuiteBuilder};
use cosmwasm_std::{Addr, Uint256, coins};
use cw_multi_test::Executor;
use proptest::prelude::*;

/// Virtual shares of the default offset, 10^6.
const VIRTUAL: u128 = 1_000_000;

#[derive(Debug, Clone)]
enum Step {
    Deposit { user: usize, amount: u128 },
    Redeem { user: usize, permille: u128 },
    Gain { amount: u128 },
}

fn step_strategy() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..3usize, 1u128..10_000_000_000_000).prop_map(|(user, amount)| Step::Deposit { user, amount }),
        3 => (0..3usize, 1u128..=1_000).prop_map(|(user, permille)| Step::Redeem { user, permille }),
        1 => (1u128..1_000_000_000_000).prop_map(|amount| Step::Gain { amount }),
    ]
}

fn steps_strategy() -> impl Strategy<Value = Vec<Step>> {
    prop::collection::vec(step_strategy(), 1..12)
}

/// (nav + 1, supply + virtual): the share price as a fraction.
fn price(suite: &Suite) -> (Uint256, Uint256) {
    let state = suite.query_state().unwrap();
    (
        Uint256::from(state.nav.u128() + 1),
        Uint256::from(state.total_shares.u128() + VIRTUAL),
    )
}

struct Ledger {
    paid_in: [u128; 3],
    paid_out: [u128; 3],
    gains: [f64; 3],
    ops: [u128; 3],
}

fn run(steps: Vec<Step>) -> Result<(), TestCaseError> {
    let mut suite = SuiteBuilder::new().deposit(0).warm_up(0).build();
    let users: [Addr; 3] = [suite.alice.clone(), suite.bob.clone(), suite.keeper.clone()];
    let mut ledger = Ledger {
        paid_in: [0; 3],
        paid_out: [0; 3],
        gains: [0.0; 3],
        ops: [0; 3],
    };
    for step in steps {
        let before = price(&suite);
        let held_before: Vec<u128> = users
            .iter()
            .map(|u| suite.query_shares(u).unwrap().u128())
            .collect();
        let mut actor = None;
        match step {
            Step::Deposit { user, amount } => {
                if suite.deposit(&users[user], amount).is_ok() {
                    ledger.paid_in[user] += amount;
                    ledger.ops[user] += 1;
                    actor = Some(user);
                }
            }
            Step::Redeem { user, permille } => {
                let held = suite.query_shares(&users[user]).unwrap().u128();
                let shares = held / 1_000 * permille;
                let cash = suite.balance(&users[user]);
                if shares > 0 && suite.redeem(&users[user], shares).is_ok() {
                    ledger.paid_out[user] += suite.balance(&users[user]) - cash;
                    ledger.ops[user] += 1;
                    actor = Some(user);
                }
            }
            Step::Gain { amount } => {
                let supply = suite.query_state().unwrap().total_shares.u128() + VIRTUAL;
                for (i, user) in users.iter().enumerate() {
                    let held = suite.query_shares(user).unwrap().u128();
                    ledger.gains[i] += amount as f64 * held as f64 / supply as f64;
                }
                let (lp, vault) = (suite.lp.clone(), suite.vault.clone());
                suite
                    .app
                    .send_tokens(lp, vault, &coins(amount, DENOM))
                    .unwrap();
            }
        }
        let total: u128 = users
            .iter()
            .map(|u| suite.query_shares(u).unwrap().u128())
            .sum();
        prop_assert_eq!(total, suite.query_state().unwrap().total_shares.u128());
        if let Some(actor) = actor {
            let after = price(&suite);
            // The rounding the actor left behind belongs to the other holders.
            let as_f64 = |p: (Uint256, Uint256)| {
                p.0.to_string().parse::<f64>().unwrap() / p.1.to_string().parse::<f64>().unwrap()
            };
            let rise = as_f64(after) - as_f64(before);
            for (i, held) in held_before.iter().enumerate() {
                if i != actor {
                    ledger.gains[i] += *held as f64 * rise;
                }
            }
            // after >= before, and (after - before) * (supply_after + v) <= before + 1: the holders as a
            // whole gain at most one share's worth and one base unit of rounding.
            prop_assert!(
                after.0 * before.1 >= before.0 * after.1,
                "price fell: {before:?} -> {after:?}"
            );
            prop_assert!(
                after.0 * before.1 <= before.0 * (after.1 + Uint256::one()) + before.1,
                "price rose by more than a share: {before:?} -> {after:?}"
            );
        }
    }
    for (i, user) in users.iter().enumerate() {
        let held = suite.query_shares(user).unwrap().u128();
        if held > 0 {
            let cash = suite.balance(user);
            suite.redeem(user, held).unwrap();
            ledger.paid_out[i] += suite.balance(user) - cash;
            ledger.ops[i] += 1;
        }
        let allowed = ledger.paid_in[i] as f64 + ledger.gains[i] + ledger.ops[i] as f64;
        prop_assert!(
            ledger.paid_out[i] as f64 <= allowed,
            "user {} took {} for {} in and {} of gains",
            i,
            ledger.paid_out[i],
            ledger.paid_in[i],
            ledger.gains[i]
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    #[test]
    fn share_accounting_holds_for_any_sequence(steps in steps_strategy()) {
        run(steps)?;
    }
}
