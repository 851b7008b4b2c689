// What every view needs: the config, the REST reader and the generated vault query client over it.
import { VaultQueryClient } from "../../clients/ts/src/generated/Vault.client";
import { formatUnits } from "../../clients/ts/src/format";
import { RestWasm } from "./chain";
import type { Config } from "./config";

export interface Ctx {
  config: Config;
  chain: RestWasm;
  vault: VaultQueryClient;
  /** Base units of the vault's denom as display text, with the denom. */
  amount(units: string): string;
}

export function makeCtx(config: Config): Ctx {
  const chain = new RestWasm(config.rest);
  return {
    config, chain,
    // RestWasm implements the one method the generated query client calls
    vault: new VaultQueryClient(chain as any, config.vault),
    amount: (units) => `${formatUnits(units, config.decimals)} ${config.denom.toUpperCase()}`,
  };
}
