#!/usr/bin/env bash
# No f32/f64 in on-chain code: contracts and packages but the CLI, outside tests. Only the part of each
# file before its #[cfg(test)] module counts, and comment lines do not. `grep -w` finds the word: awk's
# \< \> word boundaries are GNU awk's, and mawk (Debian's and Ubuntu's awk) reads them as plain
# letters, so the earlier awk check matched nothing and passed `let x: f64`.
set -euo pipefail
cd "$(dirname "$0")/.."

floats=$(
  for f in $(git ls-files 'contracts/*.rs' 'packages/*.rs' | grep -v '^packages/cli/' | grep -vE '(^|/)(tests|examples)/|_tests\.rs$'); do
    awk '/#\[cfg\(test\)\]/ { exit } { print FNR ": " $0 }' "$f" \
      | grep -vE '^[0-9]+: [[:space:]]*//' \
      | grep -wE 'f(32|64)' \
      | sed "s|^|$f:|" || true
  done
)
if [ -n "$floats" ]; then
  echo "floats found outside tests:"
  echo "$floats"
  exit 1
fi
echo "no f32/f64 outside tests"
