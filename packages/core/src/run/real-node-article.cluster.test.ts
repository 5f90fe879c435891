// The article's state machine, verbatim, through the whole run flow (runWorkflow, the
// local engine) on the stack's real node: real perl computes bpi(2000) in `default`.
// `$.logs..pi` then holds the number parsed as JSON, a double: the digits past the 16th
// are gone, and the report says so by name. With RawLogs the log stays text and the
// report's output carries every digit, equal to a spigot computed here.
import { readFileSync } from "node:fs";
import { BatchV1Api, CoreV1Api } from "@kubernetes/client-node";
import { describe, expect, it, vi } from "vitest";
import { bpiText } from "../../../../test/support/pi.ts";
import { adminKubeConfig, requireRealNode, testStack } from "../../../../test/support/stack.ts";
import { connectToCluster } from "../kube/connect.ts";
import { renderReportText } from "../report/render-text.ts";
import { realSleep, systemClock } from "../time/clock.ts";
import type { ProgressEvent } from "../workflow/progress-event.ts";
import { engineFor } from "./engine-for.ts";
import { createLedgerRecorder } from "./ledger.ts";
import { CLI_RUN_INPUTS, parseRunPlan } from "./run-plan.ts";
import { runWorkflow } from "./run-workflow.ts";

const ARTICLE_TEXT = readFileSync(
  new URL("../engine/local/__fixtures__/article-state-machine.verbatim.json", import.meta.url),
  "utf8",
);
const RUN_JOB = "Run a job on EKS";

interface ArticleDefinition {
  States: Record<string, Record<string, unknown> & { Parameters?: Record<string, unknown> }>;
}

/** The article's definition with `change` applied to a copy. */
function articleWith(change: (definition: ArticleDefinition) => void): string {
  const definition = JSON.parse(ARTICLE_TEXT) as ArticleDefinition;
  change(definition);
  return JSON.stringify(definition);
}

/** Runs `definition` (the article's, or a variant) in `default` as the admin. */
async function runArticle(definition: string, runId: string) {
  requireRealNode();
  const stack = testStack();
  const plan = parseRunPlan(
    {
      engine: "local",
      kubeconfig: stack.kube.adminKubeconfig,
      namespace: "default",
      definition: { text: definition, source: "article-state-machine.json" },
      runId,
    },
    CLI_RUN_INPUTS,
  );
  const events: ProgressEvent[] = [];
  const ledger = createLedgerRecorder({ runId }, () => {});
  const result = await runWorkflow(plan, {
    connect: () =>
      connectToCluster({ target: { kind: "kubeconfig", path: stack.kube.adminKubeconfig } }),
    engine: ({ connection, ledger: recorder }) =>
      engineFor({
        plan,
        connection,
        ledger: recorder,
        clock: systemClock,
        sleep: realSleep,
      }),
    ledger,
    observer: { progress: (event) => events.push(event) },
    clock: systemClock,
    sleep: realSleep,
    signal: new AbortController().signal,
  });
  const ran = events.find((e) => e.type === "state-exited" && e.state === RUN_JOB);
  return {
    result,
    events,
    jobUid: ledger.current().jobs[0]?.uid,
    runJobOutput: (ran as { output?: unknown } | undefined)?.output as
      | { RunJobResult?: { status?: { succeeded?: number }; logs?: unknown } }
      | undefined,
  };
}

/** The article's Job name is fixed: the next run waits for the last one's Job to go. */
async function articleJobGone(): Promise<void> {
  const batch = adminKubeConfig().makeApiClient(BatchV1Api);
  await vi.waitFor(
    async () => {
      const jobs = await batch.listNamespacedJob({ namespace: "default" });
      expect(jobs.items.map((j) => j.metadata?.name)).not.toContain("my-eks-job");
    },
    { timeout: 30_000, interval: 250 },
  );
}

/**
 * No pod of this run's Job (its uid, from the run's ledger) is left in `default`: the
 * article's DELETE orphans them and the run's clean-up removes them. (Other files run
 * the article's Job through the engine alone, with no clean-up: their pods are not ours.)
 */
async function noPodsLeftOf(uid: string | undefined): Promise<void> {
  expect(uid).toBeDefined();
  const core = adminKubeConfig().makeApiClient(CoreV1Api);
  await vi.waitFor(
    async () => {
      const pods = await core.listNamespacedPod({
        namespace: "default",
        labelSelector: `batch.kubernetes.io/controller-uid=${uid}`,
      });
      expect(pods.items.map((p) => p.metadata?.name)).toEqual([]);
    },
    { timeout: 30_000, interval: 250 },
  );
}

// Files run one at a time and these share the Job name: the tests of this file run in turn.
describe("the article's state machine through runWorkflow on the real node", {
  timeout: 180_000,
}, () => {
  it("runs verbatim: $.logs..pi is a double that lost digits, and the report names the advice", async () => {
    await articleJobGone();
    const { result, runJobOutput, jobUid } = await runArticle(
      ARTICLE_TEXT,
      `article-${process.pid}`,
    );
    expect(result.report.error).toBeUndefined();
    expect(result.outcome).toBe("succeeded");
    expect(result.exitCode).toBe(0);
    // `$.logs..pi`: every `pi` under logs, as parsed JSON: one number, a double.
    expect(runJobOutput?.RunJobResult?.status?.succeeded).toBe(1);
    expect(runJobOutput?.RunJobResult?.logs).toEqual([Math.PI]);
    expect(String(Math.PI)).toBe("3.141592653589793");

    // The report keeps the log as text (the run reads it itself): every digit is there.
    const [pod] = result.report.jobs[0]?.pods ?? [];
    expect(pod?.node).toBe(requireRealNode());
    expect(pod?.containers[0]?.log).toBe(`{ "pi": ${bpiText(2000)} }\n`);
    expect(result.report.advice.map((a) => a.code)).toEqual(["log-lost-digits"]);
    const text = renderReportText(result.report);
    expect(text).toContain(`pod ${pod?.name} on ${requireRealNode()}: Succeeded`);
    expect(text).toContain("[log-lost-digits] A container log was a number longer than a double");
    expect(text).toContain('"RawLogs": true');

    expect(result.cleanUp.ok).toBe(true);
    expect(result.cleanUp.steps[0]?.detail).toMatch(/orphaned pods my-eks-job-/);
    await noPodsLeftOf(jobUid);
  });

  it("with RawLogs added, the same ResultSelector finds no `pi` in the text and fails with States.Runtime", async () => {
    await articleJobGone();
    const definition = articleWith((d) => {
      const options = d.States[RUN_JOB]?.Parameters?.LogOptions as Record<string, unknown>;
      options.RawLogs = true;
    });
    const { result, jobUid } = await runArticle(definition, `article-raw-selector-${process.pid}`);
    expect(result.outcome).toBe("failed");
    expect(result.exitCode).toBe(1);
    expect(result.report.error).toBe("States.Runtime");
    expect(result.report.cause).toContain("$.logs..pi");
    expect(result.cleanUp.ok).toBe(true);
    await noPodsLeftOf(jobUid);
  });

  it("with RawLogs, selecting $.logs and keeping the result, the report's output holds all 2,000 digits", async () => {
    await articleJobGone();
    const definition = articleWith((d) => {
      const run = d.States[RUN_JOB];
      const options = run?.Parameters?.LogOptions as Record<string, unknown>;
      options.RawLogs = true;
      // `..pi` cannot reach into text: take the logs whole.
      if (run) run.ResultSelector = { "status.$": "$.status", "logs.$": "$.logs" };
      // The DELETE's response no longer replaces the output that holds them.
      const remove = d.States["Delete Node"];
      if (remove) remove.ResultPath = null;
    });
    const { result, jobUid } = await runArticle(definition, `article-raw-${process.pid}`);
    expect(result.report.error).toBeUndefined();
    expect(result.outcome).toBe("succeeded");
    const [pod] = result.report.jobs[0]?.pods ?? [];
    const output = result.report.output as {
      RunJobResult: { logs: { pods: Record<string, { containers: Record<string, unknown> }> } };
    };
    const log = output.RunJobResult.logs.pods[pod?.name ?? ""]?.containers["pi-2000"];
    expect(log).toEqual({ log: `{ "pi": ${bpiText(2000)} }\n` });
    expect(result.report.advice).toEqual([]);
    await noPodsLeftOf(jobUid);
  });
});
