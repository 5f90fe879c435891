// Mutation testing of the pure modules (`npm run mutation`); README.md, Development,
// says how to read a survivor and when one may be accepted.
import { MUTATED_MODULES } from "./scripts/mutation/scope.ts";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.pure.config.ts", related: false },
  coverageAnalysis: "perTest",
  mutate: [...MUTATED_MODULES],
  // Only what the server-free tests read is copied into Stryker's sandboxes.
  ignorePatterns: [
    "/*",
    "!/packages",
    "/packages/action",
    "/packages/*/dist",
    "!/test",
    "/test/stack/go",
    "!/scripts",
    "!/examples",
    "!/package.json",
    "!/turbo.json",
    "!/tsconfig*.json",
    "!/vitest.*.ts",
  ],
  // Static mutants (code that runs when a module loads: constant tables, zod schemas) each
  // need the whole suite: 1,455 of them were 87% of the run time. They are reported as
  // Ignored, not scored; README.md, Development, says what that leaves untested.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  reporters: ["progress", "clear-text", "json", "html"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // The per-package threshold (90%) is checked by scripts/mutation/thresholds.ts.
  thresholds: { high: 90, low: 85, break: null },
  concurrency: 2,
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
