// `eks-sfn run`: the whole flow in a terminal. Every flag is checked (and every file
// read and parsed) before anything is called; then connect, grant, run, watch, report
// and clean up, with live progress, the Job's logs, and Ctrl-C handled twice.
import { rmSync } from "node:fs";
import { UserInputError } from "@eks-sfn/rbac";
import { renderGrantReport, renderPreflightReport } from "../../report/render-access.ts";
import type { LedgerRecorder } from "../../run/ledger.ts";
import type { RunPlan } from "../../run/run-plan.ts";
import type { RunObserver } from "../../run/run-workflow.ts";
import type { ProgressEvent } from "../../workflow/progress-event.ts";
import { EXIT } from "../exit-codes.ts";
import { parseFlags, readFlagFile, stringFlag } from "../flags.ts";
import type { CliWorld } from "../world.ts";
import { awsClients, connectFromFlags, regionFrom } from "./connect-flags.ts";
import { RUN_PLAN_FLAGS, RUN_PLAN_HELP, runPlanInputFromFlags } from "./run-plan-flags.ts";

export const help = `usage: eks-sfn run --job FILE | --jobs FILE | --definition FILE [--input FILE] [flags]

Runs a Kubernetes Job through a Step Functions state machine, on AWS (--engine aws) or
in this process against the cluster (--engine local), watches it, prints the report,
and cleans up what it made: the Job (by --delete-job), the grant, a temporary cluster.
\`eks-sfn plan\` with the same flags renders what it would create, without running it.

cluster (one of, or --create-cluster below):
  --kubeconfig PATH [--context C] [--cluster-name N]   a cluster you reach directly
  --cluster-name N | --cluster-tags k=v,...            an EKS cluster (AWS credentials)
  --cluster-endpoint URL --cluster-ca-data B64 --cluster-name N
  --region R                 the AWS region (default: AWS_REGION)
engine:
  --engine aws|local         default aws
  --state-machine-arn ARN    an existing state machine (aws engine)
  --no-state-machine-versions  start the state machine's latest revision instead of a
                             version published for this run (then concurrent runs that
                             share the state machine can run each other's definition)
  --input FILE               the execution input of --definition or --state-machine-arn (JSON)
  (with --engine local and --role-arn, the run acts as the role: STS AssumeRole, EKS
  token; with --kubeconfig and no --role-arn, as the kubeconfig's user, granting nothing)
${RUN_PLAN_HELP}
run:
  --stuck-grace DURATION     stop when a pod is stuck this long (ImagePullBackOff,
                             Unschedulable, ...; default 120s, at most 168h)
  --ledger FILE              where the run records what it creates (default:
                             ./eks-sfn-<run id>.ledger.json; removed when all is cleaned)
  --report FILE              write the report as JSON
  --no-progress              plain lines even on a terminal

Ctrl-C once: stops the execution, deletes the Job, revokes the grant, exits 130.
Ctrl-C twice: exits at once and names the ledger (eks-sfn cleanup --ledger FILE).

exit codes: 0 succeeded, 1 the Job or execution failed, 2 bad input (nothing was
created), 3 AWS or Kubernetes refused or failed, or the run timed out, 130 cancelled`;

const FLAGS = {
  ...RUN_PLAN_FLAGS,
  "cluster-tags": { type: "string" },
  "cluster-endpoint": { type: "string" },
  "cluster-ca-data": { type: "string" },
  kubeconfig: { type: "string" },
  context: { type: "string" },
  region: { type: "string" },
  engine: { type: "string" },
  "state-machine-arn": { type: "string" },
  "no-state-machine-versions": { type: "boolean" },
  input: { type: "string" },
  "stuck-grace": { type: "string" },
  ledger: { type: "string" },
  report: { type: "string" },
  "no-progress": { type: "boolean" },
} as const;
export const flagNames: readonly string[] = Object.keys(FLAGS);

export async function run(args: readonly string[], world: CliWorld): Promise<number> {
  const values = parseFlags("run", args, FLAGS);
  const s = (name: string) => stringFlag(values, name);
  const { parseRunPlan } = await import("../../run/run-plan.ts");
  const shaped = runPlanInputFromFlags(values);
  const inputPath = s("input");
  const plan = parseRunPlan(
    {
      ...shaped.input,
      clusterTags: s("cluster-tags"),
      clusterEndpoint: s("cluster-endpoint"),
      clusterCertificateAuthorityData: s("cluster-ca-data"),
      kubeconfig: s("kubeconfig"),
      context: s("context"),
      region: s("region"),
      engine: s("engine"),
      stateMachineArn: s("state-machine-arn"),
      stateMachineVersions: values["no-state-machine-versions"] === true ? false : undefined,
      input:
        inputPath === undefined
          ? undefined
          : { text: readFlagFile("--input", inputPath), source: inputPath },
      stuckGrace: s("stuck-grace"),
    },
    shaped.names,
  );
  const region = regionFrom(world, plan.region);
  if ((plan.engine === "aws" || plan.cluster.kind === "create") && region === undefined) {
    throw new UserInputError(
      "--region",
      "is not set and neither is AWS_REGION",
      "Give --region (where the state machine runs, or the temporary cluster is made).",
    );
  }
  if (plan.engine === "aws" && plan.role === undefined && plan.stateMachine.kind !== "arn") {
    throw new UserInputError(
      "--role-arn",
      "is required with --engine aws: Step Functions runs the state machine as that role",
      "Give the ARN of the state machine's IAM role, or use --engine local.",
    );
  }
  const reportPath = s("report");
  const ledgerPath = s("ledger") ?? `eks-sfn-${plan.runId}.ledger.json`;
  return execute(plan, {
    world,
    region,
    ledgerPath,
    reportPath,
    progress: values["no-progress"] !== true,
  });
}

async function execute(
  plan: RunPlan,
  options: {
    world: CliWorld;
    region: string | undefined;
    ledgerPath: string;
    reportPath: string | undefined;
    progress: boolean;
  },
): Promise<number> {
  const { world, region, ledgerPath } = options;
  const [{ createLedgerRecorder, fileLedgerWriter }, { runWorkflow }, { realSleep, systemClock }] =
    await Promise.all([
      import("../../run/ledger.ts"),
      import("../../run/run-workflow.ts"),
      import("../../time/clock.ts"),
    ]);
  const ledger = createLedgerRecorder(
    {
      runId: plan.runId,
      region,
      clusterName: plan.cluster.kind === "create" ? plan.cluster.temporary.name : undefined,
    },
    fileLedgerWriter(ledgerPath),
  );
  const cancel = new AbortController();
  const stopListening = world.onInterrupt((count) => {
    if (count === 1) {
      world.err(
        "Cancelling: stopping the execution, deleting the Job, revoking the grant (Ctrl-C again to exit at once).",
      );
      cancel.abort(new Error("cancelled by the user"));
      return;
    }
    world.err(
      `eks-sfn: exited at once; what the run made is recorded in ${ledgerPath}. Undo it with: eks-sfn cleanup --ledger ${ledgerPath}`,
    );
    world.exitNow(EXIT.cancelled);
  });
  const aws = region !== undefined ? await awsClients(region) : undefined;
  const started = Date.now();
  const observer = progressObserver(world, options.progress && world.interactive, started);
  try {
    const result = await runWorkflow(plan, {
      connect: () =>
        connectFromFlags(world, {
          kubeconfig: plan.cluster.kind === "kubeconfig" ? plan.cluster.path : undefined,
          context: plan.cluster.kind === "kubeconfig" ? plan.cluster.context : undefined,
          clusterName: plan.cluster.kind === "kubeconfig" ? plan.cluster.clusterName : undefined,
          target: plan.cluster.kind === "eks" ? plan.cluster.target : undefined,
          region,
        }),
      engine: async ({ connection, ledger: recorder }) =>
        (await import("../../run/engine-for.ts")).engineFor({
          plan,
          connection,
          ledger: recorder,
          aws,
          mask: world.mask,
          clock: systemClock,
          sleep: realSleep,
        }),
      inputName: "--input",
      settleGrant: async ({ connection, roleArn }) => {
        if (aws === undefined) return;
        const { settleGrant } = await import("../../run/settle-grant.ts");
        await settleGrant({
          cluster: connection.cluster,
          roleArn,
          sts: aws.sts,
          region: aws.region,
          sleep: realSleep,
          mask: world.mask,
        });
      },
      eks: aws?.eks,
      sfn: aws?.sfn,
      ledger,
      observer,
      clock: systemClock,
      sleep: realSleep,
      signal: cancel.signal,
    });
    const [{ renderReportText }] = await Promise.all([import("../../report/render-text.ts")]);
    world.out("");
    for (const line of renderReportText(result.report).trimEnd().split("\n")) world.out(line);
    if (result.stuck)
      world.out(
        `Stopped early: pod ${result.stuck.pod} was ${result.stuck.reason} for longer than ${plan.stuckGraceMs / 1000} s.`,
      );
    const { renderCleanUp } = await import("../../report/render-clean-up.ts");
    for (const line of renderCleanUp(result.cleanUp)) world.out(line);
    if (options.reportPath !== undefined) {
      world.writeText(options.reportPath, `${JSON.stringify(result.report, null, 2)}\n`);
      world.out(`Report: ${options.reportPath}`);
    }
    if (result.cleanUp.ok) rmSync(ledgerPath, { force: true });
    else world.out(`Not everything could be cleaned up: eks-sfn cleanup --ledger ${ledgerPath}`);
    return result.exitCode;
  } catch (error) {
    const { RunFailedError } = await import("../../run/run-workflow.ts");
    const failed = error instanceof RunFailedError ? error : undefined;
    if (cancel.signal.aborted && (failed?.cleanUp?.ok ?? true)) {
      // Cancelled before the execution started: what was made is already undone.
      world.err(
        "eks-sfn: cancelled before the execution started; what the run made was cleaned up.",
      );
      rmSync(ledgerPath, { force: true });
      return EXIT.cancelled;
    }
    if (error instanceof UserInputError) {
      // Found once the cluster was known, before anything was created (runWorkflow undid the rest).
      rmSync(ledgerPath, { force: true });
      throw error;
    }
    // Failed before it could create anything (connecting): nothing to undo.
    if (failed !== undefined && failed.cleanUp === undefined) throw error;
    if (failed?.cleanUp !== undefined) {
      // The run cleaned up before it failed: say how that went, and what is left to do.
      const { renderCleanUp } = await import("../../report/render-clean-up.ts");
      for (const line of renderCleanUp(failed.cleanUp)) world.out(line);
      if (failed.cleanUp.ok) {
        rmSync(ledgerPath, { force: true });
        throw error;
      }
    }
    world.err(
      `eks-sfn: not everything the run made could be removed; finish with: eks-sfn cleanup --ledger ${ledgerPath}`,
    );
    throw error;
  } finally {
    stopListening();
  }
}

/** Live progress on a terminal (one updating line); plain timestamped lines otherwise. */
function progressObserver(world: CliWorld, live: boolean, started: number): Partial<RunObserver> {
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  let current = "";
  const line = (text: string) => world.out(`[${elapsed().padStart(7)}] ${text}`);
  return {
    phase: (name) => line(`${name}`),
    preflight(report) {
      if (!report.ok) for (const text of renderPreflightReport(report)) line(`preflight: ${text}`);
    },
    grant(report) {
      for (const text of renderGrantReport(report)) line(`grant: ${text}`);
    },
    progress(event: ProgressEvent) {
      const text = describeEvent(event);
      if (text === undefined) return;
      if (event.type === "state-entered") current = event.state;
      if (live && event.type === "state-entered") world.status(`▸ ${current} (${elapsed()})`);
      line(text);
    },
    log(chunk) {
      for (const text of chunk.text.trimEnd().split("\n"))
        world.out(`${chunk.pod}/${chunk.container}: ${text}`);
    },
  };
}

function describeEvent(event: ProgressEvent): string | undefined {
  switch (event.type) {
    case "execution-started":
      return "execution started";
    case "state-entered":
      return `entered ${event.state}`;
    case "state-exited":
      return `left ${event.state}`;
    case "state-failed":
    case "state-retried":
    case "state-caught":
      return `${event.type.slice(6)} ${event.state}: ${event.error}${event.cause ? ` (${event.cause.slice(0, 200)})` : ""}`;
    case "map-item":
      return `${event.state}[${event.index}] ${event.status}`;
    case "job":
      return `Job ${event.namespace}/${event.job} ${event.phase}${event.reason ? ` (${event.reason})` : ""}`;
    case "execution-ended":
      return `execution ended ${event.status}${event.error ? `: ${event.error}` : ""}`;
  }
}

export type { LedgerRecorder };
