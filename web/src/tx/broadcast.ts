// Execute a contract through the chain's REST API: account, simulate, sign, broadcast, wait for the block.
import { authInfo, executeContractAny, signDoc, txBody, txRaw, type Coin } from "./proto";
import type { Wallet } from "./wallet";

export interface TxResult { txhash: string; height: string; gas_used: string; events: { type: string; attributes: { key: string; value: string }[] }[] }

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

async function rest(base: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(base + path, body === undefined ? {} : {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.message ?? `${path}: HTTP ${res.status}`);
  return json;
}

export interface ChainParams { rest: string; chainId: string; denom: string; gasPrice: bigint; gasFactor: number }

export async function execute(chain: ChainParams, wallet: Wallet, contract: string, msg: unknown, funds: Coin[] = []): Promise<TxResult> {
  const { account } = await rest(chain.rest, `/cosmos/auth/v1beta1/accounts/${wallet.address}`);
  const base = account.base_account ?? account;        // EthAccount wraps a BaseAccount
  const accountNumber = BigInt(base.account_number);
  const sequence = BigInt(base.sequence ?? 0);
  const latest = await rest(chain.rest, "/cosmos/base/tendermint/v1beta1/blocks/latest");
  const body = txBody([executeContractAny(wallet.address, contract, msg, funds)], "", BigInt(latest.block.header.height) + 60n);

  const simAuth = authInfo(wallet.pubKey, sequence, { amount: [], gas: 0n });
  const sim = await rest(chain.rest, "/cosmos/tx/v1beta1/simulate", { tx_bytes: b64(txRaw(body, simAuth, new Uint8Array(0))) });
  const gas = BigInt(Math.ceil(Number(sim.gas_info.gas_used) * chain.gasFactor));
  const auth = authInfo(wallet.pubKey, sequence, { amount: [{ denom: chain.denom, amount: (gas * chain.gasPrice).toString() }], gas });

  const doc = signDoc(body, auth, chain.chainId, accountNumber);
  const signed = await wallet.sign(doc, { bodyBytes: body, authInfoBytes: auth, chainId: chain.chainId, accountNumber });
  const tx = txRaw(signed.bodyBytes, signed.authInfoBytes, signed.signature);
  const sent = await rest(chain.rest, "/cosmos/tx/v1beta1/txs", { tx_bytes: b64(tx), mode: "BROADCAST_MODE_SYNC" });
  if (sent.tx_response.code !== 0) throw new Error(`rejected by the chain: ${sent.tx_response.raw_log}`);
  const hash = sent.tx_response.txhash;
  for (let i = 0; i < 60; i++) {                      // a block every ~0.5 s on the local chain
    await new Promise((r) => setTimeout(r, 250));
    const res = await fetch(`${chain.rest}/cosmos/tx/v1beta1/txs/${hash}`);
    if (!res.ok) continue;
    const { tx_response: tx } = await res.json();
    if (tx.code !== 0) throw new Error(`tx ${hash} failed: ${tx.raw_log}`);
    return tx;
  }
  throw new Error(`tx ${hash} not included after 15 s`);
}
