#!/usr/bin/env bash
# The first command to run. The main job first: with only what it needs (cargo and the crates,
# scripts/setup.sh --rust-only), it builds the `ballast` command and replays the vault over the shipped
# BTC/USD history with a risk manager's defaults, printing progress and then the summary; outputs go to
# out/: report.md, summary.json, replay.csv and the plots. Only then does it set up the wasm tooling
# (scripts/setup.sh --wasm: the wasm32 target and Binaryen's wasm-opt), build the three contracts' wasm and
# check it in cosmwasm-vm (scripts/build-wasm.sh; minutes when cold). Extra arguments go to
# `ballast replay`, e.g.
#   scripts/run.sh --scenario crash:30@2020-03-10
# BALLAST_SKIP_WASM=1 stops after the replay. scripts/test.sh sets up and runs everything else.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
scripts/setup.sh --rust-only

echo "== 1/2 ballast replay on data/btc_usd_daily.csv (target volatility 40%); the wasm build and check come after"
echo "run: building the ballast command (release; a few minutes the first time), then replaying"
cargo run --release --locked -p ballast-cli -- replay \
  --prices data/btc_usd_daily.csv \
  --target-vol 0.40 --lambda 0.94 --max-leverage 3 \
  --out out "$@"
echo "run: read out/report.md; figures in out/summary.json, row by row in out/replay.csv, plots in out/*.png"
echo "run: replay done $((SECONDS - started)) s after the start"

# The replay runs the contracts' native code in cw-multi-test, so it does not need the artifacts: a failed
# wasm check is reported at the end and makes the script fail.
if [ "${BALLAST_SKIP_WASM:-0}" = 1 ]; then
  echo "run: BALLAST_SKIP_WASM=1: wasm build and check skipped"
  exit 0
fi
if [ ! -x scripts/build-wasm.sh ]; then
  echo "run: scripts/build-wasm.sh not found: wasm build and check skipped"
  exit 0
fi
echo "== 2/2 the contracts' wasm: build and check in cosmwasm-vm (minutes when cold; BALLAST_SKIP_WASM=1 skips it)"
if scripts/setup.sh --wasm && scripts/build-wasm.sh; then
  echo "run: wasm built and checked; the replay's summary is above, in out/report.md"
else
  echo "run: FAILED: the wasm setup or build (see its output above); the replay itself ran, out/ holds it" >&2
  exit 1
fi
