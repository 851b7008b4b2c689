// Vault figures and, per market, forecast volatility, exposure and every cap's limit as bars: the shortest
// limit binds, and each bar shows how much of its limit the current exposure uses.
import { formatPercent, ratio } from "../../../clients/ts/src/format";
import type { MarketResponse, OrderPreview, StateResponse } from "../../../clients/ts/src/generated/Vault.types";
import type { VaultUnits } from "../../../clients/ts/src/units";
import type { Ctx } from "../context";
import { figure, fill, h } from "../dom";

export async function renderVault(ctx: Ctx, units: VaultUnits, state: StateResponse, minOrder: string,
  markets: MarketResponse[]): Promise<void> {
  fill("vault-figures",
    figure("nav", "NAV", ctx.amount(state.nav), state.nav, "idle + margin + unrealised PnL"),
    // data-raw keeps the chain's figures: base units per share atom, share atoms
    figure("share-price", "Share price", units.sharePrice(state.share_price), state.share_price, "per whole share"),
    figure("supply", "Share supply", `${units.shares(state.total_shares)} shares`, state.total_shares,
      `a share has ${units.shareDecimals} decimals (${units.denom}'s ${units.denomDecimals} + the vault's offset ${units.shareOffset})`),
    figure("idle", "Idle balance", ctx.amount(state.idle), state.idle, "not posted as margin"),
    figure("gross", "Gross notional", ctx.amount(state.gross_notional), state.gross_notional),
    figure("paused", "Status", state.paused ? "paused: reduce-only" : "open", String(state.paused)));

  const cards = await Promise.all(markets.map(async (m) => {
    const market = m.config.market;
    // the caps' limits for adding exposure in the position's direction (long when flat)
    const side = m.mark.side ?? "long";
    const preview = await ctx.vault.previewOrder({ market, side, size: minOrder, reduceOnly: false });
    return marketCard(ctx, market, m, preview);
  }));
  fill("markets", ...cards);
}

function marketCard(ctx: Ctx, market: string, m: MarketResponse, p: OrderPreview): HTMLElement {
  const exposure = m.mark.notional;
  const bounded = p.caps.filter((c) => c.limit !== null && c.limit !== undefined) as { cap: string; limit: string }[];
  bounded.sort((a, b) => (BigInt(a.limit) < BigInt(b.limit) ? -1 : BigInt(a.limit) > BigInt(b.limit) ? 1 : 0));
  const least = bounded[0]?.limit; // every cap at the smallest limit binds (gross leverage and concentration can tie)
  const rows = bounded.map((c) => {
    const used = ratio(exposure, c.limit);
    const pct = Math.min(used, 1) * 100;
    const binds = c.limit === least;
    return h("tr", { class: binds ? "cap binding" : "cap", "data-cap": c.cap, "data-limit": c.limit },
      h("td", {}, c.cap.replace(/_/g, " "), binds ? h("span", { class: "tag" }, "binds") : null),
      h("td", { class: "num" }, ctx.amount(c.limit)),
      h("td", { class: "bar-cell" },
        h("div", { class: "bar" }, h("div", { class: used >= 0.999 ? "fill full" : "fill", style: `width:${pct.toFixed(1)}%` })),
        h("span", { class: "pct" }, `${(used * 100).toFixed(1)}% used`)));
  });
  const unbounded = p.caps.filter((c) => c.limit === null || c.limit === undefined).map((c) => c.cap.replace(/_/g, " "));
  const halted = m.halted_until ? `halted until ${new Date(m.halted_until * 1000).toISOString()}` : "trading";
  return h("section", { class: "market", "data-market": market },
    h("h3", {}, market, h("span", { class: "sub" }, ` ${halted}`)),
    h("div", { class: "figures" },
      figure(`vol-${market}`, "Forecast volatility", m.forecast_vol ? formatPercent(m.forecast_vol) : "not enough data",
        m.forecast_vol ?? "", `annualised, ${m.observations} returns`),
      figure(`exposure-${market}`, "Exposure", `${m.mark.side ?? "flat"} ${ctx.amount(exposure)}`, exposure,
        `margin ${ctx.amount(m.mark.margin)}`),
      figure(`max-notional-${market}`, "Market limit", ctx.amount(m.config.max_notional), m.config.max_notional)),
    p.caps.length === 0
      ? h("p", { class: "warn", id: `caps-${market}` }, `caps unavailable: the pipeline stops at ${p.reason.replace(/_/g, " ")} before the caps`)
      : h("table", { class: "caps", id: `caps-${market}` },
          h("thead", {}, h("tr", {}, h("th", {}, "cap"), h("th", {}, "largest position"), h("th", {}, "exposure / limit"))),
          h("tbody", {}, ...rows)),
    unbounded.length ? h("p", { class: "hint" }, `no limit now: ${unbounded.join(", ")}`) : null);
}
