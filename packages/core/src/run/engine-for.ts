// Which engine runs a plan, built from what the front end has: a registry of one
// builder per engine name, each taking the same context (STYLE: variants are a registry).
import type { EKSClient } from "@aws-sdk/client-eks";
import type { SFNClient } from "@aws-sdk/client-sfn";
import type { STSClient } from "@aws-sdk/client-sts";
import type { KubeConfig } from "@kubernetes/client-node";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { Engine, EngineName } from "../engine/engine.ts";
import type { ClusterConnection } from "../kube/connect.ts";
import type { SecretMask } from "../log/secret-mask.ts";
import type { Clock, Sleep } from "../time/clock.ts";
import type { LedgerRecorder } from "./ledger.ts";
import type { RunPlan } from "./run-plan.ts";

/** The caller's AWS side: credentials and clients in one region. */
export interface AwsContext {
  readonly region: string;
  readonly credentials: AwsCredentialIdentityProvider;
  readonly sfn: SFNClient;
  readonly sts: STSClient;
  /** For the local engine's cluster tasks (a temporary cluster). */
  readonly eks?: EKSClient | undefined;
}

export interface EngineContext {
  readonly plan: RunPlan;
  /** Undefined for a temporary cluster, which the execution creates. */
  readonly connection: ClusterConnection | undefined;
  readonly ledger: LedgerRecorder;
  readonly aws?: AwsContext | undefined;
  readonly mask?: SecretMask | undefined;
  readonly clock: Clock;
  readonly sleep: Sleep;
  /**
   * Local engine, temporary cluster: clusters the run creates whose API is reached
   * through a kubeconfig instead of the endpoint EKS returns (a stand-in cluster, such as
   * the test stack behind moto's made-up endpoints; cluster-tasks.ts `clusters`), and
   * the cluster waiters' delays in seconds (the SDK's 30 to 120 s by default).
   */
  readonly standIns?:
    | {
        readonly clusters?: Readonly<Record<string, KubeConfig>> | undefined;
        readonly waiterDelaySeconds?: { readonly min: number; readonly max: number } | undefined;
      }
    | undefined;
}

type EngineBuilder = (context: EngineContext) => Promise<Engine>;

/**
 * The state machine a generated or given definition is created as on AWS: the plan's
 * (DEFAULT_STATE_MACHINE_NAME unless the user named one).
 */
export function stateMachineName(plan: RunPlan): string {
  return plan.stateMachineName;
}

export const ENGINE_BUILDERS: Readonly<Record<EngineName, EngineBuilder>> = {
  async local({ plan, connection, aws, mask, clock, standIns }) {
    const { createLocalEngine } = await import("../engine/local/local.ts");
    // With a role, act as it exactly as Step Functions would (AssumeRole, EKS token);
    // without one, act as the kubeconfig's user.
    if (plan.role !== undefined) {
      if (aws === undefined) throw new Error("engineFor: acting as a role needs AWS credentials");
      return createLocalEngine({
        // A temporary cluster's tasks (eks:createCluster.sync, ...) call EKS.
        ...(plan.cluster.kind === "create" && aws.eks !== undefined
          ? {
              clusterTasks: { eks: aws.eks, waiterDelaySeconds: standIns?.waiterDelaySeconds },
              clusters: standIns?.clusters,
            }
          : {}),
        identity: {
          type: "aws",
          credentials: aws.credentials,
          region: aws.region,
          assumeRole: {
            roleArn: plan.role.arn,
            sts: aws.sts,
            sessionName: `eks-sfn-${plan.runId}`.slice(0, 64),
          },
          onToken: (token) => mask?.add(token),
        },
        clock,
      });
    }
    if (connection === undefined) throw new Error("engineFor: no cluster connection to act as");
    return createLocalEngine({
      identity: { type: "kubeconfig", kubeConfig: connection.kube },
      clock,
    });
  },
  async aws({ plan, ledger, aws, clock, sleep }) {
    if (aws === undefined) throw new Error("engineFor: the aws engine needs AWS clients");
    const { createAwsEngine } = await import("../engine/aws.ts");
    const { executionArnOf } = await import("./run-workflow.ts");
    const { executionNameFrom } = await import("../workflow/execution-name.ts");
    return createAwsEngine({
      sfn: aws.sfn,
      clock,
      sleep,
      ...(plan.role !== undefined
        ? {
            stateMachine: {
              name: stateMachineName(plan),
              roleArn: plan.role.arn,
              tags: plan.tags,
              versions: plan.stateMachineVersions,
            },
          }
        : {}),
      // Written before StartExecution: the execution's ARN follows from the machine's
      // (also for an execution started on a version), and the version is on record
      // before anything runs on it.
      onStateMachine: async (machine) => {
        await ledger.recordStateMachine({
          arn: machine.arn,
          created: machine.created,
          ...(machine.versionArn !== undefined ? { versionArn: machine.versionArn } : {}),
        });
        await ledger.recordExecution({
          id: executionArnOf(machine.arn, executionNameFrom(plan.runId)),
          engine: "aws",
        });
      },
      // The engine deleted it once the execution ended: nothing left for cleanUp.
      onVersionDeleted: async (versionArn) => {
        const machine = ledger.current().stateMachine;
        if (machine?.versionArn !== versionArn) return;
        await ledger.recordStateMachine({ arn: machine.arn, created: machine.created });
      },
    });
  },
};

/** Builds the engine `context.plan.engine` names. */
export function engineFor(context: EngineContext): Promise<Engine> {
  return ENGINE_BUILDERS[context.plan.engine](context);
}
