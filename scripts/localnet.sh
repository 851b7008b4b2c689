#!/usr/bin/env bash
# Single-node Injective localnet for Ballast's end-to-end run (scripts/e2e-localnet.sh), loopback only.
# injectived v1.20.1 (PyPI injective-core==1.20.1, BUSL-1.1, for testing only; installed into a venv in
# .localnet/, never vendored): wasmd v0.53.3-inj, wasmvm 2.1.5 (highest capability cosmwasm_2_1).
# Derived from shared/notes/localnet-example.sh (verified 2026-11-24); see shared/notes/localnet.md.
# usage: localnet.sh start | stop | status | env | demo WASM
#   start : install injectived into a venv if missing, init a fresh chain (KEEP=1 reuses an existing home),
#           start the node in the background (log $ROOT/node.log, pid $ROOT/node.pid), wait until height grows
#   stop  : kill the node by the PID in $ROOT/node.pid
#   env   : prints shell lines to eval: LD_LIBRARY_PATH, INJ (binary), H (home), TXF (common tx flags)
#   demo  : store WASM (a lowered counter contract), instantiate twice, execute, smart-query, cross-contract query
# env: LOCALNET_ROOT (.localnet), LOCALNET_VENV ($ROOT/venv), CHAIN_ID, PORT_OFFSET, BLOCK_TIME, KEEP,
#      LOCALNET_GENESIS_HOOK (an executable run at init as HOOK GENESIS_JSON VAL ADMIN USER, before validation)
set -euo pipefail

ROOT=${LOCALNET_ROOT:-$(cd "$(dirname "$0")/.." && pwd)/.localnet}
VENV=${LOCALNET_VENV:-$ROOT/venv}
H=$ROOT/home
CHAIN_ID=${CHAIN_ID:-ballast-1}    # NAME-N with ONE dash, else the EVM JSON-RPC server panics ("invalid chain ID")
DENOM=inj
LOG=$ROOT/node.log
PIDF=$ROOT/node.pid
LO=127.0.0.1                      # every listener and every target is loopback
O=${PORT_OFFSET:-0}               # shift all ports to run a second chain beside the first
P_RPC=$((26657+O)) P_P2P=$((26656+O)) P_ABCI=$((26658+O)) P_PPROF=$((6060+O)) P_PROM=$((26660+O))
P_API=$((10337+O)) P_GRPC=$((9900+O)) P_EVM=$((8545+O)) P_EVMWS=$((8546+O)) P_EVMDBG=$((8547+O)) P_EVMMET=$((6065+O))
RPC=http://$LO:$P_RPC
BLOCK_TIME=${BLOCK_TIME:-}         # e.g. 200ms; empty = injectived's hardcoded timeout_commit (a block every ~0.5 s)
GAS_PRICE=160000000$DENOM         # = genesis txfees min_gas_price = app.toml minimum-gas-prices

install() {
  mkdir -p "$ROOT"
  [ -f "$ROOT/.gitignore" ] || echo '*' >"$ROOT/.gitignore"   # venv, chain home, keys, logs: never committed
  if ! "$VENV/bin/python" -c 'import injective_core' 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q injective-core==1.20.1
  fi
  # get_binary_path() unpacks bin/injectived.tar.zst on first use: injectived-linux-x64 + libwasmvm.x86_64.so
  BIN_DIR=$("$VENV/bin/python" -c 'import injective_core as m; print(m.get_binary_path().parent)')
  export LD_LIBRARY_PATH="$BIN_DIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  INJ="$BIN_DIR/injectived"
}

cfg() { "$INJ" config set "$@" --home "$H" -s; }   # -s: without it `config set config ...` refuses; unknown keys still fail
addr() { "$INJ" keys show "$1" -a --keyring-backend test --home "$H"; }

init() {
  rm -rf "$H"; mkdir -p "$H"
  # --default-denom inj makes bond/mint/gov/crisis denoms "inj" (without it they are "stake")
  "$INJ" init val --chain-id "$CHAIN_ID" --default-denom "$DENOM" --home "$H" >/dev/null 2>&1
  for k in val admin user; do       # eth_secp256k1 keys (the default --key-type); mnemonics kept for reference
    "$INJ" keys add "$k" --keyring-backend test --home "$H" --output json >"$ROOT/$k.key.json" 2>&1
  done
  local E24=000000000000000000000000   # 1 INJ = 1e18 inj
  "$INJ" genesis add-genesis-account "$(addr val)"   "10$E24$DENOM" --home "$H" --chain-id "$CHAIN_ID"
  "$INJ" genesis add-genesis-account "$(addr admin)" "1$E24$DENOM"  --home "$H" --chain-id "$CHAIN_ID"
  "$INJ" genesis add-genesis-account "$(addr user)"  "1$E24$DENOM"  --home "$H" --chain-id "$CHAIN_ID"
  "$INJ" genesis gentx val "1$E24$DENOM" --chain-id "$CHAIN_ID" --keyring-backend test --home "$H" \
      --ip $LO --p2p-port "$P_P2P" >/dev/null 2>&1
  "$INJ" genesis collect-gentxs --home "$H" >/dev/null 2>&1
  # validator = exchange admin and BTC/USDT price-feed relayer; short gov voting periods
  python3 - "$H/config/genesis.json" "$(addr val)" <<'PY'
import json, sys
p, val = sys.argv[1:3]
g = json.load(open(p)); s = g["app_state"]
s["exchange"]["params"]["exchange_admins"] = [val]
s["oracle"]["price_feed_price_states"] = [{"base": "BTC", "quote": "USDT", "relayers": [val],
    "price_state": {"price": "0.000000000000000000", "cumulative_price": "0.000000000000000000", "timestamp": "0"}}]
s["gov"]["params"]["voting_period"] = "20s"; s["gov"]["params"]["expedited_voting_period"] = "10s"
json.dump(g, open(p, "w"), indent=1)
PY
  # a caller's own genesis edits (scripts/e2e-injective.sh: a quote denom, instant market launches)
  if [ -n "${LOCALNET_GENESIS_HOOK:-}" ]; then
    "$LOCALNET_GENESIS_HOOK" "$H/config/genesis.json" "$(addr val)" "$(addr admin)" "$(addr user)"
  fi
  "$INJ" genesis validate --home "$H" >/dev/null
  # config.toml: loopback listeners, no peer discovery
  cfg config rpc.laddr "tcp://$LO:$P_RPC"
  cfg config rpc.pprof_laddr "$LO:$P_PPROF"
  cfg config proxy_app "tcp://$LO:$P_ABCI"
  cfg config p2p.laddr "tcp://$LO:$P_P2P"
  cfg config p2p.external_address "$LO:$P_P2P"
  cfg config p2p.pex false
  cfg config p2p.seeds ""
  cfg config p2p.persistent_peers ""
  cfg config instrumentation.prometheus_listen_addr "$LO:$P_PROM"
  # app.toml: every server on loopback (API also serves gRPC-web)
  cfg app api.address "tcp://$LO:$P_API"
  cfg app grpc.address "$LO:$P_GRPC"
  cfg app json-rpc.address "$LO:$P_EVM"
  cfg app json-rpc.ws-address "$LO:$P_EVMWS"
  cfg app json-rpc.metrics-address "$LO:$P_EVMMET"
  cfg app json-rpc-debug.address "$LO:$P_EVMDBG"
  cfg app minimum-gas-prices "$GAS_PRICE"
  # client.toml: wasm/bank commands then need only --home. Injective's own modules (oracle, exchange)
  # still demand an explicit --chain-id, and tx commands default to chain-id injective-1 otherwise.
  cfg client chain-id "$CHAIN_ID"
  cfg client keyring-backend test
  cfg client node "tcp://$LO:$P_RPC"
  cfg client broadcast-mode sync
  cfg client output json
}

height() { curl -sf "$RPC/status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["result"]["sync_info"]["latest_block_height"])' 2>/dev/null || echo 0; }

start() {
  install
  if [ -f "$PIDF" ] && kill -0 "$(cat "$PIDF")" 2>/dev/null; then echo "already running: pid $(cat "$PIDF")"; return 0; fi
  if [ "${KEEP:-0}" != 1 ] || [ ! -f "$H/config/genesis.json" ]; then init; fi
  local t0 h0=0 h; t0=$(date +%s%N)
  # config.toml [consensus] timeouts are IGNORED by injectived; only the --unsafe-consensus-timeout-* flags apply
  nohup "$INJ" start --home "$H" ${BLOCK_TIME:+--unsafe-consensus-timeout-commit "$BLOCK_TIME"} >"$LOG" 2>&1 &
  echo $! >"$PIDF"
  for _ in $(seq 1 600); do          # about 120 s at most
    kill -0 "$(cat "$PIDF")" 2>/dev/null || { echo "node died; tail of $LOG:"; tail -20 "$LOG"; exit 1; }
    h=$(height)
    if [ "$h0" = 0 ] && [ "$h" -gt 0 ]; then h0=$h; fi
    if [ "$h0" -gt 0 ] && [ "$h" -gt "$h0" ]; then
      echo "node up: pid $(cat "$PIDF"), height $h after $(( ($(date +%s%N)-t0)/1000000 )) ms, rpc $RPC, log $LOG"; return 0
    fi
    sleep 0.2
  done
  echo "no new block in time; tail of $LOG:"; tail -20 "$LOG"; stop; exit 1
}

stop() {
  [ -f "$PIDF" ] || { echo "not running"; return 0; }
  local pid; pid=$(cat "$PIDF")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
  fi
  rm -f "$PIDF"; echo "stopped pid $pid"
}

# common tx flags. --gas auto alone is NOT enough: simulation under-estimates (wasm execute by ~24%,
# a first tx from a new account by ~18% more, oracle relay by ~43%), so adjust by 1.5.
TXF="--home $H --chain-id $CHAIN_ID --from admin --gas-prices $GAS_PRICE --gas auto --gas-adjustment 1.5 -y"

# tx ARGS...: sign + broadcast (sync), block until included, print the committed tx JSON; fail on code != 0.
# stderr must not go into the pipe: `--gas auto` prints "gas estimate: N" there and wait-tx would choke on it.
tx() {
  local t0 out; t0=$(date +%s%N)
  out=$("$INJ" tx "$@" $TXF 2>"$ROOT/tx.err" | "$INJ" q wait-tx --home "$H" --timeout 30s) || { cat "$ROOT/tx.err" >&2; return 1; }
  echo "  tx $1 $2: $(jq -r '"code=\(.code) height=\(.height) gas_wanted=\(.gas_wanted) gas_used=\(.gas_used)"' <<<"$out") $(( ($(date +%s%N)-t0)/1000000 )) ms" >&2
  [ "$(jq -r .code <<<"$out")" = 0 ] || { jq -r .raw_log <<<"$out" >&2; return 1; }
  printf '%s' "$out"
}
attr() { jq -r --arg t "$1" --arg k "$2" '[.events[]|select(.type==$t)|.attributes[]|select(.key==$k)|.value][0]'; }
smart() { "$INJ" q wasm contract-state smart "$1" "$2" --home "$H" | jq -c .data; }

demo() {
  local wasm=${1:?usage: demo WASM} code a b admin
  install; admin=$(addr admin)
  code=$(tx wasm store "$wasm" | attr store_code code_id)
  a=$(tx wasm instantiate "$code" '{"count":5}' --label counter-a --no-admin | attr instantiate _contract_address)
  b=$(tx wasm instantiate "$code" '{"count":40}' --label counter-b --admin "$admin" | attr instantiate _contract_address)
  echo "code_id=$code A=$a B=$b (admin of B: $("$INJ" q wasm contract "$b" --home "$H" | jq -r .contract_info.admin))"
  tx wasm execute "$a" '{"increment":{}}' >/dev/null
  echo "A after increment: $(smart "$a" '{"get_count":{}}')"
  tx wasm execute "$a" "{\"read_other\":{\"contract\":\"$b\"}}" >/dev/null
  echo "A after read_other(B): $(smart "$a" '{"get_count":{}}')"
  # the same smart query over REST (the API server), no CLI process
  echo "REST: $(curl -sf "http://$LO:$P_API/cosmwasm/wasm/v1/contract/$a/smart/$(printf '{"get_count":{}}' | base64 -w0)")"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) echo "height $(height)"; if [ -f "$PIDF" ]; then echo "pid $(cat "$PIDF")"; fi ;;
  env) install
       echo "export LD_LIBRARY_PATH='$LD_LIBRARY_PATH' INJ='$INJ' H='$H'"
       echo "TXF='$TXF'" ;;
  demo) shift; demo "$@" ;;
  *) echo "usage: $0 start|stop|status|env|demo WASM" >&2; exit 2 ;;
esac
