// The state machine a run generates for its Job (`--job`, the action's `job`): the
// article's `.sync` definition, or the fast-polling one, with the run's delete policy
// and log caps, and the execution input every definition here reads.
import type { StateMachineDefinition } from "@eks-sfn/rbac";
import type { ClusterEndpoint } from "../cluster/cluster-endpoint.ts";
import type { JobManifest } from "../kube/job-manifest.ts";
import { renderExecutionInput } from "../workflow/definition/bring-your-own.ts";
import { renderJobMatrixDefinition } from "../workflow/definition/job-matrix.ts";
import { defaultLogPlan } from "../workflow/definition/job-run-plan.ts";
import { renderRunJobDefinition } from "../workflow/definition/run-job.ts";
import { renderPollingRunJobDefinition } from "../workflow/definition/run-job-polling.ts";
import type { RunPlan } from "./run-plan.ts";

/**
 * The definition and execution input for the plan's Jobs: one Job runs through the
 * `.sync` or fast-polling definition, several through the job-matrix one (a Map capped at
 * `plan.maxConcurrency`, each Job's outcome recorded, failing at the end if any failed).
 * Pure.
 */
export function generatedDefinition(options: {
  readonly plan: RunPlan;
  readonly jobs: readonly JobManifest[];
  readonly cluster: ClusterEndpoint;
}): { readonly definition: StateMachineDefinition; readonly input: Record<string, unknown> } {
  const { plan, jobs } = options;
  const [job, ...others] = jobs;
  if (job === undefined) throw new Error("generatedDefinition: the plan has no Job");
  if (others.length > 0) {
    return { definition: matrixDefinition(plan, jobs), input: clusterInput(options.cluster) };
  }
  const defaults = defaultLogPlan(job);
  const jobPlan = {
    job,
    namespace: plan.namespace,
    deleteJob: plan.deletePolicy,
    logs: {
      ...defaults,
      retrieve: plan.logs.retrieve,
      tailLines: plan.logs.tailLines ?? defaults.tailLines,
    },
  };
  const definition =
    plan.polling.kind === "sync"
      ? renderRunJobDefinition(jobPlan)
      : renderPollingRunJobDefinition({
          ...jobPlan,
          pollSeconds: plan.polling.seconds,
          timeoutSeconds: Math.ceil(plan.timeoutMs / 1000),
        });
  return { definition, input: clusterInput(options.cluster) };
}

function matrixDefinition(plan: RunPlan, jobs: readonly JobManifest[]): StateMachineDefinition {
  const timeoutSeconds = Math.ceil(plan.timeoutMs / 1000);
  return renderJobMatrixDefinition({
    jobs: jobs.map((job) => {
      const defaults = defaultLogPlan(job);
      return {
        job,
        namespace: plan.namespace,
        logs: { ...defaults, tailLines: plan.logs.tailLines ?? defaults.tailLines },
      };
    }),
    maxConcurrency: plan.maxConcurrency,
    deleteJob: plan.deletePolicy,
    logs: { retrieve: plan.logs.retrieve, raw: false },
    mode:
      plan.polling.kind === "sync"
        ? { kind: "sync" }
        : {
            kind: "polling",
            pollSeconds: plan.polling.seconds,
            maxPolls: Math.ceil(timeoutSeconds / plan.polling.seconds),
          },
  });
}

/** The article's execution input: `{"cluster": {name, ca, endpoint}}` plus `extra`. */
export function clusterInput(cluster: ClusterEndpoint, extra: unknown = {}, inputName = "input") {
  return renderExecutionInput(
    { name: cluster.name, ca: cluster.certificateAuthorityData, endpoint: cluster.endpoint },
    extra,
    inputName,
  );
}
