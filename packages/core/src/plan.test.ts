import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as index from "./index.ts";
import * as plan from "./plan.ts";

// Loads a module in a fresh Node process (the repository's Node 24, TypeScript sources
// through the "source" condition) and lists every module URL it resolved on the way.
function modulesLoadedBy(entry: string): string[] {
  const hook = `
    import { registerHooks } from "node:module";
    const seen = [];
    registerHooks({ resolve(specifier, context, next) { const r = next(specifier, context); seen.push(r.url); return r; } });
    await import(${JSON.stringify(entry)});
    console.log(JSON.stringify(seen));
  `;
  const result = spawnSync(
    process.execPath,
    ["--conditions=source", "--input-type=module", "--eval", hook],
    { encoding: "utf8", timeout: 60_000 },
  );
  expect(result.stderr).not.toMatch(/Error/);
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "[]") as string[];
}

const HEAVY = /@aws-sdk|@smithy|@kubernetes\/client-node|aws-local-stepfunctions/;

describe("@eks-sfn/core/plan", () => {
  it("loads no AWS SDK and no Kubernetes client, even transitively", () => {
    const loaded = modulesLoadedBy(new URL("./plan.ts", import.meta.url).href);
    expect(loaded.some((url) => url.includes("job-manifest.ts"))).toBe(true);
    expect(loaded.some((url) => url.includes("/packages/rbac/src/"))).toBe(true);
    expect(loaded.filter((url) => HEAVY.test(url))).toEqual([]);
  });

  it("the check can fail: the full entry point does load them", () => {
    const loaded = modulesLoadedBy(new URL("./index.ts", import.meta.url).href);
    expect(loaded.filter((url) => HEAVY.test(url)).length).toBeGreaterThan(0);
  });

  it("is resolvable as @eks-sfn/core/plan from the package's exports", () => {
    const script = `const m = await import("@eks-sfn/core/plan"); console.log(typeof m.renderRunJobDefinition);`;
    const result = spawnSync(
      process.execPath,
      ["--conditions=source", "--input-type=module", "--eval", script],
      // From the repository root, as a consumer resolves it: through node_modules and
      // the package's "exports" (Stryker's sandbox has no packages/action to stand in).
      { encoding: "utf8", cwd: fileURLToPath(new URL("../../..", import.meta.url)) },
    );
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe("function");
  });

  it("is re-exported whole from @eks-sfn/core", () => {
    for (const name of Object.keys(plan)) {
      expect(index, name).toHaveProperty(name);
    }
  });
});
