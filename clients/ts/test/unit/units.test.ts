import { test } from "node:test";
import assert from "node:assert/strict";
import { VaultUnits, parseAmount } from "../../src/units";

// the local chain's vault: inj (18 decimals) and share_offset_decimals 6, so a share has 24 decimals
const inj = new VaultUnits("INJ", 18, 6);
const usdt = new VaultUnits("USDT", 6, 6);

test("share price: base units per share atom become whole tokens per whole share (x 10^d), exactly", () => {
  assert.equal(inj.sharePrice("0.00000099773994"), "0.99773994 INJ");
  assert.equal(inj.sharePrice("0.000001"), "1 INJ");
  assert.equal(inj.sharePrice("0.000000999999999999"), "0.99999999 INJ", "rounded down, not up");
  assert.equal(inj.sharePrice("0.000001234567891234", 12), "1.234567891234 INJ");
  assert.equal(inj.sharePrice("1234.5"), "1,234,500,000 INJ");
  // the price per whole share does not depend on the denom's decimals: both have offset 6
  assert.equal(usdt.sharePrice("0.00000099773994"), "0.99773994 USDT");
  assert.equal(new VaultUnits("X", 6, 0).sharePrice("1.05"), "1.05 X");
  assert.equal(new VaultUnits("X", 6, 18).sharePrice("0.000000000000000001"), "1 X");
  assert.throws(() => inj.sharePrice("1e-7"), /not a positive number/);
});

test("supply and holdings in whole shares, amounts in whole tokens", () => {
  assert.equal(inj.shares("900000000000000000000000000"), "900");
  assert.equal(inj.shares("4988699700299700299700299"), "4.9886");
  assert.equal(inj.exactShares("4988699700299700299700299"), "4.988699700299700299700299");
  assert.equal(inj.exactShares("1"), "0.000000000000000000000001");
  assert.equal(inj.exactShares("1000000000000000000000000000"), "1000");
  assert.equal(usdt.shares("10000000000000"), "10");
  assert.equal(inj.assets("1500000000000000000"), "1.5 INJ");
  assert.equal(usdt.assets("10000000"), "10 USDT");
});

test("typed amounts convert exactly and come back the same", () => {
  assert.equal(inj.parseAssets("10"), "10000000000000000000");
  assert.equal(usdt.parseAssets("10"), "10000000");
  assert.equal(usdt.parseAssets("0.000001"), "1");
  assert.equal(inj.parseShares("10"), "10000000000000000000000000");
  assert.equal(usdt.parseShares("1,000.5"), "1000500000000000");
  const atoms = "4988699700299700299700299";
  assert.equal(inj.parseShares(inj.exactShares(atoms)), atoms);
});

test("input with more decimals than exist, zero or junk is refused with what was wrong", () => {
  assert.throws(() => usdt.parseAssets("0.1234567"), { message: '"0.1234567" has 7 decimal places; USDT has only 6' });
  assert.throws(() => inj.parseShares("0.0000000000000000000000001"), /has 25 decimal places; a share has only 24$/);
  assert.throws(() => usdt.parseShares("1.0000000000001"), /has 13 decimal places; a share has only 12/);
  assert.throws(() => parseAmount("1.5", 0, "a token"), /has 1 decimal places; a token has none/);
  assert.equal(usdt.parseAssets("1.500000"), "1500000", "trailing zeros within the decimals are fine");
  assert.throws(() => inj.parseAssets("0"), /"0" is zero: enter more than 0/);
  assert.throws(() => inj.parseAssets("0.000"), /is zero/);
  assert.throws(() => inj.parseAssets(""), /empty/);
  assert.throws(() => inj.parseAssets("-5"), /"-5" is not a positive number/);
  assert.throws(() => inj.parseAssets("1e3"), /not a positive number/);
  assert.throws(() => inj.parseShares("340282366920938.463463374607431768211456"), /does not fit in a Uint128/);
});

test("decimals outside what a chain or the vault allows are refused", () => {
  assert.throws(() => new VaultUnits("X", 19, 6), /the denom's decimals must be a whole number from 0 to 18, got 19/);
  assert.throws(() => new VaultUnits("X", 6, 1.5), /share_offset_decimals must be a whole number from 0 to 18, got 1.5/);
  assert.throws(() => new VaultUnits("X", -1, 6), /got -1/);
});
