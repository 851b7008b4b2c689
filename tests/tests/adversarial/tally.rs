//! Counts of what a property run did, printed at its end so that a report can cite them.

use std::cell::RefCell;
use std::collections::BTreeMap;

/// Named counters.
#[derive(Default)]
pub struct Tally {
    counts: RefCell<BTreeMap<String, u64>>,
}

impl Tally {
    /// Adds `n` to `name`.
    pub fn add(&self, name: impl Into<String>, n: u64) {
        *self.counts.borrow_mut().entry(name.into()).or_default() += n;
    }

    /// Adds one to `name`.
    pub fn bump(&self, name: impl Into<String>) {
        self.add(name, 1);
    }

    /// The count of `name`, 0 when never bumped.
    pub fn get(&self, name: &str) -> u64 {
        self.counts.borrow().get(name).copied().unwrap_or(0)
    }

    /// Prints every counter under a title, to stderr (shown with `--nocapture`).
    pub fn print(&self, title: &str) {
        let counts = self.counts.borrow();
        let width = counts.keys().map(String::len).max().unwrap_or(0);
        let mut out = format!("== {title}\n");
        for (name, n) in counts.iter() {
            out.push_str(&format!("  {name:<width$}  {n}\n"));
        }
        eprint!("{out}");
    }
}
