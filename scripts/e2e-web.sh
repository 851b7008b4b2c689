#!/usr/bin/env bash
# The users' interfaces end to end on a fresh local chain: deploys the three contracts (scripts/deploy-localnet.sh),
# runs the TypeScript client's tests against it (clients/ts, node:test: queries, deposit, redeem, orders, a
# parameter proposal, all signed with sdk-ts), builds and serves the page (scripts/web.sh) and drives it in
# headless Chromium (web/e2e, playwright-core + Debian's chromium). Prints the time of each step.
# Its chain lives in .localnet/e2e-web on ports +200 (RPC 26857, REST 10537) and the page on 5273, so it
# does not disturb a chain started by hand; the injectived venv is shared with scripts/localnet.sh.
# Needs: artifacts/*.wasm (scripts/build-wasm.sh), node >= 20.19, npm, python3, curl, jq, chromium.
# env: KEEP_RUNNING=1 leaves chain and page running; CHROMIUM (default: chromium on PATH);
#      SCREENSHOTS (default web/screenshots/; CI writes to .localnet/e2e-web/screenshots).
set -euo pipefail
cd "$(dirname "$0")/.."
T0=$(date +%s%N)
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
missing=()
for c in node npm python3 curl jq; do command -v "$c" >/dev/null || missing+=("$c"); done
CHROMIUM=${CHROMIUM:-$(command -v chromium || true)}
[ -n "$CHROMIUM" ] && [ -x "$CHROMIUM" ] || missing+=("chromium (Debian: apt-get install -y chromium, as root; or set CHROMIUM=/path)")
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null \
  || missing+=("node >= 20.19 (Vite 8), found $(node --version 2>/dev/null || echo none)")
for c in oracle perp vault; do [ -f "artifacts/ballast_$c.wasm" ] || missing+=("artifacts/ballast_$c.wasm (scripts/build-wasm.sh)"); done
if [ ${#missing[@]} -gt 0 ]; then
  printf 'e2e-web: missing: %s\n' "${missing[@]}" >&2; exit 1
fi

export LOCALNET_ROOT=$PWD/.localnet/e2e-web LOCALNET_VENV=${LOCALNET_VENV:-$PWD/.localnet/venv}
export PORT_OFFSET=${PORT_OFFSET:-200} WEB_PORT=${WEB_PORT:-5273}
export BALLAST_DEPLOY=$LOCALNET_ROOT/deploy.json WEB_URL=http://127.0.0.1:$WEB_PORT/ CHROMIUM
if [ "${CI:-}" = true ]; then export SCREENSHOTS=${SCREENSHOTS:-$LOCALNET_ROOT/screenshots}; fi
mkdir -p "$LOCALNET_ROOT"
WEB_PID=
cleanup() {
  if [ -n "$WEB_PID" ]; then kill "$WEB_PID" 2>/dev/null || true; fi
  scripts/localnet.sh stop >/dev/null 2>&1 || true
}
if [ "${KEEP_RUNNING:-0}" != 1 ]; then trap cleanup EXIT; fi

t=$(date +%s%N); echo "== npm ci (clients/ts, web) when needed"
for d in clients/ts web; do
  if [ ! -d "$d/node_modules" ] || [ "$d/package-lock.json" -nt "$d/node_modules/.package-lock.json" ]; then
    (cd "$d" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
T_NPM=$(ms "$t")

t=$(date +%s%N); echo "== chain and deploy (scripts/deploy-localnet.sh)"
scripts/deploy-localnet.sh
T_DEPLOY=$(ms "$t")

t=$(date +%s%N); echo "== TypeScript client against the chain (clients/ts: npm run test:chain)"
(cd clients/ts && npm run --silent test:chain)
T_CLIENT=$(ms "$t")

t=$(date +%s%N); echo "== fresh price (the vault refuses orders on prices older than 60 s), build and serve the page"
scripts/deploy-localnet.sh refresh
scripts/web.sh build
# a server left on the port would serve another checkout's page: refuse rather than test the wrong one
if curl -s -o /dev/null "$WEB_URL"; then echo "e2e-web: something already listens on $WEB_URL; stop it or set WEB_PORT" >&2; exit 1; fi
# exec the vite binary itself (not npx, which forks): WEB_PID is then the server, and cleanup stops it
(cd web && exec node_modules/.bin/vite preview --host 127.0.0.1 --port "$WEB_PORT" --strictPort >"$LOCALNET_ROOT/web.log" 2>&1) &
WEB_PID=$!
for _ in $(seq 1 50); do curl -sf "$WEB_URL" >/dev/null && break; kill -0 "$WEB_PID" 2>/dev/null || break; sleep 0.2; done
curl -sf "$WEB_URL" >/dev/null || { echo "e2e-web: the page server did not start:" >&2; cat "$LOCALNET_ROOT/web.log" >&2; exit 1; }
T_WEB=$(ms "$t")

t=$(date +%s%N); echo "== the page in headless Chromium ($("$CHROMIUM" --version 2>/dev/null | head -1))"
(cd web && node --test --test-concurrency=1 e2e/)
T_BROWSER=$(ms "$t")

echo "e2e-web: PASS in $(ms "$T0") ms (npm $T_NPM, chain+deploy $T_DEPLOY, client tests $T_CLIENT, build+serve $T_WEB, browser $T_BROWSER)"
echo "  screenshots in ${SCREENSHOTS:-web/screenshots}"
[ "${KEEP_RUNNING:-0}" = 1 ] && echo "  still running: page $WEB_URL, chain REST http://127.0.0.1:$((10337 + PORT_OFFSET)) (scripts/localnet.sh stop with LOCALNET_ROOT=$LOCALNET_ROOT)"
exit 0
