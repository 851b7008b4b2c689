#!/usr/bin/env bash
# Ballast's checks, as CI runs them: setup, format, lints, schemas and the TypeScript client generated from them,
# no floats on chain, every test, wasm build, the gas bench, the artifacts and the Injective build on local chains,
# then the client and the web page against a local chain in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

echo "== cargo fmt --check"
cargo fmt --all -- --check

echo "== cargo clippy (warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings
# The vault's other builds: `levana` (with the suites built against it) and `injective`.
cargo clippy -p ballast-tests --features levana --all-targets --locked -- -D warnings
cargo clippy -p ballast-vault --features injective --all-targets --locked -- -D warnings

echo "== JSON schemas are up to date (scripts/schema.sh --check)"
scripts/schema.sh --check

echo "== TypeScript client matches schema/, its unit tests, web/ builds (scripts/client-ts.sh --check)"
scripts/client-ts.sh --check

echo "== no f32/f64 in on-chain code (contracts and packages but the CLI, outside tests; scripts/check-floats.sh)"
scripts/check-floats.sh

echo "== cargo test"
# The round-trip property runs below in release mode: its 100,000 steps take minutes in debug.
cargo test --workspace --locked -- --skip round_trip::round_trips_in_one_block
cargo test -p ballast-vault --features injective --locked --test injective
# The `levana` build (idle from the bank balance) trading Levana markets.
cargo test -p ballast-tests --features levana --locked --test vault levana
echo "== round trips in one block pay no more than they bring (100,000 steps, release; ROUND_TRIP_STEPS=.. for more)"
cargo test --release --locked -p ballast-tests --test adversarial round_trip::round_trips_in_one_block -- --nocapture

echo "== contract wasm: build, wasm-opt, size limit, cosmwasm-vm check (scripts/build-wasm.sh)"
scripts/build-wasm.sh

echo "== gas in cosmwasm-vm against the forwarder baseline (scripts/bench-gas.sh; fails when a ratio is worse than bench/*.json)"
scripts/bench-gas.sh

echo "== the artifacts on a local chain: three decisions, positions, gas_used (scripts/e2e-localnet.sh)"
scripts/e2e-localnet.sh

echo "== the Injective build of the vault on a perpetual market of the local chain (scripts/e2e-injective.sh)"
scripts/e2e-injective.sh

echo "== TypeScript client and web page on a local chain, in headless Chromium (scripts/e2e-web.sh)"
if [ "${BALLAST_SKIP_WEB_E2E:-0}" = 1 ]; then
  echo "SKIPPED: BALLAST_SKIP_WEB_E2E=1"
else
  scripts/e2e-web.sh
fi

echo "test.sh: all checks passed"
