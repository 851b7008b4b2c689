// Who signs: a Keplr-style wallet (window.keplr) on real chains, or the local chain's dev key, which the
// config only carries for a loopback REST endpoint (see config.ts).
import { secp256k1 } from "@noble/curves/secp256k1";
import { keccak_256 } from "@noble/hashes/sha3";
import { bech32 } from "@scure/base";
import { hexToBytes } from "@noble/hashes/utils";

export interface SignDocParts { bodyBytes: Uint8Array; authInfoBytes: Uint8Array; chainId: string; accountNumber: bigint }

export interface Wallet {
  kind: "dev key" | "keplr";
  address: string;
  pubKey: Uint8Array;                 // compressed, 33 bytes
  /** Signs the protobuf SignDoc bytes; returns the 64-byte r || s signature. */
  sign(doc: Uint8Array, parts: SignDocParts): Promise<Uint8Array>;
}

/** An Ethereum-style account's bech32 address: keccak256 of the uncompressed pubkey, last 20 bytes. */
export function ethAddress(compressedPubKey: Uint8Array, prefix = "inj"): string {
  const uncompressed = secp256k1.ProjectivePoint.fromHex(compressedPubKey).toRawBytes(false);
  const hash = keccak_256(uncompressed.slice(1));
  return bech32.encode(prefix, bech32.toWords(hash.slice(-20)));
}

export function devKeyWallet(privateKeyHex: string): Wallet {
  const priv = hexToBytes(privateKeyHex.replace(/^0x/, ""));
  const pubKey = secp256k1.getPublicKey(priv, true);
  return {
    kind: "dev key",
    address: ethAddress(pubKey),
    pubKey,
    // Injective signs keccak256(SignDoc), unlike cosmos secp256k1 (sha256)
    async sign(doc) { return secp256k1.sign(keccak_256(doc), priv, { lowS: true }).toCompactRawBytes(); },
  };
}

interface Keplr {
  enable(chainId: string): Promise<void>;
  getKey(chainId: string): Promise<{ bech32Address: string; pubKey: Uint8Array }>;
  // untested here (no Keplr in headless Chromium); Keplr documents accountNumber as a Long, bigint may need converting
  signDirect(chainId: string, signer: string, doc: { bodyBytes: Uint8Array; authInfoBytes: Uint8Array; chainId: string; accountNumber: bigint }):
    Promise<{ signature: { signature: string } }>;
}

export async function keplrWallet(chainId: string): Promise<Wallet> {
  const keplr = (window as unknown as { keplr?: Keplr }).keplr;
  if (!keplr) throw new Error("no wallet: install Keplr (window.keplr) to deposit and redeem on this chain");
  await keplr.enable(chainId);
  const key = await keplr.getKey(chainId);
  return {
    kind: "keplr",
    address: key.bech32Address,
    pubKey: key.pubKey,
    async sign(_doc, parts) {
      const res = await keplr.signDirect(chainId, key.bech32Address, parts);
      return Uint8Array.from(atob(res.signature.signature), (c) => c.charCodeAt(0));
    },
  };
}
