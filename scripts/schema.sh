#!/usr/bin/env bash
# Generates each contract's JSON schema into schema/<crate>/ (<crate>.json, raw/*.json, and the
# cosmwasm-schema 3 cw_schema/ variant), with each contract's src/bin/schema.rs (cosmwasm_schema::write_api!).
#   scripts/schema.sh          regenerate schema/ (commit the result)
#   scripts/schema.sh --check  regenerate into a temporary folder and fail if schema/ differs
set -euo pipefail
cd "$(dirname "$0")/.."

CRATES=(ballast-oracle ballast-perp ballast-governor ballast-vault ballast-strategies)

check=false
case "${1:-}" in
  "") ;;
  --check) check=true ;;
  *) echo "usage: scripts/schema.sh [--check]" >&2; exit 2 ;;
esac

root=$PWD
# Inside target/ (git-ignored), so that cargo runs in the workspace with its .cargo/config.toml.
mkdir -p target
tmp=$(mktemp -d "$root/target/schema.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

for crate in "${CRATES[@]}"; do
  # write_api! writes into ./schema/ of the current folder.
  mkdir -p "$tmp/run/$crate"
  (cd "$tmp/run/$crate" && cargo run --locked -q -p "$crate" --bin schema >/dev/null)
  if [ ! -f "$tmp/run/$crate/schema/$crate.json" ]; then
    echo "schema: $crate's schema binary did not write schema/$crate.json" >&2
    exit 1
  fi
  mkdir -p "$tmp/schema"
  mv "$tmp/run/$crate/schema" "$tmp/schema/$crate"
done

if $check; then
  if [ ! -d schema ] || ! diff -r schema "$tmp/schema" >"$tmp/diff" 2>&1; then
    echo "schema/ is stale: run scripts/schema.sh" >&2
    head -n 40 "$tmp/diff" >&2 || true
    exit 1
  fi
  echo "schema: up to date"
else
  rm -rf schema
  mv "$tmp/schema" schema
  echo "schema: wrote schema/ ($(find schema -name '*.json' | wc -l) files)"
fi
