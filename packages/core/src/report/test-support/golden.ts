// Golden files for core's rendered output, in src/report/__golden__. `npm run
// golden:report` (UPDATE_GOLDEN=1) rewrites them; review the diff like code. The same
// contract as rbac's test-support/golden.ts, for this package's folder.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "__golden__");

export function expectGolden(name: string, text: string): void {
  const file = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  const shown = relative(process.cwd(), file);
  if (!existsSync(file)) {
    expect.fail(`golden file ${shown} is missing: run \`npm run golden:report\` and review it`);
  }
  expect(text, `${shown} differs; if the change is intended, run \`npm run golden:report\``).toBe(
    readFileSync(file, "utf8"),
  );
}
