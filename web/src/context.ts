// What every view needs: the config, the REST reader, the generated query clients over it, and the units.
import { GovernorQueryClient } from "../../clients/ts/src/generated/Governor.client";
import { VaultQueryClient } from "../../clients/ts/src/generated/Vault.client";
import { formatUnits } from "../../clients/ts/src/format";
import { VaultUnits } from "../../clients/ts/src/units";
import { ChainError, RestWasm } from "./chain";
import type { Config } from "./config";

export interface Ctx {
  config: Config;
  chain: RestWasm;
  vault: VaultQueryClient;
  /** The query client of the governor at `address` (the vault's config names it). */
  governor(address: string): GovernorQueryClient;
  /** Base units of the vault's denom as whole tokens, with the denom: "1,000.5 INJ". */
  amount(units: string): string;
  /** Whole tokens and whole shares; shares need the vault's share_offset_decimals, read once. */
  units(): Promise<VaultUnits>;
}

export function makeCtx(config: Config): Ctx {
  const chain = new RestWasm(config.rest);
  // RestWasm implements the one method the generated query client calls
  const vault = new VaultQueryClient(chain as any, config.vault);
  // share_offset_decimals is fixed at instantiation (the vault refuses to change it): one read is enough
  let units: Promise<VaultUnits> | undefined;
  return {
    config, chain, vault,
    governor: (address) => new GovernorQueryClient(chain as any, address),
    amount: (base) => `${formatUnits(base, config.denom_decimals)} ${config.denom_display}`,
    units: () => {
      units ??= vault.config().then((c) => {
        // another contract may answer `config` too (the oracle does): without the offset it is no vault
        const offset = c?.params?.share_offset_decimals;
        if (typeof offset !== "number") throw new ChainError(`no Ballast vault at ${config.vault}: its config has no params.share_offset_decimals`);
        return new VaultUnits(config.denom_display, config.denom_decimals, offset);
      });
      units.catch(() => { units = undefined; }); // a failed read (chain down) is retried next time
      return units;
    },
  };
}
