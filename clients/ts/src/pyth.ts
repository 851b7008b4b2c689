// Pyth feed ids and prices as the oracle (and Pyth's own CosmWasm contract) answer them.
import type { PriceIdentifier } from "./generated/Oracle.types";

/** Normalises a feed id to 64 lowercase hex characters without 0x, the form the contracts store. */
export function feedId(id: string): PriceIdentifier {
  const hex = id.trim().replace(/^0x/i, "").toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new Error(`feed id must be 32 bytes as 64 hex characters (0x optional), got ${JSON.stringify(id)}`);
  }
  return hex;
}

/** price * 10^expo as an exact decimal string: pythPrice("6000000000000", -8) === "60000". */
export function pythPrice(price: string, expo: number): string {
  if (!/^-?\d+$/.test(price)) throw new Error(`not an integer price: ${JSON.stringify(price)}`);
  const negative = price.startsWith("-");
  let digits = negative ? price.slice(1) : price;
  if (expo >= 0) return (negative ? "-" : "") + digits + "0".repeat(expo);
  digits = digits.padStart(-expo + 1, "0");
  const whole = digits.slice(0, digits.length + expo);
  const fraction = digits.slice(digits.length + expo).replace(/0+$/, "");
  return (negative ? "-" : "") + whole + (fraction ? "." + fraction : "");
}
