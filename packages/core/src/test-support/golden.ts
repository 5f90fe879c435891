// Golden files for core: rendered output compared with a reviewed file in a `__golden__`
// folder beside the test. `npm run golden` (UPDATE_GOLDEN=1) rewrites them; review the
// diff like code.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

/** `testFileUrl`: the test's `import.meta.url`; the file is `__golden__/<name>` beside it. */
export function expectGolden(testFileUrl: string, name: string, text: string): void {
  const file = join(dirname(fileURLToPath(testFileUrl)), "__golden__", name);
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
