// Golden files: rendered output compared with a reviewed file in src/__golden__.
// `npm run golden` (UPDATE_GOLDEN=1) rewrites them; review the diff like code.
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
    expect.fail(
      `golden file ${shown} is missing: run \`npm run golden\` (UPDATE_GOLDEN=1) and review it`,
    );
  }
  expect(text, `${shown} differs; if the change is intended, run \`npm run golden\``).toBe(
    readFileSync(file, "utf8"),
  );
}
