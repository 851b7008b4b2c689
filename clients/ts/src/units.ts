// A person's units for the vault: whole tokens of its denom and whole shares. The chain counts base units
// (10^-denomDecimals of a token) and share atoms. Shares carry the vault's `share_offset_decimals` (d) more
// decimals than the denom: the virtual offset mints 10^d share atoms per base unit at launch, so one whole
// share starts at about one whole token. Everything stays exact (BigInt on decimal strings), never a float.
import { formatUnits, parseUnits } from "./format";
import type { Decimal, Uint128 } from "./generated/Vault.types";

/** Decimal places of a cosmwasm Decimal. */
const DECIMAL_PLACES = 18;

function checkDecimals(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 18) {
    throw new Error(`${name} must be a whole number from 0 to 18, got ${JSON.stringify(value)}`);
  }
}

/**
 * Typed text to base units, exactly: "10" with 6 decimals is "10000000". Refuses with a sentence naming
 * what is wrong: not a number, more decimal places than `unit` has, zero, or more than a Uint128.
 */
export function parseAmount(text: string, decimals: number, unit: string): Uint128 {
  const s = text.trim().replace(/,/g, "");
  const places = /^\d+\.\d+$/.test(s) ? s.length - s.indexOf(".") - 1 : 0;
  if (places > decimals) {
    throw new Error(`"${text.trim()}" has ${places} decimal places; ${unit} has ${decimals === 0 ? "none" : `only ${decimals}`}`);
  }
  const units = parseUnits(text, decimals);
  if (BigInt(units) === 0n) throw new Error(`"${text.trim()}" is zero: enter more than 0`);
  return units;
}

export class VaultUnits {
  /** Decimal places of a share: the denom's plus the vault's share_offset_decimals. */
  readonly shareDecimals: number;

  /**
   * @param denom the denom's display name, e.g. "INJ"
   * @param denomDecimals base units per whole token, as a power of ten (18 for inj, 6 for most IBC tokens)
   * @param shareOffset the vault's `params.share_offset_decimals`, fixed at instantiation
   */
  constructor(readonly denom: string, readonly denomDecimals: number, readonly shareOffset: number) {
    checkDecimals("the denom's decimals", denomDecimals);
    checkDecimals("share_offset_decimals", shareOffset);
    this.shareDecimals = denomDecimals + shareOffset;
  }

  /** Base units as whole tokens with the denom, rounded down: "1,000.5 INJ". */
  assets(base: Uint128, digits = 4): string {
    return `${formatUnits(base, this.denomDecimals, digits)} ${this.denom}`;
  }

  /** Share atoms as whole shares, rounded down: "900.25". */
  shares(atoms: Uint128, digits = 4): string {
    return formatUnits(atoms, this.shareDecimals, digits);
  }

  /** Every decimal of a share count, no grouping: the text an input needs to send back the same atoms. */
  exactShares(atoms: Uint128): string {
    return formatUnits(atoms, this.shareDecimals, this.shareDecimals).replace(/,/g, "");
  }

  /**
   * The vault's `share_price` (base units per share atom) as whole tokens per whole share. A whole share is
   * 10^(D+d) atoms and a whole token 10^D base units, so the price moves by 10^d: the Decimal's 18 places
   * become 18 - d, exactly. "0.00000099773994" with d = 6 is "0.99773994 INJ".
   */
  sharePrice(price: Decimal, digits = 8): string {
    const atomics = parseUnits(price, DECIMAL_PLACES);
    return `${formatUnits(atomics, DECIMAL_PLACES - this.shareOffset, digits)} ${this.denom}`;
  }

  /** Typed whole tokens ("10", "0.5") to base units; see parseAmount for what it refuses. */
  parseAssets(text: string): Uint128 {
    return parseAmount(text, this.denomDecimals, this.denom);
  }

  /** Typed whole shares to share atoms; see parseAmount for what it refuses. */
  parseShares(text: string): Uint128 {
    return parseAmount(text, this.shareDecimals, "a share");
  }
}
