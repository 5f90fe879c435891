// Run one Job on an existing cluster with `eks:runJob.sync`: the article's state machine,
// with the Job deleted by policy and the original error kept when it fails.
import type { StateMachineDefinition } from "@eks-sfn/rbac";
import type { JobRunPlan } from "./job-run-plan.ts";
import { failWithCaughtError, syncJobStates } from "./job-states.ts";

/** The state a failed run ends through: it fails with the first error (failWithCaughtError). */
export const FAILED_STATE = "Failed";
export const SUCCEEDED_STATE = "Succeeded";

/**
 * A definition that runs `plan.job` with `eks:runJob.sync` on the cluster given in the
 * execution input (`{"cluster": {"name", "ca", "endpoint"}}`, the article's shape),
 * bringing back logs capped by `plan.logs`, then deletes the Job (`eks:call` DELETE,
 * `propagationPolicy: Foreground`) when `plan.deleteJob` says so. Any error is caught
 * (`States.ALL`), the Job deleted (policy `always`), and the execution fails with the
 * original `Error` and `Cause` (a Fail state with `ErrorPath` / `CausePath`).
 *
 * Output on success: `{name, status, logs}` (the Job's name as created, its `.status`,
 * and `logs.pods.<pod>.containers.<container>.log`). Pure.
 */
export function renderRunJobDefinition(plan: JobRunPlan): StateMachineDefinition {
  const run = syncJobStates({
    source: { kind: "plan", job: plan.job, namespace: plan.namespace, logs: plan.logs },
    deleteJob: plan.deleteJob,
    succeeded: SUCCEEDED_STATE,
    failed: FAILED_STATE,
  });
  return {
    Comment: `Run the Job ${jobLabel(plan)} with eks:runJob.sync, delete it (${plan.deleteJob}), keep its status and logs.`,
    StartAt: run.startAt,
    States: {
      ...run.states,
      [SUCCEEDED_STATE]: { Type: "Succeed", OutputPath: "$.result" },
      ...failWithCaughtError(FAILED_STATE),
    },
  };
}

/** How a definition's Comment names the Job: `name`, or `generateName*`. */
export function jobLabel(plan: Pick<JobRunPlan, "job" | "namespace">): string {
  const { name, generateName } = plan.job.metadata;
  return `${plan.namespace}/${name ?? `${generateName ?? ""}*`}`;
}
