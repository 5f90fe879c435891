import { listTaskStates, type StateMachineDefinition, stateGraph } from "@eks-sfn/rbac";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JobManifest } from "../../kube/job-manifest.ts";
import { generatedNamePiJob, piJob, piPlan } from "./examples.test-support.ts";
import {
  DEFAULT_LOG_BUDGET_BYTES,
  defaultLogPlan,
  MIN_LIMIT_BYTES,
  maxJobPods,
  planJobRun,
  TASK_RESULT_LIMIT_BYTES,
} from "./job-run-plan.ts";
import { renderRunJobDefinition } from "./run-job.ts";
import { maxPolls, renderPollingRunJobDefinition } from "./run-job-polling.ts";

type Task = { Resource: string; Parameters: Record<string, unknown>; Catch?: unknown[] };

function deletes(definition: StateMachineDefinition): string[] {
  return Object.entries(definition.States)
    .filter(([, state]) => (state as Task).Parameters?.Method === "DELETE")
    .map(([name]) => name);
}

describe("renderRunJobDefinition", () => {
  it("runs the whole Job with eks:runJob.sync, capped logs, then deletes it in the foreground", () => {
    const plan = piPlan();
    const definition = renderRunJobDefinition(plan);
    const run = definition.States["Run job"] as Task;
    expect(run.Resource).toBe("arn:aws:states:::eks:runJob.sync");
    expect(run.Parameters.Job).toEqual(plan.job);
    expect(run.Parameters.Namespace).toBe("default");
    expect(run.Parameters.LogOptions).toEqual({
      RetrieveLogs: true,
      RawLogs: false,
      LogParameters: { tailLines: ["200"], limitBytes: ["32768"] },
    });
    const remove = definition.States["Delete job"] as Task;
    expect(remove.Parameters).toMatchObject({
      Method: "DELETE",
      Path: "/apis/batch/v1/namespaces/default/jobs/my-eks-job",
      QueryParameters: { propagationPolicy: ["Foreground"] },
    });
  });

  it("deletes the Job on failure too, then fails with the original Error and Cause", () => {
    const definition = renderRunJobDefinition(piPlan({ deleteJob: "always" }));
    expect((definition.States["Run job"] as Task).Catch).toEqual([
      { ErrorEquals: ["States.ALL"], Next: "Job failed", ResultPath: "$.error" },
    ]);
    expect(deletes(definition)).toEqual(["Delete job", "Job failed"]);
    expect(definition.States["Failed with the error"]).toEqual({
      Type: "Fail",
      ErrorPath: "$.error.Error",
      CausePath: "$.error.Cause",
    });
    // A States.* error cannot be re-raised as it is: it keeps its name behind "EksSfn.".
    expect(definition.States["Failed in Step Functions"]).toEqual({
      Type: "Fail",
      ErrorPath: "States.Format('EksSfn.{}', $.error.Error)",
      CausePath: "$.error.Cause",
    });
    // A failed delete on the failure path must not replace the Job's own error.
    const failedDelete = definition.States["Job failed"] as { Catch: { ResultPath: string }[] };
    expect(failedDelete.Catch.map((c) => c.ResultPath)).toEqual([null, "$.deleteError"]);
  });

  it("with on-success keeps a failed Job for inspection, and with never deletes nothing", () => {
    expect(deletes(renderRunJobDefinition(piPlan({ deleteJob: "on-success" })))).toEqual([
      "Delete job",
    ]);
    expect(deletes(renderRunJobDefinition(piPlan({ deleteJob: "never" })))).toEqual([]);
  });

  it("takes a generateName Job's name from the create result, and from a failed Job's Cause", () => {
    const definition = renderRunJobDefinition(piPlan({ job: generatedNamePiJob() }));
    expect(
      (definition.States["Run job"] as { ResultSelector: object }).ResultSelector,
    ).toMatchObject({ "name.$": "$.metadata.name" });
    expect((definition.States["Delete job"] as Task).Parameters["Path.$"]).toBe(
      "States.Format('/apis/batch/v1/namespaces/{}/jobs/{}', 'default', $.result.name)",
    );
    expect((definition.States["Delete failed job"] as Task).Parameters["Path.$"]).toContain(
      "$.failedJob.job.metadata.name",
    );
    // Every path out of "Job failed" ends in the Fail state.
    const targets = stateGraph(definition)
      .edges.filter((edge) => edge.from === "Delete failed job")
      .map((edge) => edge.to);
    expect(new Set(targets)).toEqual(new Set(["Failed"]));
    expect(definition.States.Failed?.Type).toBe("Choice");
  });

  it("uses only the EKS integrations the job runner's RBAC covers", () => {
    const resources = listTaskStates(renderRunJobDefinition(piPlan())).map((t) => t.resource);
    expect(resources).toEqual([
      "arn:aws:states:::eks:runJob.sync",
      "arn:aws:states:::eks:call",
      "arn:aws:states:::eks:call",
    ]);
  });
});

describe("renderPollingRunJobDefinition", () => {
  const pollingPlan = () => ({ ...piPlan(), pollSeconds: 10, timeoutSeconds: 600 });

  it("creates with request-response runJob and loops Wait -> GET -> Choice on the conditions", () => {
    const definition = renderPollingRunJobDefinition(pollingPlan());
    expect((definition.States["Create job"] as Task).Resource).toBe("arn:aws:states:::eks:runJob");
    const edges = stateGraph(definition).edges.map((e) => `${e.from}->${e.to}`);
    expect(edges).toEqual(
      expect.arrayContaining([
        "Create job->Start polling",
        "Start polling->Wait for job",
        "Wait for job->Read job",
        "Read job->Read job status",
        "Read job status->Job ended?",
        "Job ended?->Find pods",
        "Job ended?->Job condition failed",
        "Job ended?->Job deadline passed",
        "Job ended?->Wait for job",
      ]),
    );
  });

  it("deletes the polled Job as the policy says: never leaves it, always deletes it on both paths", () => {
    const never = renderPollingRunJobDefinition({ ...pollingPlan(), deleteJob: "never" });
    expect(deletes(never)).toEqual([]);
    // Every transition still lands on a state that exists.
    const graph = stateGraph(never);
    const names = new Set(graph.nodes.map((node) => node.name));
    const dangling = graph.edges.filter((edge) => edge.to !== null && !names.has(edge.to));
    expect(dangling).toEqual([]);
    const always = renderPollingRunJobDefinition({ ...pollingPlan(), deleteJob: "always" });
    expect(deletes(always)).toEqual(expect.arrayContaining(["Delete job"]));
    expect(deletes(always).length).toBeGreaterThan(1);
  });

  it("gives up after the Job's activeDeadlineSeconds, or else the run's timeout", () => {
    const polling = pollingPlan();
    expect(maxPolls(polling)).toBe(60);
    const job: JobManifest = { ...piJob(), spec: { ...piJob().spec, activeDeadlineSeconds: 95 } };
    expect(maxPolls({ ...polling, job })).toBe(11);
    for (const activeDeadlineSeconds of [0, -5, "95"]) {
      const other = {
        ...piJob(),
        spec: { ...piJob().spec, activeDeadlineSeconds },
      } as unknown as JobManifest;
      expect(maxPolls({ ...polling, job: other }), String(activeDeadlineSeconds)).toBe(60);
    }
  });
});

describe("default log options", () => {
  const jobWith = (spec: Partial<JobManifest["spec"]>, containers = 1): JobManifest => {
    const base = piJob();
    const podSpec = base.spec.template.spec;
    return {
      ...base,
      spec: {
        ...base.spec,
        ...spec,
        template: {
          ...base.spec.template,
          spec: {
            ...podSpec,
            containers: Array.from({ length: containers }, (_, i) => ({ name: `c${i}` })),
          },
        },
      },
    };
  };

  it("give the pi Job (one pod, one container) the whole 32 KiB", () => {
    expect(maxJobPods(piJob())).toBe(1);
    expect(defaultLogPlan(piJob())).toEqual({
      retrieve: true,
      raw: false,
      tailLines: 200,
      limitBytes: 32768,
    });
  });

  it("count completions, else parallelism, each only when a positive whole number, else 1", () => {
    const pods = (spec: Record<string, unknown>) =>
      maxJobPods(jobWith({ backoffLimit: 0, ...spec } as Partial<JobManifest["spec"]>));
    expect(pods({ completions: 3, parallelism: 5 })).toBe(3);
    expect(pods({ completions: 0, parallelism: 4 })).toBe(4);
    expect(pods({ parallelism: 2 })).toBe(2);
    expect(pods({ completions: -2, parallelism: 2.5 })).toBe(1);
    expect(pods({ completions: "3", parallelism: "2" })).toBe(1);
    expect(pods({ completions: 1, backoffLimit: 2 })).toBe(3);
  });

  it("share the budget with init containers, whose logs count too", () => {
    const job = jobWith({ backoffLimit: 0 }, 1);
    const withInit: JobManifest = {
      ...job,
      spec: {
        ...job.spec,
        template: {
          ...job.spec.template,
          spec: {
            ...job.spec.template.spec,
            ...{ initContainers: [{ name: "init" }] },
          },
        },
      },
    };
    expect(defaultLogPlan(job).limitBytes).toBe(32768);
    expect(defaultLogPlan(withInit).limitBytes).toBe(16384);
  });

  it("count Kubernetes' default backoffLimit of 6 when the Job gives none", () => {
    const { backoffLimit: _, ...spec } = piJob().spec;
    expect(maxJobPods({ ...piJob(), spec: spec as JobManifest["spec"] })).toBe(7);
  });

  it("keep every pod's and container's log within the budget, escaped, under 256 KiB", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        (backoffLimit, completions, containers) => {
          const job = jobWith({ backoffLimit, completions }, containers);
          const { limitBytes } = defaultLogPlan(job);
          const total = limitBytes * maxJobPods(job) * containers;
          expect(limitBytes).toBeGreaterThanOrEqual(MIN_LIMIT_BYTES);
          if (limitBytes > MIN_LIMIT_BYTES) {
            expect(total).toBeLessThanOrEqual(DEFAULT_LOG_BUDGET_BYTES);
          }
          // Worst-case JSON escaping (6x) of the budget still fits the task result limit.
          expect(DEFAULT_LOG_BUDGET_BYTES * 6).toBeLessThan(TASK_RESULT_LIMIT_BYTES);
        },
      ),
    );
  });
});

describe("planJobRun", () => {
  it("takes the default log caps, replaced one by one by the caller's", () => {
    const plan = planJobRun({
      job: piJob(),
      namespace: "ci",
      deleteJob: "on-success",
      logs: { tailLines: 20 },
    });
    expect(plan.logs).toEqual({ retrieve: true, raw: false, tailLines: 20, limitBytes: 32768 });
    expect(plan.namespace).toBe("ci");
  });

  it("takes a Job whose metadata names the run's own namespace", () => {
    const job = { ...piJob(), metadata: { name: "pi", namespace: "ci" } };
    expect(planJobRun({ job, namespace: "ci", deleteJob: "always" }).namespace).toBe("ci");
  });

  it("refuses a Job whose metadata names another namespace", () => {
    const job = { ...piJob(), metadata: { name: "pi", namespace: "prod" } };
    expect(() => planJobRun({ job, namespace: "ci", deleteJob: "always" })).toThrow(
      /^namespace: is "ci" but the Job's metadata\.namespace is "prod"\. Remove metadata\.namespace from the Job file, or run it in that namespace\.$/,
    );
  });
});
