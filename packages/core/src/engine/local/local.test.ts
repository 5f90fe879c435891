// The local engine end to end on the test stack, through the Engine interface: the
// article's state machine as the state machine's role (aws-iam-authenticator checks its
// EKS token), failures, refusals and stop.
import { readFileSync } from "node:fs";
import { STSClient } from "@aws-sdk/client-sts";
import type { StateMachineDefinition } from "@eks-sfn/rbac";
import { AuthenticationV1Api, BatchV1Api, CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { resetAwsAuth } from "../../../../../test/support/aws-auth.ts";
import { collectEvents } from "../../../../../test/support/events.ts";
import { httpStatus } from "../../../../../test/support/http-status.ts";
import { assumeTestRole } from "../../../../../test/support/iam.ts";
import { PI_CONTAINER, piJob } from "../../../../../test/support/jobs.ts";
import {
  adminKubeConfig,
  createTestNamespace,
  motoClientConfig,
  setContainerLogs,
  testStack,
  tokenKubeConfig,
} from "../../../../../test/support/stack.ts";
import { testClusterEndpoint, testClusterInput } from "../../../../../test/support/test-cluster.ts";
import {
  createEksToken,
  createReceiptRecorder,
  grantAwsAuthMapping,
  grantJobRunner,
  planAccess,
  UserInputError,
} from "../../index.ts";
import { readJob } from "../../kube/job.ts";
import type { ProgressEvent } from "../../workflow/progress-event.ts";
import type { Engine, ExecutionHandle } from "../engine.ts";
import {
  createLocalEngine,
  DEFAULT_TASK_TIMEOUT_SECONDS,
  toProgressEvent,
  withTaskTimeouts,
} from "./local.ts";
import type { KubeIdentity } from "./task-handlers.ts";

const ARTICLE = JSON.parse(
  readFileSync(
    new URL("./__fixtures__/article-state-machine.verbatim.json", import.meta.url),
    "utf8",
  ),
) as StateMachineDefinition;
/** What the article's container prints, cut to 50 digits (kwok returns the log we give it). */
const PI_LOG = '{ "pi": 3.14159265358979323846264338327950288419716939937510 }';
const FAIL_ANNOTATION = "eks-sfn.test/exit-code";
const noWait = { sleep: async () => {} };

function roleIdentity(roleArn: string): KubeIdentity {
  const stack = testStack();
  return {
    type: "aws",
    credentials: { ...stack.credentials },
    region: stack.region,
    assumeRole: { roleArn, sts: new STSClient(motoClientConfig(stack)) },
  };
}

/** Starts `definition` (checked by the engine, not by the type) as execution `name`. */
function start(
  engine: Engine,
  definition: unknown,
  input: unknown,
  name: string,
): Promise<ExecutionHandle> {
  return engine.start({
    definition: definition as StateMachineDefinition,
    input,
    name,
    signal: new AbortController().signal,
  });
}

let runCounter = 0;
async function run(
  engine: Engine,
  definition: unknown,
  input: unknown,
): Promise<{ handle: ExecutionHandle; events: ProgressEvent[] }> {
  runCounter += 1;
  const handle = await start(engine, definition, input, `local-test-${process.pid}-${runCounter}`);
  return { handle, events: await collectEvents(handle.events()) };
}

/** Waits until aws-iam-authenticator answers the role's token with `expected`. */
async function settleIdentity(roleArn: string, expected: number): Promise<void> {
  const stack = testStack();
  const sts = new STSClient(motoClientConfig(stack));
  const { AssumeRoleCommand } = await import("@aws-sdk/client-sts");
  const assumed = await sts.send(
    new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "settle" }),
  );
  const c = assumed.Credentials;
  const { token } = await createEksToken({
    credentials: {
      accessKeyId: c?.AccessKeyId ?? "",
      secretAccessKey: c?.SecretAccessKey ?? "",
      sessionToken: c?.SessionToken ?? "",
    },
    region: stack.region,
    clusterName: stack.authenticator.clusterId,
    now: new Date(),
  });
  const whoami = () =>
    tokenKubeConfig(token).makeApiClient(AuthenticationV1Api).createSelfSubjectReview({ body: {} });
  await vi.waitFor(async () => expect(await httpStatus(whoami())).toBe(expected), {
    timeout: 30_000,
    interval: 100,
  });
}

async function grantRole(roleArn: string, namespace: string): Promise<void> {
  const plan = planAccess({ roleArn, namespace, strategy: "aws-auth" }, testClusterEndpoint());
  const recorder = createReceiptRecorder(
    { clusterName: plan.clusterName, roleArn, namespace, strategy: "aws-auth", startedAt: "now" },
    () => {},
  );
  await grantJobRunner({ plan, kube: adminKubeConfig(), recorder, retry: noWait });
}

async function jobCount(namespace: string): Promise<number> {
  const jobs = await adminKubeConfig().makeApiClient(BatchV1Api).listNamespacedJob({ namespace });
  return jobs.items.length;
}

function clusterParameters() {
  return {
    "ClusterName.$": "$.cluster.name",
    "CertificateAuthority.$": "$.cluster.ca",
    "Endpoint.$": "$.cluster.endpoint",
  };
}

/** A one-state machine: eks:runJob.sync on the input's cluster with `parameters` added. */
function runJobOnly(parameters: Record<string, unknown>) {
  return {
    StartAt: "Run",
    States: {
      Run: {
        Type: "Task",
        Resource: "arn:aws:states:::eks:runJob.sync",
        Parameters: { ...clusterParameters(), ...parameters },
        End: true,
      },
    },
  };
}

describe("the article's state machine on the local engine, as the state machine's role", () => {
  let roleArn = "";
  beforeAll(async () => {
    await resetAwsAuth();
    roleArn = (await assumeTestRole("EKS_StepFunctions_Integration")).roleArn;
    await setContainerLogs({
      namespace: "default",
      container: PI_CONTAINER,
      lines: [PI_LOG],
      replace: true,
    });
  });

  it("fails with EKS.401 before the role has a Kubernetes identity, as the article's first run did", async () => {
    const engine = createLocalEngine({ identity: roleIdentity(roleArn) });
    const { handle, events } = await run(engine, ARTICLE, testClusterInput());
    const outcome = await handle.outcome();
    expect(outcome.status).toBe("FAILED");
    expect(outcome.error).toBe("EKS.401");
    const cause = JSON.parse(outcome.cause ?? "{}");
    expect(cause).toMatchObject({ StatusCode: 401, StatusText: "Unauthorized" });
    expect(cause.ResponseBody).toMatchObject({ kind: "Status", code: 401 });
    expect(events.map((e) => e.type)).toContain("state-failed");
    expect(events.at(-1)).toMatchObject({ type: "execution-ended", status: "FAILED" });
  });

  it("succeeds after grantJobRunner: the result holds the number the container logged and the Job is gone", async () => {
    await grantRole(roleArn, "default");
    await settleIdentity(roleArn, 200);
    const engine = createLocalEngine({ identity: roleIdentity(roleArn) });
    const { handle, events } = await run(engine, ARTICLE, testClusterInput());
    const outcome = await handle.outcome();
    expect(outcome.error).toBeUndefined();
    expect(outcome.status).toBe("SUCCEEDED");
    // The last state (the eks:call DELETE) has no ResultPath: the run job's result is in
    // its state's output, as in the console's step details.
    const ran = events.find((e) => e.type === "state-exited" && e.state === "Run a job on EKS");
    const output = (ran as { output?: unknown } | undefined)?.output as {
      RunJobResult: { status: { succeeded?: number }; logs: unknown[] };
      cluster: unknown;
    };
    expect(outcome.output).toMatchObject({ StatusCode: 200, StatusText: "OK" });
    expect(output.RunJobResult.logs).toEqual([
      Number("3.14159265358979323846264338327950288419716939937510"),
    ]);
    expect(output.RunJobResult.status.succeeded).toBe(1);
    expect(output.cluster).toEqual(testClusterInput().cluster);
    expect(
      events.filter((e) => e.type === "state-entered").map((e) => (e as { state: string }).state),
    ).toEqual(["Run a job on EKS", "Do Something", "Delete Node"]);
    const phases = events.flatMap((e) => (e.type === "job" ? [e.phase] : []));
    expect(phases[0]).toBe("created");
    expect(phases.at(-1)).toBe("complete");
    expect(events).toContainEqual(
      expect.objectContaining({ type: "job", job: "my-eks-job", phase: "complete" }),
    );
    // The article's DELETE orphans the pods: the Job goes once the garbage collector has
    // removed its `orphan` finalizer (seconds on a loaded machine).
    await vi.waitFor(
      async () =>
        expect(
          await readJob({
            kube: adminKubeConfig(),
            job: { namespace: "default", name: "my-eks-job" },
          }),
        ).toBeUndefined(),
      { timeout: 20_000, interval: 250 },
    );
  });
});

describe("the local engine's EKS tasks", () => {
  let roleArn = "";
  let namespace = "";
  beforeAll(async () => {
    await resetAwsAuth();
    roleArn = (await assumeTestRole("LocalEngineRole")).roleArn;
    namespace = await createTestNamespace("local-engine");
    await setContainerLogs({ namespace, container: PI_CONTAINER, lines: ['{"pi": 3.14}'] });
    await grantRole(roleArn, namespace);
    await settleIdentity(roleArn, 200);
  });

  it("follows a Job made with generateName by the name the API gave it and returns logs as text with RawLogs", async () => {
    const job = piJob("unused");
    const definition = runJobOnly({
      Namespace: namespace,
      LogOptions: { RetrieveLogs: true, RawLogs: true, LogParameters: { tailLines: ["1"] } },
      Job: { ...job, metadata: { generateName: "pi-" } },
    });
    const engine = createLocalEngine({ identity: roleIdentity(roleArn) });
    const { handle } = await run(engine, definition, testClusterInput());
    const outcome = await handle.outcome();
    expect(outcome.cause).toBeUndefined();
    expect(outcome.status).toBe("SUCCEEDED");
    const output = outcome.output as {
      metadata: { name: string; generateName: string };
      status: { succeeded: number };
      logs: { pods: Record<string, { containers: Record<string, { log: unknown }> }> };
    };
    expect(output.metadata.name).toMatch(/^pi-[a-z0-9]{5}$/);
    expect(output.status.succeeded).toBe(1);
    const pods = Object.values(output.logs.pods);
    expect(pods).toHaveLength(1);
    expect(pods[0]?.containers[PI_CONTAINER]?.log).toBe('{"pi": 3.14}\n');
  });

  it("fails a Job that ends Failed with the final Job in the cause, and its Catch path deletes the Job", async () => {
    const name = "failing";
    const definition = {
      StartAt: "Run",
      States: {
        Run: {
          Type: "Task",
          Resource: "arn:aws:states:::eks:runJob.sync",
          Parameters: {
            ...clusterParameters(),
            Namespace: namespace,
            Job: piJob(name, { [FAIL_ANNOTATION]: "3" }),
          },
          Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "Delete job" }],
          End: true,
        },
        "Delete job": {
          Type: "Task",
          Resource: "arn:aws:states:::eks:call",
          Parameters: {
            ...clusterParameters(),
            Method: "DELETE",
            Path: `/apis/batch/v1/namespaces/${namespace}/jobs/${name}`,
            QueryParameters: { propagationPolicy: ["Foreground"] },
          },
          ResultPath: "$.deleted",
          Next: "Failed",
        },
        Failed: { Type: "Fail", Error: "JobFailed", CausePath: "$.error.Cause" },
      },
    };
    const engine = createLocalEngine({ identity: roleIdentity(roleArn) });
    const { handle, events } = await run(engine, definition, testClusterInput());
    const outcome = await handle.outcome();
    expect(outcome.status).toBe("FAILED");
    expect(outcome.error).toBe("JobFailed");
    const job = JSON.parse(outcome.cause ?? "{}");
    expect(job.metadata.name).toBe(name);
    expect(job.status.conditions).toContainEqual(
      expect.objectContaining({ type: "Failed", status: "True", reason: "BackoffLimitExceeded" }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({ type: "state-caught", state: "Run", error: "States.TaskFailed" }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({ type: "job", job: name, phase: "failed" }),
    );
    await vi.waitFor(
      async () =>
        expect(
          await readJob({ kube: adminKubeConfig(), job: { namespace, name } }),
        ).toBeUndefined(),
      { timeout: 10_000, interval: 100 },
    );
  });

  it("refuses a definition with a Lambda task before any Job is created, naming the state", async () => {
    const definition = {
      StartAt: "Run",
      States: {
        Run: {
          Type: "Task",
          Resource: "arn:aws:states:::eks:runJob.sync",
          Parameters: { ...clusterParameters(), Namespace: namespace, Job: piJob("never") },
          Next: "Notify",
        },
        Notify: {
          Type: "Task",
          Resource: "arn:aws:lambda:us-east-1:123456789012:function:notify",
          End: true,
        },
      },
    };
    const before = await jobCount(namespace);
    const engine = createLocalEngine({ identity: roleIdentity(roleArn) });
    const error = await start(engine, definition, testClusterInput(), "refused").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserInputError);
    expect((error as Error).message).toContain('state "Notify"');
    expect((error as Error).message).toContain("arn:aws:lambda");
    expect(await jobCount(namespace)).toBe(before);
  });

  it("runs a Lambda task through a handler the caller supplies for that state", async () => {
    const definition = {
      StartAt: "Notify",
      States: {
        Notify: {
          Type: "Task",
          Resource: "arn:aws:lambda:us-east-1:123456789012:function:notify",
          Parameters: { "who.$": "$.who" },
          End: true,
        },
      },
    };
    const seen: unknown[] = [];
    const engine = createLocalEngine({
      identity: roleIdentity(roleArn),
      handlers: {
        Notify: async (input, context) => {
          seen.push({ input, state: context.state, aborted: context.signal.aborted });
          return { notified: true };
        },
      },
    });
    const { handle } = await run(engine, definition, { who: "team" });
    expect(await handle.outcome()).toMatchObject({
      status: "SUCCEEDED",
      output: { notified: true },
    });
    expect(seen).toEqual([{ input: { who: "team" }, state: "Notify", aborted: false }]);
  });

  it("ends ABORTED when stopped mid-run and deletes the Job it was waiting for within 2 s", async () => {
    const name = "stuck";
    // No node matches: the pod stays Pending and the Job never ends on its own.
    const job = piJob(name, {}, { nodeSelector: { "eks-sfn.test/nowhere": "true" } });
    const definition = runJobOnly({ Namespace: namespace, Job: job });
    const engine = createLocalEngine({ identity: roleIdentity(roleArn) });
    const handle = await start(engine, definition, testClusterInput(), "stopped");
    const admin = adminKubeConfig();
    await vi.waitFor(
      async () => expect(await readJob({ kube: admin, job: { namespace, name } })).toBeDefined(),
      { timeout: 20_000, interval: 50 },
    );
    const stoppedAt = Date.now();
    await handle.stop({ error: "UserStopped", cause: "test stops the run" });
    const outcome = await handle.outcome();
    expect(outcome).toMatchObject({ status: "ABORTED", error: "UserStopped" });
    await vi.waitFor(
      async () => expect(await readJob({ kube: admin, job: { namespace, name } })).toBeUndefined(),
      { timeout: Math.max(0, 2000 - (Date.now() - stoppedAt)), interval: 50 },
    );
    const events = await collectEvents(handle.events());
    expect(events).toContainEqual(
      expect.objectContaining({ type: "job", job: name, phase: "deleted" }),
    );
    expect(events.at(-1)).toMatchObject({ type: "execution-ended", status: "ABORTED" });
  });
});

describe("RBAC on the local engine", () => {
  it("fails with EKS.403 naming the refused verb when the role is mapped but not bound", async () => {
    await resetAwsAuth();
    const role = await assumeTestRole("UnboundRole");
    const namespace = await createTestNamespace("local-unbound");
    await grantAwsAuthMapping({
      core: adminKubeConfig().makeApiClient(CoreV1Api),
      mapping: { roleArn: role.roleArn, username: "eks-sfn-UnboundRole", groups: [] },
      retry: noWait,
    });
    await settleIdentity(role.roleArn, 200);
    const definition = runJobOnly({ Namespace: namespace, Job: piJob("pi") });
    const engine = createLocalEngine({ identity: roleIdentity(role.roleArn) });
    const { handle } = await run(engine, definition, testClusterInput());
    const outcome = await handle.outcome();
    expect(outcome).toMatchObject({ status: "FAILED", error: "EKS.403" });
    const cause = JSON.parse(outcome.cause ?? "{}");
    expect(cause).toMatchObject({ StatusCode: 403, StatusText: "Forbidden" });
    expect(cause.ResponseBody.message).toContain('cannot create resource "jobs"');
    expect(await jobCount(namespace)).toBe(0);
  });
});

describe("what the local engine hands the library", () => {
  it("gives every Task without a timeout the longest one the library can keep, nested ones included", () => {
    const definition = {
      StartAt: "A",
      States: {
        A: { Type: "Task", Resource: "r", Next: "B" },
        B: { Type: "Task", Resource: "r", TimeoutSeconds: 5, Next: "P" },
        P: {
          Type: "Parallel",
          Branches: [{ StartAt: "C", States: { C: { Type: "Task", Resource: "r", End: true } } }],
          Next: "M",
        },
        M: {
          Type: "Map",
          ItemProcessor: {
            StartAt: "D",
            States: { D: { Type: "Task", Resource: "r", TimeoutSecondsPath: "$.t", End: true } },
          },
          End: true,
        },
      },
    };
    const out = withTaskTimeouts(definition);
    expect(out.States.A).toMatchObject({ TimeoutSeconds: DEFAULT_TASK_TIMEOUT_SECONDS });
    expect(out.States.B).toMatchObject({ TimeoutSeconds: 5 });
    expect(out.States.P.Branches[0]?.States.C).toMatchObject({
      TimeoutSeconds: DEFAULT_TASK_TIMEOUT_SECONDS,
    });
    expect(out.States.M.ItemProcessor.States.D).not.toHaveProperty("TimeoutSeconds");
    expect(definition.States.A).not.toHaveProperty("TimeoutSeconds");
    // The library's timer takes milliseconds in a signed 32-bit integer.
    expect(DEFAULT_TASK_TIMEOUT_SECONDS * 1000).toBeLessThanOrEqual(2 ** 31 - 1);
  });

  it("maps the library's events to progress events, retries and catches with the error that caused them", () => {
    const lastError = new Map();
    const state = { name: "Run", type: "Task" as const, input: {} };
    const at = Date.parse("2026-11-30T00:00:00Z");
    expect(
      toProgressEvent(
        { type: "StateFailed", timestamp: at, state, Error: "EKS.404", Cause: "gone" },
        lastError,
      ),
    ).toEqual({
      type: "state-failed",
      state: "Run",
      at: new Date(at),
      error: "EKS.404",
      cause: "gone",
    });
    expect(
      toProgressEvent(
        {
          type: "StateRetried",
          timestamp: at,
          state,
          retry: { retrier: { ErrorEquals: ["EKS.404"] }, attempt: 1 },
        },
        lastError,
      ),
    ).toEqual({
      type: "state-retried",
      state: "Run",
      at: new Date(at),
      error: "EKS.404",
      cause: "gone",
    });
    expect(
      toProgressEvent(
        {
          type: "MapIterationFailed",
          timestamp: at,
          parentState: state,
          index: 3,
          Error: "x",
          Cause: "y",
        },
        lastError,
      ),
    ).toEqual({ type: "map-item", state: "Run", index: 3, status: "failed", at: new Date(at) });
    expect(
      toProgressEvent({ type: "ExecutionSucceeded", timestamp: at, output: {} }, lastError),
    ).toBeUndefined();
  });

  it("evaluates intrinsic functions in a Fail state's ErrorPath and CausePath as Step Functions does", async () => {
    const definition = {
      StartAt: "Failed",
      States: {
        Failed: {
          Type: "Fail",
          ErrorPath: "States.Format('EksSfn.{}', $.error.Error)",
          CausePath: "$.error.Cause",
        },
      },
    };
    const engine = createLocalEngine({
      identity: { type: "kubeconfig", kubeConfig: new KubeConfig() },
    });
    const handle = await start(
      engine,
      definition,
      { error: { Error: "States.TaskFailed", Cause: "the Job failed" } },
      "intrinsic-fail",
    );
    const events = await collectEvents(handle.events());
    expect(await handle.outcome()).toMatchObject({
      status: "FAILED",
      error: "EksSfn.States.TaskFailed",
      cause: "the Job failed",
    });
    expect(events.flatMap((e) => ("state" in e ? [`${e.type} ${e.state}`] : []))).toEqual([
      "state-entered Failed",
      "state-failed Failed",
    ]);
  });
});
