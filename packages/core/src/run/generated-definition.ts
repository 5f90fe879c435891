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
import { RUN_ID_LABEL } from "./clean-up.ts";
import type { RunPlan, TemporaryClusterSettings } from "./run-plan.ts";
import { temporaryClusterTags } from "./sweep.ts";

/**
 * The definition a run of `plan` starts, before any cluster is known: the generated one
 * for its Jobs (one Job, a matrix, or a temporary cluster), the user's own, or undefined
 * for a state machine given by ARN. `eks-sfn plan` renders this, and runWorkflow runs
 * the same (generatedDefinition and temporaryClusterDefinition build it the same way),
 * Jobs labelled with the run id as the run creates them. Pure.
 */
export function plannedDefinition(plan: RunPlan): StateMachineDefinition | undefined {
  if (plan.stateMachine.kind === "definition") return plan.stateMachine.definition;
  if (plan.stateMachine.kind === "arn") return undefined;
  const jobs = plan.jobs.map((job) => labelledJob(job, plan.runId));
  const [job] = jobs;
  if (job === undefined) return undefined;
  if (plan.cluster.kind === "create") {
    return temporaryClusterRunDefinition(plan, plan.cluster.temporary, job);
  }
  return jobsDefinition(plan, jobs);
}

/** `job` with the run-id label that cleanup finds it by. */
export function labelledJob(job: JobManifest, runId: string): JobManifest {
  return {
    ...job,
    metadata: { ...job.metadata, labels: { ...job.metadata.labels, [RUN_ID_LABEL]: runId } },
  };
}

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
  return {
    definition: jobsDefinition(options.plan, options.jobs),
    input: clusterInput(options.cluster),
  };
}

function jobsDefinition(plan: RunPlan, jobs: readonly JobManifest[]): StateMachineDefinition {
  const [job, ...others] = jobs;
  if (job === undefined) throw new Error("generatedDefinition: the plan has no Job");
  if (others.length > 0) return matrixDefinition(plan, jobs);
  const jobPlan = jobRunPlan(plan, job);
  return plan.polling.kind === "sync"
    ? renderRunJobDefinition(jobPlan)
    : renderPollingRunJobDefinition({
        ...jobPlan,
        pollSeconds: plan.polling.seconds,
        timeoutSeconds: Math.ceil(plan.timeoutMs / 1000),
      });
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
  const definition = temporaryClusterRunDefinition(plan, temporary, job);
  const tags = {
    ...plan.tags,
    ...temporaryClusterTags({ runId: plan.runId, now: options.now, ttlMs: temporary.ttlMs }),
  };
  return { definition, input: { temporaryCluster: { name: temporary.name, tags } } };
}

function temporaryClusterRunDefinition(
  plan: RunPlan,
  temporary: TemporaryClusterSettings,
  job: JobManifest,
): StateMachineDefinition {
  const jobPlan = jobRunPlan(plan, job);
  return renderTemporaryClusterDefinition({
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
