// Where the page points. Defaults: the local chain of scripts/deploy-localnet.sh through ./config.json,
// which scripts/web.sh writes. Any field can be overridden in the URL, e.g.
//   ?rest=https://lcd.example.org&chain_id=injective-1&vault=inj1...&markets=BTC-PERP,ETH-PERP
export interface Config {
  rest: string;
  chain_id: string;
  denom: string;
  vault: string;
  markets: string[];
  /** Base units per display unit, as a power of ten (18 for inj). */
  decimals: number;
  gas_price: string;
  /** Hex private key of the local chain's dev account; honoured only for a loopback REST endpoint. */
  dev_key?: string;
}

const DEFAULTS: Config = {
  rest: "http://127.0.0.1:10337", chain_id: "ballast-1", denom: "inj", vault: "", markets: [],
  decimals: 18, gas_price: "160000000",
};

export function isLoopback(url: string): boolean {
  try {
    return ["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

export async function loadConfig(search: string): Promise<{ config: Config; warnings: string[] }> {
  const warnings: string[] = [];
  let file: Partial<Config> & { markets?: unknown } = {};
  try {
    const res = await fetch("./config.json", { cache: "no-store" });
    if (res.ok) file = await res.json();
  } catch {
    // no config.json: defaults and URL parameters only
  }
  const markets = Array.isArray(file.markets)
    ? file.markets.map((m: any) => (typeof m === "string" ? m : m.market))
    : [];
  const config: Config = { ...DEFAULTS, ...file, markets } as Config;
  const url = new URLSearchParams(search);
  for (const key of ["rest", "chain_id", "denom", "vault", "gas_price"] as const) {
    const v = url.get(key);
    if (v) config[key] = v;
  }
  if (url.get("markets")) config.markets = url.get("markets")!.split(",").map((m) => m.trim()).filter(Boolean);
  if (url.get("rest") || url.get("vault")) delete config.dev_key; // the key belongs to the deployment in config.json
  if (config.dev_key && !isLoopback(config.rest)) {
    delete config.dev_key;
    warnings.push("the dev key is ignored: it is only used with a loopback REST endpoint");
  }
  return { config, warnings };
}
