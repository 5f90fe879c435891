// Golden files: rendered output compared with a reviewed file in src/__golden__.
// Only `npm run golden` rewrites them (it sets UPDATE_GOLDEN=1 for the server-free
// tests of vitest.pure.config.ts; turbo does not pass the variable through, so
// `npm test` always compares); never in CI. Review the diff like code.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "__golden__");

/**
 * Whether golden files are compared or rewritten: rewritten only with UPDATE_GOLDEN=1,
 * and never in CI (`CI` set), where an update would make every golden test pass.
 *
 * @throws Error when UPDATE_GOLDEN=1 and CI are both set.
 */
export function goldenMode(env: NodeJS.ProcessEnv = process.env): "compare" | "update" {
  if (env.UPDATE_GOLDEN !== "1") return "compare";
  if (env.CI !== undefined && env.CI !== "" && env.CI !== "false") {
    throw new Error(
      "UPDATE_GOLDEN=1 in CI: golden files are never rewritten in CI; run `npm run golden` locally and commit the reviewed diff",
    );
  }
  return "update";
}

export function expectGolden(name: string, text: string): void {
  const file = join(GOLDEN_DIR, name);
  if (goldenMode() === "update") {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  const shown = relative(process.cwd(), file);
  if (!existsSync(file)) {
    expect.fail(`golden file ${shown} is missing: run \`npm run golden\` and review it`);
  }
  expect(text, `${shown} differs; if the change is intended, run \`npm run golden\``).toBe(
    readFileSync(file, "utf8"),
  );
}
