// `eks-sfn run` and `eks-sfn cleanup` as a user runs them: separate processes against
// the test cluster (local engine, the role's tokens checked by aws-iam-authenticator)
// and moto (aws engine); their output, exit codes, and what is left afterwards.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAwsAuth } from "@eks-sfn/rbac";
import { BatchV1Api, CoreV1Api } from "@kubernetes/client-node";
import { beforeEach, describe, expect, it } from "vitest";
import { FAIL_ANNOTATION } from "../../../../test/stack/kube.ts";
import { readAwsAuth, resetAwsAuth, SEED_MAP_ROLES } from "../../../../test/support/aws-auth.ts";
import {
  cliEnv,
  eksSfn,
  localRunFlags,
  startEksSfn,
} from "../../../../test/support/eks-sfn-cli.ts";
import { assumeTestRole } from "../../../../test/support/iam.ts";
import { piJobText } from "../../../../test/support/jobs.ts";
import { writeImagePullBackOff } from "../../../../test/support/kubelet-status.ts";
import {
  adminKubeConfig,
  createTestNamespace,
  resetMoto,
  setContainerLogs,
  testStack,
  writeTempFile,
} from "../../../../test/support/stack.ts";
import { waitUntil } from "../../../../test/support/wait-until.ts";
import { realSleep } from "../time/clock.ts";

/** A runJob.sync state machine for `job` in `namespace`, as a user would bring it. */
function runJobFiles(namespace: string, job: string): string[] {
  const definition = writeTempFile(
    "definition.json",
    JSON.stringify({
      StartAt: "Run",
      States: {
        Run: {
          Type: "Task",
          Resource: "arn:aws:states:::eks:runJob.sync",
          Parameters: {
            "ClusterName.$": "$.cluster.name",
            "CertificateAuthority.$": "$.cluster.ca",
            "Endpoint.$": "$.cluster.endpoint",
            Namespace: namespace,
            LogOptions: { RetrieveLogs: true },
            Job: JSON.parse(job),
          },
          End: true,
        },
      },
    }),
  );
  // No --input: the run puts the cluster in the execution input, as the article's input.
  return ["--definition", definition];
}

async function seedAwsAuthIsBack(): Promise<boolean> {
  return (
    JSON.stringify(parseAwsAuth((await readAwsAuth())?.data).mapRoles) ===
    JSON.stringify(parseAwsAuth({ mapRoles: SEED_MAP_ROLES }).mapRoles)
  );
}

async function liveJobs(namespace: string): Promise<string[]> {
  const list = await adminKubeConfig().makeApiClient(BatchV1Api).listNamespacedJob({ namespace });
  return list.items
    .filter((j) => !j.metadata?.deletionTimestamp)
    .map((j) => j.metadata?.name ?? "");
}

function waitFor(check: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  return waitUntil(check, { timeoutMs: ms, intervalMs: 100, message: "timed out waiting" });
}

/** `eks-sfn cleanup` of what `ledger` records, as the test cluster's admin. */
function cleanUpFrom(ledger: string) {
  return eksSfn(["cleanup", "--ledger", ledger, "--kubeconfig", testStack().kube.adminKubeconfig]);
}

interface Setup {
  namespace: string;
  roleArn: string;
  dir: string;
  common: string[];
}

async function setUp(prefix: string): Promise<Setup> {
  const stack = testStack();
  const namespace = await createTestNamespace(prefix);
  const role = await assumeTestRole("CliRunRole");
  const dir = join(stack.stateDir, `${prefix}-${Date.now()}`);
  const common = [
    ...localRunFlags({ namespace, roleArn: role.roleArn, stack }),
    "--access-strategy",
    "aws-auth",
  ];
  return { namespace, roleArn: role.roleArn, dir, common };
}

describe("eks-sfn run --engine local", () => {
  beforeEach(async () => {
    await resetAwsAuth();
  });

  it("grants, runs the Job as the role, reports, and cleans everything up", async () => {
    const s = await setUp("run-ok");
    await setContainerLogs({
      namespace: s.namespace,
      container: "pi-2000",
      lines: ['{ "pi": 3.14159 }'],
    });
    const job = runJobFiles(s.namespace, piJobText("pi"));
    const report = writeTempFile("report.json", "");
    const run = eksSfn(["run", ...s.common, ...job, "--report", report, "--run-id", "ok-1"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("grant: ");
    expect(run.stdout).toContain(`Job ${s.namespace}/pi created`);
    expect(run.stdout).toContain('pi-2000: { "pi": 3.14159 }');
    const parsed = JSON.parse(readFileSync(report, "utf8"));
    expect(parsed.status).toBe("SUCCEEDED");
    expect(parsed.jobs[0].outcome).toBe("complete");
    expect(await liveJobs(s.namespace)).toEqual([]);
    expect(await seedAwsAuthIsBack()).toBe(true);
    expect(existsSync("eks-sfn-ok-1.ledger.json")).toBe(false);
  });

  it("with the default delete-job: always, reports the pod's exit code and log that the execution returned", async () => {
    const s = await setUp("run-del");
    await setContainerLogs({ namespace: s.namespace, container: "pi-2000", lines: ["3.14159"] });
    const job = writeTempFile("pi.json", piJobText("pi"));
    const report = writeTempFile("report.json", "");
    const run = eksSfn(["run", ...s.common, "--job", job, "--report", report]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain("pi-2000: 3.14159");
    const parsed = JSON.parse(readFileSync(report, "utf8"));
    expect(parsed.jobs[0].outcome).toBe("complete");
    expect(parsed.jobs[0].pods[0].phase).toBe("Succeeded");
    expect(parsed.jobs[0].pods[0].containers[0]).toMatchObject({
      name: "pi-2000",
      exitCode: 0,
      log: expect.stringContaining("3.14159"),
    });
    expect(await liveJobs(s.namespace)).toEqual([]);
  });

  it("exits 1 when the Job fails, and still cleans up", async () => {
    const s = await setUp("run-fail");
    const job = runJobFiles(
      s.namespace,
      piJobText("broken", { annotations: { [FAIL_ANNOTATION]: "3" } }),
    );
    const run = eksSfn(["run", ...s.common, ...job]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/FAILED/);
    expect(await liveJobs(s.namespace)).toEqual([]);
    expect(await seedAwsAuthIsBack()).toBe(true);
  });

  it("exits 1 with EKS.401 and its advice when the role is not mapped (access-strategy none)", async () => {
    const s = await setUp("run-401");
    const job = runJobFiles(s.namespace, piJobText("pi"));
    const args = s.common.map((a) => (a === "aws-auth" ? "none" : a));
    const run = eksSfn(["run", ...args, ...job]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("EKS.401");
    expect(run.stdout).toContain("preflight: PROBLEM  identity: ");
  });

  it("stops a Job whose image cannot be pulled after the grace period, not at the timeout", async () => {
    const s = await setUp("run-pull");
    // Bound to a node nothing runs: the pod's status is what a kubelet would write.
    const job = writeTempFile(
      "pull.yaml",
      piJobText("pull", { podSpec: { nodeName: "no-kubelet-here" } }),
    );
    const started = Date.now();
    const child = startEksSfn([
      "run",
      ...s.common,
      "--job",
      job,
      "--stuck-grace",
      "2s",
      "--timeout",
      "10m",
    ]);
    const core = adminKubeConfig().makeApiClient(CoreV1Api);
    let pod = "";
    await waitFor(async () => {
      const pods = await core.listNamespacedPod({ namespace: s.namespace });
      pod = pods.items[0]?.metadata?.name ?? "";
      return pod !== "";
    }).catch((error) => {
      throw new Error(`${error}: ${JSON.stringify(child.output())}`);
    });
    await writeImagePullBackOff({ namespace: s.namespace, pod });
    const code = await Promise.race([child.exited, realSleep(60_000).then(() => "timeout")]);
    if (code === "timeout") child.child.kill("SIGKILL");
    expect(code, JSON.stringify(child.output())).toBe(1);
    expect(child.output().stdout).toContain("ImagePullBackOff");
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(await liveJobs(s.namespace)).toEqual([]);
    expect(await seedAwsAuthIsBack()).toBe(true);
  }, 120_000);

  it("on Ctrl-C stops the execution, deletes the Job, revokes the grant and exits 130", async () => {
    const s = await setUp("run-int");
    const job = runJobFiles(
      s.namespace,
      piJobText("hang", { podSpec: { nodeName: "no-kubelet-here" } }),
    );
    const child = startEksSfn(["run", ...s.common, ...job]);
    await waitFor(() => child.output().stdout.includes(`Job ${s.namespace}/hang created`));
    child.child.kill("SIGINT");
    const code = await child.exited;
    expect(child.output().stderr).toContain("Cancelling");
    expect(code).toBe(130);
    expect(child.output().stdout).toContain("ABORTED");
    expect(await liveJobs(s.namespace)).toEqual([]);
    expect(await seedAwsAuthIsBack()).toBe(true);
  });
});

describe("eks-sfn run: a second Ctrl-C", () => {
  beforeEach(async () => {
    await resetAwsAuth();
  });

  it("exits at once with 130 and names the ledger that eks-sfn cleanup takes", async () => {
    const s = await setUp("run-int2");
    const job = runJobFiles(
      s.namespace,
      piJobText("hang", { podSpec: { nodeName: "no-kubelet-here" } }),
    );
    const ledger = writeTempFile("run.ledger.json", "");
    const child = startEksSfn(["run", ...s.common, ...job, "--ledger", ledger]);
    await waitFor(() => child.output().stdout.includes(`Job ${s.namespace}/hang created`));
    child.child.kill("SIGINT");
    // Signals are not queued: the second is sent once the first has been taken.
    await waitFor(() => child.output().stderr.includes("Cancelling"), 10_000);
    child.child.kill("SIGINT");
    expect(await child.exited).toBe(130);
    expect(child.output().stderr).toContain(`eks-sfn cleanup --ledger ${ledger}`);
    expect(existsSync(ledger)).toBe(true);
    const cleanup = cleanUpFrom(ledger);
    expect(cleanup.status).toBe(0);
    expect(await liveJobs(s.namespace)).toEqual([]);
    expect(await seedAwsAuthIsBack()).toBe(true);
  });
});

describe("eks-sfn cleanup after a run killed with SIGKILL", () => {
  beforeEach(async () => {
    await resetAwsAuth();
  });

  it.each([
    ["after the grant", (out: string) => out.includes("grant: ")],
    ["while the Job runs", (out: string) => /Job \S+\/hang created/.test(out)],
  ])("undoes what the ledger records when killed %s", async (_when, reached) => {
    const s = await setUp("run-kill");
    const job = runJobFiles(
      s.namespace,
      piJobText("hang", { podSpec: { nodeName: "no-kubelet-here" } }),
    );
    const ledger = writeTempFile("run.ledger.json", "");
    const child = startEksSfn(["run", ...s.common, ...job, "--ledger", ledger]);
    await waitFor(() => reached(child.output().stdout));
    child.child.kill("SIGKILL");
    await child.exited;
    const recorded = JSON.parse(readFileSync(ledger, "utf8"));
    expect(recorded.grant.entries.length).toBeGreaterThan(0);

    const cleanup = cleanUpFrom(ledger);
    expect(cleanup.stderr).toBe("");
    expect(cleanup.status).toBe(0);
    expect(await liveJobs(s.namespace)).toEqual([]);
    expect(await seedAwsAuthIsBack()).toBe(true);
    // Twice is fine.
    expect(cleanUpFrom(ledger).status).toBe(0);
  });
});

describe("eks-sfn run --engine aws against moto", () => {
  beforeEach(async () => {
    await resetMoto();
  });

  it("runs a bring-your-own Pass/Wait definition, watches it and reports", async () => {
    const stack = testStack();
    const role = await assumeTestRole("CliAwsRole");
    const definition = writeTempFile(
      "passwait.json",
      JSON.stringify({
        StartAt: "Prepare",
        States: {
          Prepare: { Type: "Pass", Result: { n: 1 }, ResultPath: "$.prepared", Next: "Pause" },
          Pause: { Type: "Wait", Seconds: 1, End: true },
        },
      }),
    );
    const input = writeTempFile("input.json", '{"hello":"world"}');
    const report = writeTempFile("report.json", "");
    const run = eksSfn(
      [
        "run",
        "--engine",
        "aws",
        // moto 5.2.5 answers HTTP 500 to StartExecution on a version ARN.
        "--no-state-machine-versions",
        "--kubeconfig",
        stack.kube.adminKubeconfig,
        "--role-arn",
        role.roleArn,
        "--access-strategy",
        "none",
        "--definition",
        definition,
        "--input",
        input,
        "--report",
        report,
        "--no-progress",
      ],
      cliEnv(),
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("entered Prepare");
    expect(run.stdout).toContain("entered Pause");
    const parsed = JSON.parse(readFileSync(report, "utf8"));
    expect(parsed.status).toBe("SUCCEEDED");
    expect(parsed.engine).toBe("aws");
    expect(parsed.executionId).toMatch(
      /^arn:aws:states:us-east-1:\d{12}:execution:eks-sfn-run-job:/,
    );
    expect(parsed.path.map((v: { state: string }) => v.state)).toEqual(["Prepare", "Pause"]);
    expect(parsed.output).toMatchObject({ hello: "world", prepared: { n: 1 } });
    expect(parsed.output.cluster.endpoint).toBe(stack.kube.server);
  });
});

describe("eks-sfn run: bad input is one line naming the flag, exit 2, nothing created", () => {
  const stack = () => testStack();
  const base = () => [
    "run",
    "--engine",
    "local",
    "--kubeconfig",
    stack().kube.adminKubeconfig,
    "--namespace",
    "default",
  ];
  const bomb = `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n`;
  const cases: [string, () => string[], string][] = [
    [
      "a Job file that is not YAML",
      () => ["--job", writeTempFile("bad.yaml", "kind: Job\n  : : [")],
      "--job",
    ],
    [
      "several documents",
      () => ["--job", writeTempFile("two.yaml", `${piJobText("a")}\n---\n${piJobText("b")}`)],
      "--job",
    ],
    [
      "a Deployment",
      () => [
        "--job",
        writeTempFile("dep.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n"),
      ],
      "--job",
    ],
    ["an empty file", () => ["--job", writeTempFile("empty.yaml", "")], "--job"],
    [
      "a 10 MB file",
      () => ["--job", writeTempFile("big.yaml", `# ${"x".repeat(10_000_000)}\n`)],
      "--job",
    ],
    ["a YAML alias bomb", () => ["--job", writeTempFile("bomb.yaml", bomb)], "--job"],
    [
      "a Job name that is not DNS-1123",
      () => ["--job", writeTempFile("name.yaml", piJobText("Pi_Job"))],
      "--job",
    ],
    [
      "--polling 0",
      () => ["--job", writeTempFile("pi.yaml", piJobText("pi")), "--polling", "0"],
      "--polling",
    ],
    [
      "an unknown engine",
      () => ["--job", writeTempFile("pi.yaml", piJobText("pi")), "--engine", "gcp"],
      "--engine",
    ],
    [
      "an unknown flag",
      () => ["--job", writeTempFile("pi.yaml", piJobText("pi")), "--jobb", "x"],
      "--jobb",
    ],
    ["a Job file that does not exist", () => ["--job", "/nonexistent/pi.yaml"], "--job"],
  ];
  it.each(cases)("refuses %s", async (_what, extra, flag) => {
    const before = await readAwsAuth();
    const run = eksSfn([...base(), ...extra()]);
    expect(run.stderr).toMatch(new RegExp(`^eks-sfn: ${flag}[ :]`));
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect((await readAwsAuth())?.metadata?.resourceVersion).toBe(
      before?.metadata?.resourceVersion,
    );
  });
});
