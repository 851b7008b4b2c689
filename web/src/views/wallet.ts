// Deposit and redeem, signed by the connected wallet: the local dev key on the local chain, Keplr elsewhere.
// A person types whole tokens and whole shares; they are converted exactly to base units and share atoms
// (VaultUnits), and each input previews what the vault would mint or pay now (PreviewDeposit / PreviewRedeem).
import type { VaultUnits } from "../../../clients/ts/src/units";
import type { Ctx } from "../context";
import { fill, h } from "../dom";
import { execute } from "../tx/broadcast";
import { devKeyWallet, keplrWallet, type Wallet } from "../tx/wallet";

type Built = { msg: object; funds: { denom: string; amount: string }[] };

export function bindWallet(ctx: Ctx, refresh: () => Promise<void>): void {
  let wallet: Wallet | undefined;
  let held: string | undefined; // the connected holder's share atoms, for "All" and the redeem check
  let shareDenom: string | undefined; // the vault token (a bank denom) a redeem attaches
  const status = (text: string, cls = "hint") => fill("wallet-status", h("p", { class: cls, id: "wallet-message" }, text));
  const chain = { rest: ctx.config.rest, chainId: ctx.config.chain_id, denom: ctx.config.denom,
    gasPrice: BigInt(ctx.config.gas_price), gasFactor: 1.4 };
  const input = (id: string) => document.getElementById(id) as HTMLInputElement;

  async function showAccount() {
    if (!wallet) return;
    const [units, holder, balance, info] = await Promise.all([ctx.units(), ctx.vault.holder({ address: wallet.address }),
      ctx.chain.balance(wallet.address, ctx.config.denom), ctx.vault.info()]);
    held = holder.shares;
    shareDenom = info.vault_token;
    fill("wallet-account",
      h("p", {}, `${wallet.kind}: `, h("code", { id: "wallet-address" }, wallet.address)),
      h("p", {}, h("b", { id: "wallet-shares", "data-raw": holder.shares }, units.shares(holder.shares)), " shares worth ",
        h("span", { id: "wallet-value", "data-raw": holder.value }, units.assets(holder.value)),
        " · balance ", h("span", { id: "wallet-balance", "data-raw": balance }, units.assets(balance))));
  }

  async function connect() {
    try {
      wallet = ctx.config.dev_key ? devKeyWallet(ctx.config.dev_key) : await keplrWallet(ctx.config.chain_id);
      status(ctx.config.dev_key ? "local chain: signing with the dev key from config.json" : `connected through Keplr to ${ctx.config.chain_id}`);
      await showAccount();
    } catch (e) {
      status((e as Error).message, "error");
    }
  }

  async function run(label: string, build: (units: VaultUnits) => Built) {
    if (!wallet) { status("connect a wallet first", "error"); return; }
    let built: Built;
    try { built = build(await ctx.units()); } catch (e) { status(`${label}: ${(e as Error).message}`, "error"); return; }
    status(`${label}: signing and broadcasting…`);
    try {
      const tx = await execute(chain, wallet, ctx.config.vault, built.msg, built.funds);
      // re-read the holding before saying "included", so the message never sits beside the old figure; the
      // tx is in either way, so a failed re-read is left to the next refresh
      await showAccount().catch(() => undefined);
      status(`${label} included at height ${tx.height} (gas ${tx.gas_used}, tx ${tx.txhash.slice(0, 12)}…)`, "ok");
      for (const id of ["deposit-amount", "redeem-shares"]) input(id).dispatchEvent(new Event("input")); // previews at the new price
      await refresh();
    } catch (e) {
      status(`${label} failed: ${(e as Error).message}`, "error");
    }
  }

  const redeemShares = (units: VaultUnits) => {
    const text = input("redeem-shares").value;
    const shares = units.parseShares(text);
    if (held !== undefined && BigInt(shares) > BigInt(held)) {
      throw new Error(`"${text.trim()}" is more shares than the ${units.exactShares(held)} you hold`);
    }
    return shares;
  };

  // What the typed amount would mint or pay now. Only the answer for the latest keystroke is shown.
  function preview(id: string, outId: string, ask: (units: VaultUnits, text: string) => Promise<{ raw: string; text: string }>) {
    let seq = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    input(id).addEventListener("input", () => {
      clearTimeout(timer);
      const mine = ++seq;
      timer = setTimeout(async () => {
        const text = input(id).value;
        let out: { raw?: string; text: string; cls: string };
        try {
          out = text.trim() === "" ? { text: "", cls: "hint" } : { ...(await ask(await ctx.units(), text)), cls: "hint" };
        } catch (e) {
          out = { text: (e as Error).message, cls: "error" };
        }
        if (mine !== seq) return;
        const el = fill(outId, out.text);
        el.className = out.cls;
        el.dataset.for = text;
        if (out.raw !== undefined) el.dataset.raw = out.raw; else delete el.dataset.raw;
      }, 150);
    });
  }
  preview("deposit-amount", "deposit-preview", async (units, text) => {
    const shares = await ctx.vault.previewDeposit({ amount: units.parseAssets(text) });
    return { raw: shares, text: `mints ${units.shares(shares)} shares now` };
  });
  preview("redeem-shares", "redeem-preview", async (units) => {
    const assets = await ctx.vault.previewRedeem({ amount: redeemShares(units) });
    return { raw: assets, text: `pays ${units.assets(assets)} now` };
  });

  document.getElementById("connect")!.addEventListener("click", connect);
  document.getElementById("deposit")!.addEventListener("click", () => run("deposit", (units) =>
    ((amount) => ({ msg: { deposit: { amount } }, funds: [{ denom: ctx.config.denom, amount }] }))(units.parseAssets(input("deposit-amount").value))));
  document.getElementById("redeem")!.addEventListener("click", () => run("redeem", (units) =>
    // Shares are a bank denom: the redeem attaches them.
    ((amount) => ({ msg: { redeem: { amount } }, funds: [{ denom: shareDenom!, amount }] }))(redeemShares(units))));
  document.getElementById("redeem-all")!.addEventListener("click", async () => {
    if (!wallet || held === undefined) { status("connect a wallet first", "error"); return; }
    input("redeem-shares").value = (await ctx.units()).exactShares(held); // every decimal: redeems exactly all
    input("redeem-shares").dispatchEvent(new Event("input"));
  });
  if (ctx.config.dev_key) void connect();
  else status(`connect a Keplr-style wallet (window.keplr) for ${ctx.config.chain_id}`);
}
