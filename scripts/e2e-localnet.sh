#!/usr/bin/env bash
# End-to-end run of Ballast's optimised artifacts on a fresh single-node Injective localnet
# (scripts/localnet.sh): stores and instantiates oracle, perp market and vault; funds the perp pool and lists
# BTC-PERP; publishes three prices (marking the vault after each, min_observations = 2); deposits; submits an
# ACCEPTED, a SCALED and a REJECTED order and checks each decision in the tx events and through queries;
# checks the vault's position on the perp market; sends the same order directly to the perp market; redeems;
# prints the chain's gas_used of every tx and of a vault order next to the direct order.
# Needs artifacts/*.wasm (scripts/build-wasm.sh), python3, curl and jq. Takes about a minute once the venv exists.
# env: KEEP_RUNNING=1 leaves the node running afterwards; ARTIFACTS (default artifacts/).
set -euo pipefail
cd "$(dirname "$0")/.."
ART=${ARTIFACTS:-artifacts}
for c in oracle perp vault; do
  [ -f "$ART/ballast_$c.wasm" ] || { echo "e2e: $ART/ballast_$c.wasm missing: run scripts/build-wasm.sh" >&2; exit 1; }
done
command -v jq >/dev/null || { echo "e2e: jq is required" >&2; exit 1; }

T0=$(date +%s)
scripts/localnet.sh stop >/dev/null 2>&1 || true
scripts/localnet.sh start
if [ "${KEEP_RUNNING:-0}" != 1 ]; then trap 'scripts/localnet.sh stop >/dev/null' EXIT; fi
eval "$(scripts/localnet.sh env | grep '^export')"
ROOT=$(dirname "$H")
# a snapshot: a concurrent scripts/build-wasm.sh deletes artifacts/*.wasm while it rebuilds
mkdir -p "$ROOT/artifacts"; cp "$ART"/ballast_{oracle,perp,vault}.wasm "$ROOT/artifacts/"; ART=$ROOT/artifacts
echo "  wasm sizes: $(cd "$ART" && stat -c '%n %s B' ballast_*.wasm | paste -sd, | sed 's/,/, /g')"
CHAIN_ID=ballast-1
GAS_PRICE=160000000inj
RPC=http://127.0.0.1:26657

addr() { "$INJ" keys show "$1" -a --keyring-backend test --home "$H"; }
ADMIN=$(addr admin) USER=$(addr user)
GAS_LOG=$ROOT/e2e-gas.tsv; : >"$GAS_LOG"

# tx_as KEY LABEL ARGS...: sign with KEY, broadcast, wait for inclusion; prints the tx JSON; fails on code != 0.
tx_as() {
  local from=$1 label=$2 out; shift 2
  out=$("$INJ" tx "$@" --home "$H" --chain-id "$CHAIN_ID" --from "$from" --gas-prices "$GAS_PRICE" \
        --gas auto --gas-adjustment 1.5 -y 2>"$ROOT/tx.err" | "$INJ" q wait-tx --home "$H" --timeout 30s) \
    || { echo "e2e: tx $label failed:" >&2; cat "$ROOT/tx.err" >&2; exit 1; }
  local code gu; code=$(jq -r .code <<<"$out"); gu=$(jq -r .gas_used <<<"$out")
  printf '  %-34s code=%s gas_used=%s\n' "$label" "$code" "$gu" >&2
  [ "$code" = 0 ] || { echo "e2e: tx $label: $(jq -r .raw_log <<<"$out")" >&2; exit 1; }
  printf '%s\t%s\n' "$label" "$gu" >>"$GAS_LOG"
  printf '%s' "$out"
}
# wasm_event ACTION: the attributes of the wasm event whose action is ACTION, as one JSON object.
wasm_event() { jq -c --arg a "$1" '[.events[]|select(.type=="wasm")|.attributes|from_entries|select(.action==$a)][0]'; }
attr() { jq -r --arg t "$1" --arg k "$2" '[.events[]|select(.type==$t)|.attributes[]|select(.key==$k)|.value][0]'; }
smart() { "$INJ" q wasm contract-state smart "$1" "$2" --home "$H" | jq -c .data; }
chain_time() { date -d "$(curl -sf "$RPC/status" | jq -r .result.sync_info.latest_block_time)" +%s; }
fail() { echo "e2e: FAIL: $*" >&2; exit 1; }

E18=000000000000000000
FEED=$(printf 'b7%.0s' $(seq 32))   # 64 hex characters
MARKET=BTC-PERP
NAV=1000$E18          # the user's deposit: 1,000 INJ (1e21 inj)
POOL=10000$E18        # the perp pool's liquidity: 10,000 INJ

echo "== store"
ORACLE_CODE=$(tx_as admin "store ballast_oracle.wasm" wasm store "$ART/ballast_oracle.wasm" | attr store_code code_id)
PERP_CODE=$(tx_as admin "store ballast_perp.wasm" wasm store "$ART/ballast_perp.wasm" | attr store_code code_id)
VAULT_CODE=$(tx_as admin "store ballast_vault.wasm" wasm store "$ART/ballast_vault.wasm" | attr store_code code_id)

echo "== instantiate"
ORACLE=$(tx_as admin "instantiate oracle" wasm instantiate "$ORACLE_CODE" \
  "{\"owner\":\"$ADMIN\",\"publishers\":[\"$ADMIN\"]}" --label ballast-oracle --admin "$ADMIN" \
  | attr instantiate _contract_address)
PERP=$(tx_as admin "instantiate perp" wasm instantiate "$PERP_CODE" \
  "{\"owner\":\"$ADMIN\",\"oracle\":\"$ORACLE\",\"denom\":\"inj\",\"liquidation_fee\":\"0.1\",\"max_price_age\":3600}" \
  --label ballast-perp --admin "$ADMIN" | attr instantiate _contract_address)
# tests/src/suite default_venue, scaled to inj (1e18 base units per INJ)
VENUE="{\"feed_id\":\"$FEED\",\"depth\":\"1000000000$E18\",\"impact_exponent\":\"1\",\"taker_fee\":\"0.0005\",\"initial_margin\":\"0.1\",\"maintenance_margin\":\"0.05\",\"max_open_interest\":\"1000000000$E18\"}"
tx_as admin "perp add_market" wasm execute "$PERP" "{\"add_market\":{\"market\":\"$MARKET\",\"params\":$VENUE}}" >/dev/null
tx_as admin "perp deposit_liquidity" wasm execute "$PERP" '{"deposit_liquidity":{}}' --amount "${POOL}inj" >/dev/null
# tests/src/suite default_params, except min_observations 2 (blocks come every 0.5 s), timelock 3600 (the
# lower bound) and min_order 0.001 INJ.
PARAMS='{"target_vol":"0.4","max_leverage":"3","max_concentration":"3","kelly_fraction":"0.5","max_edge":"0.3",
"var_confidence":"0.99","var_budget":"0.1","var_horizon":86400,"max_slippage":"0.01","liq_sigmas":"3",
"liq_horizon":86400,"min_order":"1000000000000000",
"guards":{"max_age":60,"reduce_max_age":600,"max_future_skew":5,"max_confidence":"0.01","breaker_sigmas":"8",
"breaker_max_move":"0.25","breaker_cooldown":3600,"max_mark_age":3600},
"estimator":{"lambda":"0.94","vol_step":86400,"min_observations":2},
"deleverage_tolerance":"0.05","rebalance_threshold":"0.05","share_offset_decimals":6,
"management_fee":"0","performance_fee":"0","timelock":3600}'
MCONF="{\"market\":\"$MARKET\",\"feed_id\":\"$FEED\",\"weight\":\"1\",\"max_notional\":\"10000$E18\"}"
VAULT=$(tx_as admin "instantiate vault" wasm instantiate "$VAULT_CODE" \
  "{\"owner\":\"$ADMIN\",\"manager\":\"$ADMIN\",\"guardian\":\"$ADMIN\",\"denom\":\"inj\",\"oracle\":\"$ORACLE\",\"perp_market\":\"$PERP\",\"fee_recipient\":\"$ADMIN\",\"params\":$(jq -c . <<<"$PARAMS"),\"markets\":[$MCONF]}" \
  --label ballast-vault --admin "$ADMIN" | attr instantiate _contract_address)
echo "  oracle $ORACLE"; echo "  perp   $PERP"; echo "  vault  $VAULT"

echo "== prices: three publishes at chain time, a vault Mark after each (2 returns)"
last=0
for price in 6000000000000 6000060000000 6000000000000; do   # 60,000 +-0.001% (expo -8)
  t=$(chain_time)
  while [ "$t" -le "$last" ]; do sleep 0.3; t=$(chain_time); done
  last=$t
  tx_as admin "oracle update_price_feeds @$t" wasm execute "$ORACLE" \
    "{\"update_price_feeds\":{\"feeds\":[{\"id\":\"$FEED\",\"price\":\"$price\",\"conf\":\"$((price / 1000))\",\"expo\":-8,\"publish_time\":$t}]}}" >/dev/null
  tx_as admin "vault mark" wasm execute "$VAULT" "{\"mark\":{\"market\":\"$MARKET\"}}" >/dev/null
done
echo "  vault market: $(smart "$VAULT" "{\"market\":{\"market\":\"$MARKET\"}}" | jq -c '{forecast_vol,observations,last_price_time,halted_until}')"

echo "== deposit"
tx_as user "vault deposit (user)" wasm execute "$VAULT" '{"deposit":{}}' --amount "${NAV}inj" >/dev/null
SHARES=$(smart "$VAULT" "{\"holder\":{\"address\":\"$USER\"}}" | jq -r .shares)
echo "  user shares $SHARES; state $(smart "$VAULT" '{"state":{}}' | jq -c '{nav,idle,total_shares}')"

order() { printf '{"market":"%s","side":"%s","size":"%s","reduce_only":%s,"signal":null}' "$MARKET" "$1" "$2" "$3"; }
# submit LABEL EXPECTED REQUEST: preview, submit, check the decision in the event and against the preview.
submit() {
  local label=$1 want=$2 req=$3 prev out ev
  prev=$(smart "$VAULT" "{\"preview_order\":$req}")
  out=$(tx_as admin "vault submit_order ($label)" wasm execute "$VAULT" "{\"submit_order\":$req}")
  ev=$(wasm_event submit_order <<<"$out")
  printf '  event: decision=%s binding_cap=%s requested=%s executed=%s margin_posted=%s vol=%s\n' \
    "$(jq -r .decision <<<"$ev")" "$(jq -r .binding_cap <<<"$ev")" "$(jq -r .requested <<<"$ev")" \
    "$(jq -r .executed <<<"$ev")" "$(jq -r '.margin_posted // "-"' <<<"$ev")" "$(jq -r .vol <<<"$ev")"
  [ "$(jq -r .decision <<<"$ev")" = "$want" ] || fail "$label: decision $(jq -r .decision <<<"$ev"), expected $want (preview: $prev)"
  [ "$(jq -r .decision <<<"$prev")" = "$want" ] || fail "$label: preview said $(jq -r .decision <<<"$prev")"
  if [ "$want" != rejected ]; then
    jq -e '[.events[]|select(.type=="wasm")|.attributes|from_entries|select(._contract_address=="'"$PERP"'")]|length>0' <<<"$out" >/dev/null \
      || fail "$label: no perp market event (the trade was not forwarded)"
  fi
  LAST_EVENT=$ev
}
position() { smart "$PERP" "{\"position\":{\"trader\":\"$1\",\"market\":\"$MARKET\"}}"; }

echo "== orders"
ACCEPTED=10$E18   # 10 INJ notional = 1% of nav
submit accepted accepted "$(order long "$ACCEPTED" false)"
POS1=$(position "$VAULT"); echo "  position: $(jq -c '{side,notional,margin}' <<<"$POS1")"
jq -e '.side == "long" and (.notional | length) >= 19' <<<"$POS1" >/dev/null \
  || fail "no long position of about 10 INJ after the accepted order: $POS1"
submit scaled scaled "$(order long 5000$E18 false)"   # 5x nav: cut to the binding cap
SCALED_EXEC=$(jq -r .executed <<<"$LAST_EVENT")
POS2=$(position "$VAULT"); echo "  position: $(jq -c '{side,notional,margin}' <<<"$POS2")"
REJ=$(order long 1000$E18 false)
if [ "$(smart "$VAULT" "{\"preview_order\":$REJ}" | jq -r .decision)" != rejected ]; then
  REJ=$(order long 10$E18 true)   # reduce-only in the direction of the position: nothing to reduce
fi
submit rejected rejected "$REJ"
POS3=$(position "$VAULT"); echo "  position: $(jq -c '{side,notional,margin}' <<<"$POS3")"
[ "$(jq -r .notional <<<"$POS3")" = "$(jq -r .notional <<<"$POS2")" ] || fail "the rejected order changed the position"
python3 - "$(jq -r .notional <<<"$POS2")" "$ACCEPTED" "$SCALED_EXEC" <<'PY' || fail "position notional does not match the executed orders"
import sys
n, a, s = (int(x) for x in sys.argv[1:])
assert abs(n - (a + s)) <= (a + s) // 100, (n, a + s)   # within 1% (fill price and mark)
print(f"  position notional {n} = accepted {a} + scaled {s} (within 1%)")
PY
echo "  vault state: $(smart "$VAULT" '{"state":{}}' | jq -c '{nav,idle,total_shares,gross_notional}')"
echo "  vault mark:  $(smart "$VAULT" "{\"market\":{\"market\":\"$MARKET\"}}" | jq -c .mark)"

echo "== direct order on the perp market (same notional as the accepted order, margin attached)"
tx_as admin "perp trade (direct)" wasm execute "$PERP" \
  "{\"trade\":{\"market\":\"$MARKET\",\"side\":\"long\",\"notional\":\"$ACCEPTED\",\"reduce_only\":false}}" --amount "2${E18}inj" >/dev/null
echo "  admin position: $(position "$ADMIN" | jq -c '{side,notional,margin}')"

echo "== reduce-only order (halves the position: at the leverage cap the vault refuses any redeem)"
HALF=$(python3 -c "print($(jq -r .notional <<<"$POS3") // 2)")
submit "reduce-only" accepted "$(order short "$HALF" true)"
echo "  position: $(position "$VAULT" | jq -c '{side,notional,margin}')"

echo "== redeem 10% of the user's shares"
R=$(python3 -c "print($SHARES // 10)")
BEFORE=$("$INJ" q bank balance "$USER" inj --home "$H" | jq -r .balance.amount)
tx_as user "vault redeem (user)" wasm execute "$VAULT" "{\"redeem\":{\"shares\":\"$R\"}}" >/dev/null
AFTER_SHARES=$(smart "$VAULT" "{\"holder\":{\"address\":\"$USER\"}}" | jq -r .shares)
[ "$AFTER_SHARES" = "$(python3 -c "print($SHARES - $R)")" ] || fail "shares after redeem: $AFTER_SHARES"
AFTER=$("$INJ" q bank balance "$USER" inj --home "$H" | jq -r .balance.amount)
echo "  user shares $SHARES -> $AFTER_SHARES; bank balance +$(python3 -c "print($AFTER - $BEFORE)") inj (net of the tx fee)"

echo
echo "== chain gas_used (injectived 1.20.1, wasmvm 2.1.5)"
column -t -s $'\t' "$GAS_LOG" | sed 's/^/  /'
V=$(awk -F'\t' '$1=="vault submit_order (accepted)"{print $2}' "$GAS_LOG")
D=$(awk -F'\t' '$1=="perp trade (direct)"{print $2}' "$GAS_LOG")
python3 -c "print(f'  vault SubmitOrder (accepted, incl. the forwarded Trade and reply) {$V:,} vs direct perp Trade {$D:,}: ratio {$V/$D:.2f}')"
echo "e2e: PASS in $(( $(date +%s) - T0 )) s"
