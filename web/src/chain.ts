// Reads through the chain's REST API. RestWasm has the shape ts-codegen's query clients take
// (queryContractSmart), so the page uses the generated VaultQueryClient as the node client does.
export class ChainError extends Error {}

export class RestWasm {
  constructor(readonly rest: string) {}

  async get(path: string): Promise<any> {
    let res: Response;
    try {
      res = await fetch(this.rest + path);
    } catch {
      throw new ChainError(`cannot reach the chain at ${this.rest} (is it running? scripts/deploy-localnet.sh starts the local one)`);
    }
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new ChainError(json.message ?? `${path}: HTTP ${res.status}`);
    return json;
  }

  async queryContractSmart(contract: string, query: unknown): Promise<any> {
    const q = btoa(JSON.stringify(query));
    return (await this.get(`/cosmwasm/wasm/v1/contract/${contract}/smart/${q}`)).data;
  }

  async blockTime(): Promise<{ height: number; time: number }> {
    const { block } = await this.get("/cosmos/base/tendermint/v1beta1/blocks/latest");
    return { height: Number(block.header.height), time: Math.floor(Date.parse(block.header.time) / 1000) };
  }

  async balance(address: string, denom: string): Promise<string> {
    return (await this.get(`/cosmos/bank/v1beta1/balances/${address}/by_denom?denom=${encodeURIComponent(denom)}`)).balance?.amount ?? "0";
  }
}

export interface DecisionEvent {
  height: number; time: string; txhash: string;
  action: string; market: string; side: string; decision: string; binding_cap: string;
  requested: string; executed: string; vol: string;
}

const ORDER_ACTIONS = ["submit_order", "rebalance", "deleverage"];

/** The vault's recent order decisions, newest first, from the wasm events of its transactions. */
export async function recentDecisions(chain: RestWasm, vault: string, limit = 10): Promise<DecisionEvent[]> {
  const query = encodeURIComponent(`wasm._contract_address='${vault}'`);
  const { tx_responses = [] } = await chain.get(`/cosmos/tx/v1beta1/txs?query=${query}&order_by=ORDER_BY_DESC&limit=${limit * 3}`);
  const out: DecisionEvent[] = [];
  for (const tx of tx_responses) {
    for (const e of tx.events ?? []) {
      if (e.type !== "wasm") continue;
      const a: Record<string, string> = Object.fromEntries(e.attributes.map((x: any) => [x.key, x.value]));
      if (a._contract_address !== vault || !ORDER_ACTIONS.includes(a.action) || !a.decision) continue;
      out.push({ height: Number(tx.height), time: tx.timestamp, txhash: tx.txhash, action: a.action, market: a.market,
        side: a.side, decision: a.decision, binding_cap: a.binding_cap, requested: a.requested, executed: a.executed, vol: a.vol });
    }
  }
  return out.slice(0, limit);
}
