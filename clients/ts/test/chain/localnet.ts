// The local chain's deployment (scripts/deploy-localnet.sh writes it) and its keys.
import { readFileSync } from "node:fs";
import path from "node:path";
import { makeSigner, type Signer } from "../../src/signer";

export interface Deploy {
  chain_id: string; rpc: string; rest: string; denom: string;
  oracle: string; perp: string; governor: string; vault: string;
  markets: { market: string; feed_id: string }[];
  admin: string; user: string; keys: { admin: string; user: string };
}

export function loadDeploy(): Deploy {
  const file = process.env.BALLAST_DEPLOY ?? path.resolve(__dirname, "../../../../../.localnet/deploy.json");
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`cannot read ${file} (${(e as Error).message}): run scripts/deploy-localnet.sh first`);
  }
}

export function signerFor(d: Deploy, key: "admin" | "user"): Signer {
  const { mnemonic } = JSON.parse(readFileSync(d.keys[key], "utf8"));
  return makeSigner({ mnemonic, grpcWeb: d.rest, chainId: d.chain_id });
}

/** A smart query over plain REST: an independent check of what the generated clients return. */
export async function restSmart(d: Deploy, contract: string, query: unknown): Promise<any> {
  const q = Buffer.from(JSON.stringify(query)).toString("base64");
  const res = await fetch(`${d.rest}/cosmwasm/wasm/v1/contract/${contract}/smart/${q}`);
  if (!res.ok) throw new Error(`REST ${res.status}: ${await res.text()}`);
  return (await res.json()).data;
}

/** The attributes of the vault's wasm event with this action, from a tx's events. */
export function wasmEvent(events: any[], contract: string, action: string): Record<string, string> {
  for (const e of events) {
    if (e.type !== "wasm") continue;
    const attrs: Record<string, string> = {};
    for (const a of e.attributes) {
      const k = typeof a.key === "string" ? a.key : Buffer.from(a.key).toString();
      const v = typeof a.value === "string" ? a.value : Buffer.from(a.value).toString();
      attrs[k] = v;
    }
    if (attrs._contract_address === contract && attrs.action === action) return attrs;
  }
  throw new Error(`no wasm event ${action} from ${contract} in ${JSON.stringify(events).slice(0, 400)}`);
}
