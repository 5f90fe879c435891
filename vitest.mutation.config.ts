// The tests a mutation run uses (`npm run mutation`): only those that need no test
// stack, with no global setup, so a mutation run never starts a server.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { serverFreeTests } from "./scripts/mutation/scope.ts";
import { workspaceAliases } from "./vitest.shared.ts";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: {
    root,
    include: serverFreeTests(root),
    globalSetup: [],
    testTimeout: 60_000,
  },
});
