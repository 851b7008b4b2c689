import { test } from "node:test";
import assert from "node:assert/strict";
import { formatPercent, formatUnits, parseUnits, ratio } from "../../src/format";
import { feedId, pythPrice } from "../../src/pyth";

test("formatUnits keeps every digit of a Uint128 and groups thousands", () => {
  assert.equal(formatUnits("1000000000000000000000"), "1,000");
  assert.equal(formatUnits("1500000000000000000"), "1.5");
  assert.equal(formatUnits("1"), "0");
  assert.equal(formatUnits("1", 18, 18), "0.000000000000000001");
  assert.equal(formatUnits("340282366920938463463374607431768211455", 18, 2), "340,282,366,920,938,463,463.37");
  assert.throws(() => formatUnits("-1"), /not a Uint128/);
  assert.throws(() => formatUnits("1.5"), /not a Uint128/);
});

test("parseUnits is the inverse of formatUnits and refuses malformed amounts with a reason", () => {
  assert.equal(parseUnits("1.5"), "1500000000000000000");
  assert.equal(parseUnits(" 1,000 "), "1000000000000000000000");
  assert.equal(parseUnits("0.000000000000000001"), "1");
  assert.equal(parseUnits(formatUnits("123456789000000000000", 18, 18)), "123456789000000000000");
  assert.throws(() => parseUnits(""), /empty/);
  assert.throws(() => parseUnits("-3"), /not a positive number/);
  assert.throws(() => parseUnits("1.2.3"), /not a positive number/);
  assert.throws(() => parseUnits("1e18"), /not a positive number/);
  assert.throws(() => parseUnits("0.0000000000000000001"), /more than 18 decimal places/);
  assert.throws(() => parseUnits("340282366920938463464"), /does not fit in a Uint128/);
});

test("formatPercent and ratio", () => {
  assert.equal(formatPercent("0.03970875673398666"), "3.97%");
  assert.equal(formatPercent("1"), "100.00%");
  assert.throws(() => formatPercent("abc"), /not a Decimal/);
  assert.equal(ratio("5", "10"), 0.5);
  assert.equal(ratio("3000000000000000000000", "1000000000000000000000"), 3);
  assert.equal(ratio("0", "0"), 0);
  assert.equal(ratio("1", "0"), Infinity);
});

test("feedId normalises Pyth ids and refuses anything but 32 bytes of hex", () => {
  const id = "b7".repeat(32);
  assert.equal(feedId("0x" + id.toUpperCase()), id);
  assert.equal(feedId(id), id);
  assert.throws(() => feedId("0x1234"), /64 hex characters/);
  assert.throws(() => feedId("zz".repeat(32)), /64 hex characters/);
});

test("pythPrice applies the exponent exactly", () => {
  assert.equal(pythPrice("6000000000000", -8), "60000");
  assert.equal(pythPrice("6000060000000", -8), "60000.6");
  assert.equal(pythPrice("5", -8), "0.00000005");
  assert.equal(pythPrice("-123", -1), "-12.3");
  assert.equal(pythPrice("7", 2), "700");
  assert.throws(() => pythPrice("1.5", -8), /not an integer price/);
});
