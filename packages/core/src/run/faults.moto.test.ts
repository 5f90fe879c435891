// The run under faults, phase by phase, on the aws engine: Step Functions in moto and
// the test cluster's API server, each behind a fault-injecting proxy
// (test/support/fault-proxy.ts). Transient faults (throttles, 500/503, 429 with
// Retry-After, a dropped connection) are retried and the run succeeds; a fault that
// outlasts the retries ends the run with one line naming the step and the request, and
// what the run made is gone from the servers afterwards; a fault in cleanup itself is
// reported, and a second cleanUp of the same ledger finishes it.

import { EKSClient } from "@aws-sdk/client-eks";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  ListStateMachinesCommand,
  SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { STSClient } from "@aws-sdk/client-sts";
import { parseAwsAuth } from "@eks-sfn/rbac";
import { BatchV1Api, RbacAuthorizationV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readAwsAuth, resetAwsAuth, SEED_MAP_ROLES } from "../../../../test/support/aws-auth.ts";
import {
  awsQueryError,
  awsServerError,
  awsThrottle,
  type FaultProxy,
  type FaultRule,
  kubeStatus,
  startFaultProxy,
} from "../../../../test/support/fault-proxy.ts";
import {
  kubeConfigThrough,
  startKubeFaultProxy,
} from "../../../../test/support/kube-fault-proxy.ts";
import {
  createTestNamespace,
  motoClientConfig,
  resetMoto,
  testStack,
} from "../../../../test/support/stack.ts";
import { parseClusterTarget } from "../cluster/cluster-target.ts";
import { connectToCluster } from "../kube/connect.ts";
import type { Sleep } from "../time/clock.ts";
import { systemClock } from "../time/clock.ts";
import { cleanUp } from "./clean-up.ts";
import { engineFor } from "./engine-for.ts";
import { createLedgerRecorder, type RunLedger } from "./ledger.ts";
import { CLI_RUN_INPUTS, parseRunPlan } from "./run-plan.ts";
import { RunFailedError, type RunPhase, runWorkflow } from "./run-workflow.ts";
import { settleGrant } from "./settle-grant.ts";

const ROLE = "arn:aws:iam::123456789012:role/FaultsRole";
const DEFINITION = JSON.stringify({
  StartAt: "Prepare",
  States: {
    Prepare: { Type: "Pass", Result: { n: 1 }, ResultPath: "$.prepared", Next: "Pause" },
    Pause: { Type: "Wait", Seconds: 1, End: true },
  },
});

/** Real time, but at most 20 ms a sleep: the watch and the retries run fast, in order. */
const quickSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, Math.min(ms, 20));
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

let aws: FaultProxy;
let kube: FaultProxy;

beforeAll(async () => {
  aws = await startFaultProxy({ target: testStack().moto.endpoint });
  kube = await startKubeFaultProxy();
});
afterAll(async () => {
  await aws?.close();
  await kube?.close();
});
beforeEach(async () => {
  aws.clear();
  kube.clear();
  aws.requests.length = 0;
  kube.requests.length = 0;
  await resetMoto();
  await resetAwsAuth();
});

/** The AWS SDK's default client (standard retries, 3 attempts a call), through the proxy. */
function sfnThroughProxy(): SFNClient {
  return new SFNClient({ ...motoClientConfig(), endpoint: aws.endpoint });
}

interface FaultyRun {
  namespace: string;
  ledger: RunLedger;
  sfn: SFNClient;
  outcome: Awaited<ReturnType<typeof runWorkflow>> | RunFailedError;
  phases: RunPhase[];
}

/**
 * Runs the Pass/Wait definition on the aws engine with the aws-auth grant, through both
 * proxies. `onPhase` runs as each phase starts (to start or end a fault there).
 */
async function runWithFaults(
  onPhase: (phase: RunPhase) => void = () => {},
  options: {
    definition?: string;
    signal?: AbortSignal;
    /** Wait for the grant as the CLI does (STS AssumeRole, through the proxy). */
    settle?: boolean;
    /** Reach the cluster through EKS DescribeCluster (through the proxy) instead. */
    connectThroughEks?: boolean;
  } = {},
): Promise<FaultyRun> {
  const stack = testStack();
  const namespace = await createTestNamespace("faults");
  const runId = `faults-${process.pid}-${Date.now().toString(36)}`;
  const plan = parseRunPlan(
    {
      kubeconfig: stack.kube.adminKubeconfig,
      definition: { text: options.definition ?? DEFINITION, source: "definition.json" },
      engine: "aws",
      // moto 5.2.5 answers HTTP 500 to StartExecution on a version ARN.
      stateMachineVersions: false,
      roleArn: ROLE,
      accessStrategy: "aws-auth",
      namespace,
      runId,
      region: stack.region,
    },
    CLI_RUN_INPUTS,
  );
  const sfn = sfnThroughProxy();
  const ledger = createLedgerRecorder({ runId, region: stack.region }, () => {});
  const phases: RunPhase[] = [];
  const connection = {
    cluster: {
      name: "faults",
      endpoint: kube.endpoint,
      certificateAuthorityData: stack.kube.caData,
      source: "explicit" as const,
    },
    kube: kubeConfigThrough(kube),
    auth: "kubeconfig" as const,
  };
  let outcome: FaultyRun["outcome"];
  try {
    outcome = await runWorkflow(plan, {
      connect: async () => {
        if (!options.connectThroughEks) return connection;
        await connectToCluster({
          target: { kind: "eks", target: parseClusterTarget({ name: "faults" }) },
          eks: new EKSClient({ ...motoClientConfig(), endpoint: aws.endpoint }),
          credentials: stack.credentials,
          region: stack.region,
        });
        return connection;
      },
      settleGrant: options.settle
        ? ({ connection: c, roleArn }) =>
            settleGrant({
              cluster: c.cluster,
              roleArn,
              sts: new STSClient({ ...motoClientConfig(), endpoint: aws.endpoint }),
              region: stack.region,
              sleep: quickSleep,
            })
        : undefined,
      engine: ({ connection: c, ledger: recorder }) =>
        engineFor({
          plan,
          connection: c,
          ledger: recorder,
          aws: {
            region: stack.region,
            credentials: async () => stack.credentials,
            sfn,
            sts: new STSClient(motoClientConfig()),
          },
          clock: systemClock,
          sleep: quickSleep,
        }),
      sfn,
      ledger,
      observer: {
        phase(name) {
          phases.push(name);
          onPhase(name);
        },
      },
      clock: systemClock,
      sleep: quickSleep,
      signal: options.signal ?? new AbortController().signal,
    });
  } catch (error) {
    if (!(error instanceof RunFailedError)) throw error;
    outcome = error;
  }
  return { namespace, ledger: ledger.current(), sfn, outcome, phases };
}

/** What the run can leave behind, read from the servers directly (not through a proxy). */
async function leftBehind(namespace: string) {
  const { adminKubeConfig } = await import("../../../../test/support/stack.ts");
  const admin = adminKubeConfig();
  const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
  const direct = new SFNClient(motoClientConfig());
  const machines = (await direct.send(new ListStateMachinesCommand({}))).stateMachines ?? [];
  const jobs = (await admin.makeApiClient(BatchV1Api).listNamespacedJob({ namespace })).items;
  return {
    stateMachines: machines.map((m) => m.name),
    roles: (await rbac.listNamespacedRole({ namespace })).items.map((r) => r.metadata?.name),
    roleBindings: (await rbac.listNamespacedRoleBinding({ namespace })).items.map(
      (r) => r.metadata?.name,
    ),
    awsAuthIsSeed:
      JSON.stringify(parseAwsAuth((await readAwsAuth())?.data).mapRoles) ===
      JSON.stringify(parseAwsAuth({ mapRoles: SEED_MAP_ROLES }).mapRoles),
    jobs: jobs.filter((j) => !j.metadata?.deletionTimestamp).map((j) => j.metadata?.name),
  };
}

const NOTHING_LEFT = {
  stateMachines: [],
  roles: [],
  roleBindings: [],
  awsAuthIsSeed: true,
  jobs: [],
};

/** A rule for the AWS operation `action`. */
const onAction = (action: string, fault: FaultRule["fault"], times: number): FaultRule => ({
  match: (r) => r.action === action,
  fault,
  times,
});

/** A rule for Kubernetes requests `method` on paths containing `part`. */
const onKube = (
  method: string,
  part: string,
  fault: FaultRule["fault"],
  times: number,
): FaultRule => ({
  match: (r) => r.method === method && r.path.includes(part),
  fault,
  times,
});

const injected = (proxy: FaultProxy, outcome: number | "dropped") =>
  proxy.requests.filter((r) => r.outcome === outcome).length;

describe("transient faults at every phase are retried and the run succeeds", () => {
  it("throttles, 5xx, 429 with Retry-After and dropped connections on both servers", async () => {
    // Step Functions: ensure the state machine, start, watch, stop (none), delete.
    aws.inject(onAction("ListStateMachines", awsThrottle(), 2));
    aws.inject(onAction("CreateStateMachine", awsServerError(503), 1));
    aws.inject(onAction("StartExecution", awsThrottle(), 2));
    aws.inject(onAction("DescribeExecution", awsServerError(500), 4));
    aws.inject(onAction("GetExecutionHistory", awsThrottle(), 2));
    aws.inject(onAction("ListExecutions", awsServerError(503), 1));
    aws.inject(onAction("DeleteStateMachine", "drop", 1));
    // Kubernetes: grant (namespace, Role, RoleBinding, aws-auth) and revoke.
    kube.inject({
      match: (r) => r.method === "GET" && /^\/api\/v1\/namespaces\/faults-[^/]+$/.test(r.path),
      fault: kubeStatus(429, 1),
      times: 2,
    });
    kube.inject(onKube("POST", "/roles", kubeStatus(503), 1));
    kube.inject(onKube("POST", "/rolebindings", "drop", 1));
    kube.inject(onKube("GET", "/configmaps/aws-auth", kubeStatus(500), 1));
    kube.inject(onKube("DELETE", "/roles/", kubeStatus(429, 1), 1));
    kube.inject(onKube("DELETE", "/rolebindings/", "drop", 1));
    kube.inject(onKube("PUT", "/configmaps/aws-auth", kubeStatus(503), 1));

    const run = await runWithFaults();
    if (run.outcome instanceof RunFailedError) throw run.outcome;
    expect(run.outcome.outcome).toBe("succeeded");
    expect(run.outcome.exitCode).toBe(0);
    expect(run.outcome.cleanUp.ok).toBe(true);
    expect(run.outcome.report.status).toBe("SUCCEEDED");
    // Every fault was met (and so retried), on both servers.
    expect(injected(aws, 400)).toBe(6);
    expect(injected(aws, 500)).toBe(4);
    expect(injected(aws, 503)).toBe(2);
    expect(injected(aws, "dropped")).toBe(1);
    expect(injected(kube, 429)).toBe(3);
    expect(injected(kube, 500)).toBe(1);
    expect(injected(kube, 503)).toBe(2);
    expect(injected(kube, "dropped")).toBe(2);
    expect(await leftBehind(run.namespace)).toEqual(NOTHING_LEFT);
  });
});

describe("a fault that outlasts the retries ends the run with one line, and nothing stays", () => {
  const cases: {
    what: string;
    phase: RunPhase;
    rule: () => FaultRule;
    proxy: () => FaultProxy;
    message: RegExp;
  }[] = [
    {
      what: "RoleBinding POST answers 503",
      phase: "grant",
      proxy: () => kube,
      rule: () => onKube("POST", "/rolebindings", kubeStatus(503), Infinity),
      message:
        /^the run failed at granting access: KubeRequestError: POST RoleBinding faults-\S+ failed with HTTP 503: injected by the fault proxy \(ServiceUnavailable\)$/,
    },
    {
      what: "CreateStateMachine is throttled",
      phase: "start",
      proxy: () => aws,
      rule: () => onAction("CreateStateMachine", awsThrottle(), Infinity),
      message:
        /^the run failed at starting the execution: AwsRequestError: states:CreateStateMachine failed \(ThrottlingException\): Rate exceeded$/,
    },
    {
      what: "StartExecution answers 503",
      phase: "start",
      proxy: () => aws,
      rule: () => onAction("StartExecution", awsServerError(503), Infinity),
      message:
        /^the run failed at starting the execution: AwsRequestError: states:StartExecution failed \(ServiceUnavailable\): injected by the fault proxy$/,
    },
    {
      what: "DescribeExecution answers 503",
      phase: "watch",
      proxy: () => aws,
      rule: () => onAction("DescribeExecution", awsServerError(503), Infinity),
      message:
        /^the run failed at watching the execution: AwsRequestError: states:DescribeExecution failed \(ServiceUnavailable\): injected by the fault proxy$/,
    },
    {
      what: "GetExecutionHistory connections drop",
      phase: "watch",
      proxy: () => aws,
      rule: () => onAction("GetExecutionHistory", "drop", Infinity),
      message:
        /^the run failed at watching the execution: AwsRequestError: states:GetExecutionHistory failed \(\w+\): /,
    },
  ];

  it.each(cases)(
    "at $phase: $what",
    async ({ phase, rule, proxy, message }) => {
      // The fault starts with its phase and lasts until the run gives up and cleans up.
      const run = await runWithFaults((name) => {
        if (name === phase) proxy().inject(rule());
        if (name === "clean-up") proxy().clear();
      });
      const error = run.outcome;
      expect(error).toBeInstanceOf(RunFailedError);
      if (!(error instanceof RunFailedError)) return;
      expect(error.phase).toBe(phase);
      expect(error.message).toMatch(message);
      expect(error.message.split("\n")).toHaveLength(1);
      expect(error.cleanUp?.ok).toBe(true);
      expect(await leftBehind(run.namespace)).toEqual(NOTHING_LEFT);
    },
    120_000,
  );
});

describe("a fault during cleanup: the other items go, the report says what stayed, a second cleanUp finishes", () => {
  it("keeps going past a state machine and a Role it cannot delete, then a second cleanUp removes them", async () => {
    const run = await runWithFaults((name) => {
      if (name !== "clean-up") return;
      aws.inject(onAction("DeleteStateMachine", awsServerError(503), Infinity));
      kube.inject(onKube("DELETE", "/roles/", kubeStatus(500), Infinity));
    });
    if (run.outcome instanceof RunFailedError) throw run.outcome;
    expect(run.outcome.outcome).toBe("succeeded");
    const report = run.outcome.cleanUp;
    expect(report.ok).toBe(false);
    expect(report.steps.map((s) => [s.what.split(" ")[0], s.outcome])).toEqual([
      ["grant", "failed"],
      ["state", "failed"],
    ]);
    expect(report.steps[0]?.detail).toMatch(
      /^could not undo 1 of 3 changes: DELETE Role \S+ failed with HTTP 500: injected/,
    );
    expect(report.steps[1]?.detail).toBe(
      "states:DeleteStateMachine failed (ServiceUnavailable): injected by the fault proxy",
    );
    // Everything else went: the aws-auth entry and the RoleBinding.
    const between = await leftBehind(run.namespace);
    expect(between.awsAuthIsSeed).toBe(true);
    expect(between.roleBindings).toEqual([]);
    expect(between.roles).toHaveLength(1);
    expect(between.stateMachines).toHaveLength(1);

    aws.clear();
    kube.clear();
    const again = await cleanUp(
      { ...run.ledger, execution: undefined },
      { kube: kubeConfigThrough(kube), sfn: run.sfn, sleep: quickSleep },
    );
    expect(again.ok).toBe(true);
    expect(await leftBehind(run.namespace)).toEqual(NOTHING_LEFT);
    // And a third finds it all gone.
    const third = await cleanUp(
      { ...run.ledger, execution: undefined },
      { kube: kubeConfigThrough(kube), sfn: run.sfn, sleep: quickSleep },
    );
    expect(third.ok).toBe(true);
    expect(third.steps.map((s) => s.outcome)).toEqual(["done", "already-gone"]);
  }, 120_000);
});

describe("expired credentials mid-run", () => {
  it("are not retried: one request, one line that says to refresh them", async () => {
    let expired = false;
    aws.inject({
      match: () => expired,
      fault: {
        status: 400,
        body: JSON.stringify({
          __type: "ExpiredTokenException",
          message: "The security token included in the request is expired",
        }),
      },
      times: Infinity,
    });
    const run = await runWithFaults((name) => {
      if (name === "watch") expired = true;
    });
    const error = run.outcome;
    expect(error).toBeInstanceOf(RunFailedError);
    expect((error as Error).message).toBe(
      "the run failed at watching the execution: AwsRequestError: states:DescribeExecution failed (ExpiredTokenException): The security token included in the request is expired. The AWS credentials expired or are not valid: refresh them (aws sso login, or a new role session) and run again",
    );
    const afterExpiry = aws.requests.filter((r) => r.outcome === 400);
    // The watch's one DescribeExecution, the stop's one, the state machine's one ListExecutions.
    expect(afterExpiry.map((r) => r.action)).toEqual([
      "DescribeExecution",
      "DescribeExecution",
      "ListExecutions",
    ]);
    // Kubernetes was reachable: the grant is gone; AWS was not: execution and machine stay.
    const cleaned = (error as RunFailedError).cleanUp;
    expect(cleaned?.steps.map((s) => [s.what.split(" ")[0], s.outcome])).toEqual([
      ["execution", "failed"],
      ["grant", "done"],
      ["state", "failed"],
    ]);

    // Fresh credentials: a second cleanUp of the same ledger finishes.
    expired = false;
    const again = await cleanUp(run.ledger, {
      kube: kubeConfigThrough(kube),
      sfn: run.sfn,
      sleep: quickSleep,
    });
    expect(again.ok).toBe(true);
    expect(await leftBehind(run.namespace)).toEqual(NOTHING_LEFT);
  }, 120_000);
});

const LONG_WAIT = JSON.stringify({
  StartAt: "Pause",
  States: { Pause: { Type: "Wait", Seconds: 600, End: true } },
});

describe("stopping the execution under faults (a cancel)", () => {
  it("retries a throttled StopExecution: the execution ends ABORTED and nothing stays", async () => {
    const cancel = new AbortController();
    aws.inject(onAction("StopExecution", awsThrottle(), 2));
    const run = await runWithFaults(
      (name) => {
        if (name === "watch") setTimeout(() => cancel.abort(new Error("cancelled")), 300);
      },
      { definition: LONG_WAIT, signal: cancel.signal },
    );
    if (run.outcome instanceof RunFailedError) throw run.outcome;
    expect(run.outcome.outcome).toBe("cancelled");
    expect(run.outcome.exitCode).toBe(130);
    expect(run.outcome.report.status).toBe("ABORTED");
    expect(injected(aws, 400)).toBe(2);
    expect(await leftBehind(run.namespace)).toEqual(NOTHING_LEFT);
  }, 60_000);

  it("ends the run at once when StopExecution keeps failing, instead of waiting for the execution; a second cleanUp stops it", async () => {
    const cancel = new AbortController();
    aws.inject(onAction("StopExecution", awsServerError(503), Infinity));
    const started = Date.now();
    const run = await runWithFaults(
      (name) => {
        if (name === "watch") setTimeout(() => cancel.abort(new Error("cancelled")), 300);
      },
      { definition: LONG_WAIT, signal: cancel.signal },
    );
    // The execution waits 600 s; the run gave up on it in seconds.
    expect(Date.now() - started).toBeLessThan(30_000);
    const error = run.outcome;
    expect(error).toBeInstanceOf(RunFailedError);
    if (!(error instanceof RunFailedError)) return;
    expect(error.message).toBe(
      "the run failed at watching the execution: AwsRequestError: states:StopExecution failed (ServiceUnavailable): injected by the fault proxy",
    );
    expect(error.cleanUp?.steps.map((s) => [s.what.split(" ")[0], s.outcome])).toEqual([
      ["execution", "failed"],
      ["grant", "done"],
      ["state", "skipped"],
    ]);

    aws.clear();
    const again = await cleanUp(run.ledger, { sfn: run.sfn, kube: kubeConfigThrough(kube) });
    expect(again.ok).toBe(true);
    expect(await leftBehind(run.namespace)).toEqual(NOTHING_LEFT);
  }, 60_000);
});

describe("the state machine a run created", () => {
  it("is left, and reported, while another execution runs on it; cleanup deletes it once that ended", async () => {
    const direct = new SFNClient(motoClientConfig());
    const machine = await direct.send(
      new CreateStateMachineCommand({
        name: `shared-${Date.now()}`,
        roleArn: ROLE,
        definition: JSON.stringify({
          StartAt: "W",
          States: { W: { Type: "Wait", Seconds: 600, End: true } },
        }),
      }),
    );
    const arn = machine.stateMachineArn ?? "";
    // Another run's execution, not in this ledger.
    const other = await direct.send(
      new StartExecutionCommand({ stateMachineArn: arn, name: "another-run" }),
    );
    const ledger: RunLedger = {
      version: 1,
      runId: "shared",
      stateMachine: { arn, created: true },
      jobs: [],
    };
    const report = await cleanUp(ledger, { sfn: direct });
    expect(report.ok).toBe(false);
    expect(report.steps).toEqual([
      {
        what: `state machine ${arn}`,
        outcome: "skipped",
        detail:
          "an execution is still running on it (another-run); run cleanup again once it has ended",
      },
    ]);
    const running = await direct.send(
      new DescribeExecutionCommand({ executionArn: other.executionArn }),
    );
    expect(running.status).toBe("RUNNING");

    // That run ends (its own cleanUp stops it); this ledger's cleanup then deletes it.
    await cleanUp(
      {
        version: 1,
        runId: "other",
        execution: { id: other.executionArn ?? "", engine: "aws" },
        jobs: [],
      },
      { sfn: direct },
    );
    for (let i = 0; i < 100; i += 1) {
      const now = await direct.send(
        new DescribeExecutionCommand({ executionArn: other.executionArn }),
      );
      if (now.status !== "RUNNING") break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await cleanUp(ledger, { sfn: direct })).ok).toBe(true);
    expect((await leftBehind(await createTestNamespace("faults-shared"))).stateMachines).toEqual(
      [],
    );
  });

  it("is left alone when the run only found (or updated) it", async () => {
    const direct = new SFNClient(motoClientConfig());
    const machine = await direct.send(
      new CreateStateMachineCommand({
        name: `found-${Date.now()}`,
        roleArn: ROLE,
        definition: DEFINITION,
      }),
    );
    const report = await cleanUp(
      {
        version: 1,
        runId: "found",
        stateMachine: { arn: machine.stateMachineArn ?? "", created: false },
        jobs: [],
      },
      { sfn: direct },
    );
    expect(report).toEqual({ steps: [], ok: true });
    expect((await direct.send(new ListStateMachinesCommand({}))).stateMachines).toHaveLength(1);
  });
});

describe("EKS and STS faults (the other AWS services the run calls)", () => {
  it("a DescribeCluster that keeps failing ends the run while connecting; nothing was made", async () => {
    aws.inject({
      match: (r) => r.path.startsWith("/clusters/"),
      fault: awsServerError(503),
      times: Infinity,
    });
    const run = await runWithFaults(() => {}, { connectThroughEks: true });
    const error = run.outcome;
    expect(error).toBeInstanceOf(RunFailedError);
    if (!(error instanceof RunFailedError)) return;
    expect(error.phase).toBe("connect");
    expect(error.message).toMatch(
      /^the run failed at connecting to the cluster: \S+: .*DescribeCluster/,
    );
    expect(error.message.split("\n")).toHaveLength(1);
    expect(error.cleanUp).toBeUndefined();
    // The SDK's own 3 attempts, and no second layer around them.
    expect(aws.requests.filter((r) => r.path.startsWith("/clusters/"))).toHaveLength(3);
    expect(await leftBehind(run.namespace)).toEqual(NOTHING_LEFT);
  }, 60_000);

  it("an expired token at STS AssumeRole (waiting for the grant) is one request and one line; the grant is revoked", async () => {
    aws.inject({
      match: (r) => r.action === "AssumeRole",
      fault: awsQueryError(
        403,
        "ExpiredToken",
        "The security token included in the request is expired",
      ),
      times: Infinity,
    });
    const run = await runWithFaults(() => {}, { settle: true });
    const error = run.outcome;
    expect(error).toBeInstanceOf(RunFailedError);
    expect((error as Error).message).toBe(
      "the run failed at granting access: AwsRequestError: sts:AssumeRole failed (ExpiredToken): The security token included in the request is expired. The AWS credentials expired or are not valid: refresh them (aws sso login, or a new role session) and run again",
    );
    expect(aws.requests.filter((r) => r.action === "AssumeRole")).toHaveLength(1);
    expect((error as RunFailedError).cleanUp?.ok).toBe(true);
    expect(await leftBehind(run.namespace)).toEqual(NOTHING_LEFT);
  }, 60_000);
});
