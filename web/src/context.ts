// What every view needs: the config, the REST reader and the generated query clients over it.
import { GovernorQueryClient } from "../../clients/ts/src/generated/Governor.client";
import { VaultQueryClient } from "../../clients/ts/src/generated/Vault.client";
import { formatUnits } from "../../clients/ts/src/format";
import { RestWasm } from "./chain";
import type { Config } from "./config";

export interface Ctx {
  config: Config;
  chain: RestWasm;
  vault: VaultQueryClient;
  /** The query client of the governor at `address` (the vault's config names it). */
  governor(address: string): GovernorQueryClient;
  /** Base units of the vault's denom as display text, with the denom. */
  amount(units: string): string;
}

export function makeCtx(config: Config): Ctx {
  const chain = new RestWasm(config.rest);
  return {
    config, chain,
    // RestWasm implements the one method the generated query client calls
    vault: new VaultQueryClient(chain as any, config.vault),
    governor: (address) => new GovernorQueryClient(chain as any, address),
    amount: (units) => `${formatUnits(units, config.decimals)} ${config.denom.toUpperCase()}`,
  };
}
