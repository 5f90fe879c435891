// Undoes exactly what one run recorded in its ledger, newest kind of thing first: stop
// the execution, delete the state machine version it started on, delete its Jobs
// (Foreground, so their pods go too) and the pods a Job
// deleted without propagation left behind (when the ledger has its uid), revoke the grant,
// delete a temporary cluster's node group and then the cluster (Step Functions does not
// delete them when an execution is stopped), and the state machine the run created.
// Every step tolerates "already gone", so cleanUp can run twice, or from a ledger a
// killed run left behind at any step. Retries: the AWS SDK's own (standard mode)
// retries each AWS call; Kubernetes calls are retried here (kube/kube-retry.ts).
import {
  DeleteClusterCommand,
  DeleteNodegroupCommand,
  type EKSClient,
  ResourceNotFoundException,
  waitUntilNodegroupDeleted,
} from "@aws-sdk/client-eks";
import {
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  ListExecutionsCommand,
  type SFNClient,
  StopExecutionCommand,
} from "@aws-sdk/client-sfn";
import { ApiException, BatchV1Api, CoreV1Api, type KubeConfig } from "@kubernetes/client-node";
import { RevokeIncompleteError, type RevokeReport, revokeGrant } from "../access/revoke.ts";
import { AwsRequestError } from "../aws/aws-request-error.ts";
import { CANCELLED_ERROR } from "../engine/aws.ts";
import type { ExecutionHandle } from "../engine/engine.ts";
import { deleteJob } from "../kube/job.ts";
import { type KubeRetryOptions, retryKube } from "../kube/kube-retry.ts";
import type { Sleep } from "../time/clock.ts";
import { deleteStateMachineVersion } from "../workflow/state-machine.ts";
import type { RunLedger } from "./ledger.ts";

/** The label every Job of a run carries, so cleanUp finds Jobs made with generateName. */
export const RUN_ID_LABEL = "eks-sfn.io/run-id";

/** How long to wait for a node group to go before deleting its cluster. */
export const NODEGROUP_DELETE_WAIT_S = 20 * 60;

export interface CleanUpClients {
  /** Acts as the caller (admin enough to delete Jobs and revoke the grant). */
  readonly kube?: KubeConfig | undefined;
  readonly sfn?: SFNClient | undefined;
  readonly eks?: EKSClient | undefined;
  /** The live handle of a local execution in this process (Ctrl-C); none after a crash. */
  readonly execution?: ExecutionHandle | undefined;
  /** Seconds to wait for a node group deletion; NODEGROUP_DELETE_WAIT_S by default. */
  readonly nodegroupWaitS?: number | undefined;
  /** Paces the retries of transient Kubernetes failures (realSleep by default). */
  readonly sleep?: Sleep | undefined;
}

export interface CleanUpStep {
  readonly what: string;
  readonly outcome: "done" | "already-gone" | "skipped" | "failed";
  readonly detail?: string | undefined;
  /** Grant revocation's own report, rendered by report/render-access.ts. */
  readonly revoke?: RevokeReport | undefined;
}

export interface CleanUpReport {
  readonly steps: readonly CleanUpStep[];
  /** True when every step succeeded or found its thing already gone. */
  readonly ok: boolean;
}

/**
 * Undoes what `ledger` records. Never throws for one step's failure: it tries every
 * step and reports each (a failed step says which request failed), so what can be
 * cleaned is cleaned. Safe to call again with the same ledger. A state machine is
 * deleted only when this run created it (`created: true`) and no other execution runs
 * on it (a concurrent run's); one that was only updated is left as it was.
 */
export async function cleanUp(ledger: RunLedger, clients: CleanUpClients): Promise<CleanUpReport> {
  const steps: CleanUpStep[] = [];
  const attempt = async (what: string, step: () => Promise<Omit<CleanUpStep, "what">>) => {
    try {
      steps.push({ what, ...(await step()) });
    } catch (error) {
      steps.push({ what, outcome: "failed", detail: (error as Error).message.split("\n")[0] });
    }
  };

  const { execution } = ledger;
  if (execution !== undefined) {
    await attempt(`execution ${execution.id}`, () => stopExecution(execution, clients));
  }

  const versionArn = ledger.stateMachine?.versionArn;
  if (versionArn !== undefined) {
    // Its execution goes on if it still runs (Step Functions does not end executions
    // when their version is deleted); the execution step above stopped it anyway.
    await attempt(`state machine version ${versionArn}`, async () => {
      const { sfn } = clients;
      if (!sfn) return { outcome: "skipped", detail: "no Step Functions client" };
      return (await deleteStateMachineVersion({ sfn, versionArn }))
        ? { outcome: "done" }
        : { outcome: "already-gone" };
    });
  }

  const { kube } = clients;
  const retry = clients.sleep ? { sleep: clients.sleep } : {};
  const batch = kube?.makeApiClient(BatchV1Api);
  for (const job of ledger.jobs) {
    await attempt(`Job ${job.namespace}/${job.name}`, async () => {
      if (!kube) return { outcome: "skipped", detail: "no Kubernetes client" };
      // With a uid, a same-named Job someone made since is left alone.
      const deleted = await deleteJob({ kube, job, retry });
      const orphans = job.uid === undefined ? [] : await deleteOrphanedPods(kube, job, retry);
      const pods = orphans.join(", ");
      const detail =
        orphans.length === 0
          ? undefined
          : deleted
            ? `and its orphaned pods ${pods}`
            : `the Job was gone; its orphaned pods ${pods}`;
      return deleted || orphans.length > 0
        ? { outcome: "done", detail }
        : { outcome: "already-gone" };
    });
  }
  // Jobs whose names only the server knows (generateName), found by the run's label.
  if (kube !== undefined && batch !== undefined) {
    for (const namespace of new Set(ledger.jobs.map((j) => j.namespace))) {
      await attempt(`Jobs labelled ${RUN_ID_LABEL}=${ledger.runId} in ${namespace}`, async () => {
        const list = await retryKube(
          `GET jobs in ${namespace} labelled ${RUN_ID_LABEL}=${ledger.runId}`,
          () =>
            batch.listNamespacedJob({
              namespace,
              labelSelector: `${RUN_ID_LABEL}=${ledger.runId}`,
            }),
          retry,
        );
        const left = list.items.filter(
          (j) =>
            j.metadata?.deletionTimestamp === undefined &&
            !ledger.jobs.some((k) => k.namespace === namespace && k.name === j.metadata?.name),
        );
        for (const j of left) {
          await deleteJob({ kube, job: { namespace, name: j.metadata?.name ?? "" }, retry });
        }
        return left.length === 0
          ? { outcome: "already-gone" }
          : { outcome: "done", detail: left.map((j) => j.metadata?.name).join(", ") };
      });
    }
  }

  const { grant } = ledger;
  if (grant !== undefined) {
    await attempt(`grant for ${grant.roleArn} in ${grant.namespace}`, async () => {
      if (!kube) return { outcome: "skipped", detail: "no Kubernetes client" };
      try {
        const revoke = await revokeGrant({
          receipt: grant,
          kube,
          retry,
          ...(clients.eks ? { eks: clients.eks } : {}),
        });
        return { outcome: "done", revoke };
      } catch (error) {
        // What could be undone was; the report says what was not.
        if (!(error instanceof RevokeIncompleteError)) throw error;
        return { outcome: "failed", detail: error.message, revoke: error.report };
      }
    });
  }

  const cluster = ledger.temporaryCluster;
  if (cluster !== undefined) {
    const { eks } = clients;
    if (cluster.nodegroup !== undefined) {
      const nodegroup = cluster.nodegroup;
      await attempt(`node group ${cluster.name}/${nodegroup}`, async () => {
        if (!eks) return { outcome: "skipped", detail: "no EKS client" };
        return deleteNodegroup(eks, cluster.name, nodegroup, clients.nodegroupWaitS);
      });
    }
    await attempt(`cluster ${cluster.name}`, async () => {
      if (!eks) return { outcome: "skipped", detail: "no EKS client" };
      return gone(() =>
        named("eks:DeleteCluster", eks.send(new DeleteClusterCommand({ name: cluster.name }))),
      );
    });
  }

  const machine = ledger.stateMachine;
  if (machine?.created === true) {
    await attempt(`state machine ${machine.arn}`, () =>
      deleteStateMachine(machine.arn, clients.sfn),
    );
  }
  return { steps, ok: steps.every((s) => s.outcome === "done" || s.outcome === "already-gone") };
}

/** Deletes a state machine the run created, unless an execution (not the run's) runs on it. */
async function deleteStateMachine(
  stateMachineArn: string,
  sfn: SFNClient | undefined,
): Promise<Omit<CleanUpStep, "what">> {
  if (!sfn) return { outcome: "skipped", detail: "no Step Functions client" };
  try {
    const running = await named(
      "states:ListExecutions",
      sfn.send(
        new ListExecutionsCommand({ stateMachineArn, statusFilter: "RUNNING", maxResults: 1 }),
      ),
    );
    if ((running.executions ?? []).length > 0) {
      // Deleting it would end that execution (DeleteStateMachine terminates them): left,
      // and reported, so `eks-sfn cleanup --ledger` deletes it later.
      return {
        outcome: "skipped",
        detail: `an execution is still running on it (${running.executions?.[0]?.name ?? "?"}); run cleanup again once it has ended`,
      };
    }
    await named(
      "states:DeleteStateMachine",
      sfn.send(new DeleteStateMachineCommand({ stateMachineArn })),
    );
    return { outcome: "done" };
  } catch (error) {
    if (error instanceof AwsRequestError && error.errorName === "StateMachineDoesNotExist")
      return { outcome: "already-gone" };
    throw error;
  }
}

/**
 * Deletes the pods of Job `job` that outlived it: a Job deleted without a propagation
 * policy (the article's `eks:call` DELETE, as FACTS.md says) leaves its pods behind,
 * still labelled with its uid (`batch.kubernetes.io/controller-uid`, which only that
 * Job's pods carry). Returns the names it deleted; pods already being deleted are left.
 */
async function deleteOrphanedPods(
  kube: KubeConfig,
  job: { namespace: string; uid?: string | undefined },
  retry: KubeRetryOptions,
): Promise<string[]> {
  if (job.uid === undefined) return [];
  const core = kube.makeApiClient(CoreV1Api);
  const selector = `batch.kubernetes.io/controller-uid=${job.uid}`;
  const pods = await retryKube(
    `GET pods in ${job.namespace} labelled ${selector}`,
    () => core.listNamespacedPod({ namespace: job.namespace, labelSelector: selector }),
    retry,
  );
  const deleted: string[] = [];
  for (const pod of pods.items) {
    const name = pod.metadata?.name;
    if (name === undefined || pod.metadata?.deletionTimestamp !== undefined) continue;
    const gone = await retryKube(
      `DELETE pods ${job.namespace}/${name}`,
      async () => {
        try {
          await core.deleteNamespacedPod({ namespace: job.namespace, name });
          return false;
        } catch (error) {
          if (error instanceof ApiException && error.code === 404) return true;
          throw error;
        }
      },
      retry,
    );
    if (!gone) deleted.push(name);
  }
  return deleted;
}

async function stopExecution(
  execution: NonNullable<RunLedger["execution"]>,
  clients: CleanUpClients,
): Promise<Omit<CleanUpStep, "what">> {
  const cause = "Cancelled by eks-sfn cleanup.";
  if (clients.execution !== undefined && clients.execution.id === execution.id) {
    await clients.execution.stop({ error: CANCELLED_ERROR, cause });
    return { outcome: "done" };
  }
  if (execution.engine === "local") {
    // A local execution lives in its process; without its handle that process is gone.
    return { outcome: "already-gone", detail: "a local execution ends with its process" };
  }
  const { sfn } = clients;
  if (!sfn) return { outcome: "skipped", detail: "no Step Functions client" };
  try {
    const described = await named(
      "states:DescribeExecution",
      sfn.send(new DescribeExecutionCommand({ executionArn: execution.id })),
    );
    if (described.status !== "RUNNING") {
      return { outcome: "already-gone", detail: `it ended ${described.status}` };
    }
    await named(
      "states:StopExecution",
      sfn.send(
        new StopExecutionCommand({ executionArn: execution.id, error: CANCELLED_ERROR, cause }),
      ),
    );
    return { outcome: "done" };
  } catch (error) {
    if (error instanceof AwsRequestError && error.errorName === "ExecutionDoesNotExist")
      return { outcome: "already-gone" };
    throw error;
  }
}

async function deleteNodegroup(
  eks: EKSClient,
  clusterName: string,
  nodegroupName: string,
  waitS: number | undefined,
): Promise<Omit<CleanUpStep, "what">> {
  const result = await gone(() =>
    named(
      "eks:DeleteNodegroup",
      eks.send(new DeleteNodegroupCommand({ clusterName, nodegroupName })),
    ),
  );
  // A cluster with a node group cannot be deleted: wait for it to go first.
  await waitUntilNodegroupDeleted(
    { client: eks, maxWaitTime: waitS ?? NODEGROUP_DELETE_WAIT_S, minDelay: 1, maxDelay: 30 },
    { clusterName, nodegroupName },
  );
  return result;
}

async function gone(request: () => Promise<unknown>): Promise<Omit<CleanUpStep, "what">> {
  try {
    await request();
    return { outcome: "done" };
  } catch (error) {
    if (error instanceof AwsRequestError && error.errorName === ResourceNotFoundException.name)
      return { outcome: "already-gone" };
    throw error;
  }
}

/** An AWS call whose failure names its operation (the report's one line says which failed). */
async function named<T>(action: string, request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    throw new AwsRequestError(action, error);
  }
}
