// dist/main.js and dist/post.js as the runner runs them (INPUT_*, GITHUB_OUTPUT,
// GITHUB_STATE, GITHUB_STEP_SUMMARY, GITHUB_EVENT_PATH), against the test stack: the
// local engine on the Kubernetes test cluster (success, Job failure, SIGINT mid-run)
// and the aws engine on moto with a bring-your-own state machine.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CreateStateMachineCommand, SFNClient } from "@aws-sdk/client-sfn";
import { grantAwsAuthMapping } from "@eks-sfn/core";
import { BatchV1Api, CoreV1Api, RbacAuthorizationV1Api } from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import { FAIL_ANNOTATION } from "../../../test/stack/kube.ts";
import { readAwsAuth, resetAwsAuth } from "../../../test/support/aws-auth.ts";
import { assumeTestRole } from "../../../test/support/iam.ts";
import {
  adminKubeConfig,
  createTestNamespace,
  motoClientConfig,
  resetMoto,
  setContainerLogs,
  testStack,
} from "../../../test/support/stack.ts";
import { expectGolden } from "./test-support/golden.ts";

const dist = (file: string): string =>
  fileURLToPath(new URL(`../../../dist/${file}`, import.meta.url));

interface Runner {
  dir: string;
  files: { GITHUB_OUTPUT: string; GITHUB_STATE: string; GITHUB_STEP_SUMMARY: string };
  env: Record<string, string>;
}

function newRunner(inputs: Record<string, string>, extra: Record<string, string> = {}): Runner {
  const dir = mkdtempSync(join(tmpdir(), "eks-sfn-runner-"));
  const files = {
    GITHUB_OUTPUT: join(dir, "output"),
    GITHUB_STATE: join(dir, "state"),
    GITHUB_STEP_SUMMARY: join(dir, "summary"),
  };
  for (const path of Object.values(files)) writeFileSync(path, "");
  const event = join(dir, "event.json");
  writeFileSync(event, JSON.stringify({ ref: "refs/heads/main" }));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    ...files,
    GITHUB_EVENT_PATH: event,
    GITHUB_WORKSPACE: dir,
    GITHUB_RUN_ID: String(Date.now()),
    GITHUB_RUN_ATTEMPT: "1",
    GITHUB_JOB: "test",
    RUNNER_TEMP: dir,
    ...extra,
  };
  for (const [name, value] of Object.entries(inputs)) {
    env[`INPUT_${name.toUpperCase()}`] = value;
  }
  return { dir, files, env };
}

/** GITHUB_OUTPUT / GITHUB_STATE files (`name<<delimiter` blocks) as the runner reads them. */
function readCommandFile(path: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = readFileSync(path, "utf8").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? "");
    if (!match) continue;
    const [, name, delimiter] = match as unknown as [string, string, string];
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) body.push(lines[i] ?? "");
    values[name] = body.join("\n");
  }
  return values;
}

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function start(
  file: string,
  env: Record<string, string>,
): { child: ChildProcess; done: Promise<Finished> } {
  const started = Date.now();
  const child = spawn(process.execPath, [dist(file)], { env });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<Finished>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr, ms: Date.now() - started })),
  );
  return { child, done };
}

/** post.js as the runner starts it: main's saved state as STATE_* variables. */
function runPostOf(runner: Runner): Promise<Finished> {
  const state: Record<string, string> = {};
  for (const [name, value] of Object.entries(readCommandFile(runner.files.GITHUB_STATE))) {
    state[`STATE_${name}`] = value;
  }
  return start("post.js", { ...runner.env, ...state }).done;
}

/** The summary with what changes between runs (times, generated names) replaced. */
function normalised(summary: string, namespace: string): string {
  return (
    summary
      .replaceAll(namespace, "<namespace>")
      .replace(/gh-\d+-1-test/g, "<run>")
      .replace(/(pi|fails)-[a-z0-9]{5}\b/g, "$1-<pod>")
      .replace(/\b\d+(\.\d+)? (ms|s)\b/g, "<t>")
      .replace(/\b\d+ min \d+ s\b/g, "<t>")
      // A Job that failed under .sync comes back whole as the cause (uid, times, versions).
      .replace(
        /(<p><b>[^<]+<\/b>: )\{&quot;kind&quot;:&quot;Job&quot;.*<\/p>/,
        "$1<the failed Job as JSON></p>",
      )
  );
}

const job = (name: string, annotations: Record<string, string> = {}): string =>
  JSON.stringify({
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name },
    spec: {
      backoffLimit: 0,
      template: {
        metadata: { annotations },
        spec: {
          restartPolicy: "Never",
          containers: [{ name: "pi", image: "perl:5.34.0", command: ["perl", "-e", "1"] }],
        },
      },
    },
  });

describe("the action on the local engine", () => {
  let namespace: string;
  beforeAll(async () => {
    namespace = await createTestNamespace("action");
    await setContainerLogs({ namespace, container: "pi", lines: ["3.14159", "done"] });
  });

  it("runs a Job to success: outputs, summary, exit 0; post has nothing left, twice", async () => {
    const runner = newRunner({
      engine: "local",
      kubeconfig: testStack().kube.adminKubeconfig,
      namespace,
      // The default delete-job: always: the state machine deletes the Job before the
      // report; its pods and logs come from the execution and the pods seen while it ran.
      job: job("pi"),
    });
    const main = await start("main.js", runner.env).done;
    expect(main.stderr).toBe("");
    expect(main.code, main.stdout).toBe(0);
    const outputs = readCommandFile(runner.files.GITHUB_OUTPUT);
    expect(outputs).toMatchObject({ status: "SUCCEEDED", "job-name": "pi" });
    expect(outputs["execution-arn"]).toMatch(/^local:/);
    expect(outputs.logs).toContain("3.14159");
    expect(JSON.parse(outputs["job-status"] ?? "[]")[0]).toMatchObject({ outcome: "complete" });
    expect(JSON.parse(readFileSync(outputs["report-path"] ?? "", "utf8")).status).toBe("SUCCEEDED");
    expectGolden(
      "action-local-succeeded.md",
      normalised(readFileSync(runner.files.GITHUB_STEP_SUMMARY, "utf8"), namespace),
    );
    for (let i = 0; i < 2; i++) {
      const post = await runPostOf(runner);
      expect(post.code).toBe(0);
      expect(post.stdout).toContain("eks-sfn-action: nothing to clean up");
    }
  });

  it("fails with the Job: exit 1, one error annotation, the pod's exit code in the summary", async () => {
    const runner = newRunner({
      engine: "local",
      kubeconfig: testStack().kube.adminKubeconfig,
      namespace,
      job: job("fails", { [FAIL_ANNOTATION]: "3" }),
    });
    const main = await start("main.js", runner.env).done;
    expect(main.code, main.stdout).toBe(1);
    const errors = main.stdout.split("\n").filter((line) => line.startsWith("::error"));
    expect(errors).toHaveLength(1);
    const outputs = readCommandFile(runner.files.GITHUB_OUTPUT);
    expect(outputs.status).toBe("FAILED");
    const summary = readFileSync(runner.files.GITHUB_STEP_SUMMARY, "utf8");
    expect(summary).toContain("<td>3</td>");
    // The cause is said briefly; the whole Job stays in the JSON report only.
    expect(summary).not.toContain("&quot;kind&quot;");
    expect(summary).toContain("pod fails-");
    expect(JSON.parse(readFileSync(outputs["report-path"] ?? "", "utf8")).rawCause).toMatch(/^\{/);
    // The failed Job's log was followed while it ran (no task result carries it) and
    // shown in a group of its own.
    expect(outputs.logs).toContain("3.14159");
    expect(main.stdout).toMatch(/::group::Logs of fails-[a-z0-9]+\/pi\n3\.14159\n/);
    expectGolden("action-local-failed.md", normalised(summary, namespace));
  });

  it("on SIGINT mid-run stops the execution and deletes the Job within 7.5 s, then post cleans up", async () => {
    // A pod that no node takes stays Pending: the Job runs until it is stopped.
    const pending = JSON.parse(job("waits")) as {
      spec: { template: { spec: Record<string, unknown> } };
    };
    pending.spec.template.spec.nodeSelector = { "eks-sfn.test/no-such-node": "true" };
    const runner = newRunner({
      engine: "local",
      kubeconfig: testStack().kube.adminKubeconfig,
      namespace,
      job: JSON.stringify(pending),
      "timeout-minutes": "5",
    });
    const main = start("main.js", runner.env);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the Job was never created")), 60_000);
      main.child.stdout?.on("data", (d: Buffer) => {
        if (d.toString().includes("Job") && d.toString().includes("created")) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const signalled = Date.now();
    main.child.kill("SIGINT");
    const ended = await main.done;
    expect(Date.now() - signalled).toBeLessThan(7500);
    expect(ended.stdout).toContain("the workflow was cancelled");
    const batch = adminKubeConfig().makeApiClient(BatchV1Api);
    const left = await batch.listNamespacedJob({ namespace });
    const waiting = left.items.filter((j) => j.metadata?.name === "waits");
    expect(waiting.every((j) => j.metadata?.deletionTimestamp !== undefined)).toBe(true);
    const post = await runPostOf(runner);
    expect(post.code, post.stdout).toBe(0);
  });
});

describe("the action acting as the state machine's role on the local engine", () => {
  it("on SIGINT after the grant stops the run and revokes exactly that grant", async () => {
    const stack = testStack();
    await resetAwsAuth(stack);
    const namespace = await createTestNamespace("action-grant");
    const sfnRole = await assumeTestRole("ActionSfnRole");
    const pending = JSON.parse(job("waits")) as {
      spec: { template: { spec: Record<string, unknown> } };
    };
    pending.spec.template.spec.nodeSelector = { "eks-sfn.test/no-such-node": "true" };
    const runner = newRunner(
      {
        engine: "local",
        kubeconfig: stack.kube.adminKubeconfig,
        "cluster-name": stack.authenticator.clusterId,
        "role-arn": sfnRole.roleArn,
        "access-strategy": "aws-auth",
        namespace,
        job: JSON.stringify(pending),
      },
      {
        AWS_REGION: stack.region,
        AWS_ENDPOINT_URL: stack.moto.endpoint,
        AWS_ACCESS_KEY_ID: stack.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: stack.credentials.secretAccessKey,
      },
    );
    const main = start("main.js", runner.env);
    let seen = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the Job was never created:\n${seen}`)),
        90_000,
      );
      main.child.stdout?.on("data", (d: Buffer) => {
        seen += d.toString();
        if (/Job \S+\/waits created/.test(seen)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const mapped = await readAwsAuth(stack);
    expect(mapped?.data?.mapRoles).toContain("ActionSfnRole");
    const signalled = Date.now();
    main.child.kill("SIGINT");
    const ended = await main.done;
    expect(Date.now() - signalled).toBeLessThan(7500);
    const post = await runPostOf(runner);
    expect(post.code, post.stdout).toBe(0);
    const after = await readAwsAuth(stack);
    expect(after?.data?.mapRoles).not.toContain("ActionSfnRole");
    expect(after?.data?.mapRoles).toContain("eks-node-group-NodeInstanceRole");
    const bindings = await adminKubeConfig()
      .makeApiClient(RbacAuthorizationV1Api)
      .listNamespacedRoleBinding({ namespace });
    expect(bindings.items.map((b) => b.metadata?.name)).toEqual([]);
    expect(ended.stdout + post.stdout).toMatch(/grant for .*ActionSfnRole.*: removed/);
  });
});

describe("the action on the aws engine", () => {
  it("runs a bring-your-own state machine on moto: outputs as they come, console link", async () => {
    const stack = testStack();
    await resetMoto(stack);
    // The workflow's own identity (configure-aws-credentials' role): a cluster admin, as the
    // creator of an EKS cluster is, so preflight can read what the run needs.
    const ci = await assumeTestRole("ActionCiRole");
    await grantAwsAuthMapping({
      core: adminKubeConfig().makeApiClient(CoreV1Api),
      mapping: { roleArn: ci.roleArn, username: "action-ci", groups: ["system:masters"] },
      retry: { sleep: async () => {} },
    });
    const sfn = new SFNClient(motoClientConfig(stack));
    const machine = await sfn.send(
      new CreateStateMachineCommand({
        name: `byo-${Date.now()}`,
        roleArn: "arn:aws:iam::123456789012:role/sfn",
        definition: JSON.stringify({
          StartAt: "Prepare",
          States: {
            Prepare: {
              Type: "Pass",
              Result: { ok: true },
              ResultPath: "$.prepared",
              Next: "Pause",
            },
            Pause: { Type: "Wait", Seconds: 1, Next: "Done" },
            Done: { Type: "Succeed" },
          },
        }),
      }),
    );
    const runner = newRunner(
      {
        "cluster-name": stack.authenticator.clusterId,
        "cluster-endpoint": stack.kube.server,
        "cluster-ca": stack.kube.caData,
        "role-arn": "arn:aws:iam::123456789012:role/sfn",
        "access-strategy": "none",
        "state-machine-arn": machine.stateMachineArn ?? "",
        input: '{"threshold": 3}',
      },
      {
        AWS_REGION: stack.region,
        AWS_ENDPOINT_URL: stack.moto.endpoint,
        AWS_ACCESS_KEY_ID: ci.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: ci.credentials.secretAccessKey,
        AWS_SESSION_TOKEN: ci.credentials.sessionToken,
      },
    );
    const main = await start("main.js", runner.env).done;
    expect(main.stderr).toBe("");
    expect(main.code, main.stdout).toBe(0);
    const outputs = readCommandFile(runner.files.GITHUB_OUTPUT);
    expect(outputs.status).toBe("SUCCEEDED");
    expect(outputs["execution-arn"]).toMatch(
      /^arn:aws:states:us-east-1:123456789012:execution:byo-/,
    );
    expect(outputs["console-url"]).toContain("us-east-1.console.aws.amazon.com/states/home");
    expect(JSON.parse(outputs.output ?? "{}")).toMatchObject({
      prepared: { ok: true },
      threshold: 3,
    });
    expect(main.stdout).toContain("→ Pause");
    const post = await runPostOf(runner);
    expect(post.code, post.stdout).toBe(0);
  });
});

describe("the action with several Jobs (a matrix) on the local engine", () => {
  it("runs each Job of `jobs`, lists each one's outcome in the report and the summary, and fails the step for the one that failed", async () => {
    const namespace = await createTestNamespace("action-matrix");
    const runner = newRunner({
      engine: "local",
      kubeconfig: testStack().kube.adminKubeconfig,
      namespace,
      jobs: [job("mx-a"), job("mx-b", { [FAIL_ANNOTATION]: "3" }), job("mx-c")].join("\n---\n"),
      "max-concurrency": "2",
    });
    const main = await start("main.js", runner.env).done;
    expect(main.code, main.stdout).toBe(1);
    const outputs = readCommandFile(runner.files.GITHUB_OUTPUT);
    expect(outputs.status).toBe("FAILED");
    const report = JSON.parse(readFileSync(outputs["report-path"] ?? "", "utf8")) as {
      jobs: { name: string; outcome: string }[];
    };
    expect(Object.fromEntries(report.jobs.map((j) => [j.name, j.outcome]))).toEqual({
      "mx-a": "complete",
      "mx-b": "failed",
      "mx-c": "complete",
    });
    const summary = readFileSync(runner.files.GITHUB_STEP_SUMMARY, "utf8");
    for (const name of ["mx-a", "mx-b", "mx-c"]) expect(summary).toContain(name);
    const post = await runPostOf(runner);
    expect(post.code).toBe(0);
  });
});
