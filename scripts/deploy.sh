#!/usr/bin/env bash
# Deploys Ballast's contract set to any wasmd-style chain from a JSON config, and records code ids and addresses
# in <deployments>/<chain_id>.json. Run again, it skips what exists: a code whose recorded id holds the artifact's
# checksum on chain is not stored again, a recorded contract that the chain knows is not instantiated again.
#   scripts/deploy.sh --config FILE
# The config (every field but the chain's and the vault's optional; an example: deploy/example.json; scripts/deploy-localnet.sh writes one for the local chain):
#   cli, home, keyring_backend   the chain's CLI (injectived, wasmd, osmosisd, ...), its home and keyring ("test")
#   node, chain_id, gas_prices   where and how to broadcast ("http://127.0.0.1:26657", "ballast-1", "160000000inj")
#   key                          the signing key's name in the keyring; it is the admin of every contract
#   artifacts, deployments       folders (default artifacts/ and deployments/)
#   denom                        the vault's one denom
#   roles                        {owner, guardian, manager, fee_recipient}: addresses, default the key's address
#   oracle                       {"address": an existing Pyth contract or ours} or {"publishers": [..]} to instantiate ours
#   perp                         {"address": ..} or {"liquidation_fee", "max_price_age", "markets": [{market, params}],
#                                "pool": base units to deposit as liquidity} to instantiate the ballast perp market
#   vault                        {"artifact": "ballast_vault" (or ballast_vault_injective), "params": {..}, "markets": [..],
#                                "share_token": {"token_factory": "injective"|"osmosis", "subdenom": "share"},
#                                "share_creation_fee": the chain's TokenFactory fee, sent with the vault's instantiation
#                                (e.g. "10000000000000000000inj" on Injective; none where the chain charges none)}
# Each artifact's sha256 is checked against artifacts/checksums.txt before it is stored.
# Prints one line per step (stored / instantiated / skipped), and last the recorded addresses as one JSON line.
# env: DEPLOY_GAS_LOG=FILE appends "label<TAB>gas_used" per transaction.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "deploy: $*" >&2; exit 1; }
config=
while [ $# -gt 0 ]; do
  case "$1" in
    --config) config=${2:-}; shift 2 ;;
    *) die "usage: scripts/deploy.sh --config FILE" ;;
  esac
done
[ -n "$config" ] || die "usage: scripts/deploy.sh --config FILE"
[ -f "$config" ] || die "$config: no such file"
command -v jq >/dev/null || die "jq is required"
jq -e 'type == "object"' "$config" >/dev/null 2>&1 || die "$config: not a JSON object"

# cfg PATH [DEFAULT]: a field of the config; a missing field without a default names the file and the field.
cfg() {
  local v; v=$(jq -c --arg d "${2-}" "($1) // (if \$d == \"\" then null else \$d end)" "$config")
  [ "$v" != null ] || die "$config: missing field ${1#.}"
  jq -r 'if type == "string" then . else tojson end' <<<"$v"
}
# Every field a step needs is checked before the first transaction.
cfg .vault.params >/dev/null
cfg .vault.share_token >/dev/null
[ -n "$(jq -r '.oracle.address // empty' "$config")" ] || cfg .oracle.publishers >/dev/null
if [ -z "$(jq -r '.perp.address // empty' "$config")" ]; then cfg .perp.liquidation_fee >/dev/null; cfg .perp.max_price_age >/dev/null; fi
CLI=$(cfg .cli); NODE=$(cfg .node); CHAIN_ID=$(cfg .chain_id); GAS_PRICES=$(cfg .gas_prices); KEY=$(cfg .key)
HOME_ARGS=(); [ "$(jq -r '.home // empty' "$config")" ] && HOME_ARGS=(--home "$(cfg .home)")
KEYRING=$(cfg .keyring_backend test)
ART=$(cfg .artifacts artifacts); OUT_DIR=$(cfg .deployments deployments); DENOM=$(cfg .denom)
command -v "$CLI" >/dev/null || die "$config: cli $CLI is not an executable"
OUT=$OUT_DIR/$CHAIN_ID.json
mkdir -p "$OUT_DIR"
[ -f "$OUT" ] || echo '{}' >"$OUT"
jq -e 'type == "object"' "$OUT" >/dev/null 2>&1 || die "$OUT: not a JSON object (a deployment record)"
ADMIN=$("$CLI" keys show "$KEY" -a --keyring-backend "$KEYRING" "${HOME_ARGS[@]}") || die "$config: key $KEY not in the keyring"

record() { local tmp; tmp=$(mktemp); jq --arg k "$1" --argjson v "$2" 'setpath($k | split("."); $v)' "$OUT" >"$tmp" && mv "$tmp" "$OUT"; }
recorded() { jq -r --arg k "$1" 'getpath($k | split(".")) // empty' "$OUT"; }
q() { "$CLI" q "$@" --node "$NODE" "${HOME_ARGS[@]}" --output json; }

# tx LABEL ARGS...: signs with the key, broadcasts, waits for the block; prints the tx result; fails with the log.
tx() {
  local label=$1 sent code hash out attempt; shift
  for attempt in 1 2 3 4 5 6; do
    sent=$("$CLI" tx "$@" --node "$NODE" --chain-id "$CHAIN_ID" --from "$KEY" --keyring-backend "$KEYRING" \
      "${HOME_ARGS[@]}" --gas-prices "$GAS_PRICES" --gas auto --gas-adjustment 1.5 --output json -y 2>/tmp/deploy.err) \
      || die "tx $label failed: $(cat /tmp/deploy.err)"
    code=$(jq -r .code <<<"$sent")
    [ "$code" = 32 ] && [ "$attempt" -lt 6 ] || break   # account sequence mismatch: the last tx not yet in a block
    sleep 0.5
  done
  [ "$code" = 0 ] || die "tx $label refused: $(jq -r .raw_log <<<"$sent")"
  hash=$(jq -r .txhash <<<"$sent"); out=
  for attempt in $(seq 1 120); do
    out=$(q tx "$hash" 2>/dev/null) && break
    sleep 0.25
  done
  [ -n "$out" ] || die "tx $label ($hash) not in a block after 30 s"
  [ "$(jq -r .code <<<"$out")" = 0 ] || die "tx $label: $(jq -r .raw_log <<<"$out")"
  echo "  $label: gas_used $(jq -r .gas_used <<<"$out")" >&2
  [ -z "${DEPLOY_GAS_LOG:-}" ] || printf '%s\t%s\n' "$label" "$(jq -r .gas_used <<<"$out")" >>"$DEPLOY_GAS_LOG"
  printf '%s' "$out"
}
event() { jq -r --arg t "$1" --arg k "$2" '[.events[]|select(.type==$t)|.attributes[]|select(.key==$k)|.value][0]'; }

# store NAME: the code id of artifacts/NAME.wasm, stored unless the recorded id already holds its checksum.
store() {
  local name=$1 file=$ART/$1.wasm sum id on_chain
  [ -f "$file" ] || die "$file missing: run scripts/build-wasm.sh"
  sum=$(sha256sum "$file" | cut -d' ' -f1)
  grep -q "^$sum  $name.wasm\$" "$ART/checksums.txt" 2>/dev/null \
    || die "$file: sha256 $sum is not the one in $ART/checksums.txt (rebuild with scripts/build-wasm.sh)"
  id=$(recorded "codes.$name.code_id")
  if [ -n "$id" ]; then
    on_chain=$(q wasm code-info "$id" 2>/dev/null | jq -r '.checksum // .data_hash // empty' | tr 'A-F' 'a-f')
    if [ "$on_chain" = "$sum" ]; then echo "  $name: code $id (skipped: stored)" >&2; printf '%s' "$id"; return; fi
  fi
  id=$(tx "store $name" wasm store "$file" | event store_code code_id)
  record "codes.$name" "$(jq -nc --argjson id "$id" --arg s "$sum" '{code_id: $id, checksum: $s}')"
  printf '%s' "$id"
}

# instantiate NAME CODE_ID MSG: the address of contract NAME, instantiated unless the recorded one exists.
instantiate() {
  local name=$1 code=$2 msg=$3 funds=${4:-} addr
  addr=$(recorded "contracts.$name")
  if [ -n "$addr" ] && q wasm contract "$addr" >/dev/null 2>&1; then
    echo "  $name: $addr (skipped: exists)" >&2; printf '%s' "$addr"; return
  fi
  addr=$(tx "instantiate $name" wasm instantiate "$code" "$msg" --label "ballast-$name" --admin "$ADMIN" \
    ${funds:+--amount "$funds"} | event instantiate _contract_address)
  record "contracts.$name" "\"$addr\""
  printf '%s' "$addr"
}

role() { cfg ".roles.$1" "$ADMIN"; }
OWNER=$(role owner) GUARDIAN=$(role guardian) MANAGER=$(role manager) FEE_RECIPIENT=$(role fee_recipient)
echo "== deploy to $CHAIN_ID ($NODE) as $KEY ($ADMIN); record $OUT" >&2

if [ -n "$(jq -r '.oracle.address // empty' "$config")" ]; then
  ORACLE=$(cfg .oracle.address); record contracts.oracle "\"$ORACLE\""
else
  ORACLE=$(instantiate oracle "$(store ballast_oracle)" \
    "$(jq -c --arg o "$OWNER" '{owner: $o, publishers: .oracle.publishers}' "$config")")
fi

if [ -n "$(jq -r '.perp.address // empty' "$config")" ]; then
  PERP=$(cfg .perp.address); record contracts.perp "\"$PERP\""
else
  fresh=$(recorded contracts.perp)
  PERP=$(instantiate perp "$(store ballast_perp)" "$(jq -c --arg o "$OWNER" --arg oracle "$ORACLE" --arg d "$DENOM" \
    '{owner: $o, oracle: $oracle, denom: $d, liquidation_fee: .perp.liquidation_fee, max_price_age: .perp.max_price_age}' "$config")")
  if [ "$fresh" != "$PERP" ]; then   # markets and the pool only with the instantiation, never twice
    for m in $(jq -c '.perp.markets // [] | .[]' "$config"); do
      tx "perp add_market $(jq -r .market <<<"$m")" wasm execute "$PERP" "$(jq -c '{add_market: .}' <<<"$m")" >/dev/null
    done
    pool=$(jq -r '.perp.pool // empty' "$config")
    [ -z "$pool" ] || tx "perp deposit_liquidity" wasm execute "$PERP" '{"deposit_liquidity":{}}' --amount "$pool$DENOM" >/dev/null
  fi
fi

GOVERNOR=$(instantiate governor "$(store ballast_governor)" \
  "$(jq -nc --arg o "$OWNER" --arg g "$GUARDIAN" '{owner: $o, guardian: $g, vault: null}')")
VAULT_ARTIFACT=$(cfg .vault.artifact ballast_vault)
# The chain's TokenFactory charges for the share denom; the fee goes with the instantiation.
VAULT=$(instantiate vault "$(store "$VAULT_ARTIFACT")" "$(jq -c --arg g "$GOVERNOR" --arg m "$MANAGER" --arg d "$DENOM" \
  --arg o "$ORACLE" --arg p "$PERP" --arg f "$FEE_RECIPIENT" \
  '{governor: $g, manager: $m, denom: $d, oracle: $o, perp_market: $p, fee_recipient: $f,
    params: .vault.params, markets: (.vault.markets // []), share_token: .vault.share_token}' "$config")" \
  "$(jq -r '.vault.share_creation_fee // empty' "$config")")
governed=$(q wasm contract-state smart "$GOVERNOR" '{"config":{}}' | jq -r '.data.vault // empty')
if [ -z "$governed" ]; then
  [ "$OWNER" = "$ADMIN" ] || die "the governor needs set_vault from its owner $OWNER; sign {\"set_vault\":{\"vault\":\"$VAULT\"}} with it"
  tx "governor set_vault" wasm execute "$GOVERNOR" "{\"set_vault\":{\"vault\":\"$VAULT\"}}" >/dev/null
elif [ "$governed" != "$VAULT" ]; then
  die "the governor $GOVERNOR governs $governed, not the vault $VAULT: remove contracts.governor from $OUT to deploy a new one"
else
  echo "  governor set_vault (skipped: governs $VAULT)" >&2
fi
STRATEGIES=$(instantiate strategies "$(store ballast_strategies)" "$(jq -nc --arg v "$VAULT" '{vault: $v}')")
allowed=$(q wasm contract-state smart "$VAULT" "{\"strategy\":{\"address\":\"$STRATEGIES\"}}" | jq -r .data)
if [ "$allowed" = true ]; then
  echo "  governor set_strategy (skipped: allow-listed)" >&2
else
  [ "$OWNER" = "$ADMIN" ] || die "the vault allow-lists strategies through the governor's owner $OWNER; sign {\"set_strategy\":{\"address\":\"$STRATEGIES\",\"allowed\":true}} with it"
  tx "governor set_strategy" wasm execute "$GOVERNOR" "{\"set_strategy\":{\"address\":\"$STRATEGIES\",\"allowed\":true}}" >/dev/null
fi
record chain_id "\"$CHAIN_ID\""
echo "deploy: wrote $OUT" >&2
jq -c .contracts "$OUT"
