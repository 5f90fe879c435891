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

const jobYaml = (name: string) =>
  `apiVersion: batch/v1\nkind: Job\nmetadata: {name: ${name}}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: pi, image: "perl:5.34.0"}]\n`;

function jobFile(name: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "job-")), `${name}.yaml`);
  writeFileSync(path, jobYaml(name));
  return path;
}

function definitionFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), "def-")), "definition.json");
  writeFileSync(path, JSON.stringify(DEFINITION));
  return path;
}

function readJson(path: string): { StartAt: string; States: Record<string, unknown> } {
  return JSON.parse(readFileSync(path, "utf8"));
}

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
    const source = definitionFile();
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
    expect(run.stdout).toContain("Wrote 7 files to out/:");
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

  it("writes no IAM policy for a definition of eks:runJob and eks:call only, and says the role needs none", () => {
    const run = plan([
      "--definition",
      definitionFile(),
      "--role-arn",
      "arn:aws:iam::123456789012:role/R",
      "--out",
      "out",
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("the role needs no IAM permissions for this definition");
    expect(existsSync(join(run.dir, "out", "state-machine-policy.json"))).toBe(false);
    expect(existsSync(join(run.dir, "out", "state-machine-trust-policy.json"))).toBe(true);
  });

  it("takes several Jobs as run does (--job repeated, --max-concurrency): one Map state, capped", () => {
    const run = plan([
      "--job",
      jobFile("a"),
      "--job",
      jobFile("b"),
      "--max-concurrency",
      "1",
      "--role-arn",
      "arn:aws:iam::123456789012:role/R",
      "--run-id",
      "nightly-7",
      "--out",
      "out",
    ]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const definition = readJson(join(run.dir, "out", "state-machine.asl.json"));
    const map = definition.States["Run jobs"] as { Type: string; MaxConcurrency: number };
    expect(map).toMatchObject({ Type: "Map", MaxConcurrency: 1 });
    const text = JSON.stringify(definition);
    expect(text).toContain('"name":"a"');
    expect(text).toContain('"name":"b"');
    // Labelled as run labels them, so cleanup would find them.
    expect(text).toContain('"eks-sfn.io/run-id":"nightly-7"');
  });

  it("takes several Jobs from one --jobs file, one per YAML document", () => {
    const jobs = join(mkdtempSync(join(tmpdir(), "jobs-")), "jobs.yaml");
    writeFileSync(jobs, [jobYaml("x"), jobYaml("y"), jobYaml("z")].join("\n---\n"));
    const run = plan([
      "--jobs",
      jobs,
      "--role-arn",
      "arn:aws:iam::123456789012:role/R",
      "--out",
      "out",
    ]);
    expect(run.status).toBe(0);
    const definition = readJson(join(run.dir, "out", "state-machine.asl.json"));
    expect(definition.States["Run jobs"]).toMatchObject({ Type: "Map" });
    expect(JSON.stringify(definition)).toContain('"name":"z"');
  });

  it("with --create-cluster writes the temporary-cluster definition, the IAM policy it needs, and no grant", () => {
    const run = plan([
      "--job",
      jobFile("pi"),
      "--create-cluster",
      "--role-arn",
      "arn:aws:iam::123456789012:role/R",
      "--cluster-role-arn",
      "arn:aws:iam::123456789012:role/eks-cluster",
      "--node-role-arn",
      "arn:aws:iam::123456789012:role/eks-node",
      "--subnet-ids",
      "subnet-0a1b2c3d,subnet-4e5f6a7b",
      "--polling",
      "20",
      "--out",
      "out",
    ]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const out = join(run.dir, "out");
    const definition = readJson(join(out, "state-machine.asl.json"));
    expect(definition.StartAt).toBe("Create cluster");
    expect(JSON.stringify(definition)).toContain("arn:aws:states:::eks:runJob");
    const policy = readJson(join(out, "state-machine-policy.json")) as unknown as {
      Statement: { Action: string[] }[];
    };
    const actions = policy.Statement.flatMap((statement) => statement.Action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "eks:CreateCluster",
        "eks:DeleteCluster",
        "eks:CreateNodegroup",
        "iam:PassRole",
      ]),
    );
    for (const name of [
      "job-runner-rbac.yaml",
      "aws-auth-entry.yaml",
      "access-entry-requests.json",
    ])
      expect(existsSync(join(out, name)), name).toBe(false);
    expect(run.stdout).toContain("the role creates the temporary cluster and is its admin");
  });

  it("names the ACK state machine by run's default, eks-sfn-run-job, or by --state-machine-name", () => {
    const args = ["--job", jobFile("pi"), "--role-arn", "arn:aws:iam::123456789012:role/R"];
    const byDefault = plan([...args, "--out", "out"]);
    expect(readFileSync(join(byDefault.dir, "out", "ack-state-machine.yaml"), "utf8")).toMatch(
      /^ {2}name: eks-sfn-run-job$/m,
    );
    const named = plan([...args, "--state-machine-name", "nightly", "--out", "out"]);
    expect(readFileSync(join(named.dir, "out", "ack-state-machine.yaml"), "utf8")).toMatch(
      /^ {2}name: nightly$/m,
    );
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
      ["--jobs", "j.yaml", "--job", "k.yaml", "--role-arn", "arn:aws:iam::123456789012:role/R"],
      "--jobs",
    ],
    [["--polling", "0"], "--polling"],
    [["--polling", "-3"], "--polling"],
    [["--namespace", "Ci"], "--namespace"],
    [["--create-cluster"], "--cluster-role-arn"],
  ])("refuses %j with exit 2 naming %s, writing nothing", (given, flag) => {
    // A case without the role and what to run gets a valid Job and role before its flag.
    const full =
      given[0] === "--definition" || given.includes("--role-arn")
        ? given
        : ["--job", jobFile("pi"), "--role-arn", "arn:aws:iam::123456789012:role/R", ...given];
    const run = plan([...full, "--out", "out"]);
    expect(run.stderr).toMatch(new RegExp(`^eks-sfn: ${flag}[ :]`));
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.status).toBe(2);
    expect(existsSync(join(run.dir, "out"))).toBe(false);
  });
});
