// Uint128 and Decimal arrive from the contracts as strings. These helpers keep them exact (BigInt) until
// the last step, so a nav of 1e21 base units never goes through a float.
import type { Decimal, Uint128 } from "./generated/Vault.types";

const UINT = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Base units to a display amount: formatUnits("1500000000000000000", 18) === "1.5". */
export function formatUnits(amount: Uint128, decimals = 18, maxFractionDigits = 4): string {
  if (!UINT.test(amount)) throw new Error(`not a Uint128: ${JSON.stringify(amount)}`);
  const padded = amount.padStart(decimals + 1, "0");
  const whole = padded.slice(0, padded.length - decimals);
  const fraction = padded.slice(padded.length - decimals, padded.length - decimals + maxFractionDigits).replace(/0+$/, "");
  return group(whole.replace(/^0+(?=\d)/, "")) + (fraction ? "." + fraction : "");
}

/** A typed amount ("1.5", "1,000") to base units; throws a sentence a person can act on. */
export function parseUnits(text: string, decimals = 18): Uint128 {
  const s = text.trim().replace(/,/g, "");
  if (s === "") throw new Error("amount is empty");
  if (!DECIMAL.test(s)) throw new Error(`"${text}" is not a positive number (digits and at most one dot)`);
  const [whole, fraction = ""] = s.split(".");
  if (fraction.length > decimals) throw new Error(`"${text}" has more than ${decimals} decimal places`);
  const units = BigInt(whole + fraction.padEnd(decimals, "0"));
  if (units >= 1n << 128n) throw new Error(`"${text}" does not fit in a Uint128`);
  return units.toString();
}

/** A Decimal ratio as a percentage: formatPercent("0.0397") === "3.97%". */
export function formatPercent(value: Decimal, digits = 2): string {
  if (!DECIMAL.test(value)) throw new Error(`not a Decimal: ${JSON.stringify(value)}`);
  return (Number(value) * 100).toFixed(digits) + "%";
}

/** part / whole as a float in [0, inf) for drawing (a bar's width), exact until the division. */
export function ratio(part: Uint128, whole: Uint128): number {
  const w = BigInt(whole);
  if (w === 0n) return BigInt(part) === 0n ? 0 : Infinity;
  return Number((BigInt(part) * 1_000_000n) / w) / 1_000_000;
}
