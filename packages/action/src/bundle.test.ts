// The committed bundle is what GitHub runs: check it behaves as the entry points do.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const dist = (file: string): string =>
  fileURLToPath(new URL(`../../../dist/${file}`, import.meta.url));

function runBundle(file: string, env: Record<string, string> = {}) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith("INPUT_") && !key.startsWith("GITHUB_"),
    ),
  );
  return spawnSync(process.execPath, [dist(file)], { encoding: "utf8", env: { ...clean, ...env } });
}

describe("the committed bundle", () => {
  it("fails with one line naming the missing input, and no stack trace", () => {
    const result = runBundle("main.js");
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("");
    expect(result.stdout.trim().split("\n")).toEqual([
      "::error::cluster-name: is required but was not given. Set `cluster-name` to the EKS cluster to run on.",
    ]);
  });

  it("names a malformed input the same way", () => {
    const result = runBundle("main.js", {
      "INPUT_CLUSTER-NAME": "c1",
      "INPUT_ROLE-ARN": "arn:aws:iam::123456789012:role/sfn",
      "INPUT_ACCESS-STRATEGY": "configmap",
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      '::error::access-strategy: "configmap" is not one of auto, access-entry, aws-auth, none',
    );
    expect(result.stdout).not.toMatch(/\n\s+at /);
  });

  it("runs its post step with nothing to clean up", () => {
    const result = runBundle("post.js");
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe("eks-sfn-action: nothing to clean up; main created nothing.");
  });
});
