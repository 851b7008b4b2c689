#!/usr/bin/env bash
# The first command to run: sets up a fresh machine (scripts/setup.sh), builds the three contracts'
# wasm and checks it in cosmwasm-vm (scripts/build-wasm.sh), then replays the vault over the shipped
# BTC/USD history with a risk manager's defaults. Outputs go to out/: report.md, summary.json,
# replay.csv and the plots. Extra arguments go to `ballast replay`, e.g.
#   scripts/run.sh --scenario crash:30@2020-03-10
# BALLAST_SKIP_WASM=1 skips the wasm build and check (minutes when cold) for a quick replay.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

# The replay runs the contracts' native code in cw-multi-test, so it does not need the artifacts: a failed
# wasm check is reported at the end, after the replay, and makes the script fail.
wasm=ok
if [ "${BALLAST_SKIP_WASM:-0}" = 1 ]; then
  wasm=skipped
  echo "run: BALLAST_SKIP_WASM=1: wasm build and check skipped"
elif [ -x scripts/build-wasm.sh ]; then
  scripts/build-wasm.sh || wasm=failed
else
  wasm=skipped
  echo "run: scripts/build-wasm.sh not found: wasm build and check skipped"
fi

echo "== ballast replay on data/btc_usd_daily.csv (target volatility 40%)"
cargo run --release --locked -q -p ballast-cli -- replay \
  --prices data/btc_usd_daily.csv \
  --target-vol 0.40 --lambda 0.94 --max-leverage 3 \
  --out out "$@"
echo "run: read out/report.md; figures in out/summary.json, day by day in out/replay.csv, plots in out/*.png"
if [ "$wasm" = failed ]; then
  echo "run: FAILED: scripts/build-wasm.sh did not pass (see its output above); the replay itself ran" >&2
  exit 1
fi
