// `eks-sfn run` with several Jobs (a matrix): a separate process on the local engine
// against the test cluster; every Job's outcome in the report, exit 1 if any failed.
import { existsSync, readFileSync } from "node:fs";
import { BatchV1Api } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { FAIL_ANNOTATION } from "../../../../test/stack/kube.ts";
import { eksSfn, localRunFlags } from "../../../../test/support/eks-sfn-cli.ts";
import {
  adminKubeConfig,
  createTestNamespace,
  writeTempFile,
} from "../../../../test/support/stack.ts";

function jobYaml(name: string, annotations: Record<string, string> = {}): string {
  return [
    "apiVersion: batch/v1",
    "kind: Job",
    `metadata: {name: ${name}}`,
    "spec:",
    "  backoffLimit: 0",
    "  template:",
    `    metadata: {annotations: ${JSON.stringify(annotations)}}`,
    "    spec:",
    "      restartPolicy: Never",
    "      containers: [{name: pi-2000, image: 'perl:5.34.0', command: [perl, -e, '1']}]",
    "",
  ].join("\n");
}

async function liveJobs(namespace: string): Promise<string[]> {
  const list = await adminKubeConfig().makeApiClient(BatchV1Api).listNamespacedJob({ namespace });
  return list.items
    .filter((j) => !j.metadata?.deletionTimestamp)
    .map((j) => j.metadata?.name ?? "");
}

function common(namespace: string): string[] {
  return localRunFlags({ namespace });
}

describe("eks-sfn run with several Jobs (a matrix)", () => {
  it("runs 3 Jobs from a --jobs file, reports each Job's outcome, exits 1 for the one that failed, and leaves nothing", async () => {
    const namespace = await createTestNamespace("matrix");
    const jobs = writeTempFile(
      "jobs.yaml",
      [jobYaml("m-a"), jobYaml("m-b", { [FAIL_ANNOTATION]: "3" }), jobYaml("m-c")].join("---\n"),
    );
    const report = writeTempFile("report.json", "");
    const run = eksSfn([
      "run",
      ...common(namespace),
      "--jobs",
      jobs,
      "--max-concurrency",
      "2",
      "--report",
      report,
      "--run-id",
      `matrix-${process.pid}`,
    ]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    for (const name of ["m-a", "m-b", "m-c"])
      expect(run.stdout).toContain(`Job ${namespace}/${name} created`);
    const parsed = JSON.parse(readFileSync(report, "utf8")) as {
      status: string;
      jobs: { name: string; outcome: string }[];
    };
    expect(parsed.status).toBe("FAILED");
    expect(Object.fromEntries(parsed.jobs.map((j) => [j.name, j.outcome]))).toEqual({
      "m-a": "complete",
      "m-b": "failed",
      "m-c": "complete",
    });
    expect(await liveJobs(namespace)).toEqual([]);
    expect(existsSync(`eks-sfn-matrix-${process.pid}.ledger.json`)).toBe(false);
  });

  it("runs repeated --job files as a matrix and exits 0 when every Job succeeds", async () => {
    const namespace = await createTestNamespace("matrix-ok");
    const a = writeTempFile("a.yaml", jobYaml("ok-a"));
    const b = writeTempFile("b.yaml", jobYaml("ok-b"));
    const report = writeTempFile("report.json", "");
    const run = eksSfn(["run", ...common(namespace), "--job", a, "--job", b, "--report", report]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const parsed = JSON.parse(readFileSync(report, "utf8")) as {
      jobs: { name: string; outcome: string }[];
    };
    expect(parsed.jobs.map((j) => [j.name, j.outcome]).sort()).toEqual([
      ["ok-a", "complete"],
      ["ok-b", "complete"],
    ]);
  });

  it.each([
    [["--jobs", "J", "--job", "A"], "--jobs: cannot be used together with --job"],
    [["--job", "A", "--max-concurrency", "2"], "--max-concurrency: is only used with several Jobs"],
    [
      ["--job", "A", "--job", "B", "--max-concurrency", "x"],
      '--max-concurrency: "x" is not a whole number',
    ],
    [["--job", "A", "--job", "A"], '--job: names the Job "ok-a" twice'],
  ])("refuses %j with one line naming the flag, exit 2", (flags, message) => {
    const files: Record<string, string> = {
      A: writeTempFile("a.yaml", jobYaml("ok-a")),
      B: writeTempFile("b.yaml", jobYaml("ok-b")),
      J: writeTempFile("j.yaml", `${jobYaml("ok-a")}---\n${jobYaml("ok-b")}`),
    };
    const run = eksSfn([
      "run",
      ...common("eks-sfn-never-created"),
      ...flags.map((f) => files[f] ?? f),
    ]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain(message);
  });
});
