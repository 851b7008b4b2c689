// Who signs: a Keplr-style wallet (window.keplr) on real chains, or the local chain's dev key, which the
// config only carries for a loopback REST endpoint (see config.ts).
import { secp256k1 } from "@noble/curves/secp256k1";
import { keccak_256 } from "@noble/hashes/sha3";
import { bech32 } from "@scure/base";
import { hexToBytes } from "@noble/hashes/utils";
import Long from "long";

export interface SignDocParts { bodyBytes: Uint8Array; authInfoBytes: Uint8Array; chainId: string; accountNumber: bigint }

/** What a wallet signed: the signature and the exact bytes it covers (a wallet may rewrite fee or memo). */
export interface Signed { signature: Uint8Array; bodyBytes: Uint8Array; authInfoBytes: Uint8Array }

export interface Wallet {
  kind: "dev key" | "keplr";
  address: string;
  pubKey: Uint8Array;                 // compressed, 33 bytes
  /** Signs the SignDoc (`doc` is its protobuf bytes, built from `parts`); signature is the 64-byte r || s. */
  sign(doc: Uint8Array, parts: SignDocParts): Promise<Signed>;
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
    async sign(doc, parts) {
      const signature = secp256k1.sign(keccak_256(doc), priv, { lowS: true }).toCompactRawBytes();
      return { signature, bodyBytes: parts.bodyBytes, authInfoBytes: parts.authInfoBytes };
    },
  };
}

/** The part of Keplr's injected API (@keplr-wallet/types) the page uses. */
interface KeplrSignDoc { bodyBytes: Uint8Array; authInfoBytes: Uint8Array; chainId: string; accountNumber: Long }
interface Keplr {
  enable(chainId: string): Promise<void>;
  getKey(chainId: string): Promise<{ bech32Address: string; pubKey: Uint8Array; algo?: string }>;
  signDirect(chainId: string, signer: string, doc: KeplrSignDoc, options?: { preferNoSetFee?: boolean; preferNoSetMemo?: boolean }):
    Promise<{ signed: KeplrSignDoc; signature: { signature: string } }>;
}

const fromBase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

export async function keplrWallet(chainId: string): Promise<Wallet> {
  const keplr = (window as unknown as { keplr?: Keplr }).keplr;
  if (!keplr) throw new Error("no wallet: install Keplr (window.keplr) to deposit and redeem on this chain");
  await keplr.enable(chainId);
  const key = await keplr.getKey(chainId);
  let pubKey: Uint8Array;
  try {
    pubKey = secp256k1.ProjectivePoint.fromHex(key.pubKey).toRawBytes(true); // the tx carries the compressed form
  } catch {
    throw new Error(`the wallet's public key for ${chainId} is not a secp256k1 key (${key.pubKey?.length} bytes)`);
  }
  // Injective accounts are eth_secp256k1: a wallet that derives a cosmos key (coin type 118) for this chain
  // would sign for another address, and the chain would refuse every tx with "pubKey does not match signer"
  if (ethAddress(pubKey) !== key.bech32Address) {
    throw new Error(`the wallet's key for ${chainId} is not an Ethereum-style (eth_secp256k1, coin type 60) key for ${key.bech32Address}: Injective chains need one`);
  }
  return {
    kind: "keplr",
    address: key.bech32Address,
    pubKey,
    async sign(_doc, parts) {
      // Keplr takes accountNumber as a Long (it calls toString on it and rebuilds a Long on its side), and
      // keeps the page's fee: the tx was simulated for exactly that gas
      const res = await keplr.signDirect(chainId, key.bech32Address, {
        bodyBytes: parts.bodyBytes, authInfoBytes: parts.authInfoBytes, chainId: parts.chainId,
        accountNumber: Long.fromString(parts.accountNumber.toString(), true),
      }, { preferNoSetFee: true });
      if (res.signed.chainId !== chainId || res.signed.accountNumber.toString() !== parts.accountNumber.toString()) {
        throw new Error(`the wallet signed for chain ${res.signed.chainId}, account ${res.signed.accountNumber}: expected ${chainId}, ${parts.accountNumber}`);
      }
      // the signature covers the bytes the wallet returns, which it may have changed (a fee or memo edited there)
      return { signature: fromBase64(res.signature.signature), bodyBytes: res.signed.bodyBytes, authInfoBytes: res.signed.authInfoBytes };
    },
  };
}
