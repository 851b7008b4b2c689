// Ballast's TypeScript client: the generated query and execute clients of the contracts, their
// message types, and the hand-written helpers generated code cannot provide.
export { OracleQueryClient, OracleClient } from "./generated/Oracle.client";
export { PerpQueryClient, PerpClient } from "./generated/Perp.client";
export { GovernorQueryClient, GovernorClient } from "./generated/Governor.client";
export { VaultQueryClient, VaultClient } from "./generated/Vault.client";
export { StrategiesQueryClient, StrategiesClient } from "./generated/Strategies.client";
export type * as OracleTypes from "./generated/Oracle.types";
export type * as PerpTypes from "./generated/Perp.types";
export type * as GovernorTypes from "./generated/Governor.types";
export type * as VaultTypes from "./generated/Vault.types";
export type * as StrategiesTypes from "./generated/Strategies.types";
export { formatUnits, parseUnits, formatPercent, ratio } from "./format";
export { VaultUnits, parseAmount } from "./units";
export { feedId, pythPrice } from "./pyth";
export { makeSigner } from "./signer";
export type { Signer, SignerOptions, ExecuteResult, Coin } from "./signer";
