#!/usr/bin/env bash
# Builds the vault page (web/, Vite) and serves it on http://127.0.0.1:5173 (loopback only).
#   scripts/web.sh          build, write dist/config.json, serve in the foreground (Ctrl-C stops)
#   scripts/web.sh build    build and write dist/config.json only
# The page's config.json comes from .localnet/deploy.json (scripts/deploy-localnet.sh) and carries the local
# chain's dev key (the "user" account) so the page can sign deposits there. For another chain, point
# WEB_CONFIG at a JSON file {"rest","chain_id","denom","denom_decimals","denom_display","vault","markets":[..],
# "gas_price"} (no dev_key; denom_decimals: base units per whole token as a power of ten, 18 for inj, 6 for
# most IBC tokens), or open the page with ?rest=...&vault=...&chain_id=...&markets=...&denom_decimals=... .
# env: WEB_PORT (5173); LOCALNET_ROOT (.localnet) as for scripts/localnet.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${WEB_PORT:-5173}
DEPLOY=${LOCALNET_ROOT:-$PWD/.localnet}/deploy.json

for d in clients/ts web; do   # pinned by each package-lock.json
  if [ ! -d "$d/node_modules" ] || [ "$d/package-lock.json" -nt "$d/node_modules/.package-lock.json" ]; then
    echo "web: npm ci in $d" >&2
    (cd "$d" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done

# vite prints each file's size and gzip size: that is the bundle size
(cd web && npx tsc --noEmit -p . && npx vite build --logLevel info)
js=$(cat web/dist/assets/*.js | wc -c); gz=$(cat web/dist/assets/*.js | gzip -9 | wc -c)
echo "web: bundle $js B of JavaScript ($gz B gzip), $(du -sb web/dist | cut -f1) B in web/dist"

if [ -n "${WEB_CONFIG:-}" ]; then
  jq 'del(.dev_key)' "$WEB_CONFIG" >web/dist/config.json
  echo "web: config from $WEB_CONFIG (no dev key)"
elif [ -f "$DEPLOY" ]; then
  eval "$(scripts/localnet.sh env | grep '^export')"
  # the dev key only ever describes the local chain: the page ignores it for a non-loopback REST endpoint
  key=$(echo y | "$INJ" keys unsafe-export-eth-key user --keyring-backend test --home "$H" 2>/dev/null | tail -1)
  jq --arg key "$key" '{rest, chain_id, denom, denom_decimals: 18, denom_display: "INJ", vault,
      markets: [.markets[].market], gas_price: "160000000", dev_key: $key}' "$DEPLOY" >web/dist/config.json
  echo "web: config from $DEPLOY (local chain, dev key of 'user')"
else
  echo "web: no $DEPLOY and no WEB_CONFIG: the page will ask for ?vault=...&rest=..." >&2
fi

[ "${1:-}" = build ] && exit 0
echo "web: serving http://127.0.0.1:$PORT/"
cd web && exec node_modules/.bin/vite preview --host 127.0.0.1 --port "$PORT" --strictPort
