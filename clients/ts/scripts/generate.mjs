// Generates src/generated/ from the committed schemas in ../../schema with @cosmwasm/ts-codegen (pinned in
// package.json): one typed query client and one execute client per contract.
//   node scripts/generate.mjs            write src/generated/
//   node scripts/generate.mjs --out DIR  write elsewhere (scripts/test.sh compares DIR with src/generated/)
import codegen from "@cosmwasm/ts-codegen";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const schemaRoot = path.resolve(here, "../../../schema");
const outIdx = process.argv.indexOf("--out");
const outPath = outIdx > 0 ? path.resolve(process.argv[outIdx + 1]) : path.resolve(here, "../src/generated");

const contracts = [
  { name: "Oracle", dir: path.join(schemaRoot, "ballast-oracle") },
  { name: "Perp", dir: path.join(schemaRoot, "ballast-perp") },
  { name: "Governor", dir: path.join(schemaRoot, "ballast-governor") },
  { name: "Vault", dir: path.join(schemaRoot, "ballast-vault") },
  { name: "Strategies", dir: path.join(schemaRoot, "ballast-strategies") },
];

await codegen.default({
  contracts,
  outPath,
  options: {
    bundle: { enabled: false },
    types: { enabled: true },
    client: { enabled: true },
    reactQuery: { enabled: false },
    recoil: { enabled: false },
    messageComposer: { enabled: false },
    messageBuilder: { enabled: false },
    useContractsHook: { enabled: false },
  },
});
console.log(`generated: ${contracts.map((c) => c.name).join(", ")} -> ${path.relative(process.cwd(), outPath)}`);
