// The state machine a run generates for its Job (`--job`, the action's `job`): the
// article's `.sync` definition, or the fast-polling one, with the run's delete policy
// and log caps, and the execution input every definition here reads.
import type { StateMachineDefinition } from "@eks-sfn/rbac";
import type { ClusterEndpoint } from "../cluster/cluster-endpoint.ts";
import type { JobManifest } from "../kube/job-manifest.ts";
import { renderExecutionInput } from "../workflow/definition/bring-your-own.ts";
import { defaultLogPlan } from "../workflow/definition/job-run-plan.ts";
import { renderRunJobDefinition } from "../workflow/definition/run-job.ts";
import { renderPollingRunJobDefinition } from "../workflow/definition/run-job-polling.ts";
import type { RunPlan } from "./run-plan.ts";

/** The definition and execution input for `job`; pure. */
export function generatedDefinition(options: {
  readonly plan: RunPlan;
  readonly job: JobManifest;
  readonly cluster: ClusterEndpoint;
}): { readonly definition: StateMachineDefinition; readonly input: Record<string, unknown> } {
  const { plan, job } = options;
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

/** The article's execution input: `{"cluster": {name, ca, endpoint}}` plus `extra`. */
export function clusterInput(cluster: ClusterEndpoint, extra: unknown = {}, inputName = "input") {
  return renderExecutionInput(
    { name: cluster.name, ca: cluster.certificateAuthorityData, endpoint: cluster.endpoint },
    extra,
    inputName,
  );
}
