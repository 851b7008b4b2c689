// Tiny DOM helpers: the page has no framework, so views build elements with h() and replace a section's body.
type Child = Node | string | null | undefined | false;

export function h(tag: string, attrs: Record<string, string | boolean | undefined> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

export function fill(id: string, ...children: Child[]): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from index.html`);
  el.replaceChildren(...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false));
  return el;
}

/** A labelled figure whose data-raw holds the exact chain value (the browser test compares it). */
export function figure(id: string, label: string, text: string, raw: string, hint?: string): HTMLElement {
  return h("div", { class: "figure" },
    h("div", { class: "label" }, label),
    h("div", { class: "value", id, "data-raw": raw }, text),
    hint ? h("div", { class: "hint" }, hint) : null);
}

export function showBanner(message: string): void {
  const el = fill("banner", message);
  el.hidden = false;
}
