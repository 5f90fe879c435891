import type { RunLedger } from "@eks-sfn/core/plan";
import { describe, expect, it } from "vitest";
import { RecordingActionIo } from "./io.ts";
import { runPost } from "./post.ts";
import { LEDGER_STATE } from "./state.ts";
import { succeededReport } from "./test-support/reports.ts";
import { ScriptedFlow } from "./test-support/scripted-flow.ts";

const ledger: RunLedger = {
  version: 1,
  runId: "42-1-test",
  execution: { id: succeededReport.executionId, engine: "aws" },
  jobs: [{ namespace: "ci-jobs", name: "pi-x7k2p" }],
};
const withLedger = (value: RunLedger | string, inputs: Record<string, string> = {}) =>
  new RecordingActionIo({
    inputs,
    state: new Map([[LEDGER_STATE, typeof value === "string" ? value : JSON.stringify(value)]]),
  });

describe("runPost", () => {
  it("says there is nothing to clean up when main saved no ledger, or an empty one", async () => {
    for (const io of [new RecordingActionIo(), withLedger({ version: 1, runId: "x", jobs: [] })]) {
      let loaded = false;
      const code = await runPost({
        io,
        loadFlow: async () => {
          loaded = true;
          return new ScriptedFlow([], { report: succeededReport });
        },
      });
      expect(code).toBe(0);
      expect(loaded).toBe(false);
      expect(io.log).toEqual(["eks-sfn-action: nothing to clean up; main created nothing."]);
    }
  });

  it("runs cleanUp on the ledger, says what it did, and appends it to the summary", async () => {
    const io = withLedger(ledger);
    const flow = new ScriptedFlow([], { report: succeededReport }, [
      { what: `execution ${succeededReport.executionId}`, outcome: "already-gone" },
      { what: "Job ci-jobs/pi-x7k2p", outcome: "done" },
    ]);
    expect(await runPost({ io, loadFlow: async () => flow })).toBe(0);
    expect(flow.calls).toEqual(["cleanUp 42-1-test"]);
    expect(io.log).toEqual([
      `eks-sfn-action: execution ${succeededReport.executionId}: already gone`,
      "eks-sfn-action: Job ci-jobs/pi-x7k2p: removed",
    ]);
    expect(io.records.find((r) => r.kind === "summary")).toMatchObject({
      markdown: expect.stringContaining("<h4>Cleanup</h4>"),
    });
  });

  it("does nothing when main's run already cleaned up everything", async () => {
    const io = withLedger(ledger);
    io.state.set("cleaned-up", "true");
    const flow = new ScriptedFlow([], { report: succeededReport });
    expect(await runPost({ io, loadFlow: async () => flow })).toBe(0);
    expect(flow.calls).toEqual([]);
    expect(io.log).toEqual([
      "eks-sfn-action: nothing to clean up; main's run already cleaned up what it made.",
    ]);
  });

  it("leaves everything in place with keep-resources, and says what", async () => {
    const io = withLedger(ledger, { "keep-resources": "true" });
    const flow = new ScriptedFlow([], { report: succeededReport });
    expect(await runPost({ io, loadFlow: async () => flow })).toBe(0);
    expect(flow.calls).toEqual([]);
    expect(io.log).toEqual([
      `eks-sfn-action: keep-resources is true: left in place: execution ${succeededReport.executionId}, Job ci-jobs/pi-x7k2p.`,
    ]);
  });

  it("fails with one error naming what was left behind", async () => {
    const io = withLedger(ledger);
    const flow = new ScriptedFlow([], { report: succeededReport }, [
      { what: "Job ci-jobs/pi-x7k2p", outcome: "failed", detail: "403 Forbidden" },
    ]);
    expect(await runPost({ io, loadFlow: async () => flow })).toBe(1);
    expect(io.exitCode).toBe(1);
    expect(io.log.filter((line) => line.startsWith("::error::"))).toEqual([
      "::error::Cleanup left Job ci-jobs/pi-x7k2p behind. Run `eks-sfn cleanup --ledger FILE` with this run's ledger, or remove them by hand.",
    ]);
  });

  it("refuses a ledger it does not understand instead of guessing", async () => {
    const io = withLedger('{"version":2}');
    expect(await runPost({ io })).toBe(1);
    expect(io.log).toEqual([
      '::error::eks-sfn-action post step failed: the state "ledger" saved by main is not a version-1 run ledger; nothing was cleaned up',
    ]);
  });
});
