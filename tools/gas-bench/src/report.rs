//! The bench's output: tables on stdout and the JSON documents.

use std::path::Path;

use serde_json::Value;

use crate::harness::Outcome;

/// One table: a header naming the first column, then a row per measured call.
pub fn print_table<'a>(
    title: &str,
    width: usize,
    rows: impl IntoIterator<Item = (String, &'a Outcome)>,
) {
    println!(
        "{title:<width$} {:>14} {:>14}  outcome",
        "gas total", "gas wasm"
    );
    for (name, o) in rows {
        println!(
            "{name:<width$} {:>14} {:>14}  {}",
            o.gas.total,
            o.gas.internal,
            o.summary()
        );
    }
}

/// Writes `doc` as pretty JSON with a final newline and says so.
pub fn write_json(path: &Path, doc: &Value) {
    std::fs::write(path, serde_json::to_string_pretty(doc).unwrap() + "\n")
        .unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    println!("wrote {}", path.display());
}

/// Where a call's gas went, by the checkpoints of a `gas-probe` build.
pub(crate) fn steps(operation: &str, steps: &[(String, u64)]) {
    println!("\n{operation}, gas by step (vault built with --features gas-probe)");
    println!("{:<28} {:>14}", "step (up to checkpoint)", "gas");
    for (label, gas) in steps {
        println!("{label:<28} {gas:>14}");
    }
    println!(
        "{:<28} {:>14}",
        "total",
        steps.iter().map(|(_, g)| g).sum::<u64>()
    );
}
