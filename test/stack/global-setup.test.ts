// The global setup as a user meets it: vitest in a child process, given a STACK_STATE
// that names no running stack.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { noStackMessage } from "./global-setup.ts";

const CORE = fileURLToPath(new URL("../../packages/core/", import.meta.url));
const VITEST = fileURLToPath(new URL("../../node_modules/vitest/vitest.mjs", import.meta.url));

describe("the test stack's global setup", () => {
  it("with a STACK_STATE naming no running stack, says so in one line and exits 1, not 'No test files found'", () => {
    const stale = join(CORE, "no-such-stack.json");
    const run = spawnSync(process.execPath, [VITEST, "run", "src/cli/flags.test.ts"], {
      cwd: CORE,
      encoding: "utf8",
      env: { ...process.env, STACK_STATE: stale, NO_COLOR: "1" },
      timeout: 120_000,
    });
    expect(run.stderr).toContain(noStackMessage(stale));
    expect(`${run.stdout}${run.stderr}`).not.toContain("No test files found");
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.status).toBe(1);
  }, 150_000);
});
