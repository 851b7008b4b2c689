// Governance: the governor's roles, the vault's current parameters next to the governor's pending proposal,
// the time its timelock still runs, and the paused / halted states.
import type { GovernorConfigResponse, PendingParamsResponse } from "../../../clients/ts/src/generated/Governor.types";
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

export function renderGovernance(ctx: Ctx, config: ConfigResponse, roles: GovernorConfigResponse, state: StateResponse,
  markets: MarketResponse[], pending: PendingParamsResponse | null | undefined, now: number): void {
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
    h("table", { class: "params" },
      h("thead", {}, h("tr", {}, h("th", {}, "parameter"), h("th", {}, "current"), h("th", {}, "pending"))),
      h("tbody", {}, ...rows)));
}
