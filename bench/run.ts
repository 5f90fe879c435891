// `npm run bench` runs every benchmark, one after the other (never side by side: each
// measures alone on the machine); `npm run bench -- watch startup` picks some. Options
// after the names (`--seconds=60`) go to each benchmark.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const all = readdirSync(here)
  .filter((file) => file.endsWith(".bench.ts"))
  .map((file) => file.slice(0, -".bench.ts".length))
  .sort();
const args = process.argv.slice(2);
const picked = args.filter((a) => !a.startsWith("--"));
const options = args.filter((a) => a.startsWith("--"));
const unknown = picked.filter((name) => !all.includes(name));
if (unknown.length > 0) {
  console.error(`no benchmark ${unknown.join(", ")}; there are: ${all.join(", ")}`);
  process.exit(2);
}
let failed = 0;
for (const name of picked.length > 0 ? picked : all) {
  console.log(`\n## ${name}`);
  const result = spawnSync(
    process.execPath,
    ["--conditions=source", join(here, `${name}.bench.ts`), ...options],
    { stdio: "inherit" },
  );
  if (result.status !== 0) {
    console.error(`${name}: exited ${result.status ?? result.signal}`);
    failed += 1;
  }
}
process.exit(failed > 0 ? 1 : 0);
