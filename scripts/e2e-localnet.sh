#!/usr/bin/env bash
# End-to-end run of Ballast's optimised artifacts on a fresh single-node Injective localnet
# (scripts/localnet.sh): stores and instantiates oracle, perp market, governor, vault and strategies with scripts/deploy.sh,
# twice (the second run must change nothing); funds the perp pool and lists BTC-PERP; publishes three prices (marking the vault after each, min_observations = 2); deposits; submits an
# ACCEPTED, a SCALED and a REJECTED order and checks each decision in the tx events and through queries;
# checks the vault's position on the perp market; sends the same order directly to the perp market; redeems;
# checks that the vault's idle ledger equals its bank balance;
# prints the chain's gas_used of every tx and of a vault order next to the direct order.
# Needs artifacts/*.wasm (scripts/build-wasm.sh), python3, curl and jq. Takes about a minute once the venv exists.
# env: KEEP_RUNNING=1 leaves the node running afterwards; ARTIFACTS (default artifacts/).
set -euo pipefail
cd "$(dirname "$0")/.."
ART=${ARTIFACTS:-artifacts}
for c in oracle perp governor vault strategies; do
  [ -f "$ART/ballast_$c.wasm" ] || { echo "e2e: $ART/ballast_$c.wasm missing: run scripts/build-wasm.sh" >&2; exit 1; }
done
command -v jq >/dev/null || { echo "e2e: jq is required" >&2; exit 1; }

T0=$(date +%s)
scripts/localnet.sh stop >/dev/null 2>&1 || true
scripts/localnet.sh start
if [ "${KEEP_RUNNING:-0}" != 1 ]; then trap 'scripts/localnet.sh stop >/dev/null' EXIT; fi
# helpers (tx_as, smart, wasm_event, ...), deploy and publish_prices: shared with scripts/deploy-localnet.sh
LOG_PREFIX=e2e
source scripts/deploy-localnet.sh
localnet_env
GAS_LOG=$ROOT/e2e-gas.tsv; : >"$GAS_LOG"
snapshot_artifacts "$ART"
NAV=1000$E18          # the user's deposit: 1,000 INJ (1e21 inj)
DEPLOY_TWICE=1 deploy
publish_prices

echo "== deposit"
tx_as user "vault deposit (user)" wasm execute "$VAULT" "{\"deposit\":{\"amount\":\"$NAV\"}}" --amount "${NAV}inj" >/dev/null
SHARES=$(smart "$VAULT" "{\"holder\":{\"address\":\"$USER\"}}" | jq -r .shares)
SHARE_DENOM=$(smart "$VAULT" '{"info":{}}' | jq -r .vault_token)
[ "$("$INJ" q bank balance "$USER" "$SHARE_DENOM" --home "$H" | jq -r .balance.amount)" = "$SHARES" ] \
  || fail "the user's $SHARE_DENOM balance is not the $SHARES shares the vault reports"
echo "  shares are the bank denom $SHARE_DENOM (the vault standard's vault token)"
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
# No price is published and no fee accrues in between: the redeem pays exactly what the preview says.
PROMISED=$(smart "$VAULT" "{\"preview_redeem\":{\"amount\":\"$R\"}}" | jq -r .)
RES=$(tx_as user "vault redeem (user)" wasm execute "$VAULT" "{\"redeem\":{\"amount\":\"$R\"}}" --amount "$R$SHARE_DENOM")
PAID=$(wasm_event redeem <<<"$RES" | jq -r .amount)
[ "$PAID" = "$PROMISED" ] || fail "the redeem paid $PAID; PreviewRedeem promised $PROMISED"
AFTER_SHARES=$(smart "$VAULT" "{\"holder\":{\"address\":\"$USER\"}}" | jq -r .shares)
[ "$AFTER_SHARES" = "$(python3 -c "print($SHARES - $R)")" ] || fail "shares after redeem: $AFTER_SHARES"
AFTER=$("$INJ" q bank balance "$USER" inj --home "$H" | jq -r .balance.amount)
FEE=$(attr tx fee <<<"$RES"); FEE=${FEE%inj}
[ "$(python3 -c "print($AFTER - $BEFORE + ${FEE:-0})")" = "$PAID" ] \
  || fail "the user's bank balance moved by $(python3 -c "print($AFTER - $BEFORE)") with a tx fee of $FEE; the redeem paid $PAID"
echo "  user shares $SHARES -> $AFTER_SHARES; paid $PAID inj = PreviewRedeem; bank balance +$(python3 -c "print($AFTER - $BEFORE)") inj (net of the tx fee $FEE)"
echo "== shares move like any coin: the user sends some to the admin, who redeems them"
T=$(python3 -c "print($SHARES // 100)")
tx_as user "bank send shares (user to admin)" bank send "$USER" "$ADMIN" "$T$SHARE_DENOM" >/dev/null
PROMISED=$(smart "$VAULT" "{\"preview_redeem\":{\"amount\":\"$T\"}}" | jq -r .)
RES=$(tx_as admin "vault redeem (admin, sent shares)" wasm execute "$VAULT" "{\"redeem\":{\"amount\":\"$T\"}}" --amount "$T$SHARE_DENOM")
PAID=$(wasm_event redeem <<<"$RES" | jq -r .amount)
[ "$PAID" = "$PROMISED" ] || fail "the admin's redeem of sent shares paid $PAID; PreviewRedeem promised $PROMISED"
[ "$("$INJ" q bank balance "$ADMIN" "$SHARE_DENOM" --home "$H" | jq -r .balance.amount)" = 0 ] \
  || fail "the admin still holds shares after redeeming them"
echo "  the admin redeemed the $T shares the user sent for $PAID inj (= PreviewRedeem)"
# Idle is a ledger (deposits, margins, the perp's payouts of the reduce-only order, the redeems): with no
# donation it is the vault's bank balance to the unit.
IDLE=$(smart "$VAULT" '{"state":{}}' | jq -r .idle)
VAULT_BALANCE=$("$INJ" q bank balance "$VAULT" inj --home "$H" | jq -r .balance.amount)
[ "$IDLE" = "$VAULT_BALANCE" ] || fail "the vault's idle is $IDLE; its bank balance $VAULT_BALANCE"
echo "  vault idle $IDLE = its bank balance"

echo
echo "== chain gas_used (injectived 1.20.1, wasmvm 2.1.5)"
column -t -s $'\t' "$GAS_LOG" | sed 's/^/  /'
V=$(awk -F'\t' '$1=="vault submit_order (accepted)"{print $2}' "$GAS_LOG")
D=$(awk -F'\t' '$1=="perp trade (direct)"{print $2}' "$GAS_LOG")
python3 -c "print(f'  vault SubmitOrder (accepted, incl. the forwarded Trade and reply) {$V:,} vs direct perp Trade {$D:,}: ratio {$V/$D:.2f}')"
echo "e2e: PASS in $(( $(date +%s) - T0 )) s"
