// Run one Job and notice its end within seconds: `.sync` looks at a Job only every 1 to 5
// minutes, so this variant creates it with request-response `eks:runJob` and polls it.
import type { StateMachineDefinition } from "@eks-sfn/rbac";
import type { JobRunPlan } from "./job-run-plan.ts";
import { failWithCaughtError, pollingJobStates } from "./job-states.ts";
import { FAILED_STATE, jobLabel, SUCCEEDED_STATE } from "./run-job.ts";

export interface PollingJobRunPlan extends JobRunPlan {
  /** Seconds between two reads of the Job (the `Wait`); 1 or more. */
  pollSeconds: number;
  /** The run's timeout in seconds: the loop's deadline when the Job has no `activeDeadlineSeconds`. */
  timeoutSeconds: number;
}

/** Default poll interval: 10 s, 6 `eks:call` reads a minute (each read is a state transition). */
export const DEFAULT_POLL_SECONDS = 10;

/**
 * Polls allowed: the Job's `activeDeadlineSeconds` (Kubernetes fails the Job then, so one
 * more poll after it sees the `Failed` condition), otherwise the run's timeout, divided by
 * the interval and rounded up.
 */
export function maxPolls(plan: PollingJobRunPlan): number {
  const active = plan.job.spec.activeDeadlineSeconds;
  const deadline = typeof active === "number" && active > 0 ? active : plan.timeoutSeconds;
  return Math.ceil(deadline / plan.pollSeconds) + (deadline === active ? 1 : 0);
}

/**
 * A definition that creates `plan.job` with `eks:runJob` and loops `Wait` (pollSeconds) ->
 * `eks:call` GET -> Choice on the conditions `Complete` / `Failed` (its reason in the
 * Cause), ending with `EksSfn.JobDeadlineExceeded` after `maxPolls(plan)` reads. Then it
 * reads each pod's container logs (`pods/log`, capped by `plan.logs`) and deletes the Job
 * by policy; on any error the Job is deleted (policy `always`) and the execution fails
 * with the original `Error` and `Cause`.
 *
 * Output on success: `{name, status, logs: {pods: [{name, containers: [{name, log}]}]}}`.
 * Pure.
 */
export function renderPollingRunJobDefinition(plan: PollingJobRunPlan): StateMachineDefinition {
  const run = pollingJobStates({
    source: { kind: "plan", job: plan.job, namespace: plan.namespace, logs: plan.logs },
    deleteJob: plan.deleteJob,
    succeeded: SUCCEEDED_STATE,
    failed: FAILED_STATE,
    pollSeconds: plan.pollSeconds,
    maxPolls: maxPolls(plan),
    containers: plan.job.spec.template.spec.containers.map((container) => container.name),
  });
  return {
    Comment: `Run the Job ${jobLabel(plan)} with eks:runJob, poll it every ${plan.pollSeconds} s, delete it (${plan.deleteJob}).`,
    StartAt: run.startAt,
    States: {
      ...run.states,
      [SUCCEEDED_STATE]: { Type: "Succeed", OutputPath: "$.result" },
      ...failWithCaughtError(FAILED_STATE),
    },
  };
}
