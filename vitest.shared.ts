// The test settings every package shares: workspace packages resolve to their
// TypeScript sources (no build needed), and server-backed suites get the test stack.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export const workspaceAliases = {
  "@eks-sfn/rbac": source("./packages/rbac/src/index.ts"),
  "@eks-sfn/core/plan": source("./packages/core/src/plan.ts"),
  "@eks-sfn/core": source("./packages/core/src/index.ts"),
};

export function packageTestConfig(options: { stack: boolean; serialFiles?: boolean }) {
  return defineConfig({
    resolve: { alias: workspaceAliases },
    test: {
      include: [
        "src/**/*.test.ts",
        "test/**/*.test.ts",
        "stack/**/*.test.ts",
        "support/**/*.test.ts",
      ],
      globalSetup: options.stack ? [source("./test/stack/global-setup.ts")] : [],
      testTimeout: 60_000,
      hookTimeout: 240_000,
      pool: "forks",
      // Files that edit cluster-wide objects (kube-system/aws-auth) run one at a time.
      fileParallelism: !options.serialFiles,
    },
  });
}
