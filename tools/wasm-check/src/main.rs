//! `wasm-check FILE.wasm...`: checks contract wasm the way a chain does before and after storing it.
//!
//! For each file:
//! 1. `check_wasm` (cosmwasm-vm 3.0.10 static validation) with the capabilities cosmwasm-check 3.0.10
//!    assumes by default (exports, imports, memories, tables, limits, wasm features, capabilities);
//! 2. the contract must not require a capability the local chain (wasmvm 2.1) lacks: its highest one is
//!    `cosmwasm_2_1`, so `requires_cosmwasm_2_2`, `requires_cosmwasm_3_0` (and `requires_ibc2`) fail;
//! 3. compiles it with the VM's metering compiler and instantiates it with a mock backend;
//! 4. runs code in it: allocate/write/read/deallocate round trips (`testing::test_io`), then calls the
//!    contract's `instantiate` entry point with the message `{}`. The contract may answer with its own
//!    error (the message is not a valid InstantiateMsg); only a VM error (trap, out of gas, bad export)
//!    fails the check.
//!
//! Prints `<file>: pass` or `<file>: FAIL: <error>` per file; exits 1 if any file fails.
//! Floats are not checked: cosmwasm-vm 3 accepts them, and serde_json puts f64 ops in every contract.

use std::collections::{BTreeSet, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::process::ExitCode;

use cosmwasm_vm::internals::{Logger, check_wasm};
use cosmwasm_vm::testing::{mock_backend, mock_env, mock_info, test_io};
use cosmwasm_vm::{
    InstanceOptions, Size, WasmLimits, call_instantiate_raw, capabilities_from_csv, to_vec,
};

/// cosmwasm-check 3.0.10's DEFAULT_AVAILABLE_CAPABILITIES.
const CHAIN_CAPABILITIES: &str = "ibc2,iterator,staking,stargate,cosmwasm_1_1,cosmwasm_1_2,cosmwasm_1_3,\
     cosmwasm_1_4,cosmwasm_2_0,cosmwasm_2_1,cosmwasm_2_2";

/// What the local chain (wasmd 0.53 / wasmvm 2.1.5) offers (DESIGN.md §7, shared/notes/localnet.md §4).
const LOCAL_CHAIN_CAPABILITIES: &str = "iterator,staking,stargate,cosmwasm_1_1,cosmwasm_1_2,\
     cosmwasm_1_3,cosmwasm_1_4,cosmwasm_2_0,cosmwasm_2_1";

/// Same as cosmwasm_vm::testing::mock_instance: generous, since nothing here runs a real transaction.
const GAS_LIMIT: u64 = 2_000_000_000;
/// Same as cosmwasm_vm::testing::mock_instance and wasmd's default.
const MEMORY_LIMIT: Size = Size::mebi(16);

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() || paths.iter().any(|p| p == "-h" || p == "--help") {
        eprintln!("usage: wasm-check FILE.wasm...");
        return ExitCode::from(2);
    }
    // One line per panic (test_io asserts), not a backtrace.
    std::panic::set_hook(Box::new(|info| eprintln!("wasm-check: {info}")));
    let chain = capabilities_from_csv(CHAIN_CAPABILITIES);
    let local = capabilities_from_csv(LOCAL_CHAIN_CAPABILITIES);

    let mut failures = 0;
    for path in &paths {
        match check(path, &chain, &local) {
            Ok(summary) => println!("{path}: pass ({summary})"),
            Err(e) => {
                failures += 1;
                println!("{path}: FAIL: {e}");
            }
        }
    }
    if failures == 0 {
        ExitCode::SUCCESS
    } else {
        println!("wasm-check: {failures} of {} failed", paths.len());
        ExitCode::FAILURE
    }
}

fn check(path: &str, chain: &HashSet<String>, local: &HashSet<String>) -> Result<String, String> {
    let wasm = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;

    check_wasm(&wasm, chain, &WasmLimits::default(), Logger::Off)
        .map_err(|e| format!("static validation: {e}"))?;

    let backend = mock_backend(&[]);
    let options = InstanceOptions {
        gas_limit: GAS_LIMIT,
    };
    let mut instance =
        cosmwasm_vm::Instance::from_code(&wasm, backend, options, Some(MEMORY_LIMIT))
            .map_err(|e| format!("instantiation in cosmwasm-vm: {e}"))?;

    let required = instance.required_capabilities();
    let missing: BTreeSet<&String> = required.difference(local).collect();
    if !missing.is_empty() {
        return Err(format!(
            "requires capabilities the local chain (wasmvm 2.1, up to cosmwasm_2_1) lacks: {missing:?}"
        ));
    }

    // test_io asserts; turn its panic into a failure of this file.
    catch_unwind(AssertUnwindSafe(|| test_io(&mut instance))).map_err(|_| {
        "allocate/write/read/deallocate round trip failed (see the panic message above)".to_string()
    })?;

    let gas_before = used_gas(&mut instance);
    let env = to_vec(&mock_env()).map_err(|e| e.to_string())?;
    let info = to_vec(&mock_info("wasm-check", &[])).map_err(|e| e.to_string())?;
    let result = call_instantiate_raw(&mut instance, &env, &info, b"{}")
        .map_err(|e| format!("calling instantiate({{}}): {e}"))?;
    let answer = if result.starts_with(br#"{"ok""#) {
        "ok"
    } else if result.starts_with(br#"{"error""#) {
        "contract error"
    } else {
        return Err(format!(
            "instantiate({{}}) returned no ContractResult: {}",
            String::from_utf8_lossy(&result[..result.len().min(200)])
        ));
    };

    let gas = used_gas(&mut instance) - gas_before;
    let mut required: Vec<String> = required.into_iter().collect();
    required.sort();
    Ok(format!(
        "requires [{}]; instantiate({{}}) ran to a {answer} using {gas} CosmWasm gas",
        required.join(",")
    ))
}

fn used_gas<A, S, Q>(instance: &mut cosmwasm_vm::Instance<A, S, Q>) -> u64
where
    A: cosmwasm_vm::BackendApi + 'static,
    S: cosmwasm_vm::Storage + 'static,
    Q: cosmwasm_vm::Querier + 'static,
{
    let report = instance.create_gas_report();
    report.used_internally + report.used_externally
}
