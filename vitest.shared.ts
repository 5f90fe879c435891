// The test settings every package shares: workspace packages resolve to their
// TypeScript sources, and server-backed suites get the test stack.
import { defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

export function packageTestConfig(options: { stack: boolean; serialFiles?: boolean }) {
  return defineConfig({
    resolve: { conditions: ["source", ...defaultServerConditions] },
    ssr: { resolve: { conditions: ["source", ...defaultServerConditions] } },
    test: {
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      globalSetup: options.stack ? ["../../test/stack/global-setup.ts"] : [],
      testTimeout: 60_000,
      hookTimeout: 240_000,
      pool: "forks",
      // Files that edit cluster-wide objects (kube-system/aws-auth) run one at a time.
      fileParallelism: !options.serialFiles,
    },
  });
}
