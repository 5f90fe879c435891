// Each definition core generates (workflow/definition/) runs whole on the local engine:
// the Job on the test cluster, the cluster tasks on moto's EKS.
import { EKSClient, ListClustersCommand } from "@aws-sdk/client-eks";
import { StateMachine } from "aws-local-stepfunctions";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { collectEvents } from "../../../../../test/support/events.ts";
import {
  adminKubeConfig,
  createTestNamespace,
  motoClientConfig,
  setContainerLogs,
} from "../../../../../test/support/stack.ts";
import { testClusterInput } from "../../../../../test/support/test-cluster.ts";
import { readJob } from "../../kube/job.ts";
import type { JobManifest } from "../../kube/job-manifest.ts";
import {
  exampleDefinitions,
  piJob,
  piPlan,
  TEMPORARY_CLUSTER,
} from "../../workflow/definition/examples.test-support.ts";
import { renderJobMatrixDefinition } from "../../workflow/definition/job-matrix.ts";
import { defaultLogPlan } from "../../workflow/definition/job-run-plan.ts";
import { RETHROWN_STATES_ERROR_PREFIX } from "../../workflow/definition/job-states.ts";
import { renderRunJobDefinition } from "../../workflow/definition/run-job.ts";
import { renderPollingRunJobDefinition } from "../../workflow/definition/run-job-polling.ts";
import {
  renderTemporaryClusterDefinition,
  renderTemporaryClusterInput,
} from "../../workflow/definition/temporary-cluster.ts";
import type { Engine } from "../engine.ts";
import {
  createLocalEngine,
  type LocalEngineOptions,
  withIntrinsicFailPaths,
  withTaskTimeouts,
} from "./local.ts";
import { FAILED_JOB_ERROR } from "./run-job.ts";

const PI_LOG = '{ "pi": 3.14159 }';
const FAIL_ANNOTATION = "eks-sfn.test/exit-code";

function engine(extra: Partial<LocalEngineOptions> = {}): Engine {
  return createLocalEngine({
    identity: { type: "kubeconfig", kubeConfig: adminKubeConfig() },
    ...extra,
  });
}

let runs = 0;
async function run(e: Engine, definition: unknown, input: unknown) {
  runs += 1;
  const handle = await e.start({
    definition: definition as never,
    input,
    name: `generated-${process.pid}-${runs}`,
    signal: new AbortController().signal,
  });
  const events = await collectEvents(handle.events());
  return { outcome: await handle.outcome(), events };
}

function named(name: string, annotations: Record<string, string> = {}): JobManifest {
  const job = piJob();
  return {
    ...job,
    metadata: { name },
    spec: {
      ...job.spec,
      template: {
        ...job.spec.template,
        metadata: { ...(job.spec.template.metadata as object), annotations },
      },
    },
  } as JobManifest;
}

describe("the interpreter's view of the generated definitions", () => {
  it("accepts each generated definition as the engine hands it over (asl-validator inside the library)", () => {
    const accepted = Object.entries(exampleDefinitions()).map(([name, definition]) => {
      const prepared = withIntrinsicFailPaths(withTaskTimeouts(definition)).definition;
      new StateMachine(prepared as never, { validationOptions: { checkArn: false } });
      return name;
    });
    expect(accepted).toHaveLength(Object.keys(exampleDefinitions()).length);
    expect(accepted).toContain("temporary-cluster.json");
  });
});

describe("the generated definitions on the local engine", () => {
  let namespace = "";
  beforeAll(async () => {
    namespace = await createTestNamespace("generated");
    await setContainerLogs({ namespace, container: "pi-2000", lines: [PI_LOG] });
  });

  it("runs the .sync definition: the Job's status and parsed logs come back and the Job is deleted", async () => {
    const job = named("sync-pi");
    const definition = renderRunJobDefinition(
      piPlan({ job, namespace, logs: defaultLogPlan(job) }),
    );
    const { outcome } = await run(engine(), definition, testClusterInput());
    expect(outcome.error).toBeUndefined();
    expect(outcome.status).toBe("SUCCEEDED");
    const output = outcome.output as {
      name: string;
      status: { succeeded: number };
      logs: { pods: Record<string, { containers: Record<string, { log: unknown }> }> };
    };
    expect(output.name).toBe("sync-pi");
    expect(output.status.succeeded).toBe(1);
    expect(Object.values(output.logs.pods).map((p) => p.containers["pi-2000"]?.log)).toEqual([
      JSON.parse(PI_LOG),
    ]);
    // A Foreground delete returns at once; the Job goes when the garbage collector has
    // deleted its pods (seconds on a loaded machine).
    await vi.waitFor(
      async () =>
        expect(
          await readJob({ kube: adminKubeConfig(), job: { namespace, name: "sync-pi" } }),
        ).toBeUndefined(),
      { timeout: 20_000, interval: 250 },
    );
  });

  it("fails the .sync definition with the Job's failure when its pod fails, after deleting the Job", async () => {
    const job = named("sync-fail", { [FAIL_ANNOTATION]: "4" });
    const definition = renderRunJobDefinition(
      piPlan({ job, namespace, logs: defaultLogPlan(job) }),
    );
    const { outcome } = await run(engine(), definition, testClusterInput());
    expect(outcome.status).toBe("FAILED");
    expect(outcome.error).toBe(`${RETHROWN_STATES_ERROR_PREFIX}${FAILED_JOB_ERROR}`);
    expect(JSON.parse(outcome.cause ?? "{}").status.conditions).toContainEqual(
      expect.objectContaining({ type: "Failed", reason: "BackoffLimitExceeded" }),
    );
    // A Foreground delete returns at once; the Job goes when the garbage collector has
    // deleted its pods (seconds on a loaded machine).
    await vi.waitFor(
      async () =>
        expect(
          await readJob({ kube: adminKubeConfig(), job: { namespace, name: "sync-fail" } }),
        ).toBeUndefined(),
      { timeout: 20_000, interval: 250 },
    );
  });

  it("ends the fast-polling definition within one polling interval of the Job's completion", async () => {
    const pollSeconds = 2;
    const job = named("polled");
    const definition = renderPollingRunJobDefinition({
      ...piPlan({ job, namespace, logs: defaultLogPlan(job), deleteJob: "never" }),
      pollSeconds,
      timeoutSeconds: 120,
    });
    const { outcome } = await run(engine(), definition, testClusterInput());
    expect(outcome.error).toBeUndefined();
    expect(outcome.status).toBe("SUCCEEDED");
    const finished = await readJob({ kube: adminKubeConfig(), job: { namespace, name: "polled" } });
    const completed = Date.parse(finished?.status?.completionTime as unknown as string);
    // completionTime has whole seconds: allow the second it was cut to.
    const lag = (outcome.stoppedAt?.getTime() ?? 0) - completed;
    expect(lag).toBeLessThanOrEqual((pollSeconds + 1) * 1000);
    expect((outcome.output as { status: { succeeded: number } }).status.succeeded).toBe(1);
  });

  it("runs a matrix of 20 Jobs with MaxConcurrency 5: never more than 5 at once, 20 results", async () => {
    const jobs = Array.from({ length: 20 }, (_, i) => {
      const job = named(`matrix-${i}`);
      return { job, namespace, logs: defaultLogPlan(job) };
    });
    const definition = renderJobMatrixDefinition({
      jobs,
      maxConcurrency: 5,
      deleteJob: "always",
      logs: { retrieve: true, raw: false },
      mode: { kind: "sync" },
    });
    const { outcome, events } = await run(engine(), definition, testClusterInput());
    expect(outcome.error).toBeUndefined();
    expect(outcome.status).toBe("SUCCEEDED");
    const outcomes = (outcome.output as { outcomes: { index: number; outcome: string }[] })
      .outcomes;
    expect(outcomes.map((o) => [o.index, o.outcome])).toEqual(jobs.map((_, i) => [i, "succeeded"]));
    let inFlight = 0;
    let most = 0;
    for (const event of events) {
      if (event.type !== "job") continue;
      if (event.phase === "created") inFlight += 1;
      if (event.phase === "complete" || event.phase === "failed") inFlight -= 1;
      most = Math.max(most, inFlight);
    }
    expect(events.filter((e) => e.type === "job" && e.phase === "created")).toHaveLength(20);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(5);
  });

  describe("the temporary cluster against moto's EKS", () => {
    async function runTemporary(name: string, job: JobManifest) {
      const eks = new EKSClient(motoClientConfig());
      const definition = renderTemporaryClusterDefinition({
        ...TEMPORARY_CLUSTER,
        run: { mode: "sync", plan: piPlan({ job, namespace, logs: defaultLogPlan(job) }) },
      });
      const input = renderTemporaryClusterInput({
        name,
        runId: "1",
        repository: "octo/repo",
        expiresAt: new Date(Date.now() + 3_600_000),
      });
      const result = await run(
        engine({
          clusterTasks: { eks, waiterDelaySeconds: { min: 1, max: 2 } },
          clusters: { [name]: adminKubeConfig() },
          overrides: { retryIntervalOverrides: { "Delete node group": 0, "Delete cluster": 0 } },
        }),
        definition,
        input,
      );
      const left = (await eks.send(new ListClustersCommand({}))).clusters ?? [];
      return { ...result, left };
    }

    it("creates the cluster and node group, runs the Job there, and deletes both", async () => {
      const { outcome, events, left } = await runTemporary("eks-sfn-temp-ok", named("temp-ok"));
      expect(outcome.error).toBeUndefined();
      expect(outcome.status).toBe("SUCCEEDED");
      expect((outcome.output as { status: { succeeded: number } }).status.succeeded).toBe(1);
      const entered = events.flatMap((e) => (e.type === "state-entered" ? [e.state] : []));
      expect(entered).toContain("Delete node group");
      expect(entered).toContain("Delete cluster");
      expect(left).not.toContain("eks-sfn-temp-ok");
    });

    it("still deletes the node group and the cluster when the Job fails", async () => {
      const { outcome, left } = await runTemporary(
        "eks-sfn-temp-fail",
        named("temp-fail", { [FAIL_ANNOTATION]: "5" }),
      );
      expect(outcome.status).toBe("FAILED");
      expect(outcome.error).toBe(`${RETHROWN_STATES_ERROR_PREFIX}${FAILED_JOB_ERROR}`);
      expect(left).not.toContain("eks-sfn-temp-fail");
    });
  });
});
