#!/usr/bin/env python3
"""Genesis edits for scripts/e2e-injective.sh (run by scripts/localnet.sh as LOCALNET_GENESIS_HOOK).

usage: injective-genesis.py GENESIS_JSON VAL ADMIN USER
- A 6-decimal USDT, Injective mainnet's peggy denom, and bank metadata for it and for inj (18 decimals):
  the exchange module refuses a quote denom without metadata ("denom inj does not have denom metadata:
  invalid quote denom") and takes the market's quote_decimals from it. 1M USDT each for val (insurance
  fund), admin (the vault's manager) and user (depositor and market maker).
- Instant perpetual market launches on (off by default: is_instant_derivative_market_launch_enabled).
- Post-only mode after downtime lasts 1 block instead of 1,000: the exchange counts the time from genesis
  to the first block as downtime, and in post-only mode a market order fails with "cannot create market
  orders in post only mode until height 1001: exchange is in post-only mode".
"""
import json
import sys

USDT = "peggy0xdAC17F958D2ee523a2206206994597C13D831ec7"
EACH = 1_000_000 * 10**6  # 1M USDT in base units

path, *accounts = sys.argv[1:5]
g = json.load(open(path))
s = g["app_state"]
s["exchange"]["params"]["is_instant_derivative_market_launch_enabled"] = True
s["exchange"]["params"]["post_only_mode_blocks_amount_after_downtime"] = "1"   # must be > 0
s["bank"]["denom_metadata"].append({
    "description": "INJ", "denom_units": [{"denom": "inj", "exponent": 0, "aliases": []},
                                          {"denom": "INJ", "exponent": 18, "aliases": []}],
    "base": "inj", "display": "INJ", "name": "Injective", "symbol": "INJ", "uri": "", "uri_hash": "", "decimals": 18})
s["bank"]["denom_metadata"].append({
    "description": "Tether USD (local copy of Injective's peggy USDT)",
    "denom_units": [{"denom": USDT, "exponent": 0, "aliases": []},
                    {"denom": "USDT", "exponent": 6, "aliases": []}],
    "base": USDT, "display": "USDT", "name": "Tether USD", "symbol": "USDT",
    "uri": "", "uri_hash": "", "decimals": 6})
for b in s["bank"]["balances"]:
    if b["address"] in accounts:
        b["coins"] = sorted(b["coins"] + [{"denom": USDT, "amount": str(EACH)}], key=lambda c: c["denom"])
if s["bank"]["supply"]:   # empty means "computed from the balances"
    s["bank"]["supply"] = sorted(s["bank"]["supply"] + [{"denom": USDT, "amount": str(EACH * len(accounts))}],
                                 key=lambda c: c["denom"])
json.dump(g, open(path, "w"), indent=1)
