#!/usr/bin/env bash
# Gas can only ratchet down: fails when a ratio of a new bench run is worse (higher) than the figure
# committed, naming the ratio, the committed figure and the new one.
#   scripts/gas-ratchet.sh COMMITTED_gas.json NEW_gas.json [COMMITTED_gas-grid.json NEW_gas-grid.json]
# Every ratio here is lower-is-better. Allowed: new <= committed * (1 + 1%) + one unit of the committed
# figure's last decimal. Why 1%: gas in cosmwasm-vm is deterministic for one artifact, but any rebuild
# (a dependency bump, a new rustc, wasm-opt laying out code differently) moves these ratios by a few
# tenths of a percent without a line of the contract changing; a real regression (one more query per
# order is about 5%) is far above it. Why the extra unit: the bench stores ratios rounded (3 or 4
# decimals), so two runs of equal gas can differ by one unit of the last decimal.
# A ratio missing from the committed file is new and passes (its first figure becomes the ratchet);
# a ratio missing from the new file fails.
# env: GAS_RATCHET_TOLERANCE (default 0.01).
set -euo pipefail

TOL=${GAS_RATCHET_TOLERANCE:-0.01}
GAS_RATIOS=(submit_order_over_forwarder submit_order_over_forwarder_wasm_only growth_1_to_50_markets)
# Grid fills go through the strategies contract (issue 17): strategies call + the vault's SubmitOrder +
# reply. The vault-only fill_* ratios measured another operation, so they are not compared with these.
GRID_RATIOS=(strategy_fill_over_submit_order strategy_fill_growth_1_to_50_levels strategy_fill_growth_1_to_50_grids)

if [ $# -ne 2 ] && [ $# -ne 4 ]; then
  echo "usage: $0 COMMITTED_gas.json NEW_gas.json [COMMITTED_gas-grid.json NEW_gas-grid.json]" >&2
  exit 2
fi

failed=0
# compare FILE_COMMITTED FILE_NEW RATIO...
compare() {
  local committed_file=$1 new_file=$2
  shift 2
  local key committed new decimals unit verdict
  for key in "$@"; do
    committed=$(jq -r --arg k "$key" '.[$k] // empty' "$committed_file")
    new=$(jq -r --arg k "$key" '.[$k] // empty' "$new_file")
    if [ -z "$committed" ]; then
      echo "gas-ratchet: $key = ${new:-missing} (new ratio, nothing committed to compare with)"
      continue
    fi
    if [ -z "$new" ]; then
      echo "gas-ratchet: FAIL $key: committed $committed, missing from $new_file"
      failed=1
      continue
    fi
    decimals=0
    case $committed in *.*) decimals=${committed#*.}; decimals=${#decimals} ;; esac
    # JSON drops trailing zeros (3.000 is written 3): the bench rounds to 3 decimals at the coarsest.
    [ "$decimals" -ge 3 ] || decimals=3
    unit=$(awk -v d="$decimals" 'BEGIN { printf "%.12f", 10 ^ -d }')
    verdict=$(awk -v c="$committed" -v n="$new" -v t="$TOL" -v u="$unit" \
      'BEGIN { limit = c * (1 + t) + u; if (c < 0) limit = c * (1 - t) + u;
               printf "%s %.6f", (n <= limit ? "ok" : "worse"), limit }')
    if [ "${verdict%% *}" = ok ]; then
      echo "gas-ratchet: ok   $key: committed $committed, new $new (limit ${verdict#* })"
    else
      echo "gas-ratchet: FAIL $key: committed $committed, new $new is worse (limit ${verdict#* })"
      failed=1
    fi
  done
}

compare "$1" "$2" "${GAS_RATIOS[@]}"
if [ $# -eq 4 ]; then
  compare "$3" "$4" "${GRID_RATIOS[@]}"
fi
if [ "$failed" != 0 ]; then
  echo "gas-ratchet: gas got worse than the committed figures (tolerance ${TOL}); the new figures are in the new files" >&2
  exit 1
fi
