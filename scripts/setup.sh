#!/usr/bin/env bash
# Installs what a fresh machine lacks for Ballast's build and tests. Idempotent: a second run changes nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1 || { echo "setup: '$1' not found: $2" >&2; exit 1; }; }
need cargo "install Rust with rustup (https://rustup.rs), toolchain 1.95 or newer"
need rustup "install Rust with rustup (https://rustup.rs)"

for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    echo "setup: adding rustup component $component"
    rustup component add "$component"
  fi
done

# Fetch crates once, so the test run itself does not depend on the network.
cargo fetch --locked >/dev/null
echo "setup: ok ($(rustc --version))"
