// Boot: config, then every section in parallel; any failure shows the banner instead of a blank page.
import "./style.css";
import { ChainError } from "./chain";
import { loadConfig } from "./config";
import { makeCtx, type Ctx } from "./context";
import { fill, h, showBanner } from "./dom";
import { renderDecisions } from "./views/decisions";
import { renderGovernance } from "./views/governance";
import { bindPreview } from "./views/preview";
import { renderVault } from "./views/vault";
import { bindWallet } from "./views/wallet";

async function refresh(ctx: Ctx): Promise<void> {
  // independent reads start together; only the caps' preview waits for the market's position side
  const decisions = renderDecisions(ctx);
  decisions.catch(() => undefined); // reported where awaited, not as unhandled
  const [config, state, now, units] = await Promise.all([ctx.vault.config(), ctx.vault.state(), ctx.chain.blockTime(), ctx.units()]);
  const governor = ctx.governor(config.governor);
  const governance = Promise.all([governor.config(), governor.pendingParams(),
    Promise.all(ctx.config.markets.map((market) => governor.pendingMarket({ market })))]);
  fill("chain-info", `${ctx.config.chain_id} · height ${now.height} · vault `, h("code", {}, ctx.config.vault));
  const markets = await Promise.all(ctx.config.markets.map((market) => ctx.vault.market({ market })));
  await Promise.all([
    renderVault(ctx, units, state, config.params.min_order, markets),
    decisions,
    governance.then(([roles, pending, marketsPending]) =>
      renderGovernance(ctx, config, roles, state, markets, pending, marketsPending, now.time)),
  ]);
}

function explain(e: unknown, ctx?: Ctx): string {
  const msg = (e as Error).message ?? String(e);
  if (e instanceof ChainError && /not found|decoding bech32|invalid address|no such contract/i.test(msg)) {
    return `no Ballast vault at ${ctx?.config.vault}: ${msg}`;
  }
  return msg;
}

async function boot(): Promise<void> {
  const { config, warnings } = await loadConfig(location.search);
  if (!config.vault) {
    showBanner("no vault address: run scripts/deploy-localnet.sh and scripts/web.sh, or open the page with ?vault=inj1…&rest=…");
    document.body.dataset.ready = "error";
    return;
  }
  const ctx = makeCtx(config);
  if (warnings.length) fill("warnings", warnings.join("; "));
  for (const el of document.querySelectorAll(".denom")) el.textContent = config.denom_display;
  bindPreview(ctx);
  bindWallet(ctx, () => refresh(ctx).catch((e) => showBanner(explain(e, ctx))));
  try {
    await refresh(ctx);
    document.body.dataset.ready = "ok";
  } catch (e) {
    showBanner(explain(e, ctx));
    document.body.dataset.ready = "error";
  }
  // since navigation start: what a person waits for, HTML and bundle included
  document.body.dataset.loadMs = String(Math.round(performance.now()));
}

boot().catch((e) => { showBanner(`the page failed to start: ${(e as Error).message}`); document.body.dataset.ready = "error"; });
