#!/usr/bin/env bash
# Deploys Ballast's five contracts on the local chain (scripts/localnet.sh) and writes their addresses to
# .localnet/deploy.json, which the TypeScript client's tests and the web page read. Shared with
# scripts/e2e-localnet.sh, which sources this file for its helpers and the deploy itself.
#   scripts/deploy-localnet.sh          fresh chain, store + instantiate oracle, perp (BTC-PERP, funded pool),
#                                       governor, vault and strategies, three prices with a Mark after each; writes deploy.json;
#                                       the node keeps running (scripts/localnet.sh stop ends it)
#   scripts/deploy-localnet.sh refresh  publishes a price at chain time and marks the vault: the vault refuses
#                                       orders on prices older than max_age (60 s here)
# Needs artifacts/*.wasm (scripts/build-wasm.sh), python3, curl and jq. env: ARTIFACTS (default artifacts/), and
# scripts/localnet.sh's LOCALNET_ROOT, LOCALNET_VENV and PORT_OFFSET (deploy.json lands in LOCALNET_ROOT).
set -euo pipefail

CHAIN_ID=ballast-1
GAS_PRICE=160000000inj
RPC=http://127.0.0.1:$((26657 + ${PORT_OFFSET:-0}))    # the ports of scripts/localnet.sh
REST=http://127.0.0.1:$((10337 + ${PORT_OFFSET:-0}))
E18=000000000000000000
FEED=$(printf 'b7%.0s' $(seq 32))   # 64 hex characters
MARKET=BTC-PERP
POOL=10000$E18        # the perp pool's liquidity: 10,000 INJ
LOG_PREFIX=${LOG_PREFIX:-deploy}

localnet_env() {
  eval "$(scripts/localnet.sh env | grep '^export')"
  ROOT=$(dirname "$H")
  GAS_LOG=${GAS_LOG:-$ROOT/deploy-gas.tsv}
}
addr() { "$INJ" keys show "$1" -a --keyring-backend test --home "$H"; }

# tx_as KEY LABEL ARGS...: sign with KEY, broadcast, wait for inclusion; prints the tx JSON; fails on code != 0.
# A sync broadcast that CheckTx refuses never lands, so its code is checked before waiting; code 32 (account
# sequence mismatch: the previous tx's block not yet committed) is retried. Then the tx is polled over REST:
# `injectived q wait-tx` can miss a tx included between its first lookup and its event subscription (seen on
# a loaded machine: "timed out waiting for transaction" for a tx included 3 s earlier).
tx_as() {
  local from=$1 label=$2 sent out code attempt; shift 2
  for attempt in 1 2 3 4 5 6; do
    sent=$("$INJ" tx "$@" --home "$H" --chain-id "$CHAIN_ID" --from "$from" --gas-prices "$GAS_PRICE" \
          --gas auto --gas-adjustment 1.5 -y 2>"$ROOT/tx.err") \
      || { echo "$LOG_PREFIX: tx $label failed:" >&2; cat "$ROOT/tx.err" >&2; exit 1; }
    code=$(jq -r .code <<<"$sent")
    [ "$code" = 32 ] && [ "$attempt" -lt 6 ] || break
    sleep 0.5
  done
  [ "$code" = 0 ] || { echo "$LOG_PREFIX: tx $label refused before inclusion: $(jq -r .raw_log <<<"$sent")" >&2; exit 1; }
  local hash; hash=$(jq -r .txhash <<<"$sent"); out=
  for attempt in $(seq 1 120); do
    out=$(curl -sf "$REST/cosmos/tx/v1beta1/txs/$hash" | jq -c .tx_response) && break
    sleep 0.25
  done
  [ -n "$out" ] || { echo "$LOG_PREFIX: tx $label ($hash) not included in 30 s" >&2; exit 1; }
  local gu; code=$(jq -r .code <<<"$out"); gu=$(jq -r .gas_used <<<"$out")
  printf '  %-34s code=%s gas_used=%s\n' "$label" "$code" "$gu" >&2
  [ "$code" = 0 ] || { echo "$LOG_PREFIX: tx $label: $(jq -r .raw_log <<<"$out")" >&2; exit 1; }
  printf '%s\t%s\n' "$label" "$gu" >>"$GAS_LOG"
  printf '%s' "$out"
}
# wasm_event ACTION: the attributes of the wasm event whose action is ACTION, as one JSON object.
wasm_event() { jq -c --arg a "$1" '[.events[]|select(.type=="wasm")|.attributes|from_entries|select(.action==$a)][0]'; }
attr() { jq -r --arg t "$1" --arg k "$2" '[.events[]|select(.type==$t)|.attributes[]|select(.key==$k)|.value][0]'; }
smart() { "$INJ" q wasm contract-state smart "$1" "$2" --home "$H" | jq -c .data; }
chain_time() { date -d "$(curl -sf "$RPC/status" | jq -r .result.sync_info.latest_block_time)" +%s; }
fail() { echo "$LOG_PREFIX: FAIL: $*" >&2; exit 1; }

# snapshot_artifacts SRC: copies the wasm into $ROOT/artifacts (a concurrent scripts/build-wasm.sh deletes
# artifacts/*.wasm while it rebuilds) and sets ART to the copy.
snapshot_artifacts() {
  local src=$1 c
  for c in oracle perp governor vault strategies; do
    [ -f "$src/ballast_$c.wasm" ] || { echo "$LOG_PREFIX: $src/ballast_$c.wasm missing: run scripts/build-wasm.sh" >&2; exit 1; }
  done
  mkdir -p "$ROOT/artifacts"; cp "$src"/ballast_{oracle,perp,governor,vault,strategies}.wasm "$src/checksums.txt" "$ROOT/artifacts/"
  ART=$ROOT/artifacts
  echo "  wasm sizes: $(cd "$ART" && stat -c '%n %s B' ballast_*.wasm | paste -sd, | sed 's/,/, /g')"
}

# deploy: the contract set from $ART through scripts/deploy.sh (the same command as for any chain), with a config
# for this chain written to $ROOT/deploy-config.json; sets ORACLE, PERP, GOVERNOR, VAULT, STRATEGIES, ADMIN, USER. Run twice
# (DEPLOY_TWICE=1), the second run must change nothing.
deploy() {
  ADMIN=$(addr admin) USER=$(addr user)
  # tests/src/suite default_params, except min_observations 2 (blocks come every 0.5 s), timelock 3600 (the
  # lower bound) and min_order 0.001 INJ.
  local params='{"target_vol":"0.4","max_leverage":"3","max_concentration":"3","kelly_fraction":"0.5","max_edge":"0.3",
"var_confidence":"0.99","var_budget":"0.1","var_horizon":86400,"max_slippage":"0.01","liq_sigmas":"3",
"liq_horizon":86400,"min_order":"1000000000000000",
"guards":{"max_age":60,"reduce_max_age":600,"max_future_skew":5,"max_confidence":"0.01","breaker_sigmas":"8",
"breaker_max_move":"0.25","breaker_cooldown":3600,"max_mark_age":3600},
"estimator":{"lambda":"0.94","vol_step":86400,"min_observations":2},
"deleverage_tolerance":"0.05","rebalance_threshold":"0.05","share_offset_decimals":6,
"management_fee":"0","performance_fee":"0","timelock":3600}'
  # tests/src/suite default_venue, scaled to inj (1e18 base units per INJ)
  local venue="{\"feed_id\":\"$FEED\",\"depth\":\"1000000000$E18\",\"impact_exponent\":\"1\",\"taker_fee\":\"0.0005\",\"initial_margin\":\"0.1\",\"maintenance_margin\":\"0.05\",\"max_open_interest\":\"1000000000$E18\"}"
  local mconf="{\"market\":\"$MARKET\",\"feed_id\":\"$FEED\",\"weight\":\"1\",\"max_notional\":\"10000$E18\"}"
  # The TokenFactory's fee for the vault's share denom, as the chain's params set it.
  local share_fee
  share_fee=$("$INJ" q tokenfactory params --home "$H" --output json \
    | jq -r '[.params.denom_creation_fee[] | .amount + .denom] | join(",")')
  jq -n --arg cli "$INJ" --arg home "$H" --arg node "$RPC" --arg chain "$CHAIN_ID" --arg gas "$GAS_PRICE" \
    --arg art "$ART" --arg out "$ROOT/deployments" --arg admin "$ADMIN" --arg market "$MARKET" --arg pool "$POOL" \
    --arg share_fee "$share_fee" --argjson venue "$venue" --argjson mconf "$mconf" --argjson params "$params" \
    '{cli: $cli, home: $home, node: $node, chain_id: $chain, gas_prices: $gas, key: "admin", artifacts: $art,
      deployments: $out, denom: "inj", oracle: {publishers: [$admin]},
      perp: {liquidation_fee: "0.1", max_price_age: 3600, markets: [{market: $market, params: $venue}], pool: $pool},
      vault: {params: $params, markets: [$mconf], share_token: {token_factory: "injective", subdenom: "share"},
        share_creation_fee: $share_fee}}' >"$ROOT/deploy-config.json"
  rm -rf "$ROOT/deployments"
  local contracts
  contracts=$(DEPLOY_GAS_LOG=$GAS_LOG scripts/deploy.sh --config "$ROOT/deploy-config.json")
  ORACLE=$(jq -r .oracle <<<"$contracts") PERP=$(jq -r .perp <<<"$contracts")
  GOVERNOR=$(jq -r .governor <<<"$contracts") VAULT=$(jq -r .vault <<<"$contracts")
  STRATEGIES=$(jq -r .strategies <<<"$contracts")
  if [ "${DEPLOY_TWICE:-0}" = 1 ]; then
    echo "== deploy again from the same config: nothing may change"
    local before; before=$(cat "$ROOT/deployments/$CHAIN_ID.json")
    local log; log=$(scripts/deploy.sh --config "$ROOT/deploy-config.json" 2>&1 >/dev/null)
    grep -q "gas_used" <<<"$log" && fail "the second deploy sent transactions: $log"
    [ "$(cat "$ROOT/deployments/$CHAIN_ID.json")" = "$before" ] || fail "the second deploy changed the record"
    echo "  $(grep -c skipped <<<"$log") steps skipped, no transaction, record unchanged"
    jq 'del(.vault.params)' "$ROOT/deploy-config.json" >"$ROOT/deploy-config-broken.json"
    log=$(scripts/deploy.sh --config "$ROOT/deploy-config-broken.json" 2>&1) && fail "a config without vault.params deployed"
    grep -q "deploy-config-broken.json: missing field vault.params" <<<"$log" || fail "unclear error for a missing field: $log"
    echo "  a config without vault.params is refused: $(tail -1 <<<"$log")"
  fi
  echo "  oracle   $ORACLE"; echo "  perp     $PERP"; echo "  governor $GOVERNOR"; echo "  vault    $VAULT"
  echo "  strategies $STRATEGIES (allow-listed: $(smart "$VAULT" "{\"strategy\":{\"address\":\"$STRATEGIES\"}}"))"
}

# publish_price PRICE: one oracle update at chain time (strictly after the last one), then a vault Mark.
LAST_PUBLISH=0
publish_price() {
  local price=$1 t; t=$(chain_time)
  while [ "$t" -le "$LAST_PUBLISH" ]; do sleep 0.3; t=$(chain_time); done
  LAST_PUBLISH=$t
  tx_as admin "oracle update_price_feeds @$t" wasm execute "$ORACLE" \
    "{\"update_price_feeds\":{\"feeds\":[{\"id\":\"$FEED\",\"price\":\"$price\",\"conf\":\"$((price / 1000))\",\"expo\":-8,\"publish_time\":$t}]}}" >/dev/null
  tx_as admin "vault mark" wasm execute "$VAULT" "{\"mark\":{\"market\":\"$MARKET\"}}" >/dev/null
}

publish_prices() {
  echo "== prices: three publishes at chain time, a vault Mark after each (2 returns)"
  local price
  for price in 6000000000000 6000060000000 6000000000000; do   # 60,000 +-0.001% (expo -8)
    publish_price "$price"
  done
  echo "  vault market: $(smart "$VAULT" "{\"market\":{\"market\":\"$MARKET\"}}" | jq -c '{forecast_vol,observations,last_price_time,halted_until}')"
}

# write_deploy_json FILE: what a client needs to find the contracts (no secrets; keys stay in .localnet/*.key.json).
write_deploy_json() {
  jq -n --arg chain_id "$CHAIN_ID" --arg rpc "$RPC" --arg rest "$REST" --arg oracle "$ORACLE" --arg perp "$PERP" \
    --arg governor "$GOVERNOR" --arg vault "$VAULT" --arg strategies "$STRATEGIES" --arg market "$MARKET" --arg feed "$FEED" --arg admin "$ADMIN" --arg user "$USER" \
    --arg root "$ROOT" \
    '{chain_id: $chain_id, rpc: $rpc, rest: $rest, denom: "inj", oracle: $oracle, perp: $perp, governor: $governor, vault: $vault, strategies: $strategies,
      markets: [{market: $market, feed_id: $feed}], admin: $admin, user: $user,
      keys: {admin: ($root + "/admin.key.json"), user: ($root + "/user.key.json")}}' >"$1"
  echo "  wrote $1"
}

main() {
  cd "$(dirname "${BASH_SOURCE[0]}")/.."
  command -v jq >/dev/null || { echo "deploy: jq is required" >&2; exit 1; }
  case "${1:-}" in
    "")
      local t0; t0=$(date +%s)
      scripts/localnet.sh stop >/dev/null 2>&1 || true
      scripts/localnet.sh start
      localnet_env; : >"$GAS_LOG"
      snapshot_artifacts "${ARTIFACTS:-artifacts}"
      deploy
      publish_prices
      write_deploy_json "$ROOT/deploy.json"
      echo "deploy: done in $(( $(date +%s) - t0 )) s; the node keeps running (scripts/localnet.sh stop)" ;;
    refresh)
      localnet_env
      [ -f "$ROOT/deploy.json" ] || { echo "deploy: $ROOT/deploy.json missing: run scripts/deploy-localnet.sh" >&2; exit 1; }
      ORACLE=$(jq -r .oracle "$ROOT/deploy.json") VAULT=$(jq -r .vault "$ROOT/deploy.json")
      publish_price "${PRICE:-6000000000000}" ;;
    *) echo "usage: scripts/deploy-localnet.sh [refresh]" >&2; exit 2 ;;
  esac
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then main "$@"; fi
