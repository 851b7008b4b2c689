// The order preview form: the same PreviewOrder the manager's SubmitOrder would run, answered without a tx.
import { formatPercent } from "../../../clients/ts/src/format";
import type { OrderPreview } from "../../../clients/ts/src/generated/Vault.types";
import { parseAmount } from "../../../clients/ts/src/units";
import type { Ctx } from "../context";
import { fill, h } from "../dom";

interface OrderInput { market: string; side: "long" | "short"; size: string; reduceOnly: boolean; signal?: string }

/** Reads the form; throws a message that names the field and what is wrong with it. */
export function readOrder(form: HTMLFormElement, decimals: number, denom: string): OrderInput {
  const data = new FormData(form);
  const market = String(data.get("market") ?? "").trim();
  if (!market) throw new Error("market: choose or type a market id");
  const side = String(data.get("side"));
  if (side !== "long" && side !== "short") throw new Error("side: long or short");
  let size: string;
  try {
    size = parseAmount(String(data.get("size") ?? ""), decimals, denom); // whole tokens of notional
  } catch (e) {
    throw new Error(`size: ${(e as Error).message}`);
  }
  const signalText = String(data.get("signal") ?? "").trim();
  let signal: string | undefined;
  if (signalText !== "") {
    if (!/^-?\d+(\.\d{1,18})?$/.test(signalText) || Math.abs(Number(signalText)) > 1) {
      throw new Error(`signal: "${signalText}" must be a number in [-1, 1] (or empty for none)`);
    }
    signal = signalText;
  }
  return { market, side, size, reduceOnly: data.get("reduce_only") === "on", signal };
}

function showPreview(ctx: Ctx, p: OrderPreview): void {
  const why = p.decision === "accepted" ? "every cap allows the full size"
    : p.decision === "scaled" ? `cut to the ${p.reason.replace(/_/g, " ")} cap`
    : `refused: ${p.reason.replace(/_/g, " ")}`;
  fill("preview-result",
    h("p", { class: `verdict ${p.decision}`, id: "preview-decision", "data-decision": p.decision, "data-reason": p.reason },
      `${p.decision.toUpperCase()}: ${why}`),
    h("dl", {},
      h("dt", {}, "requested"), h("dd", { id: "preview-requested", "data-raw": p.requested }, ctx.amount(p.requested)),
      h("dt", {}, "would execute"), h("dd", { id: "preview-executed", "data-raw": p.executed }, ctx.amount(p.executed)),
      h("dt", {}, "forecast vol"), h("dd", {}, p.forecast_vol ? formatPercent(p.forecast_vol) : "-"),
      h("dt", {}, "nav used"), h("dd", {}, ctx.amount(p.nav))),
    p.caps.length ? h("table", { class: "caps" }, h("tbody", {}, ...p.caps.map((c) =>
      h("tr", { class: c.cap === p.reason ? "binding" : "" },
        h("td", {}, c.cap.replace(/_/g, " ")), h("td", { class: "num" }, c.limit ? ctx.amount(c.limit) : "no limit"))))) : null);
}

export function bindPreview(ctx: Ctx): void {
  const form = document.getElementById("preview-form") as HTMLFormElement;
  const list = document.getElementById("market-list")!;
  list.replaceChildren(...ctx.config.markets.map((m) => h("option", { value: m })));
  (form.elements.namedItem("market") as HTMLInputElement).value = ctx.config.markets[0] ?? "";
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    let order: OrderInput;
    try {
      order = readOrder(form, ctx.config.denom_decimals, ctx.config.denom_display);
    } catch (e) {
      fill("preview-result", h("p", { class: "error", id: "preview-error" }, (e as Error).message));
      return;
    }
    fill("preview-result", h("p", { class: "hint" }, "asking the vault…"));
    try {
      showPreview(ctx, await ctx.vault.previewOrder(order));
    } catch (e) {
      fill("preview-result", h("p", { class: "error", id: "preview-error" }, `the vault refused the query: ${(e as Error).message}`));
    }
  });
}
