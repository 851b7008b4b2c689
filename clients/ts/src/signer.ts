// Signing for Injective-style chains (eth_secp256k1 accounts) with @injectivelabs/sdk-ts. The object it
// returns has the shape of ts-codegen's ISigningCosmWasmClient, so `new VaultClient(signer, signer.sender,
// vault)` works as is. The pubkey goes in as an ethsecp256k1 Any: sdk-ts only picks that type by itself when
// the chain id starts with "injective", and the local chain is "ballast-1".
import {
  ChainGrpcAuthApi, ChainGrpcTendermintApi, ChainGrpcWasmApi, MsgExecuteContractCompat, PrivateKey, TxGrpcApi,
  createTransaction,
} from "@injectivelabs/sdk-ts";
import { getStdFee } from "@injectivelabs/utils";

export interface Coin { denom: string; amount: string }

export interface ExecuteResult { txHash: string; height: number; gasUsed: number; gasWanted: number; events: unknown[] }

export interface SignerOptions {
  mnemonic: string;
  /** The API port serves gRPC-web. */
  grpcWeb: string;
  chainId: string;
  /** Simulated gas times this (sdk-ts's simulation of wasm execute was accurate within 10% here). */
  gasFactor?: number;
}

export interface Signer {
  sender: string;
  queryContractSmart(contract: string, query: unknown): Promise<any>;
  execute(sender: string, contract: string, msg: unknown, fee?: unknown, memo?: string, funds?: Coin[]): Promise<ExecuteResult>;
}

export function makeSigner({ mnemonic, grpcWeb, chainId, gasFactor = 1.3 }: SignerOptions): Signer {
  const pk = PrivateKey.fromMnemonic(mnemonic); // m/44'/60'/0'/0/0, the same account as `injectived keys add`
  const sender = pk.toBech32();
  const txApi = new TxGrpcApi(grpcWeb);
  const wasm = new ChainGrpcWasmApi(grpcWeb);
  return {
    sender,
    async queryContractSmart(contract, query) {
      const r = await wasm.fetchSmartContractState(contract, Buffer.from(JSON.stringify(query)).toString("base64"));
      return JSON.parse(Buffer.from(r.data as Uint8Array).toString());
    },
    async execute(_sender, contract, msg, _fee, memo = "", funds = []) {
      const message = MsgExecuteContractCompat.fromJSON({ sender, contractAddress: contract, msg: msg as object, funds });
      const { baseAccount } = await new ChainGrpcAuthApi(grpcWeb).fetchAccount(sender);
      const block: any = await new ChainGrpcTendermintApi(grpcWeb).fetchLatestBlock();
      const args = {
        message: [message], memo, chainId,
        // typed as a base64 string, but createTransaction also takes the Any (and needs it on "ballast-1")
        pubKey: pk.toPublicKey().toAny() as unknown as string,
        sequence: baseAccount.sequence, accountNumber: baseAccount.accountNumber,
        timeoutHeight: Number(block?.header?.height ?? 0) + 60,
      };
      const sim = createTransaction({ ...args, fee: getStdFee({ gas: "3000000" }) });
      sim.txRaw.signatures = [new Uint8Array(0)];
      const { gasInfo } = await txApi.simulate(sim.txRaw);
      const gas = Math.ceil(Number(gasInfo.gasUsed) * gasFactor).toString();
      const { txRaw, signBytes } = createTransaction({ ...args, fee: getStdFee({ gas }) });
      txRaw.signatures = [await pk.sign(Buffer.from(signBytes))]; // keccak256 of the SignDoc, r || s
      const res = await txApi.broadcast(txRaw); // sync broadcast, then polls until included
      if (res.code !== 0) throw new Error(`tx ${res.txHash} failed: code ${res.code}: ${res.rawLog}`);
      return { txHash: res.txHash, height: Number(res.height), gasUsed: Number(res.gasUsed), gasWanted: Number(res.gasWanted), events: (res as any).events ?? [] };
    },
  };
}
