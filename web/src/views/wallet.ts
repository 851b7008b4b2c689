// Deposit and redeem, signed by the connected wallet: the local dev key on the local chain, Keplr elsewhere.
import { parseUnits, formatUnits } from "../../../clients/ts/src/format";
import type { Ctx } from "../context";
import { fill, h } from "../dom";
import { execute } from "../tx/broadcast";
import { devKeyWallet, keplrWallet, type Wallet } from "../tx/wallet";

export function bindWallet(ctx: Ctx, refresh: () => Promise<void>): void {
  let wallet: Wallet | undefined;
  const status = (text: string, cls = "hint") => fill("wallet-status", h("p", { class: cls, id: "wallet-message" }, text));
  const chain = { rest: ctx.config.rest, chainId: ctx.config.chain_id, denom: ctx.config.denom,
    gasPrice: BigInt(ctx.config.gas_price), gasFactor: 1.4 };

  async function showAccount() {
    if (!wallet) return;
    const [holder, balance] = await Promise.all([ctx.vault.holder({ address: wallet.address }), ctx.chain.balance(wallet.address, ctx.config.denom)]);
    fill("wallet-account",
      h("p", {}, `${wallet.kind}: `, h("code", { id: "wallet-address" }, wallet.address)),
      h("p", {}, "shares ", h("b", { id: "wallet-shares", "data-raw": holder.shares }, formatUnits(holder.shares, 0)),
        ` worth ${ctx.amount(holder.value)} · balance ${ctx.amount(balance)}`));
  }

  async function connect() {
    try {
      wallet = ctx.config.dev_key ? devKeyWallet(ctx.config.dev_key) : await keplrWallet(ctx.config.chain_id);
      status(ctx.config.dev_key ? "local chain: signing with the dev key from config.json" : "connected");
      await showAccount();
    } catch (e) {
      status((e as Error).message, "error");
    }
  }

  async function run(label: string, msg: () => { msg: object; funds: { denom: string; amount: string }[] }) {
    if (!wallet) { status("connect a wallet first", "error"); return; }
    let built;
    try { built = msg(); } catch (e) { status((e as Error).message, "error"); return; }
    status(`${label}: signing and broadcasting…`);
    try {
      const tx = await execute(chain, wallet, ctx.config.vault, built.msg, built.funds);
      status(`${label} included at height ${tx.height} (gas ${tx.gas_used}, tx ${tx.txhash.slice(0, 12)}…)`, "ok");
      await showAccount();
      await refresh();
    } catch (e) {
      status(`${label} failed: ${(e as Error).message}`, "error");
    }
  }

  const input = (id: string) => (document.getElementById(id) as HTMLInputElement).value;
  document.getElementById("connect")!.addEventListener("click", connect);
  document.getElementById("deposit")!.addEventListener("click", () => run("deposit", () => {
    let amount: string;
    try { amount = parseUnits(input("deposit-amount"), ctx.config.decimals); } catch (e) { throw new Error(`deposit amount: ${(e as Error).message}`); }
    return { msg: { deposit: {} }, funds: [{ denom: ctx.config.denom, amount }] };
  }));
  document.getElementById("redeem")!.addEventListener("click", () => run("redeem", () => {
    const shares = input("redeem-shares").trim().replace(/,/g, "");
    if (!/^\d+$/.test(shares) || BigInt(shares) === 0n) throw new Error(`redeem: "${shares}" is not a whole number of shares above 0`);
    return { msg: { redeem: { shares } }, funds: [] };
  }));
  if (ctx.config.dev_key) void connect();
  else status(`connect a Keplr-style wallet (window.keplr) for ${ctx.config.chain_id}`);
}
