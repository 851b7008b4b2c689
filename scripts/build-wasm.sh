#!/usr/bin/env bash
# Builds the contracts' release wasm, lowers it for CosmWasm VMs with Binaryen's wasm-opt, writes
# artifacts/*.wasm and artifacts/checksums.txt, then checks each artifact in cosmwasm-vm 3.0.10
# (tools/wasm-check). Fails if an artifact is over the chain's size limit or fails the check. Needs scripts/setup.sh first.
#
# WASM_OPT_LEVEL (default "z") is the rustc opt-level for the contracts only. Measured after wasm-opt
# (2026-11-26): "z" gives artifacts 16-17% smaller than 3 (oracle 239 vs 288 KB, perp 350 vs 418 KB,
# vault 490 vs 583 KB) but uses ~65% more gas (oracle instantiate({}): 17.6M vs 10.6M CosmWasm gas);
# "s" lies between. Compare with `WASM_OPT_LEVEL=3 scripts/build-wasm.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."

# The chain's limit (wasmd's default max wasm size, 800 KiB) fails the build; the project's target of
# 500 KB per artifact (goal 350 KB) is reported, not enforced: the vault is over it (see the README, "Numbers").
MAX_BYTES=819200
TARGET_BYTES=500000
GOAL_BYTES=350000
WASM_OPT=tools/node_modules/.bin/wasm-opt
WASM_CHECK=tools/wasm-check/target/release/wasm-check
OPT_LEVEL=${WASM_OPT_LEVEL:-z}
# crate:artifact name. The vault's venue adapters that not every deployment needs are builds of their own:
# `levana` (Levana markets) and `injective` (responses may carry the exchange module's custom messages, so it
# runs only on Injective); add a contract or a build here and in FEATURES.
CONTRACTS=(ballast-oracle:ballast_oracle ballast-perp:ballast_perp ballast-governor:ballast_governor ballast-vault:ballast_vault
  ballast-strategies:ballast_strategies ballast-vault:ballast_vault_levana ballast-vault:ballast_vault_injective)
declare -A FEATURES=([ballast_vault_levana]=levana [ballast_vault_injective]=injective)

if [ ! -x "$WASM_OPT" ]; then
  echo "build-wasm: $WASM_OPT is missing: run scripts/setup.sh" >&2
  exit 1
fi
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  echo "build-wasm: rustup target wasm32-unknown-unknown is missing: run scripts/setup.sh" >&2
  exit 1
fi

echo "== build tools/wasm-check (cosmwasm-vm 3.0.10; minutes when cold)"
cargo build --release --locked --manifest-path tools/wasm-check/Cargo.toml

mkdir -p artifacts
rm -f artifacts/*.wasm artifacts/checksums.txt
declare -A RAW
for entry in "${CONTRACTS[@]}"; do
  crate=${entry%%:*} name=${entry##*:}
  echo "== $crate: cargo build (opt-level $OPT_LEVEL), wasm-opt"
  # Only for this command: the env var must not reach tools/wasm-check or host builds.
  CARGO_PROFILE_RELEASE_OPT_LEVEL=$OPT_LEVEL \
    cargo build --release --locked --target wasm32-unknown-unknown -p "$crate" --lib \
    ${FEATURES[$name]:+--features "${FEATURES[$name]}"}
  raw=target/wasm32-unknown-unknown/release/${crate//-/_}.wasm
  RAW[$name]=$(stat -c %s "$raw")
  # --llvm-memory-copy-fill-lowering removes bulk-memory ops (cosmwasm-vm rejects them);
  # --signext-lowering removes sign-extension ops for older chains.
  # -Oz, then flatten and re-loop the control flow and optimise again until nothing shrinks: 2% smaller
  # than -Os (the vault 10 KB).
  "$WASM_OPT" -Oz --flatten --rereloop -Oz --converge \
    --enable-bulk-memory --enable-sign-ext --llvm-memory-copy-fill-lowering --signext-lowering \
    "$raw" -o "artifacts/$name.wasm"
done

files=()
for entry in "${CONTRACTS[@]}"; do files+=("${entry##*:}.wasm"); done
(cd artifacts && sha256sum "${files[@]}" >checksums.txt)

echo "== check artifacts in cosmwasm-vm 3.0.10"
failed=0
declare -A RESULT
for entry in "${CONTRACTS[@]}"; do
  name=${entry##*:}
  if out=$("$WASM_CHECK" "artifacts/$name.wasm" 2>&1); then
    RESULT[$name]=pass
  else
    RESULT[$name]=FAIL
    failed=1
  fi
  echo "$out"
done

echo
echo "== artifacts (rustc opt-level $OPT_LEVEL, then wasm-opt -Oz with re-looping; limit $MAX_BYTES bytes)"
printf '%-30s %12s %12s %10s  %s\n' artifact "raw bytes" "bytes" KB check
for entry in "${CONTRACTS[@]}"; do
  name=${entry##*:}
  size=$(stat -c %s "artifacts/$name.wasm")
  status=${RESULT[$name]}
  if [ "$size" -gt "$MAX_BYTES" ]; then
    status="$status, OVER $MAX_BYTES BYTES"
    failed=1
  elif [ "$size" -gt "$TARGET_BYTES" ]; then
    status="$status, over the $TARGET_BYTES-byte target"
  elif [ "$size" -gt "$GOAL_BYTES" ]; then
    status="$status, under the target, over the $GOAL_BYTES-byte goal"
  else
    status="$status, under the $GOAL_BYTES-byte goal"
  fi
  printf '%-30s %12d %12d %10.1f  %s\n' "$name.wasm" "${RAW[$name]}" "$size" "$(awk -v b="$size" 'BEGIN { print b / 1024 }')" "$status"
done
echo
cat artifacts/checksums.txt

if [ "$failed" -ne 0 ]; then
  echo "build-wasm: FAILED after ${SECONDS}s (see above)" >&2
  exit 1
fi
echo "build-wasm: ok (${SECONDS}s)"
