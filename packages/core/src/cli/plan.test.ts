// `eks-sfn plan` as a separate process: no credentials, no network (an environment with
// neither), files equal to the reviewed golden files; bad input is exit 2 and no files.
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { eksSfnCommand } from "../../../../test/support/eks-sfn-cli.ts";

const GOLDEN = fileURLToPath(new URL("./__golden__/plan/", import.meta.url));
const DEFINITION = {
  StartAt: "Run",
  States: {
    Run: {
      Type: "Task",
      Resource: "arn:aws:states:::eks:runJob.sync",
      Parameters: {
        "ClusterName.$": "$.cluster.name",
        "CertificateAuthority.$": "$.cluster.ca",
        "Endpoint.$": "$.cluster.endpoint",
        Namespace: "ci-jobs",
        Job: { apiVersion: "batch/v1", kind: "Job", metadata: { name: "pi" }, spec: {} },
      },
      Next: "Delete",
    },
    Delete: {
      Type: "Task",
      Resource: "arn:aws:states:::eks:call",
      Parameters: {
        "ClusterName.$": "$.cluster.name",
        "CertificateAuthority.$": "$.cluster.ca",
        "Endpoint.$": "$.cluster.endpoint",
        Method: "DELETE",
        Path: "/apis/batch/v1/namespaces/ci-jobs/jobs/pi",
      },
      End: true,
    },
  },
};

function plan(args: readonly string[]) {
  const dir = mkdtempSync(join(tmpdir(), "eks-sfn-plan-"));
  // No AWS variables, no HOME with credentials, no kubeconfig: plan needs none.
  const result = spawnSync(process.execPath, eksSfnCommand(["plan", ...args]), {
    encoding: "utf8",
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", HOME: dir },
  });
  return { ...result, dir };
}

describe("eks-sfn plan", () => {
  it("writes every artefact of a run, equal to the golden files", () => {
    const source = join(mkdtempSync(join(tmpdir(), "def-")), "definition.json");
    writeFileSync(source, JSON.stringify(DEFINITION));
    const run = plan([
      "--definition",
      source,
      "--role-arn",
      "arn:aws:iam::123456789012:role/service-role/EKS_StepFunctions_Integration",
      "--namespace",
      "ci-jobs",
      "--cluster-name",
      "prod",
      "--out",
      "out",
    ]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Wrote 8 files to out/:");
    const out = join(run.dir, "out");
    const names = readdirSync(out).sort();
    if (process.env.UPDATE_GOLDEN === "1") {
      mkdirSync(GOLDEN, { recursive: true });
      for (const name of names) writeFileSync(join(GOLDEN, name), readFileSync(join(out, name)));
    }
    expect(names).toEqual(readdirSync(GOLDEN).sort());
    for (const name of names) {
      expect(
        readFileSync(join(out, name), "utf8"),
        `${name} differs from __golden__/plan/${name}`,
      ).toBe(readFileSync(join(GOLDEN, name), "utf8"));
    }
  });

  it.each([
    [
      ["--definition", "/nonexistent.json", "--role-arn", "arn:aws:iam::123456789012:role/R"],
      "--definition",
    ],
    [["--role-arn", "arn:aws:iam::123456789012:role/R"], "--job"],
    [["--job", "/nonexistent.yaml", "--role-arn", "arn:aws:iam::123456789012:role/R"], "--job"],
    [["--definition", "d.json"], "--role-arn"],
    [
      [
        "--definition",
        "d.json",
        "--role-arn",
        "arn:aws:iam::123456789012:role/R",
        "--polling",
        "0",
      ],
      "--polling",
    ],
    [
      [
        "--definition",
        "d.json",
        "--role-arn",
        "arn:aws:iam::123456789012:role/R",
        "--namespace",
        "Ci",
      ],
      "--namespace",
    ],
  ])("refuses %j with exit 2 naming %s, writing nothing", (args, flag) => {
    const run = plan([...args, "--out", "out"]);
    expect(run.stderr).toMatch(new RegExp(`^eks-sfn: ${flag}[ :]`));
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.status).toBe(2);
    expect(existsSync(join(run.dir, "out"))).toBe(false);
  });
});
