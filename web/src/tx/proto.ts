// The few protobuf messages a wasm execute needs (cosmos-sdk tx.proto, wasmd tx.proto), written by hand so
// the page does not ship a protobuf runtime. Only the wire types used here: varint (0) and bytes (2).
const enc = new TextEncoder();

class Writer {
  private parts: number[] = [];
  varint(field: number, value: bigint | number): this {
    let v = BigInt(value);
    if (v === 0n) return this;                      // proto3: defaults are omitted
    this.key(field, 0);
    this.rawVarint(v);
    return this;
  }
  bytes(field: number, value: Uint8Array): this {
    if (value.length === 0) return this;
    this.key(field, 2);
    this.rawVarint(BigInt(value.length));
    for (const b of value) this.parts.push(b);
    return this;
  }
  /** Repeated bytes keep empty entries (an empty signature during simulation). */
  bytesAlways(field: number, value: Uint8Array): this {
    this.key(field, 2);
    this.rawVarint(BigInt(value.length));
    for (const b of value) this.parts.push(b);
    return this;
  }
  string(field: number, value: string): this { return this.bytes(field, enc.encode(value)); }
  finish(): Uint8Array { return Uint8Array.from(this.parts); }
  private key(field: number, wire: number) { this.rawVarint(BigInt((field << 3) | wire)); }
  private rawVarint(v: bigint) {
    while (v > 0x7fn) { this.parts.push(Number((v & 0x7fn) | 0x80n)); v >>= 7n; }
    this.parts.push(Number(v));
  }
}

export interface Coin { denom: string; amount: string }

const coin = (c: Coin) => new Writer().string(1, c.denom).string(2, c.amount).finish();
const any = (typeUrl: string, value: Uint8Array) => new Writer().string(1, typeUrl).bytes(2, value).finish();

/** cosmwasm.wasm.v1.MsgExecuteContract wrapped in an Any. */
export function executeContractAny(sender: string, contract: string, msg: unknown, funds: Coin[]): Uint8Array {
  const w = new Writer().string(1, sender).string(2, contract).bytes(3, enc.encode(JSON.stringify(msg)));
  for (const f of funds) w.bytes(5, coin(f));
  return any("/cosmwasm.wasm.v1.MsgExecuteContract", w.finish());
}

export function txBody(messages: Uint8Array[], memo: string, timeoutHeight: bigint): Uint8Array {
  const w = new Writer();
  for (const m of messages) w.bytes(1, m);
  return w.string(2, memo).varint(3, timeoutHeight).finish();
}

/** Injective accounts are eth_secp256k1: the pubkey Any must carry Injective's type, not cosmos secp256k1. */
export const ETH_SECP256K1_PUBKEY = "/injective.crypto.v1beta1.ethsecp256k1.PubKey";

export function authInfo(pubKey: Uint8Array, sequence: bigint, fee: { amount: Coin[]; gas: bigint }): Uint8Array {
  const modeInfo = new Writer().bytes(1, new Writer().varint(1, 1).finish()).finish(); // single, SIGN_MODE_DIRECT
  const signerInfo = new Writer()
    .bytes(1, any(ETH_SECP256K1_PUBKEY, new Writer().bytes(1, pubKey).finish()))
    .bytes(2, modeInfo)
    .varint(3, sequence)
    .finish();
  const feeW = new Writer();
  for (const c of fee.amount) feeW.bytes(1, coin(c));
  feeW.varint(2, fee.gas);
  // the fee is always present (empty during simulation): the chain's ante handler reads it unconditionally
  return new Writer().bytes(1, signerInfo).bytesAlways(2, feeW.finish()).finish();
}

export function signDoc(body: Uint8Array, auth: Uint8Array, chainId: string, accountNumber: bigint): Uint8Array {
  return new Writer().bytes(1, body).bytes(2, auth).string(3, chainId).varint(4, accountNumber).finish();
}

export function txRaw(body: Uint8Array, auth: Uint8Array, signature: Uint8Array): Uint8Array {
  return new Writer().bytes(1, body).bytes(2, auth).bytesAlways(3, signature).finish();
}
