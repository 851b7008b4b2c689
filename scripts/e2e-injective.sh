#!/usr/bin/env bash
# End-to-end run of the Injective adapter on a fresh local chain (scripts/localnet.sh, injectived 1.20.1): the vault
# built with the `injective` feature sends a decided order as the exchange module's custom message
# `create_derivative_market_order`, and the chain fills it on a real perpetual market.
#   1. genesis (scripts/injective-genesis.py): a 6-decimal USDT with bank metadata, instant market launches on,
#      post-only mode after downtime cut to 1 block
#   2. the BTC/USDT price feed (the validator relays it), an insurance fund, `instant-perpetual-market-launch`
#   3. store the oracle and ballast_vault_injective.wasm; instantiate2 the vault at an address computed first, so its
#      market config can name its default subaccount (address bytes + nonce 0: trades from its bank balance)
#   4. three prices with a vault Mark after each; `user` rests a limit sell and a buy; `user` deposits into the vault
#   5. the manager's order: accepted, forwarded, filled; the vault's position on the exchange is checked against
#      the event (quantity from the executed notional, margin posted, entry within the worst price), and the
#      maker's short against it; then a reduce-only order (zero margin) halves it
# Prints each step, the positions and gas_used; exits non-zero on any failed check. About a minute once the venv exists.
# Needs artifacts/ballast_oracle.wasm and ballast_vault_injective.wasm (scripts/build-wasm.sh), python3, curl, jq.
# env: KEEP_RUNNING=1 leaves the node running; ARTIFACTS (artifacts/); LOCALNET_ROOT (.localnet/e2e-injective);
#      PORT_OFFSET (300: beside scripts/e2e-localnet.sh at 0 and scripts/e2e-web.sh at 200).
set -euo pipefail
cd "$(dirname "$0")/.."
ART=${ARTIFACTS:-artifacts}
for c in ballast_oracle ballast_vault_injective; do
  [ -f "$ART/$c.wasm" ] || { echo "e2e-injective: $ART/$c.wasm missing: run scripts/build-wasm.sh" >&2; exit 1; }
done
command -v jq >/dev/null || { echo "e2e-injective: jq is required" >&2; exit 1; }
export LOCALNET_ROOT=${LOCALNET_ROOT:-$PWD/.localnet/e2e-injective} LOCALNET_VENV=${LOCALNET_VENV:-$PWD/.localnet/venv}
export PORT_OFFSET=${PORT_OFFSET:-300} LOCALNET_GENESIS_HOOK=$PWD/scripts/injective-genesis.py
mkdir -p "$LOCALNET_ROOT"

T0=$(date +%s)
scripts/localnet.sh stop >/dev/null 2>&1 || true
scripts/localnet.sh start
if [ "${KEEP_RUNNING:-0}" != 1 ]; then trap 'scripts/localnet.sh stop >/dev/null' EXIT; fi
# helpers (tx_as, smart, attr, wasm_event, fail, chain_time) and publish_prices: shared with scripts/deploy-localnet.sh
LOG_PREFIX=e2e-injective
source scripts/deploy-localnet.sh
localnet_env
GAS_LOG=$ROOT/e2e-injective-gas.tsv; : >"$GAS_LOG"
mkdir -p "$ROOT/artifacts"; cp "$ART"/ballast_{oracle,vault_injective}.wasm "$ROOT/artifacts/"; ART=$ROOT/artifacts

USDT=peggy0xdAC17F958D2ee523a2206206994597C13D831ec7   # as scripts/injective-genesis.py; 6 decimals
E6=000000
TICKER=BTC/USDT-PERP
PRICE_TICK=0.01 QTY_TICK=0.0001   # the market's, human units; the vault's price_tick is in chain units (* 10^6)
VAL=$(addr val) ADMIN=$(addr admin) USER=$(addr user)
qx() { "$INJ" q exchange "$@" --chain-id "$CHAIN_ID" --home "$H"; }
subaccount() { qx subaccount-id-from-inj-address "$1" | tr -d '"' | tr 'A-F' 'a-f'; }
position() { qx subaccount-positions-in-market "$MID" "$1" | jq -c .state; }
balance() { "$INJ" q bank balance "$1" "$USDT" --home "$H" | jq -r .balance.amount; }

echo "== Injective perpetual market $TICKER (quote $USDT)"
tx_as val "oracle relay-price-feed-price" oracle relay-price-feed-price BTC USDT 60000 >/dev/null
tx_as val "insurance create-insurance-fund" insurance create-insurance-fund --ticker "$TICKER" --quote-denom "$USDT" \
  --oracle-base BTC --oracle-quote USDT --oracle-type pricefeed --expiry -1 --initial-deposit "1000$E6$USDT" >/dev/null
tx_as val "exchange instant-perpetual-market-launch" exchange instant-perpetual-market-launch --ticker "$TICKER" \
  --quote-denom "$USDT" --oracle-base BTC --oracle-quote USDT --oracle-type pricefeed --oracle-scale-factor 0 \
  --maker-fee-rate 0.0001 --taker-fee-rate 0.001 --initial-margin-ratio 0.05 --maintenance-margin-ratio 0.02 \
  --reduce-margin-ratio 0.08 --min-price-tick-size "$PRICE_TICK" --min-quantity-tick-size "$QTY_TICK" --min-notional 0 >/dev/null
MKT=$(qx derivative-markets | jq -c --arg t "$TICKER" '[.markets[]|select(.market.ticker==$t)][0]')
MID=$(jq -r .market.market_id <<<"$MKT")
[ "$MID" != null ] || fail "no market $TICKER after the launch"
echo "  market $MID: $(jq -c '{status:.market.status,quote_decimals:.market.quote_decimals,min_price_tick_size:.market.min_price_tick_size,min_quantity_tick_size:.market.min_quantity_tick_size,mark_price}' <<<"$MKT")"
[ "$(jq -r .market.quote_decimals <<<"$MKT")" = 6 ] || fail "quote_decimals $(jq -r .market.quote_decimals <<<"$MKT"), expected 6"

echo "== store, instantiate the oracle, instantiate2 the Injective vault"
oracle_code=$(tx_as admin "store ballast_oracle.wasm" wasm store "$ART/ballast_oracle.wasm" | attr store_code code_id)
out=$(tx_as admin "store ballast_vault_injective.wasm" wasm store "$ART/ballast_vault_injective.wasm")
vault_code=$(attr store_code code_id <<<"$out") vault_checksum=$(attr store_code code_checksum <<<"$out")
ORACLE=$(tx_as admin "instantiate oracle" wasm instantiate "$oracle_code" \
  "{\"owner\":\"$ADMIN\",\"publishers\":[\"$ADMIN\"]}" --label ballast-oracle --admin "$ADMIN" \
  | attr instantiate _contract_address)
SALT=$(printf ballast-vault-injective | od -An -tx1 | tr -d ' \n')
PREDICTED=$("$INJ" q wasm build-address "$vault_checksum" "$ADMIN" "$SALT" --home "$H" | jq -r .address)
VSUB=$(subaccount "$PREDICTED")
# tests/src/suite default_params scaled to USDT (min_order 1 USDT), min_observations 2, timelock 3600, as deploy-localnet
params='{"target_vol":"0.4","max_leverage":"3","max_concentration":"3","kelly_fraction":"0.5","max_edge":"0.3",
"var_confidence":"0.99","var_budget":"0.1","var_horizon":86400,"max_slippage":"0.01","liq_sigmas":"3",
"liq_horizon":86400,"min_order":"1000000",
"guards":{"max_age":60,"reduce_max_age":600,"max_future_skew":5,"max_confidence":"0.01","breaker_sigmas":"8",
"breaker_max_move":"0.25","breaker_cooldown":3600,"max_mark_age":3600},
"estimator":{"lambda":"0.94","vol_step":86400,"min_observations":2},
"deleverage_tolerance":"0.05","rebalance_threshold":"0.05","share_offset_decimals":6,
"management_fee":"0","performance_fee":"0","timelock":3600}'
# price_tick in chain units: the market's 0.01 USDT * 10^6; the terms' margins above the market's (0.1 > 0.05)
venue=$(jq -nc --arg mid "$MID" --arg sub "$VSUB" '{injective:{market_id:$mid,subaccount_id:$sub,fee_recipient:null,
  max_slippage:"0.01",quote_decimals:6,price_tick:"10000",quantity_tick:"0.0001",
  terms:{depth:"1000000000000000",impact_exponent:"1",taker_fee:"0.001",initial_margin:"0.1",maintenance_margin:"0.05"}}}')
mconf=$(jq -nc --arg m "$MARKET" --arg f "$FEED" --argjson v "$venue" \
  '{market:$m,feed_id:$f,weight:"1",max_notional:"1000000000000",venue:$v}')
# perp_market is required but unused: the one market trades on Injective, so the vault never calls a ballast-perp
VAULT=$(tx_as admin "instantiate2 vault (injective build)" wasm instantiate2 "$vault_code" \
  "{\"owner\":\"$ADMIN\",\"manager\":\"$ADMIN\",\"guardian\":\"$ADMIN\",\"denom\":\"$USDT\",\"oracle\":\"$ORACLE\",\"perp_market\":\"$ORACLE\",\"fee_recipient\":\"$ADMIN\",\"params\":$(jq -c . <<<"$params"),\"markets\":[$mconf]}" \
  "$SALT" --label ballast-vault-injective --admin "$ADMIN" | attr instantiate _contract_address)
[ "$VAULT" = "$PREDICTED" ] || fail "vault at $VAULT, predicted $PREDICTED"
echo "  oracle $ORACLE"; echo "  vault  $VAULT, subaccount $VSUB"

publish_prices

echo "== maker: user rests a limit sell of 1 BTC at 60,000 and a buy at 59,900 (human units on the CLI)"
USUB=$(subaccount "$USER")
tx_as user "exchange create-derivative-limit-order (sell)" exchange create-derivative-limit-order --order-type sell \
  --market-id "$MID" --subaccount-id "$USUB" --price 60000 --quantity 1 --margin 6000 >/dev/null
tx_as user "exchange create-derivative-limit-order (buy)" exchange create-derivative-limit-order --order-type buy \
  --market-id "$MID" --subaccount-id "$USUB" --price 59900 --quantity 1 --margin 6000 >/dev/null
echo "  orderbook: $(curl -sf "$REST/injective/exchange/v2/derivative/orderbook/$MID" | jq -c '{sells:.sells_price_level,buys:.buys_price_level}')"

echo "== deposit 100,000 USDT into the vault"
NAV=100000$E6
tx_as user "vault deposit (user)" wasm execute "$VAULT" '{"deposit":{}}' --amount "$NAV$USDT" >/dev/null
echo "  vault state $(smart "$VAULT" '{"state":{}}' | jq -c '{nav,idle,total_shares}')"

order() { printf '{"market":"%s","side":"%s","size":"%s","reduce_only":%s,"signal":null}' "$MARKET" "$1" "$2" "$3"; }
# submit LABEL REQUEST: preview, submit; the decision must be accepted and match the preview; sets EV (the event).
submit() {
  local label=$1 req=$2 prev out
  prev=$(smart "$VAULT" "{\"preview_order\":$req}")
  out=$(tx_as admin "vault submit_order ($label)" wasm execute "$VAULT" "{\"submit_order\":$req}")
  EV=$(wasm_event submit_order <<<"$out")
  echo "  event: $(jq -c '{decision,binding_cap,requested,executed,margin_posted,venue,vol}' <<<"$EV")"
  [ "$(jq -r .decision <<<"$EV")" = accepted ] || fail "$label: decision $(jq -r .decision <<<"$EV") (preview: $prev)"
  [ "$(jq -r .decision <<<"$prev")" = accepted ] || fail "$label: preview said $(jq -r .decision <<<"$prev")"
  [ "$(jq -r .venue <<<"$EV")" = injective ] || fail "$label: not forwarded to injective: $EV"
}
# check_position JSON SIDE QTY MARGIN: side, quantity and margin (human units) of an exchange position.
check_position() {
  python3 - "$@" <<'PY' || fail "position $1 is not $2 $3 with margin $4"
import sys, json
from decimal import Decimal as D
p, side, qty, margin = json.loads(sys.argv[1]), sys.argv[2], D(sys.argv[3]), D(sys.argv[4])
assert p is not None, "no position"
assert p["isLong"] == (side == "long"), p
assert D(p["quantity"]) == qty, (p["quantity"], qty)
assert D(p["margin"]) == margin, (p["margin"], margin)
PY
}

echo "== order: the manager goes long 6,000 USDT (6% of nav) through the vault"
tx_as admin "oracle update_price_feeds (fresh)" wasm execute "$ORACLE" \
  "{\"update_price_feeds\":{\"feeds\":[{\"id\":\"$FEED\",\"price\":\"6000000000000\",\"conf\":\"6000000000\",\"expo\":-8,\"publish_time\":$(chain_time)}]}}" >/dev/null
BEFORE=$(balance "$VAULT")
submit long "$(order long 6000$E6 false)"
EXEC=$(jq -r .executed <<<"$EV") MARGIN=$(jq -r .margin_posted <<<"$EV")
# what the adapter sends: quantity = executed / (60,000 * 10^6) down to the 0.0001 tick; margin in base units
read -r QTY MARGIN_H < <(python3 -c "
from decimal import Decimal as D, ROUND_FLOOR
q = (D($EXEC) / D(60000 * 10**6)).quantize(D('$QTY_TICK'), rounding=ROUND_FLOOR)
print(q, D($MARGIN) / 10**6)")
POS=$(position "$VSUB"); MAKER=$(position "$USUB")
echo "  vault position on $TICKER: $POS"
echo "  maker position:            $MAKER"
check_position "$POS" long "$QTY" "$MARGIN_H"
check_position "$MAKER" short "$QTY" "$(python3 -c "print($QTY * 6000)")"
python3 -c "import sys; e = float('$(jq -r .entry_price <<<"$POS")'); sys.exit(0 if 60000 <= e <= 60600 else 1)" \
  || fail "entry price $(jq -r .entry_price <<<"$POS") outside [60000, 60600] (oracle and worst price)"
echo "  vault balance $BEFORE -> $(balance "$VAULT") (margin $MARGIN and the taker fee left for the exchange)"
echo "  vault ledger mark: $(smart "$VAULT" "{\"market\":{\"market\":\"$MARKET\"}}" | jq -c '.mark|{side,notional,margin}')"

echo "== reduce-only: the manager sells half (zero margin: Injective's reduce-only)"
HALF=$(python3 -c "print($EXEC // 2)")
submit reduce "$(order short "$HALF" true)"
[ "$(jq -r .margin_posted <<<"$EV")" = 0 ] || fail "reduce-only order posted margin: $EV"
read -r LEFT < <(python3 -c "
from decimal import Decimal as D, ROUND_FLOOR
print(D('$QTY') - (D($HALF) / D(60000 * 10**6)).quantize(D('$QTY_TICK'), rounding=ROUND_FLOOR))")
POS2=$(position "$VSUB")
echo "  vault position on $TICKER: $POS2"
python3 - "$POS2" "$LEFT" <<'PY' || fail "position after the reduce-only order: $POS2, expected long $LEFT"
import sys, json
from decimal import Decimal as D
p = json.loads(sys.argv[1]); assert p["isLong"] and D(p["quantity"]) == D(sys.argv[2]), p
PY

echo
echo "== chain gas_used (injectived 1.20.1, wasmvm 2.1.5)"
column -t -s $'\t' "$GAS_LOG" | sed 's/^/  /'
echo "e2e-injective: PASS in $(( $(date +%s) - T0 )) s: vault long $QTY BTC on $TICKER (market $MID), then $LEFT after the reduce-only order"
