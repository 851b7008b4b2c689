// What both browser tests share: the deployment, plain REST reads of the chain (an independent check of what
// the page shows), and amounts formatted here with BigInt, apart from the page's own code.
// env: BALLAST_DEPLOY (.localnet/deploy.json), WEB_URL (http://127.0.0.1:5173/), CHROMIUM (/usr/bin/chromium),
// SCREENSHOTS (web/screenshots/, the ones the README shows)
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
export const shots = process.env.SCREENSHOTS ?? path.resolve(here, "../screenshots");
mkdirSync(shots, { recursive: true });
export const d = JSON.parse(readFileSync(process.env.BALLAST_DEPLOY ?? path.resolve(here, "../../.localnet/deploy.json"), "utf8"));
export const url = process.env.WEB_URL ?? "http://127.0.0.1:5173/";
export const E18 = 10n ** 18n;
export const DENOM_DECIMALS = 18; // inj; scripts/web.sh writes the same into config.json

export const launch = () => chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" });

export async function smart(query, contract = d.vault) {
  const q = Buffer.from(JSON.stringify(query)).toString("base64");
  const res = await fetch(`${d.rest}/cosmwasm/wasm/v1/contract/${contract}/smart/${q}`);
  if (!res.ok) throw new Error(`query ${JSON.stringify(query)}: ${await res.text()}`);
  return (await res.json()).data;
}

export async function balance(address) {
  const res = await fetch(`${d.rest}/cosmos/bank/v1beta1/balances/${address}/by_denom?denom=${d.denom}`);
  return BigInt((await res.json()).balance.amount);
}

/** Decimals of a share: the denom's plus the vault's share_offset_decimals. */
export async function shareDecimals() {
  return DENOM_DECIMALS + (await smart({ config: {} })).params.share_offset_decimals;
}

/** atoms / 10^decimals rounded down to `digits` places, thousands grouped: what the page should print. */
export function whole(atoms, decimals, digits = 4) {
  const a = BigInt(atoms), scale = 10n ** BigInt(decimals);
  const fraction = (a % scale).toString().padStart(decimals, "0").slice(0, digits).replace(/0+$/, "");
  return (a / scale).toLocaleString("en-US") + (fraction ? `.${fraction}` : "");
}

/** Every decimal, no grouping: what a person types to mean exactly `atoms`. */
export const exact = (atoms, decimals) => whole(atoms, decimals, decimals).replace(/,/g, "");

/** A cosmwasm Decimal as an integer of 10^-18. */
export function decimalAtomics(value) {
  const [w, f = ""] = value.split(".");
  return BigInt(w + f.padEnd(18, "0"));
}

/** Waits until #wallet-message matches `re` (the previous message may be of the same kind). */
export async function walletMessage(page, re, timeout = 30_000) {
  await page.waitForFunction(([src, flags]) => new RegExp(src, flags).test(document.querySelector("#wallet-message")?.textContent ?? ""),
    [re.source, re.flags], { timeout }).catch(async (e) => {
    throw new Error(`#wallet-message never matched ${re}: "${await page.locator("#wallet-message").innerText().catch(() => "")}" (${e.message})`);
  });
  return page.locator("#wallet-message").innerText();
}

/**
 * Deposits `tokens` whole INJ and redeems half the shares minted, typed as a person would (whole tokens, whole
 * shares to every decimal), through whichever wallet the page has connected as the deployment's user. Checks
 * the page's previews against PreviewDeposit / PreviewRedeem, the shares and the bank balance on chain, and
 * the page's holding after each tx.
 */
export async function depositThenRedeem(page, tokens, shot) {
  const sd = await shareDecimals();
  const raw = (sel) => page.locator(sel).getAttribute("data-raw");
  const text = (sel) => page.locator(sel).innerText();
  const held = async () => BigInt((await smart({ holder: { address: d.user } })).shares);
  const before = await held();

  await page.fill("#deposit-amount", String(tokens));
  await page.waitForSelector(`#deposit-preview[data-for="${tokens}"][data-raw]`);
  const promised = BigInt(await smart({ preview_deposit: { amount: (BigInt(tokens) * E18).toString() } }));
  assert.equal(await raw("#deposit-preview"), promised.toString(), "the page's preview is PreviewDeposit");
  assert.equal(await text("#deposit-preview"), `mints ${whole(promised, sd)} shares now`);
  await page.click("#deposit");
  assert.match(await walletMessage(page, /^deposit (included|failed)/), /^deposit included at height \d+/);
  const after = await held();
  assert.equal(after - before, promised, "shares minted = PreviewDeposit");
  assert.equal(await raw("#wallet-shares"), after.toString());
  assert.equal(await text("#wallet-shares"), whole(after, sd), "the holding in whole shares");
  if (shot) await page.locator(".card", { has: page.locator("#deposit") }).screenshot({ path: path.join(shots, shot) });

  const redeem = promised / 2n; // half of what was just minted: far from any cap
  const typed = exact(redeem, sd);
  await page.fill("#redeem-shares", typed);
  await page.waitForSelector(`#redeem-preview[data-for="${typed}"][data-raw]`);
  const pays = BigInt(await smart({ preview_redeem: { amount: redeem.toString() } }));
  assert.equal(await raw("#redeem-preview"), pays.toString(), "the page's preview is PreviewRedeem");
  assert.equal(await text("#redeem-preview"), `pays ${whole(pays, 18)} INJ now`);
  const bankBefore = await balance(d.user);
  await page.click("#redeem");
  assert.match(await walletMessage(page, /^redeem (included|failed)/), /^redeem included at height \d+/);
  assert.equal(await held(), after - redeem, "exactly the typed share atoms were burnt");
  assert.equal(await raw("#wallet-shares"), (after - redeem).toString());
  const gained = (await balance(d.user)) - bankBefore; // the redeem's pay minus the tx fee (< 0.001 INJ)
  assert.ok(gained > pays - E18 / 1000n && gained <= pays, `bank +${gained}, PreviewRedeem ${pays}`);
  return { minted: promised, redeemed: redeem, held: after - redeem };
}
