// Core's golden files live in a `__golden__` folder beside each test; the
// compare-or-rewrite rule is test/support/golden.ts, shared by every package.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expectGoldenFile } from "../../../../test/support/golden.ts";

/** `testFileUrl`: the test's `import.meta.url`; the file is `__golden__/<name>` beside it. */
export function expectGolden(testFileUrl: string, name: string, text: string): void {
  expectGoldenFile(join(dirname(fileURLToPath(testFileUrl)), "__golden__", name), text);
}
