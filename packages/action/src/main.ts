// The action's main step: inputs -> the shared run flow -> outputs, summary, annotation,
// pull request comment, exit code. One error boundary: a user's mistake is one
// `::error::` line, anything else one line naming the failing request, never a stack.
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type ExecutionReport,
  type RunLedger,
  SecretMask,
  UserInputError,
} from "@eks-sfn/core/plan";
import { renderFailureAnnotation } from "./annotations.ts";
import { installCancelHandler, type SignalSource } from "./cancel.ts";
import { loadRunFlow, type RunFlow, type RunResult } from "./flow.ts";
import { type ActionInputs, readActionInputs, runIdFromGitHub } from "./inputs.ts";
import { type ActionIo, maskedActionIo } from "./io.ts";
import { createLogStream } from "./log-stream.ts";
import { createOutputWriter } from "./outputs.ts";
import {
  commentMarker,
  type GitHubClient,
  pullRequestFromEvent,
  upsertPullRequestComment,
} from "./pr-comment.ts";
import { renderProgressLine } from "./progress-line.ts";
import { CLEANED_UP_STATE, saveLedger } from "./state.ts";
import { renderSummary } from "./summary.ts";

export interface MainDeps {
  readonly io: ActionIo;
  /** Core's run flow, loaded after the inputs are checked. */
  readonly loadFlow?: (() => Promise<RunFlow>) | undefined;
  /** The GitHub REST client for the pull request comment. */
  readonly loadGitHub?: ((token: string) => Promise<GitHubClient>) | undefined;
  readonly signals?: SignalSource | undefined;
  readonly exit?: ((code: number) => void) | undefined;
}

/**
 * Runs the main step through the port; resolves with the exit code it also sets:
 * 0 when the execution and every Job succeeded, 1 otherwise (or on bad input).
 */
export async function runMain(deps: MainDeps): Promise<number> {
  const mask = new SecretMask((secret) => deps.io.setSecret(secret));
  // What configure-aws-credentials exported: masked here too, whatever it registered.
  mask.add(deps.io.env.AWS_SECRET_ACCESS_KEY);
  mask.add(deps.io.env.AWS_SESSION_TOKEN);
  // Before any input is parsed: an error message may quote a misplaced token.
  mask.add(deps.io.getInput("github-token"));
  const io = maskedActionIo(deps.io, mask);
  let inGroup = false;
  const group = (name: string): void => {
    if (inGroup) io.endGroup();
    io.startGroup(name);
    inGroup = true;
  };
  const endGroup = (): void => {
    if (inGroup) io.endGroup();
    inGroup = false;
  };
  try {
    const inputs = readActionInputs((name) => io.getInput(name), {
      workspace: io.env.GITHUB_WORKSPACE,
      runId: runIdFromGitHub(io.env),
      region: io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION,
    });
    io.info(`eks-sfn-action: ${describePlan(inputs)}`);

    const flow = await (deps.loadFlow ?? loadRunFlow)();
    const outputs = createOutputWriter(io);
    const logs = createLogStream(io);
    const run = new AbortController();
    let ledger: RunLedger | undefined;
    const cancel = installCancelHandler({
      io,
      run,
      signals: deps.signals,
      exit: deps.exit ?? ((code) => process.exit(code)),
      stopRun: (signal) =>
        ledger === undefined ? Promise.resolve([]) : flow.stopRun({ ledger, signal }),
    });
    let startedAt: Date | undefined;
    let result: RunResult;
    try {
      result = await flow.run({
        inputs,
        mask,
        runId: inputs.plan.runId,
        signal: run.signal,
        observer: {
          phase: (name) => {
            logs.close();
            group(name);
          },
          facts: (facts) => outputs.facts(facts),
          ledger: (next) => {
            ledger = next;
            saveLedger(io, next);
          },
          progress: (event) => {
            if (event.type === "execution-started") startedAt = event.at;
            logs.close();
            endGroup();
            io.info(renderProgressLine(event, startedAt));
          },
          log: (chunk) => {
            endGroup();
            logs.write(chunk);
          },
          note: (line) => io.info(line),
        },
      });
    } finally {
      cancel.dispose();
      logs.close();
      endGroup();
    }

    const { report } = result;
    outputs.report(report);
    outputs.set("report-path", writeReport(io, report));
    const markdown = mask.apply(
      renderSummary({
        report,
        mermaid: result.mermaid,
        access: result.access,
        cleanup: result.cleanup,
      }),
    );
    await io.appendSummary(markdown);
    const annotation = renderFailureAnnotation(report);
    if (annotation !== undefined) io.error(annotation.message, { title: annotation.title });
    if (inputs.commentOnPr) await commentOnPullRequest(deps, io, inputs, markdown);
    if (result.cleanup?.every((step) => step.outcome !== "failed")) {
      io.saveState(CLEANED_UP_STATE, "true");
    }
    const code = result.exitCode ?? (annotation === undefined ? 0 : 1);
    io.setExitCode(code);
    return code;
  } catch (error) {
    endGroup();
    io.error(describeFailure(error));
    io.setExitCode(1);
    return 1;
  }
}

/** One line for the error boundary: the user's mistake, or the request that failed. */
export function describeFailure(error: unknown): string {
  if (error instanceof UserInputError) return error.message;
  if (!(error instanceof Error)) return `eks-sfn-action failed: ${String(error)}`;
  // AwsRequestError and KubeRequestError name the operation and resource in their message.
  const firstLine = error.message.split("\n")[0] ?? "";
  return `eks-sfn-action failed: ${error.name === "Error" ? "" : `${error.name}: `}${firstLine}`;
}

function describePlan(inputs: ActionInputs): string {
  const cluster =
    inputs.cluster.kind === "kubeconfig"
      ? `the kubeconfig ${inputs.cluster.path}`
      : inputs.cluster.kind === "create"
        ? `a temporary cluster ${inputs.cluster.name}`
        : inputs.cluster.target.kind === "tags"
          ? "the cluster tagged " +
            Object.entries(inputs.cluster.target.tags)
              .map(([k, v]) => `${k}=${v}`)
              .join(",")
          : `cluster ${inputs.cluster.target.name}`;
  const jobs = inputs.matrix
    ? `${inputs.jobs.length} Jobs`
    : inputs.jobs.length === 1
      ? "a Job"
      : "no Job";
  return `${jobs} on ${cluster}, namespace ${inputs.namespace}, engine ${inputs.engine}, access ${inputs.accessStrategy}${inputs.dryRun ? ", dry run" : ""}.`;
}

function writeReport(io: ActionIo, report: ExecutionReport): string {
  const dir = io.env.RUNNER_TEMP ?? tmpdir();
  const path = join(dir, `eks-sfn-report-${runIdFromGitHub(io.env)}.json`);
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}

async function commentOnPullRequest(
  deps: MainDeps,
  io: ActionIo,
  inputs: ActionInputs,
  markdown: string,
): Promise<void> {
  const pullRequest = pullRequestFromEvent(io.env);
  if (pullRequest === undefined) {
    io.info("eks-sfn-action: comment-on-pr: this run is not for a pull request; no comment.");
    return;
  }
  if (inputs.githubToken === "") {
    io.warning(
      "github-token is empty, so the pull request comment was not posted. Leave `github-token` at its default (the workflow's token) and grant `pull-requests: write`.",
    );
    return;
  }
  try {
    const github = await (deps.loadGitHub ?? loadGitHub)(inputs.githubToken);
    const done = await upsertPullRequestComment({
      github,
      pullRequest,
      marker: commentMarker({
        workflow: io.env.GITHUB_WORKFLOW ?? "workflow",
        job: io.env.GITHUB_JOB ?? "job",
      }),
      markdown,
    });
    io.info(`eks-sfn-action: ${done.action} the pull request comment ${done.url}`);
  } catch (error) {
    // The run's outcome stands; a missing permission only loses the comment.
    io.warning(
      `The pull request comment was not posted: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}. Does the workflow grant \`pull-requests: write\`?`,
    );
  }
}

async function loadGitHub(token: string): Promise<GitHubClient> {
  const { getOctokit } = await import("@actions/github");
  return getOctokit(token);
}
