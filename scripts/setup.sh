#!/usr/bin/env bash
# Installs what a fresh machine lacks for Ballast's build and tests. Idempotent: a second run changes nothing.
#   scripts/setup.sh              everything scripts/test.sh needs (what CI runs)
#   scripts/setup.sh --rust-only  only what `ballast replay` needs: cargo and the workspace's crates
#   scripts/setup.sh --wasm       that, plus what scripts/build-wasm.sh needs: the wasm32 target and wasm-opt
set -euo pipefail
cd "$(dirname "$0")/.."

mode=all
case "${1:-}" in
  "") ;;
  --rust-only) mode=rust ;;
  --wasm) mode=wasm ;;
  *) echo "usage: scripts/setup.sh [--rust-only | --wasm]" >&2; exit 2 ;;
esac

need() { command -v "$1" >/dev/null 2>&1 || { echo "setup: '$1' not found: $2" >&2; exit 1; }; }
need cargo "install Rust with rustup (https://rustup.rs), toolchain 1.95 or newer"

if [ "$mode" = rust ]; then
  # Fetch crates once, so the build itself does not depend on the network.
  cargo fetch --locked >/dev/null
  echo "setup: ok for the replay ($(rustc --version)); scripts/setup.sh without --rust-only sets up the rest"
  exit 0
fi

need rustup "install Rust with rustup (https://rustup.rs)"

if [ "$mode" = all ]; then
  for component in rustfmt clippy; do
    if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
      echo "setup: adding rustup component $component"
      rustup component add "$component"
    fi
  done
fi

# Contracts build for wasm32-unknown-unknown (scripts/build-wasm.sh).
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown || {
    echo "setup: FAILED: 'rustup target add wasm32-unknown-unknown' did not work; contracts cannot be built" >&2
    exit 1
  }
fi

# Binaryen's wasm-opt, pinned in tools/package.json and tools/package-lock.json (npm package binaryen).
need node "install Node.js 18 or newer (Debian: apt-get install nodejs npm); it runs Binaryen's wasm-opt"
need npm "install npm (Debian: apt-get install npm); it installs Binaryen's wasm-opt into tools/node_modules"
binaryen_want=$(node -p 'require("./tools/package.json").dependencies.binaryen')
wasm_opt_ok() { # the installed package is the pinned version, and its wasm-opt runs and says so
  local have
  have=$(node -p 'try { require("./tools/node_modules/binaryen/package.json").version } catch (e) { "none" }')
  [ "$have" = "$binaryen_want" ] && [ -x tools/node_modules/.bin/wasm-opt ] &&
    [[ "$(tools/node_modules/.bin/wasm-opt --version 2>/dev/null)" == "wasm-opt version ${binaryen_want%%.*} "* ]]
}
if ! wasm_opt_ok; then
  echo "setup: installing binaryen $binaryen_want (wasm-opt) into tools/node_modules with npm ci"
  (cd tools && npm ci --no-audit --no-fund --loglevel=error) || {
    echo "setup: FAILED: 'npm ci' in tools/ did not install binaryen $binaryen_want" >&2
    exit 1
  }
  wasm_opt_ok || {
    echo "setup: FAILED: tools/node_modules/.bin/wasm-opt is not binaryen $binaryen_want after npm ci" >&2
    exit 1
  }
fi

if [ "$mode" = wasm ]; then
  cargo fetch --locked >/dev/null
  cargo fetch --locked --manifest-path tools/wasm-check/Cargo.toml >/dev/null
  echo "setup: ok for the wasm build ($(rustc --version), $(tools/node_modules/.bin/wasm-opt --version))"
  exit 0
fi

# The TypeScript client and the web page: pinned by clients/ts/package-lock.json and web/package-lock.json.
for d in clients/ts web; do
  if [ ! -d "$d/node_modules" ] || [ "$d/package-lock.json" -nt "$d/node_modules/.package-lock.json" ]; then
    echo "setup: npm ci in $d"
    (cd "$d" && npm ci --no-audit --no-fund --loglevel=error) || { echo "setup: FAILED: 'npm ci' in $d" >&2; exit 1; }
  fi
done

# scripts/e2e-web.sh (run by scripts/test.sh) needs Debian's chromium, jq, curl and python3's venv (for the
# local chain's injectived from PyPI). BALLAST_SKIP_WEB_E2E=1 skips that step, and these checks.
if [ "${BALLAST_SKIP_WEB_E2E:-0}" != 1 ]; then
  web_missing=()
  command -v chromium >/dev/null 2>&1 || web_missing+=(chromium)
  command -v jq >/dev/null 2>&1 || web_missing+=(jq)
  command -v curl >/dev/null 2>&1 || web_missing+=(curl)
  python3 -c 'import venv, ensurepip' 2>/dev/null || web_missing+=(python3-venv)
  if [ ${#web_missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "setup: apt-get install ${web_missing[*]} (for scripts/e2e-web.sh)"
      apt-get install -y -q "${web_missing[@]}" >/dev/null 2>&1 ||
        { apt-get update -q >/dev/null && apt-get install -y -q "${web_missing[@]}" >/dev/null; } || {
        echo "setup: FAILED: apt-get install ${web_missing[*]}" >&2; exit 1; }
    else
      echo "setup: scripts/e2e-web.sh needs: ${web_missing[*]}; as root: apt-get install -y ${web_missing[*]}" >&2
      echo "setup: or run without the browser test: BALLAST_SKIP_WEB_E2E=1 scripts/test.sh" >&2
      exit 1
    fi
  fi
fi

# Fetch crates once, so the test run itself does not depend on the network.
cargo fetch --locked >/dev/null
cargo fetch --locked --manifest-path tools/wasm-check/Cargo.toml >/dev/null
echo "setup: ok ($(rustc --version), $(tools/node_modules/.bin/wasm-opt --version))"
