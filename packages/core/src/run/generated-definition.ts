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
import {
  renderTemporaryClusterDefinition,
  type TemporaryClusterInput,
} from "../workflow/definition/temporary-cluster.ts";
import type { RunPlan, TemporaryClusterSettings } from "./run-plan.ts";
import { temporaryClusterTags } from "./sweep.ts";

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
  const jobPlan = jobRunPlan(plan, job);
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

function jobRunPlan(plan: RunPlan, job: JobManifest) {
  const defaults = defaultLogPlan(job);
  return {
    job,
    namespace: plan.namespace,
    deleteJob: plan.deletePolicy,
    logs: {
      ...defaults,
      retrieve: plan.logs.retrieve,
      tailLines: plan.logs.tailLines ?? defaults.tailLines,
    },
  };
}

/**
 * The definition and execution input for running `job` on a temporary cluster: create
 * the cluster and node group, run the Job (`.sync` or polling), delete node group and
 * cluster (temporary-cluster.ts). The input names the cluster and carries the tags
 * `eks-sfn sweep` looks for (sweep.ts temporaryClusterTags: created-by, run-id, and
 * expires-at = `now` + the settings' TTL), after the plan's own tags. Pure.
 */
export function temporaryClusterDefinition(options: {
  readonly plan: RunPlan;
  readonly temporary: TemporaryClusterSettings;
  readonly job: JobManifest;
  readonly now: Date;
}): { readonly definition: StateMachineDefinition; readonly input: TemporaryClusterInput } {
  const { plan, temporary, job } = options;
  const jobPlan = jobRunPlan(plan, job);
  const definition = renderTemporaryClusterDefinition({
    run:
      plan.polling.kind === "sync"
        ? { mode: "sync", plan: jobPlan }
        : {
            mode: "polling",
            plan: {
              ...jobPlan,
              pollSeconds: plan.polling.seconds,
              timeoutSeconds: Math.ceil(plan.timeoutMs / 1000),
            },
          },
    cluster: {
      roleArn: temporary.clusterRoleArn,
      subnetIds: temporary.subnetIds,
      version: temporary.kubernetesVersion,
    },
    nodegroup: {
      nodeRoleArn: temporary.nodeRoleArn,
      instanceTypes: temporary.instanceTypes,
      size: temporary.nodeCount,
    },
  });
  const tags = {
    ...plan.tags,
    ...temporaryClusterTags({ runId: plan.runId, now: options.now, ttlMs: temporary.ttlMs }),
  };
  return { definition, input: { temporaryCluster: { name: temporary.name, tags } } };
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
