//! Comparing errors whole.
//!
//! cw-multi-test 3 turns a contract's error into text (`StdError::msg`) on its way out, so the type
//! cannot be downcast. Every field of our errors is in their message, so the message ending with the
//! expected error's message compares them whole.

use std::fmt::{Debug, Display};

use cosmwasm_std::StdResult;

/// Asserts that `res` failed with exactly `expected`, the contract's own error.
pub fn assert_err<T: Debug, E: Display + Debug>(res: StdResult<T>, expected: E) {
    match res {
        Ok(value) => panic!("expected error {expected:?}, got Ok({value:?})"),
        Err(err) => {
            let (actual, wanted) = (err.to_string(), format!("error: {expected}"));
            assert!(
                actual.ends_with(&wanted),
                "expected {wanted:?}\n     got {actual:?}"
            );
        }
    }
}
