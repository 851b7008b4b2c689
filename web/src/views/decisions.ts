// Recent order decisions from the vault's transaction events: what was asked, what ran, and why.
import { formatPercent } from "../../../clients/ts/src/format";
import { recentDecisions } from "../chain";
import type { Ctx } from "../context";
import { fill, h } from "../dom";

export async function renderDecisions(ctx: Ctx): Promise<void> {
  const decisions = await recentDecisions(ctx.chain, ctx.config.vault);
  if (decisions.length === 0) {
    fill("decisions", h("p", { class: "hint" }, "no orders yet"));
    return;
  }
  fill("decisions", h("table", {},
    h("thead", {}, h("tr", {}, ...["height", "action", "market", "side", "decision", "binding cap", "requested", "executed", "vol"].map((t) => h("th", {}, t)))),
    h("tbody", {}, ...decisions.map((d) => h("tr", { class: `decision ${d.decision}`, "data-tx": d.txhash },
      h("td", {}, String(d.height)), h("td", {}, d.action), h("td", {}, d.market), h("td", {}, d.side),
      h("td", { class: "decision-cell" }, d.decision), h("td", {}, d.binding_cap.replace(/_/g, " ")),
      h("td", { class: "num" }, ctx.amount(d.requested)), h("td", { class: "num" }, ctx.amount(d.executed)),
      h("td", { class: "num" }, d.vol ? formatPercent(d.vol) : "-"))))));
}
