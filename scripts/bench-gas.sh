#!/usr/bin/env bash
# Gas benchmark of the optimised artifacts in cosmwasm-vm 3.0.10 (issue #7): builds the test-only forwarder
# baseline (tools/gas-bench/forwarder) to wasm with the artifacts' flags, builds tools/gas-bench (its own
# workspace; shares tools/wasm-check/target so cosmwasm-vm is compiled once), runs it on artifacts/*.wasm.
# Prints a table and the two ratios; writes bench/gas.json, and the grid fills (issue #9, through the strategies contract) to bench/gas-grid.json.
# Then fails when a ratio is worse than the figure committed in bench/*.json (scripts/gas-ratchet.sh: gas only
# ratchets down; the new figures stay in bench/ to be looked at).
# Needs artifacts/ (scripts/build-wasm.sh).
# --probe: builds the vault with `--features gas-probe` (checkpoints through Api::debug) and prints where
#          SubmitOrder's gas goes, step by step; bench/*.json are left as they are.
# env: WASM_OPT_LEVEL (default "z", as scripts/build-wasm.sh) for the forwarder; ARTIFACTS (artifacts/).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ART=${ARTIFACTS:-artifacts}
WASM_OPT=tools/node_modules/.bin/wasm-opt
for c in vault strategies; do
  [ -f "$ART/ballast_$c.wasm" ] || { echo "bench-gas: $ART/ballast_$c.wasm missing: run scripts/build-wasm.sh" >&2; exit 1; }
done
[ -x "$WASM_OPT" ] || { echo "bench-gas: $WASM_OPT missing: run scripts/setup.sh" >&2; exit 1; }
mkdir -p bench
SNAP=$(mktemp -d); trap 'rm -rf "$SNAP"' EXIT
cp "$ART"/ballast_*.wasm "$SNAP/"   # a concurrent build-wasm.sh deletes artifacts while it rebuilds
# The committed figures, before this run overwrites bench/*.json (HEAD's, else the files as they are).
for f in gas gas-grid; do
  git show "HEAD:bench/$f.json" >"$SNAP/$f.committed.json" 2>/dev/null || cp "bench/$f.json" "$SNAP/$f.committed.json"
done

echo "== forwarder baseline: cargo build (opt-level ${WASM_OPT_LEVEL:-z}), wasm-opt" >&2
(cd tools/gas-bench/forwarder && CARGO_PROFILE_RELEASE_OPT_LEVEL=${WASM_OPT_LEVEL:-z} \
   cargo build --release --target wasm32-unknown-unknown --lib --quiet)
"$WASM_OPT" -Os --enable-bulk-memory --enable-sign-ext --llvm-memory-copy-fill-lowering --signext-lowering \
  tools/gas-bench/forwarder/target/wasm32-unknown-unknown/release/ballast_forwarder.wasm -o bench/ballast_forwarder.wasm

echo "== tools/gas-bench (cosmwasm-vm 3.0.10; minutes when cold)" >&2
CARGO_TARGET_DIR=$ROOT/tools/wasm-check/target cargo build --release --locked --quiet --manifest-path tools/gas-bench/Cargo.toml
if [ "${1:-}" = --probe ]; then
  echo "== vault with gas checkpoints (opt-level ${WASM_OPT_LEVEL:-z}), wasm-opt" >&2
  CARGO_PROFILE_RELEASE_OPT_LEVEL=${WASM_OPT_LEVEL:-z} CARGO_TARGET_DIR=$ROOT/target/gas-probe \
    cargo build --release --locked --quiet --target wasm32-unknown-unknown -p ballast-vault --lib --features gas-probe
  "$WASM_OPT" -Os --enable-bulk-memory --enable-sign-ext --llvm-memory-copy-fill-lowering --signext-lowering \
    target/gas-probe/wasm32-unknown-unknown/release/ballast_vault.wasm -o "$SNAP/ballast_vault.wasm"
  "$ROOT/tools/wasm-check/target/release/gas-bench" "$SNAP" bench/ballast_forwarder.wasm "$SNAP/gas.json"
  exit 0
fi
"$ROOT/tools/wasm-check/target/release/gas-bench" "$SNAP" bench/ballast_forwarder.wasm bench/gas.json
# tie the figures to the artifacts they were measured on
sums=$(cd "$SNAP" && sha256sum ballast_*.wasm | jq -R 'split("  ") | {(.[1]): .[0]}' | jq -s add)
jq --argjson s "$sums" '. + {artifacts_sha256: $s}' bench/gas.json >"$SNAP/gas.json" && cp "$SNAP/gas.json" bench/gas.json
jq --argjson s "$sums" '. + {artifacts_sha256: $s}' bench/gas-grid.json >"$SNAP/gas-grid.json" && cp "$SNAP/gas-grid.json" bench/gas-grid.json
# gas only ratchets down
scripts/gas-ratchet.sh "$SNAP/gas.committed.json" bench/gas.json "$SNAP/gas-grid.committed.json" bench/gas-grid.json
