//! Diagnostics for the random sessions; CI sets neither variable.
//!
//! - `SURVEY=1`: a failed check is counted (`violation: ...` in the printed tally, with the first
//!   example's steps and any short one) and the session goes on, instead of failing the run: one run
//!   then shows every kind of failure, not only the first, and takes as long as a passing one.
//! - `IGNORE_FAILURES=text|text`: a failure whose message contains one of the texts is counted and
//!   the session goes on, so that proptest finds and shrinks the other kinds.
//!
//! With `PROPTEST_RNG_SEED=n` a survey and a shrinking run see the same sessions.

use proptest::test_runner::TestCaseError;

use crate::tally::Tally;

fn ignored(message: &str) -> bool {
    std::env::var("IGNORE_FAILURES")
        .ok()
        .is_some_and(|v| v.split('|').any(|t| !t.is_empty() && message.contains(t)))
}

fn surveying() -> bool {
    std::env::var("SURVEY").as_deref() == Ok("1")
}

/// The message's first words without numbers or addresses: the kind of failure.
fn kind(message: &str) -> String {
    message
        .split_whitespace()
        .take(8)
        .map(|w| {
            if w.chars().any(|c| c.is_ascii_digit()) {
                "#"
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Judges a check's result in a session whose steps so far are `steps` (shown for a first example):
/// an error fails the case unless the diagnostics above count it and let the session go on.
pub fn judge<S: std::fmt::Debug>(
    result: Result<(), TestCaseError>,
    steps: &[S],
    tally: &Tally,
) -> Result<(), TestCaseError> {
    let Err(e) = result else {
        return Ok(());
    };
    let message = e.to_string();
    if ignored(&message) {
        tally.bump("ignored failures");
        return Ok(());
    }
    if !surveying() {
        return Err(e);
    }
    let name = format!("violation: {}", kind(&message));
    if tally.get(&name) == 0 || steps.len() <= 3 {
        eprintln!(
            "== {name}\n{message}\n   after {} steps: {steps:?}\n",
            steps.len()
        );
    }
    tally.bump(name);
    Ok(())
}
