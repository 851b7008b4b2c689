// Governance: the governor's roles, the vault's current parameters next to the governor's pending proposal,
// each market's pending change with what it changes, the time each timelock still runs, and the paused /
// halted states.
import type { GovernorConfigResponse, PendingMarketResponse, PendingParamsResponse } from "../../../clients/ts/src/generated/Governor.types";
import type { ConfigResponse, MarketResponse, StateResponse, VaultParams } from "../../../clients/ts/src/generated/Vault.types";
import type { Ctx } from "../context";
import { fill, h } from "../dom";

/** Nested params flattened to "guards.max_age" = "60" rows. */
function flatten(o: object, prefix = ""): [string, string][] {
  return Object.entries(o).flatMap(([k, v]) =>
    v !== null && typeof v === "object" ? flatten(v, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)] as [string, string]]);
}

export function timeLeft(seconds: number): string {
  if (seconds <= 0) return "ready to apply";
  const hh = Math.floor(seconds / 3600), mm = Math.floor((seconds % 3600) / 60), ss = seconds % 60;
  return `${hh}h ${String(mm).padStart(2, "0")}m ${String(ss).padStart(2, "0")}s left`;
}

/** Fields of a market's config that are amounts of the denom, shown in whole tokens. */
const AMOUNT_FIELDS = new Set(["max_notional"]);

/** One row per market with a pending change: when it applies and each field it changes, current -> pending. */
function pendingMarkets(ctx: Ctx, markets: MarketResponse[], pending: (PendingMarketResponse | null)[], now: number): HTMLElement {
  const show = (k: string, v: string | undefined) => (v === undefined ? "(none)" : AMOUNT_FIELDS.has(k) && /^\d+$/.test(v) ? ctx.amount(v) : v);
  const rows = markets.flatMap((m, i) => {
    const p = pending[i];
    if (!p) return [];
    const current = new Map(flatten(m.config));
    const next = new Map(flatten(p.config));
    const keys = [...new Set([...current.keys(), ...next.keys()])].filter((k) => current.get(k) !== next.get(k));
    return [h("tr", { class: "pending-market", "data-market": m.config.market, "data-eta": String(p.eta), "data-changes": keys.join(",") },
      h("td", {}, m.config.market),
      h("td", { class: "eta" }, timeLeft(p.eta - now), h("div", { class: "hint" }, `applies at ${new Date(p.eta * 1000).toISOString()}`)),
      h("td", {}, keys.length === 0 ? "the same configuration as now"
        : h("ul", { class: "changes" }, ...keys.map((k) => h("li", { "data-field": k }, `${k}: ${show(k, current.get(k))} → ${show(k, next.get(k))}`)))))];
  });
  if (rows.length === 0) {
    return h("p", { class: "hint", id: "gov-markets" }, `no market change pending${markets.length ? ` (${markets.map((m) => m.config.market).join(", ")})` : ""}`);
  }
  return h("table", { class: "params", id: "gov-markets" },
    h("thead", {}, h("tr", {}, h("th", {}, "market"), h("th", {}, "pending change applies in"), h("th", {}, "changes (current → pending)"))),
    h("tbody", {}, ...rows));
}

export function renderGovernance(ctx: Ctx, config: ConfigResponse, roles: GovernorConfigResponse, state: StateResponse,
  markets: MarketResponse[], pending: PendingParamsResponse | null | undefined, marketsPending: (PendingMarketResponse | null)[],
  now: number): void {
  const halted: string[] = [];
  for (const m of markets) {
    if (m.halted_until && m.halted_until > now) halted.push(`${m.config.market} halted for ${timeLeft(m.halted_until - now).replace(" left", "")}`);
  }
  const next = pending ? new Map(flatten(pending.params as VaultParams)) : new Map<string, string>();
  const rows = flatten(config.params).map(([k, v]) => {
    const p = next.get(k);
    return h("tr", { class: p !== undefined && p !== v ? "changed" : "", "data-param": k },
      h("td", {}, k), h("td", { class: "num" }, v), h("td", { class: "num" }, p === undefined ? "" : p));
  });
  fill("governance",
    h("div", { class: "figures" },
      h("div", { class: "figure" }, h("div", { class: "label" }, "Vault"),
        h("div", { class: "value", id: "gov-paused", "data-raw": String(state.paused) }, state.paused ? "PAUSED" : "not paused")),
      h("div", { class: "figure" }, h("div", { class: "label" }, "Markets"),
        h("div", { class: "value", id: "gov-halted" }, halted.length ? halted.join("; ") : "none halted")),
      h("div", { class: "figure" }, h("div", { class: "label" }, "Pending parameters"),
        h("div", { class: "value", id: "gov-timelock", "data-eta": pending ? String(pending.eta) : "" },
          pending ? timeLeft(pending.eta - now) : "none"),
        pending ? h("div", { class: "hint" }, `applies at ${new Date(pending.eta * 1000).toISOString()} (anyone may ApplyParams on the governor then)`) : null)),
    h("p", { class: "hint", id: "gov-roles" }, `governor ${config.governor} · owner ${roles.owner} · guardian ${roles.guardian}`
      + (roles.pending_owner ? ` (ownership offered to ${roles.pending_owner})` : "") + ` · manager ${config.manager}`),
    h("h3", {}, "Markets: pending changes"),
    pendingMarkets(ctx, markets, marketsPending, now),
    h("h3", {}, "Parameters"),
    h("table", { class: "params" },
      h("thead", {}, h("tr", {}, h("th", {}, "parameter"), h("th", {}, "current"), h("th", {}, "pending"))),
      h("tbody", {}, ...rows)));
}
