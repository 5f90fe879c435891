// Usage mistakes as a user makes them: `eks-sfn` as a separate process with no
// credentials and no network. Each is one line naming the flag (and, for a number, its
// range), exit 2, before anything is read from or written to AWS or a cluster.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EKS_SFN_MAIN as MAIN } from "../../../../test/support/eks-sfn-cli.ts";
import { MAX_POLL_SECONDS } from "../run/run-plan.ts";

const dir = mkdtempSync(join(tmpdir(), "eks-sfn-usage-"));
const job = (name: string) => {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(
    path,
    JSON.stringify({
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name },
      spec: {
        template: {
          spec: { restartPolicy: "Never", containers: [{ name: "c", image: "busybox:1.36" }] },
        },
      },
    }),
  );
  return path;
};
const ROLE = "arn:aws:iam::123456789012:role/sfn";
const PLAN = ["plan", "--job", job("one"), "--role-arn", ROLE, "--out", join(dir, "never")];
const MATRIX = ["plan", "--job", job("a"), "--job", job("b"), "--role-arn", ROLE];
const CREATE = [
  ...PLAN,
  "--create-cluster",
  "--cluster-role-arn",
  "arn:aws:iam::123456789012:role/eks-cluster",
  "--node-role-arn",
  "arn:aws:iam::123456789012:role/eks-node",
  "--subnet-ids",
  "subnet-0a1b2c3d,subnet-4e5f6a7b",
];
const RUN = [
  "run",
  "--engine",
  "local",
  "--kubeconfig",
  join(dir, "kubeconfig"),
  "--job",
  job("r"),
];

/** Runs eks-sfn with no AWS variables and a HOME with nothing in it. */
function eksSfn(
  args: readonly string[],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--conditions=source", MAIN, ...args], {
      env: { PATH: process.env.PATH ?? "", HOME: dir },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

// [command and its other flags, the flag, the range the message must name]
const NUMBER_FLAGS: readonly [readonly string[], string, string][] = [
  [PLAN, "--polling", `from 1 to ${MAX_POLL_SECONDS}`],
  [PLAN, "--timeout", "from 1s to 168h"],
  [PLAN, "--log-tail-lines", "from 1 to 100000"],
  [MATRIX, "--max-concurrency", "from 0 to 1000"],
  [CREATE, "--node-count", "from 1 to 100"],
  [CREATE, "--cluster-ttl-minutes", "from 10 to 10080"],
  [RUN, "--polling", `from 1 to ${MAX_POLL_SECONDS}`],
  [RUN, "--timeout", "from 1s to 168h"],
  [RUN, "--stuck-grace", "from 1s to 168h"],
  [RUN, "--max-concurrency", "from 0 to 1000"],
  [["sweep", "--region", "us-east-1"], "--older-than", "from 1s to 168h"],
];
// --max-concurrency 0 means "no limit": only negative and non-numeric values are wrong.
const CASES = NUMBER_FLAGS.flatMap(([args, flag, range]) =>
  ["-3", "0", "ten"]
    .filter((value) => !(flag === "--max-concurrency" && value === "0"))
    .map((value) => ({ command: args[0], args, flag, range, value })),
);

describe("a number flag given a negative, zero or non-numeric value", () => {
  it.concurrent.each(CASES)(
    "eks-sfn $command $flag $value is one line naming $flag and its range, exit 2",
    async ({ args, flag, range, value }) => {
      const run = await eksSfn([...args, flag, value]);
      expect(run.stderr).toMatch(
        new RegExp(`^eks-sfn: ${flag}: "${value.replace(".", "\\.")}" is .*${range}`),
      );
      expect(run.stderr).not.toContain("ambiguous");
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.status).toBe(2);
    },
  );

  it("--polling 3600 is the longest interval plan accepts, and 3601 is refused", async () => {
    const longest = await eksSfn([...PLAN, "--polling", String(MAX_POLL_SECONDS)]);
    expect(longest.stderr).toBe("");
    expect(longest.status).toBe(0);
    const over = await eksSfn([...PLAN, "--polling", String(MAX_POLL_SECONDS + 1)]);
    expect(over.stderr).toMatch(/^eks-sfn: --polling: "3601" is neither "sync" nor/);
    expect(over.status).toBe(2);
  });
});

describe("eks-sfn rbac without a subcommand", () => {
  it.concurrent.each([[[]], [["--role-arn", ROLE]]])(
    "eks-sfn rbac %j prints the rbac subcommands and exits 2 (usage)",
    async (rest) => {
      const run = await eksSfn(["rbac", ...rest]);
      expect(run.stdout).toMatch(/^usage: eks-sfn rbac <render\|preflight\|grant\|revoke>/);
      for (const sub of ["render", "preflight", "grant", "revoke"]) {
        expect(run.stdout).toMatch(new RegExp(`^  ${sub} `, "m"));
      }
      expect(run.stderr).not.toContain("is not a command");
      expect(run.status).toBe(2);
    },
  );

  it("eks-sfn rbac with a word that is no subcommand still names it, exit 2", async () => {
    const run = await eksSfn(["rbac", "grnat"]);
    expect(run.stderr).toMatch(/^eks-sfn: command: "rbac grnat" is not a command/);
    expect(run.status).toBe(2);
  });
});
