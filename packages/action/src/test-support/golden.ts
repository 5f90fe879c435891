// Golden files for the action's rendered output (summary, PR comment), next to the
// tests in src/__golden__. `UPDATE_GOLDEN=1 npx vitest run` in packages/action rewrites
// them (root `npm run golden` does it for every package); review the diff like code.
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
    expect.fail(`golden file ${shown} is missing: run with UPDATE_GOLDEN=1 and review it`);
  }
  expect(text, `${shown} differs; if the change is intended, run with UPDATE_GOLDEN=1`).toBe(
    readFileSync(file, "utf8"),
  );
}
