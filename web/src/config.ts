// Where the page points. Defaults: the local chain of scripts/deploy-localnet.sh through ./config.json,
// which scripts/web.sh writes. Any field can be overridden in the URL, e.g.
//   ?rest=https://lcd.example.org&chain_id=injective-1&vault=inj1...&markets=BTC-PERP,ETH-PERP&denom_decimals=6
export interface Config {
  rest: string;
  chain_id: string;
  denom: string;
  /** The denom's name on the page, e.g. "INJ" (default: the denom in capitals). */
  denom_display: string;
  /** Base units per whole token, as a power of ten: 18 for inj, 6 for most IBC and peggy tokens. */
  denom_decimals: number;
  vault: string;
  markets: string[];
  gas_price: string;
  /** Hex private key of the local chain's dev account; honoured only for a loopback REST endpoint. */
  dev_key?: string;
}

/** inj's decimals are fixed by the chain; any other denom's must be configured (6 is a guess, with a warning). */
const KNOWN_DECIMALS: Record<string, number> = { inj: 18 };
const GUESSED_DECIMALS = 6;

const DEFAULTS = { rest: "http://127.0.0.1:10337", chain_id: "ballast-1", denom: "inj", vault: "", gas_price: "160000000" };

export function isLoopback(url: string): boolean {
  try {
    return ["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** A decimals setting from config.json or the URL; throws naming the field and the value. */
function readDecimals(value: unknown, from: string): number {
  const n = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > 18) {
    throw new Error(`${from}: denom_decimals must be a whole number from 0 to 18, got ${JSON.stringify(value)}`);
  }
  return n;
}

export async function loadConfig(search: string): Promise<{ config: Config; warnings: string[] }> {
  const warnings: string[] = [];
  let file: Record<string, any> = {};
  try {
    const res = await fetch("./config.json", { cache: "no-store" });
    if (res.ok) file = await res.json();
  } catch {
    // no config.json: defaults and URL parameters only
  }
  const markets = Array.isArray(file.markets)
    ? file.markets.map((m: any) => (typeof m === "string" ? m : m.market))
    : [];
  const url = new URLSearchParams(search);
  const pick = (key: keyof typeof DEFAULTS) => url.get(key) || (typeof file[key] === "string" && file[key]) || DEFAULTS[key];
  const denom = pick("denom");
  // config.json's decimals describe its denom: a denom from the URL needs its own (or a known one)
  const fileDecimals = url.get("denom") ? undefined : file.denom_decimals ?? file.decimals; // "decimals": older config files
  let denom_decimals: number;
  if (url.get("denom_decimals")) denom_decimals = readDecimals(url.get("denom_decimals"), "the URL");
  else if (fileDecimals !== undefined) denom_decimals = readDecimals(fileDecimals, "config.json");
  else if (KNOWN_DECIMALS[denom] !== undefined) denom_decimals = KNOWN_DECIMALS[denom];
  else {
    denom_decimals = GUESSED_DECIMALS;
    warnings.push(`the decimals of ${denom} are not configured: amounts assume ${GUESSED_DECIMALS} (set denom_decimals)`);
  }
  const display = url.get("denom_display") || (!url.get("denom") && typeof file.denom_display === "string" && file.denom_display);
  const config: Config = {
    rest: pick("rest"), chain_id: pick("chain_id"), denom, vault: pick("vault"), gas_price: pick("gas_price"),
    denom_display: display || denom.toUpperCase(), denom_decimals, markets,
    dev_key: typeof file.dev_key === "string" ? file.dev_key : undefined,
  };
  if (url.get("markets")) config.markets = url.get("markets")!.split(",").map((m) => m.trim()).filter(Boolean);
  if (url.get("rest") || url.get("vault")) delete config.dev_key; // the key belongs to the deployment in config.json
  if (config.dev_key && !isLoopback(config.rest)) {
    delete config.dev_key;
    warnings.push("the dev key is ignored: it is only used with a loopback REST endpoint");
  }
  return { config, warnings };
}
