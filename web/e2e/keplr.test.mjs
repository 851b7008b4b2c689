// The Keplr path in headless Chromium: the page is served a config without the dev key (as on any chain but
// the local one), and a `window.keplr` injected before the page loads holds the deployment's user key. It
// asks of the page what the real extension does (@keplr-wallet/provider's signDirect: Uint8Array bytes and an
// accountNumber that is a Long, which it turns into a string for its background) and signs as Injective does:
// secp256k1 over keccak256 of the SignDoc, which this file encodes itself from the parts Keplr is given.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { secp256k1 } from "@noble/curves/secp256k1";
import { keccak_256 } from "@noble/hashes/sha3";
import { hexToBytes } from "@noble/hashes/utils";
import { d, depositThenRedeem, launch, smart, url, walletMessage } from "./helpers.mjs";

/** cosmos.tx.v1beta1.SignDoc: body (1), auth info (2), chain id (3), account number (4, varint). */
function signDocBytes(body, authInfo, chainId, accountNumber) {
  const varint = (v) => { const out = []; for (v = BigInt(v); v > 0x7fn; v >>= 7n) out.push(Number((v & 0x7fn) | 0x80n)); out.push(Number(v)); return out; };
  const bytes = (field, b) => (b.length ? [...varint((field << 3) | 2), ...varint(b.length), ...b] : []);
  const n = BigInt(accountNumber);
  return Uint8Array.from([...bytes(1, body), ...bytes(2, authInfo), ...bytes(3, Buffer.from(chainId)),
    ...(n === 0n ? [] : [...varint(4 << 3), ...varint(n)])]);
}

let browser, page, priv, pubKey;
before(async () => {
  // the key the dev-key path signs with (scripts/web.sh exports it from the chain's keyring into config.json)
  const served = await (await fetch(new URL("config.json", url))).json();
  assert.ok(served.dev_key, "scripts/web.sh wrote the local chain's dev key");
  priv = hexToBytes(served.dev_key.replace(/^0x/, ""));
  pubKey = secp256k1.getPublicKey(priv, true);

  browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // the same page and config.json, less the dev key: the page must take the Keplr path
  await context.route("**/config.json", async (route) => {
    const res = await route.fetch();
    const { dev_key: _, ...config } = await res.json();
    await route.fulfill({ response: res, json: config });
  });
  await context.exposeFunction("__keplrSign", (body, authInfo, chainId, accountNumber) => {
    const doc = signDocBytes(Buffer.from(body, "base64"), Buffer.from(authInfo, "base64"), chainId, accountNumber);
    return Buffer.from(secp256k1.sign(keccak_256(doc), priv, { lowS: true }).toCompactRawBytes()).toString("base64");
  });
  await context.addInitScript(({ address, pubKey, chainId }) => {
    const calls = (window.__keplrCalls = []);
    const b64 = (u8) => btoa(String.fromCharCode(...u8));
    window.keplr = {
      async enable(id) {
        calls.push({ method: "enable", chainId: id });
        if (id !== chainId) throw new Error(`There is no chain info for ${id}`);
      },
      async getKey(id) {
        calls.push({ method: "getKey", chainId: id });
        return { name: "e2e", algo: "ethsecp256k1", pubKey: Uint8Array.from(pubKey), bech32Address: window.__keplrAddress ?? address,
          isNanoLedger: false, isKeystone: false };
      },
      async signDirect(id, signer, doc, options) {
        const n = doc.accountNumber;
        calls.push({ method: "signDirect", chainId: id, signer, isLong: n?.__isLong__ === true, unsigned: n?.unsigned,
          accountNumber: String(n), preferNoSetFee: options?.preferNoSetFee === true });
        // what Keplr's provider needs of its caller: it calls toString on a Long and clones the byte arrays
        if (n?.__isLong__ !== true) throw new Error(`accountNumber must be a Long, got ${typeof n}`);
        if (!(doc.bodyBytes instanceof Uint8Array) || !(doc.authInfoBytes instanceof Uint8Array)) throw new Error("SignDoc bytes must be Uint8Array");
        if (id !== chainId || doc.chainId !== chainId || signer !== address) throw new Error("Unmatched signer or chain");
        if (window.__keplrReject) throw new Error("Request rejected");
        const signature = await window.__keplrSign(b64(doc.bodyBytes), b64(doc.authInfoBytes), doc.chainId, n.toString());
        return { signed: doc, signature: { pub_key: { type: "ethsecp256k1/PubKey", value: b64(Uint8Array.from(pubKey)) }, signature } };
      },
    };
  }, { address: d.user, pubKey: [...pubKey], chainId: d.chain_id });
  page = await context.newPage();
  page.on("pageerror", (e) => console.log(`page error: ${e.message}`));
});
after(async () => { await browser?.close(); });

const calls = () => page.evaluate(() => window.__keplrCalls);
const text = (sel) => page.locator(sel).innerText();

test("without a dev key the page signs through window.keplr: a deposit and a redeem land as previewed", async () => {
  await page.goto(url);
  await page.waitForSelector("body[data-ready]", { timeout: 10_000 });
  assert.equal(await page.evaluate(() => document.body.dataset.ready), "ok");
  assert.match(await text("#wallet-message"), new RegExp(`^connect a Keplr-style wallet \\(window.keplr\\) for ${d.chain_id}$`));
  assert.equal(await page.locator("#wallet-address").count(), 0, "no account before the person connects");
  assert.deepEqual(await calls(), [], "the page does not touch the wallet on its own");

  await page.click("#connect");
  await page.waitForSelector("#wallet-shares");
  assert.equal(await text("#wallet-address"), d.user);
  assert.match(await text("#wallet-account"), /^keplr: /);
  assert.equal(await text("#wallet-message"), `connected through Keplr to ${d.chain_id}`);
  assert.deepEqual((await calls()).map((c) => [c.method, c.chainId]), [["enable", d.chain_id], ["getKey", d.chain_id]]);

  const { minted, redeemed } = await depositThenRedeem(page, 3, "keplr.png");
  assert.ok(minted > 0n && redeemed > 0n);
  const signs = (await calls()).filter((c) => c.method === "signDirect");
  const { account } = await (await fetch(`${d.rest}/cosmos/auth/v1beta1/accounts/${d.user}`)).json();
  const accountNumber = String((account.base_account ?? account).account_number);
  assert.equal(signs.length, 2, "one signature for the deposit, one for the redeem");
  for (const s of signs) {
    assert.deepEqual(s, { method: "signDirect", chainId: d.chain_id, signer: d.user, isLong: true, unsigned: true,
      accountNumber, preferNoSetFee: true });
  }
});

test("a person who rejects in Keplr, or a wallet with a non-Ethereum key, gets a message and nothing is sent", async () => {
  const held = (await smart({ holder: { address: d.user } })).shares;
  await page.evaluate(() => { window.__keplrReject = true; });
  await page.fill("#deposit-amount", "1");
  await page.click("#deposit");
  assert.equal(await walletMessage(page, /^deposit failed/), "deposit failed: Request rejected");
  assert.equal((await smart({ holder: { address: d.user } })).shares, held);

  // a wallet deriving a cosmos key for this chain names an address the user key does not hash to
  await page.evaluate((other) => { window.__keplrAddress = other; }, d.admin);
  await page.click("#connect");
  assert.match(await walletMessage(page, /not an Ethereum-style/, 5_000),
    new RegExp(`^the wallet's key for ${d.chain_id} is not an Ethereum-style \\(eth_secp256k1, coin type 60\\) key for ${d.admin}`));
});
