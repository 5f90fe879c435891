// Golden files: rendered output compared with a reviewed file. Only `npm run golden`
// rewrites them (it sets UPDATE_GOLDEN=1 for the server-free tests of
// vitest.pure.config.ts; turbo does not pass the variable through, so `npm test` always
// compares); never in CI. Review the diff like code. Each package's
// src/test-support/golden.ts says where its golden files live.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { expect } from "vitest";

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

/** Compares `text` with the golden file at `file` (an absolute path), or rewrites it. */
export function expectGoldenFile(file: string, text: string): void {
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
