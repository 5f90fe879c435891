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
  engineFor,
  realSleep,
  runWorkflow,
  settleGrant,
  systemClock,
  type WorkflowObserver,
} from "@eks-sfn/core";
import {
  defaultLogPlan,
  type JobManifest,
  type RunLedger,
  type RunPlan,
  renderExecutionInput,
  renderJobMatrixDefinition,
  renderPollingRunJobDefinition,
  renderRunJobDefinition,
  type SecretMask,
  UserInputError,
} from "@eks-sfn/core/plan";
import type { AccessSummary, CleanupStep, RunFlow, RunObserver, RunResult } from "./flow.ts";
import type { ActionInputs } from "./inputs.ts";

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

/** The definition the action generates for its Job or Jobs, and the input it reads. */
export function generatedDefinition(
  inputs: ActionInputs,
  cluster: ClusterConnection["cluster"],
  jobs: readonly Record<string, unknown>[],
) {
  const input = renderExecutionInput({
    name: cluster.name,
    ca: cluster.certificateAuthorityData,
    endpoint: cluster.endpoint,
  });
  const manifests = jobs as unknown as JobManifest[];
  const logsFor = (job: JobManifest) => ({
    ...defaultLogPlan(job),
    retrieve: inputs.retrieveLogs,
    tailLines: inputs.logTailLines,
  });
  if (inputs.matrix) {
    return {
      definition: renderJobMatrixDefinition({
        jobs: manifests.map((job) => ({ job, namespace: inputs.namespace, logs: logsFor(job) })),
        maxConcurrency: inputs.maxConcurrency,
        deleteJob: inputs.deleteJob,
        logs: { retrieve: inputs.retrieveLogs, raw: false },
        mode:
          inputs.polling === "sync"
            ? { kind: "sync" }
            : {
                kind: "polling",
                pollSeconds: inputs.polling.seconds,
                maxPolls: Math.ceil((inputs.timeoutMinutes * 60) / inputs.polling.seconds),
              },
      }),
      input,
    };
  }
  const job = manifests[0];
  if (job === undefined) throw new Error("generatedDefinition: the plan has no Job");
  const plan = {
    job,
    namespace: inputs.namespace,
    deleteJob: inputs.deleteJob,
    logs: logsFor(job),
  };
  return {
    definition:
      inputs.polling === "sync"
        ? renderRunJobDefinition(plan)
        : renderPollingRunJobDefinition({
            ...plan,
            pollSeconds: inputs.polling.seconds,
            timeoutSeconds: inputs.timeoutMinutes * 60,
          }),
    input,
  };
}

function cleanupSteps(report: CleanUpReport): CleanupStep[] {
  return report.steps.map((step) => ({
    what: step.what,
    outcome: step.outcome,
    detail: step.detail,
  }));
}

/** The run flow of @eks-sfn/core behind the action's port. */
export function createCoreRunFlow(): RunFlow {
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
      const { connection, aws } = await connectFor(plan, mask, signal);
      return cleanupSteps(await cleanUp(ledger, { kube: connection.kube, eks: aws?.eks }));
    },
  };

  async function runOnce(request: Parameters<RunFlow["run"]>[0]): Promise<RunResult> {
    const { inputs, mask, observer, signal } = request;
    const plan = inputs.plan;
    let aws: ReturnType<typeof awsClients> | undefined;
    const ledger = createLedgerRecorder(
      { runId: plan.runId, region: plan.region, clusterName: undefined },
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
        }),
      generatedDefinition: ({ cluster, jobs }) => generatedDefinition(inputs, cluster, jobs),
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
      ledger,
      observer: workflowObserver(observer),
      clock: systemClock,
      sleep: realSleep,
      signal,
    });
    const cleanup = cleanupSteps(result.cleanUp);
    const access: AccessSummary = {
      granted: [...(result.grant?.lines ?? [])],
      revoked: result.cleanUp.steps.flatMap((step) => [...(step.revoke?.lines ?? [])]),
    };
    return {
      report: result.report,
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
      for (const finding of report.findings) {
        observer.note(
          `${finding.status === "ok" ? "ok" : finding.status}: ${finding.check}: ${finding.detail}${finding.consequence ? ` (would cause ${finding.consequence})` : ""}`,
        );
      }
    },
    grant: (report) => {
      for (const line of report.lines) observer.note(line);
    },
  };
}
