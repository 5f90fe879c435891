// The adapter from core's run flow (runWorkflow, cleanUp, engineFor, connectToCluster)
// to the action's RunFlow port. Loaded only with `await import()` after the inputs are
// checked: this file is where the AWS SDK and the Kubernetes client come in.
import { EKSClient } from "@aws-sdk/client-eks";
import { SFNClient } from "@aws-sdk/client-sfn";
import { STSClient } from "@aws-sdk/client-sts";
import { defaultProvider } from "@aws-sdk/credential-provider-node";
import {
  type CleanUpReport,
  type ClusterConnection,
  cleanUp,
  connectToCluster,
  createLedgerRecorder,
  type EngineContext,
  engineFor,
  realSleep,
  renderGrantReport,
  renderPreflightReport,
  renderReportMermaid,
  renderRevokeReport,
  runWorkflow,
  settleGrant,
  systemClock,
  type RunObserver as WorkflowObserver,
} from "@eks-sfn/core";
import { type RunLedger, type RunPlan, type SecretMask, UserInputError } from "@eks-sfn/core/plan";
import type { AccessSummary, CleanupStep, RunFlow, RunObserver, RunResult } from "./flow.ts";

/** The group title of each phase of core's run. */
const PHASE_TITLES: Record<string, string> = {
  connect: "Connect to the cluster",
  preflight: "Preflight: what the state machine's role can do",
  grant: "Grant the role access",
  start: "Start the execution",
  watch: "Watch the execution",
  report: "Read the Job's final state and logs",
  "clean-up": "Clean up",
};

/**
 * The caller's AWS side in `region`: the SDK's default credential chain (the environment
 * that aws-actions/configure-aws-credentials sets, AWS_ENDPOINT_URL included) and clients.
 * Imported statically here, not with `import()`: this whole file loads lazily, and a
 * bundled dynamic import of a CommonJS package exposes only its default export.
 */
function awsClients(region: string) {
  const credentials = defaultProvider();
  return {
    region,
    credentials,
    eks: new EKSClient({ region, credentials }),
    sfn: new SFNClient({ region, credentials }),
    sts: new STSClient({ region, credentials }),
  };
}

/** The connect options core needs for a plan: AWS clients for EKS, the kubeconfig else. */
async function connectFor(
  plan: RunPlan,
  mask: SecretMask,
  signal?: AbortSignal,
): Promise<{
  connection: ClusterConnection;
  aws: ReturnType<typeof awsClients> | undefined;
}> {
  const aws = plan.region !== undefined ? awsClients(plan.region) : undefined;
  const inputNames = {
    name: "cluster-name",
    tags: "cluster-tags",
    endpoint: "cluster-endpoint",
    certificateAuthorityData: "cluster-ca",
    kubeconfig: "kubeconfig",
    context: "kubeconfig",
  };
  if (plan.cluster.kind === "kubeconfig") {
    const connection = await connectToCluster({
      target: plan.cluster,
      mask,
      inputNames,
      signal,
    });
    return { connection, aws };
  }
  if (plan.cluster.kind === "create") {
    throw new Error("connectFor: a temporary cluster is reached by its execution, not here");
  }
  if (aws === undefined) {
    throw new UserInputError(
      "AWS_REGION",
      "is not set, so the EKS cluster cannot be reached",
      "Run aws-actions/configure-aws-credentials with `aws-region` before this step.",
    );
  }
  const connection = await connectToCluster({
    target: plan.cluster,
    eks: aws.eks,
    credentials: aws.credentials,
    region: aws.region,
    mask,
    inputNames,
    signal,
  });
  return { connection, aws };
}

function cleanupSteps(report: CleanUpReport): CleanupStep[] {
  return report.steps.map((step) => ({
    what: step.what,
    outcome: step.outcome,
    detail: step.detail,
  }));
}

/**
 * The run flow of @eks-sfn/core behind the action's port. `standIns` reaches a temporary
 * cluster's API through a kubeconfig instead of its EKS endpoint on the local engine
 * (engine-for.ts EngineContext.standIns): the action itself never passes it; tests do,
 * with moto's EKS behind made-up endpoints.
 */
export function createCoreRunFlow(
  options: { readonly standIns?: EngineContext["standIns"] } = {},
): RunFlow {
  let running: Promise<RunResult> | undefined;

  const flow: RunFlow = {
    run(request) {
      running = runOnce(request);
      return running;
    },

    async stopRun({ signal }) {
      // Aborting the run's signal (cancel.ts does it first) makes runWorkflow stop the
      // execution and clean up what it made; wait for that, within cancel's budget.
      if (running === undefined) return [];
      const ended = await Promise.race([
        running.then(
          (result) => [...(result.cleanup ?? [])],
          () => undefined,
        ),
        new Promise<undefined>((resolve) =>
          signal.addEventListener("abort", () => resolve(undefined), { once: true }),
        ),
      ]);
      return ended ?? [];
    },

    async cleanUp({ ledger, mask, plan, signal }) {
      if (plan === undefined) {
        return [
          {
            what: `everything in run ${ledger.runId}`,
            outcome: "skipped",
            detail: "the inputs could not be read again to reach the cluster",
          },
        ];
      }
      if (plan.cluster.kind === "create") {
        // A temporary cluster takes its Jobs with it: only EKS is needed.
        const region = ledger.region ?? plan.region;
        const clients = region === undefined ? undefined : awsClients(region);
        return cleanupSteps(await cleanUp(ledger, { eks: clients?.eks, sfn: clients?.sfn }));
      }
      const { connection, aws } = await connectFor(plan, mask, signal);
      return cleanupSteps(
        await cleanUp(ledger, { kube: connection.kube, eks: aws?.eks, sfn: aws?.sfn }),
      );
    },
  };

  async function runOnce(request: Parameters<RunFlow["run"]>[0]): Promise<RunResult> {
    const { inputs, mask, observer, signal } = request;
    const plan = inputs.plan;
    // A temporary cluster is not connected to: its engine needs AWS from the start.
    let aws: ReturnType<typeof awsClients> | undefined =
      plan.cluster.kind === "create" && plan.region !== undefined
        ? awsClients(plan.region)
        : undefined;
    if (plan.cluster.kind === "create") {
      observer.facts({ clusterName: plan.cluster.temporary.name });
    }
    const ledger = createLedgerRecorder(
      {
        runId: plan.runId,
        region: plan.region,
        clusterName: plan.cluster.kind === "create" ? plan.cluster.temporary.name : undefined,
      },
      (next) => noteLedger(observer, next),
    );
    const result = await runWorkflow(plan, {
      connect: async () => {
        const connected = await connectFor(plan, mask, signal);
        aws = connected.aws;
        const { cluster } = connected.connection;
        observer.facts({ clusterName: cluster.name, clusterEndpoint: cluster.endpoint });
        return connected.connection;
      },
      engine: ({ connection, ledger: recorder }) =>
        engineFor({
          plan,
          connection,
          ledger: recorder,
          aws,
          mask,
          clock: systemClock,
          sleep: realSleep,
          standIns: options.standIns,
        }),
      inputName: "input",
      settleGrant: async ({ connection, roleArn }) => {
        if (aws === undefined) return;
        await settleGrant({
          cluster: connection.cluster,
          roleArn,
          sts: aws.sts,
          region: aws.region,
          sleep: realSleep,
          mask,
        });
      },
      get eks() {
        return aws?.eks;
      },
      get sfn() {
        return aws?.sfn;
      },
      ledger,
      observer: workflowObserver(observer),
      clock: systemClock,
      sleep: realSleep,
      signal,
    });
    const cleanup = cleanupSteps(result.cleanUp);
    const access: AccessSummary = {
      granted: result.grant === undefined ? [] : renderGrantReport(result.grant),
      revoked: result.cleanUp.steps.flatMap((step) =>
        step.revoke === undefined ? [] : renderRevokeReport(step.revoke),
      ),
    };
    return {
      report: result.report,
      // A machine given by ARN has no definition here: no chart then.
      mermaid:
        result.definition === undefined
          ? undefined
          : renderReportMermaid({ definition: result.definition, report: result.report }),
      access: result.grant === undefined ? undefined : access,
      cleanup,
      exitCode: result.exitCode,
    };
  }

  return flow;
}

/** Facts the ledger reveals (the state machine, the execution) become outputs at once. */
function noteLedger(observer: RunObserver, ledger: RunLedger): void {
  observer.ledger(ledger);
  if (ledger.stateMachine !== undefined) {
    observer.facts({ stateMachineArn: ledger.stateMachine.arn });
  }
  if (ledger.execution !== undefined) {
    const id = ledger.execution.id;
    observer.facts({ executionArn: id, executionName: id.split(":").at(-1) });
  }
  const job = ledger.jobs[0];
  if (job !== undefined) observer.facts({ jobName: job.name });
}

function workflowObserver(observer: RunObserver): Partial<WorkflowObserver> {
  return {
    phase: (name) => observer.phase(PHASE_TITLES[name] ?? name),
    progress: (event) => {
      observer.progress(event);
      if (event.type === "job" && event.phase === "created") observer.facts({ jobName: event.job });
    },
    log: (chunk) => observer.log(chunk),
    preflight: (report) => {
      for (const line of renderPreflightReport(report)) observer.note(line);
    },
    grant: (report) => {
      for (const line of renderGrantReport(report)) observer.note(line);
    },
  };
}
