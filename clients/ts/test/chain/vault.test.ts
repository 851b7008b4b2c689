// Against the local chain (scripts/deploy-localnet.sh, then `npm run test:chain`): the generated clients
// query, and sdk-ts signs and broadcasts, as a depositor (user key) and as the manager and owner (admin key).
// The tests run in order and build on each other: deposit, redeem, fresh price, orders, a parameter proposal
// and a market proposal (the web page's test reads both pending).
import { test } from "node:test";
import assert from "node:assert/strict";
import { OracleClient } from "../../src/generated/Oracle.client";
import { GovernorClient, GovernorQueryClient } from "../../src/generated/Governor.client";
import { VaultClient, VaultQueryClient } from "../../src/generated/Vault.client";
import { parseUnits } from "../../src/format";
import { feedId } from "../../src/pyth";
import { loadDeploy, restSmart, signerFor, wasmEvent } from "./localnet";

const d = loadDeploy();
const user = signerFor(d, "user");
const admin = signerFor(d, "admin");
const market = d.markets[0].market;
// ts-codegen's ISigningCosmWasmClient types fee/funds with interchainjs types; the signer takes the same shapes.
const asUser = new VaultClient(user as any, user.sender, d.vault);
const asAdmin = new VaultClient(admin as any, admin.sender, d.vault);
const vault = new VaultQueryClient(user as any, d.vault);
const asOwner = new GovernorClient(admin as any, admin.sender, d.governor);
const governor = new GovernorQueryClient(user as any, d.governor);

async function chainTime(): Promise<number> {
  const res = await fetch(`${d.rest}/cosmos/base/tendermint/v1beta1/blocks/latest`);
  return Math.floor(Date.parse((await res.json()).block.header.time) / 1000);
}

test("the generated client reads the vault's state and config as the REST query does", async () => {
  const state = await vault.state();
  assert.deepEqual(state, await restSmart(d, d.vault, { state: {} }));
  assert.match(state.nav, /^\d+$/);
  assert.equal(state.paused, false);
  const config = await vault.config();
  assert.equal(config.denom, d.denom);
  assert.equal(config.manager, d.admin);
  const m = await vault.market({ market });
  assert.equal(m.config.feed_id, feedId(d.markets[0].feed_id));
  assert.ok(m.observations >= 2, `observations ${m.observations}`);
});

test("deposit: the user's shares grow by what PreviewDeposit promised and nav by the assets", async () => {
  const assets = parseUnits("1000");
  const before = await vault.state();
  const held = BigInt((await vault.holder({ address: user.sender })).shares);
  const promised = BigInt(await vault.previewDeposit({ amount: assets }));
  const res = await asUser.deposit({ amount: assets }, undefined, undefined, [{ denom: d.denom, amount: assets }]);
  assert.ok(res.gasUsed > 0);
  const after = await vault.state();
  assert.equal(BigInt((await vault.holder({ address: user.sender })).shares) - held, promised);
  assert.equal(BigInt(after.nav) - BigInt(before.nav), BigInt(assets));
  assert.equal(BigInt(after.total_shares) - BigInt(before.total_shares), promised);
});

test("redeem: a tenth of the user's shares pays what PreviewRedeem promised", async () => {
  const held = BigInt((await vault.holder({ address: user.sender })).shares);
  const shares = (held / 10n).toString();
  const promised = BigInt(await vault.previewRedeem({ amount: shares }));
  const before = await vault.state();
  // Shares are a bank denom (the vault standard's vault token): the redeem attaches them.
  const { vault_token } = await vault.info();
  await asUser.redeem({ amount: shares }, undefined, undefined, [{ denom: vault_token, amount: shares }]);
  const after = await vault.state();
  assert.equal(BigInt((await vault.holder({ address: user.sender })).shares), held - BigInt(shares));
  assert.equal(BigInt(before.nav) - BigInt(after.nav), promised);
});

test("a keeper publishes a fresh price through the oracle client and marks the vault", async () => {
  const oracle = new OracleClient(admin as any, admin.sender, d.oracle);
  let t = await chainTime();
  const last = (await vault.market({ market })).last_price_time ?? 0;
  while (t <= last) { await new Promise((r) => setTimeout(r, 300)); t = await chainTime(); }
  const price = "6000000000000"; // 60,000 at expo -8
  await oracle.updatePriceFeeds({ feeds: [{ id: feedId(d.markets[0].feed_id), price, conf: "6000000000", expo: -8, publish_time: t }] });
  await asAdmin.mark({ market });
  assert.equal((await vault.market({ market })).last_price_time, t);
});

// The generated methods take camelCase arguments (reduceOnly) and send the contract's snake_case fields.
type Order = Parameters<VaultQueryClient["previewOrder"]>[0];
function order(side: "long" | "short", size: bigint, reduceOnly: boolean): Order {
  return { market, side, size: size.toString(), reduceOnly };
}

// Preview, submit, and check that the decision recorded in the tx's events is the one previewed.
async function submit(req: Order, want: "accepted" | "scaled" | "rejected") {
  const preview = await vault.previewOrder(req);
  assert.equal(preview.decision, want, `preview of ${JSON.stringify(req)}: ${JSON.stringify(preview)}`);
  const res = await asAdmin.submitOrder(req);
  const ev = wasmEvent(res.events, d.vault, "submit_order");
  assert.equal(ev.decision, want);
  assert.equal(ev.binding_cap, preview.reason);
  assert.equal(ev.requested, req.size);
  assert.equal(ev.executed, preview.executed);
  return { preview, ev };
}

test("orders as the manager: accepted in full, scaled to the binding cap, rejected with a reason", async () => {
  // sizes relative to nav, so that a second run on the same chain decides the same way
  const nav = BigInt((await vault.state()).nav);
  const accepted = await submit(order("long", nav / 100n, false), "accepted");
  assert.equal(accepted.ev.executed, (nav / 100n).toString());
  assert.ok(accepted.preview.caps.length > 0, "an accepted preview lists every cap's limit");

  const scaled = await submit(order("long", nav * 5n, false), "scaled");
  assert.ok(BigInt(scaled.ev.executed) < nav * 5n);
  const binding = scaled.preview.caps.find((c) => c.cap === scaled.preview.reason);
  assert.ok(binding, `the binding cap ${scaled.preview.reason} is among the caps`);

  // reduce-only in the direction of the long position: there is nothing to reduce
  const rejected = await submit(order("long", nav / 100n, true), "rejected");
  assert.equal(rejected.ev.executed, "0");
  assert.equal(rejected.preview.reason, "reduce_only");

  // reduce-only short of half the position: accepted, and the vault ends halfway below its binding cap
  const held = BigInt((await vault.market({ market })).mark.notional);
  await submit(order("short", held / 2n, true), "accepted");
  const left = BigInt((await vault.market({ market })).mark.notional);
  assert.ok(left < held && left > held / 3n, `position ${held} -> ${left}`);
});

test("a malformed order is refused by the contract's parser with a message naming the problem", async () => {
  await assert.rejects(
    vault.previewOrder({ market, side: "long", size: "ten", reduceOnly: false }),
    /invalid|Uint128|parse/i,
  );
  await assert.rejects(vault.previewOrder({ ...order("long", 1n, false), market: "NOPE" }), /NOPE|market/i);
});

test("governance: the owner proposes parameters to the governor; they wait for the timelock", async () => {
  const { params, governor: governorAddress } = await vault.config();
  assert.equal(governorAddress, d.governor);
  assert.equal((await governor.config()).vault, d.vault);
  const proposed = { ...params, target_vol: "0.35" };
  const t = await chainTime();
  await asOwner.proposeParams({ params: proposed });
  const pending = await governor.pendingParams();
  assert.ok(pending, "pending params after a proposal");
  assert.equal(pending.params.target_vol, "0.35");
  assert.ok(pending.eta >= t + params.timelock && pending.eta <= t + params.timelock + 10, `eta ${pending.eta}, now ${t}`);
  assert.equal((await vault.config()).params.target_vol, params.target_vol, "not applied before the timelock");
});

test("governance: the owner proposes a market change; it waits for the timelock beside the current config", async () => {
  const { params } = await vault.config();
  const current = (await vault.market({ market })).config;
  const proposed = { ...current, max_notional: (BigInt(current.max_notional) * 2n).toString() };
  const t = await chainTime();
  await asOwner.proposeMarket({ config: proposed });
  const pending = await governor.pendingMarket({ market });
  assert.ok(pending, "a pending market change after the proposal");
  assert.deepEqual(pending.config, proposed);
  assert.ok(pending.eta >= t + params.timelock && pending.eta <= t + params.timelock + 10, `eta ${pending.eta}, now ${t}`);
  assert.equal(await governor.pendingMarket({ market: "NOPE-PERP" }), null, "no change pending for another market");
  assert.deepEqual((await vault.market({ market })).config, current, "not applied before the timelock");
});
