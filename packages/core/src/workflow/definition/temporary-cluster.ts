// A cluster made for one run and deleted after it, whatever happens: create cluster ->
// create node group -> run the Job -> delete node group -> delete cluster. The state
// machine's role creates the cluster, so it is the cluster's admin: no access grant.
import type { StateMachineDefinition } from "@eks-sfn/rbac";
import type { JobRunPlan } from "./job-run-plan.ts";
import {
  failWithCaughtError,
  pollingJobStates,
  type StatesFragment,
  syncJobStates,
} from "./job-states.ts";
import { FAILED_STATE, jobLabel, SUCCEEDED_STATE } from "./run-job.ts";
import { maxPolls, type PollingJobRunPlan } from "./run-job-polling.ts";

export const CREATE_CLUSTER_SYNC = "arn:aws:states:::eks:createCluster.sync";
export const CREATE_NODEGROUP_SYNC = "arn:aws:states:::eks:createNodegroup.sync";
export const DELETE_NODEGROUP_SYNC = "arn:aws:states:::eks:deleteNodegroup.sync";
export const DELETE_CLUSTER_SYNC = "arn:aws:states:::eks:deleteCluster.sync";

export const CREATE_CLUSTER_STATE = "Create cluster";
export const DELETE_NODEGROUP_STATE = "Delete node group";
export const DELETE_CLUSTER_STATE = "Delete cluster";
/** The error when the cluster could not be deleted after every retry: delete it by hand. */
export const CLUSTER_NOT_DELETED_ERROR = "EksSfn.ClusterNotDeleted";

/** The node group's name; one per temporary cluster, so it need not be unique elsewhere. */
export const NODEGROUP_NAME = "eks-sfn-nodes";

export type JobRun =
  | { mode: "sync"; plan: JobRunPlan }
  | { mode: "polling"; plan: PollingJobRunPlan };

export interface TemporaryClusterPlan {
  run: JobRun;
  cluster: {
    /** The EKS cluster role (`RoleArn`). */
    roleArn: string;
    subnetIds: readonly string[];
    securityGroupIds?: readonly string[] | undefined;
    /** Kubernetes version, such as "1.33"; default EKS's. */
    version?: string | undefined;
  };
  nodegroup: {
    /** The node role (`NodeRole`). */
    nodeRoleArn: string;
    /** Default the cluster's subnets. */
    subnetIds?: readonly string[] | undefined;
    instanceTypes: readonly string[];
    /** Nodes: min = desired = max, a fixed-size group for one run. */
    size: number;
  };
}

/**
 * The per-run part of the input, beside `cluster` (filled by the create result): the
 * cluster's name and the tags that let a sweep find and expire a cluster left behind.
 */
export interface TemporaryClusterInput {
  temporaryCluster: { name: string; tags: Record<string, string> };
}

/**
 * Execution input for a temporary cluster. Tags: `eks-sfn/run-id`, `eks-sfn/repository`,
 * `eks-sfn/expires-at` (ISO 8601, UTC). The name comes from the caller (unique per run
 * attempt: a second create with one name fails with ResourceInUseException).
 */
export function renderTemporaryClusterInput(options: {
  name: string;
  runId: string;
  repository: string;
  expiresAt: Date;
}): TemporaryClusterInput {
  return {
    temporaryCluster: {
      name: options.name,
      tags: {
        "eks-sfn/run-id": options.runId,
        "eks-sfn/repository": options.repository,
        "eks-sfn/expires-at": options.expiresAt.toISOString(),
      },
    },
  };
}

const TEARDOWN_RETRY = (intervalSeconds: number, maxAttempts: number) => [
  {
    ErrorEquals: ["States.ALL"],
    IntervalSeconds: intervalSeconds,
    MaxAttempts: maxAttempts,
    BackoffRate: 2,
  },
];

/**
 * A definition that creates a cluster (`eks:createCluster.sync`, tagged) and a node group
 * (`.sync`, same tags), runs the Job on it (`.sync` or polling, with the cluster's
 * `CertificateAuthority` and `Endpoint` read from the create result into `$.cluster`),
 * then deletes the node group and the cluster (`.sync`).
 *
 * No path leaves the cluster behind: every state from the cluster's creation on has a
 * `Catch` (or, in the Job's states, an exit) into teardown; teardown retries its own
 * failures (`States.ALL`: node group 3 times from 30 s, cluster 5 times from 60 s,
 * doubling) and a node group that cannot be deleted still leads to the cluster's delete.
 * Only when the cluster's delete fails after every retry does it end with
 * `EksSfn.ClusterNotDeleted`. A creation that fails also goes to the cluster's delete: a
 * cluster can exist in FAILED state. The execution then fails with the first error, or
 * succeeds with the Job's result.
 *
 * Input: `renderTemporaryClusterInput(...)`. Pure.
 */
export function renderTemporaryClusterDefinition(
  plan: TemporaryClusterPlan,
): StateMachineDefinition {
  const teardown = { succeeded: DELETE_NODEGROUP_STATE, failed: DELETE_NODEGROUP_STATE };
  const run: StatesFragment =
    plan.run.mode === "sync"
      ? syncJobStates({
          source: jobSource(plan.run.plan),
          deleteJob: plan.run.plan.deleteJob,
          ...teardown,
        })
      : pollingJobStates({
          source: jobSource(plan.run.plan),
          deleteJob: plan.run.plan.deleteJob,
          ...teardown,
          pollSeconds: plan.run.plan.pollSeconds,
          maxPolls: maxPolls(plan.run.plan),
          containers: plan.run.plan.job.spec.template.spec.containers.map((c) => c.name),
        });
  const { cluster, nodegroup } = plan;
  return {
    Comment: `Create a temporary EKS cluster, run the Job ${jobLabel(plan.run.plan)} on it (${plan.run.mode}), delete the cluster.`,
    StartAt: CREATE_CLUSTER_STATE,
    States: {
      [CREATE_CLUSTER_STATE]: {
        Type: "Task",
        Resource: CREATE_CLUSTER_SYNC,
        Parameters: {
          "Name.$": "$.temporaryCluster.name",
          RoleArn: cluster.roleArn,
          ResourcesVpcConfig: {
            SubnetIds: [...cluster.subnetIds],
            ...(cluster.securityGroupIds === undefined
              ? {}
              : { SecurityGroupIds: [...cluster.securityGroupIds] }),
            EndpointPublicAccess: true,
          },
          ...(cluster.version === undefined ? {} : { Version: cluster.version }),
          "Tags.$": "$.temporaryCluster.tags",
        },
        ResultSelector: {
          "name.$": "$.Cluster.Name",
          "ca.$": "$.Cluster.CertificateAuthority.Data",
          "endpoint.$": "$.Cluster.Endpoint",
        },
        ResultPath: "$.cluster",
        Catch: [{ ErrorEquals: ["States.ALL"], Next: DELETE_CLUSTER_STATE, ResultPath: "$.error" }],
        Next: "Create node group",
      },
      "Create node group": {
        Type: "Task",
        Resource: CREATE_NODEGROUP_SYNC,
        Parameters: {
          "ClusterName.$": "$.temporaryCluster.name",
          NodegroupName: NODEGROUP_NAME,
          NodeRole: nodegroup.nodeRoleArn,
          Subnets: [...(nodegroup.subnetIds ?? cluster.subnetIds)],
          InstanceTypes: [...nodegroup.instanceTypes],
          ScalingConfig: {
            MinSize: nodegroup.size,
            DesiredSize: nodegroup.size,
            MaxSize: nodegroup.size,
          },
          "Tags.$": "$.temporaryCluster.tags",
        },
        ResultPath: null,
        Catch: [
          { ErrorEquals: ["States.ALL"], Next: DELETE_NODEGROUP_STATE, ResultPath: "$.error" },
        ],
        Next: run.startAt,
      },
      ...run.states,
      [DELETE_NODEGROUP_STATE]: {
        Type: "Task",
        Resource: DELETE_NODEGROUP_SYNC,
        Parameters: { "ClusterName.$": "$.temporaryCluster.name", NodegroupName: NODEGROUP_NAME },
        ResultPath: null,
        Retry: TEARDOWN_RETRY(30, 3),
        Catch: [
          {
            ErrorEquals: ["States.ALL"],
            Next: DELETE_CLUSTER_STATE,
            ResultPath: "$.teardownError",
          },
        ],
        Next: DELETE_CLUSTER_STATE,
      },
      [DELETE_CLUSTER_STATE]: {
        Type: "Task",
        Resource: DELETE_CLUSTER_SYNC,
        Parameters: { "Name.$": "$.temporaryCluster.name" },
        ResultPath: null,
        Retry: TEARDOWN_RETRY(60, 5),
        Catch: [
          {
            ErrorEquals: ["States.ALL"],
            Next: "Cluster not deleted",
            ResultPath: "$.teardownError",
          },
        ],
        Next: "Run outcome",
      },
      "Cluster not deleted": {
        Type: "Fail",
        Error: CLUSTER_NOT_DELETED_ERROR,
        CausePath:
          "States.Format('The temporary cluster {} could not be deleted: delete it and its node group by hand ({})', $.temporaryCluster.name, $.teardownError.Cause)",
      },
      "Run outcome": {
        Type: "Choice",
        Choices: [{ Variable: "$.error", IsPresent: true, Next: FAILED_STATE }],
        Default: SUCCEEDED_STATE,
      },
      [SUCCEEDED_STATE]: { Type: "Succeed", OutputPath: "$.result" },
      ...failWithCaughtError(FAILED_STATE),
    },
  };
}

function jobSource(plan: JobRunPlan) {
  return { kind: "plan" as const, job: plan.job, namespace: plan.namespace, logs: plan.logs };
}
