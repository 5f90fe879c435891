// What mutation testing covers: the pure modules of rbac and core (no servers, no I/O),
// and the tests that run without the test stack. One list, read by stryker.config.mjs
// (what to mutate) and vitest.pure.config.ts (which tests to run).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/**
 * Globs (relative to the repository root) of the modules Stryker mutates. Globs that
 * match nothing yet (modules that are being written) are fine: they count from the
 * run after the file lands.
 */
export const MUTATED_MODULES: readonly string[] = [
  "packages/rbac/src/**/*.ts",
  "packages/core/src/plan.ts",
  "packages/core/src/cluster/cluster-target.ts",
  "packages/core/src/kube/job-manifest.ts",
  "packages/core/src/log/secret-mask.ts",
  "packages/core/src/retry/backoff.ts",
  "packages/core/src/report/**/*.ts",
  "packages/core/src/run/run-plan.ts",
  "packages/core/src/workflow/definition/**/*.ts",
  "packages/core/src/workflow/execution-name.ts",
  "packages/core/src/workflow/watch-schedule.ts",
  "!**/*.test.ts",
  "!**/test-support/**",
  "!**/*.test-support.ts",
  "!**/__golden__/**",
];

/** The package a mutated file belongs to, for the per-package threshold. */
export function packageOf(file: string): string {
  const match = /(?:^|\/)packages\/([^/]+)\//.exec(file.replaceAll("\\", "/"));
  return match?.[1] ?? "(other)";
}

const TEST_ROOTS = ["packages/rbac/src", "packages/core/src"];

/**
 * The test files (absolute paths) that need no test stack: every `*.test.ts` under the
 * rbac and core sources whose relative imports, followed through the repository, never
 * reach `test/stack/` or `test/support/stack.ts`, and which never call vitest's
 * `inject()` (how the stack's endpoints reach a test).
 */
export function serverFreeTests(repoRoot: string): string[] {
  const serverBound = new Map<string, boolean>();
  const reachesStack = (file: string, seen: Set<string>): boolean => {
    const known = serverBound.get(file);
    if (known !== undefined) return known;
    if (seen.has(file)) return false;
    seen.add(file);
    const repoPath = relative(repoRoot, file).replaceAll("\\", "/");
    if (repoPath.startsWith("test/stack/") || repoPath === "test/support/stack.ts") return true;
    const text = readFileSync(file, "utf8");
    let bound = /\binject\(/.test(text);
    for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      if (bound) break;
      const target = resolve(dirname(file), spec ?? "");
      if (existsSync(target) && target.endsWith(".ts")) bound = reachesStack(target, seen);
    }
    serverBound.set(file, bound);
    return bound;
  };
  return TEST_ROOTS.flatMap((root) => testFiles(join(repoRoot, root))).filter(
    (file) => !reachesStack(file, new Set()),
  );
}

function testFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" ? [] : testFiles(path);
    return name.endsWith(".test.ts") ? [path] : [];
  });
}
