// The action's golden files (summary, PR comment) live in src/__golden__; the
// compare-or-rewrite rule is test/support/golden.ts, shared by every package.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expectGoldenFile } from "../../../../test/support/golden.ts";

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "__golden__");

export function expectGolden(name: string, text: string): void {
  expectGoldenFile(join(GOLDEN_DIR, name), text);
}
