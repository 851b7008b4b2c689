#!/usr/bin/env bash
# The TypeScript client (clients/ts) is generated from schema/ by @cosmwasm/ts-codegen (pinned in its
# package-lock.json), as schema/ is from the messages.
#   scripts/client-ts.sh          regenerate clients/ts/src/generated (commit the result)
#   scripts/client-ts.sh --check  regenerate into a temporary folder and fail if the committed client differs;
#                                 then type-check and run the client's unit tests and type-check and build web/
# Needs node and npm; runs `npm ci` in clients/ts and web when their node_modules are missing or stale.
set -euo pipefail
cd "$(dirname "$0")/.."
check=false
case "${1:-}" in
  "") ;;
  --check) check=true ;;
  *) echo "usage: scripts/client-ts.sh [--check]" >&2; exit 2 ;;
esac
dirs=(clients/ts); $check && dirs+=(web)
for d in "${dirs[@]}"; do
  if [ ! -d "$d/node_modules" ] || [ "$d/package-lock.json" -nt "$d/node_modules/.package-lock.json" ]; then
    (cd "$d" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done

if ! $check; then
  (cd clients/ts && node scripts/generate.mjs)
  exit 0
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
(cd clients/ts && node scripts/generate.mjs --out "$tmp/generated" >/dev/null)
if ! diff -r clients/ts/src/generated "$tmp/generated" >"$tmp/diff" 2>&1; then
  echo "clients/ts/src/generated is stale against schema/: run scripts/client-ts.sh" >&2
  head -n 40 "$tmp/diff" >&2
  exit 1
fi
echo "client-ts: generated client up to date"
(cd clients/ts && npm test --silent 2>&1 | grep -E '^# (tests|pass|fail)' | paste -sd' ' | sed 's/^/client-ts: unit tests: /'; exit "${PIPESTATUS[0]}")
(cd web && npx tsc --noEmit -p . && npx vite build --logLevel warn)
echo "client-ts: web/ builds: $(cat web/dist/assets/*.js | wc -c) B of JavaScript ($(cat web/dist/assets/*.js | gzip -9 | wc -c) B gzip)"
