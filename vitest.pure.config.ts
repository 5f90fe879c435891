// The tests that need no test stack (see scripts/mutation/scope.ts), with no global
// setup: what `npm run mutation` runs against each mutant and what `npm run golden`
// runs to rewrite golden files. Neither ever starts a server.
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
