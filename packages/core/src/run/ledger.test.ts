import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createLedgerRecorder, fileLedgerWriter, parseLedger, type RunLedger } from "./ledger.ts";

describe("the run ledger", () => {
  it("writes the whole ledger before each step resolves", async () => {
    const written: RunLedger[] = [];
    const recorder = createLedgerRecorder({ runId: "run-1", clusterName: "c" }, (l) => {
      written.push(l);
    });
    await recorder.recordExecution({ id: "local:x", engine: "local" });
    await recorder.recordJob({ namespace: "ns", name: "pi" });
    await recorder.recordJob({ namespace: "ns", name: "pi", uid: "u-1" });
    await recorder.recordJob({ namespace: "ns", name: "other" });
    expect(written).toHaveLength(4);
    expect(written[0]).toEqual({
      version: 1,
      runId: "run-1",
      clusterName: "c",
      jobs: [],
      execution: { id: "local:x", engine: "local" },
    });
    expect(written[2]?.jobs).toEqual([{ namespace: "ns", name: "pi", uid: "u-1" }]);
    expect(recorder.current().jobs.map((j) => j.name)).toEqual(["pi", "other"]);
  });

  it("rejects a step whose write failed, and keeps writing later steps", async () => {
    let fail = true;
    const recorder = createLedgerRecorder({ runId: "r" }, () => {
      if (fail) throw new Error("disk full");
    });
    await expect(recorder.recordStateMachine({ arn: "a", created: true })).rejects.toThrow(
      "disk full",
    );
    fail = false;
    await expect(recorder.recordJob({ namespace: "n", name: "j" })).resolves.toBeUndefined();
  });

  it("writes a file whole and reads it back", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ledger-"));
    const path = join(dir, "ledger.json");
    const recorder = createLedgerRecorder(
      { runId: "run-2", region: "us-east-1" },
      fileLedgerWriter(path),
    );
    await recorder.recordTemporaryCluster({ name: "tmp", region: "us-east-1", nodegroup: "ng" });
    expect(readdirSync(dir)).toEqual(["ledger.json"]);
    expect(parseLedger(readFileSync(path, "utf8"))).toEqual(recorder.current());
  });

  it("keeps the state machine version a run started on, and drops it once recorded without", async () => {
    const written: RunLedger[] = [];
    const recorder = createLedgerRecorder({ runId: "run-3" }, (next) => {
      written.push(next);
    });
    const arn = "arn:aws:states:us-east-1:123456789012:stateMachine:eks-sfn-run-job";
    await recorder.recordStateMachine({ arn, created: false, versionArn: `${arn}:7` });
    expect(parseLedger(JSON.stringify(written.at(-1))).stateMachine).toEqual({
      arn,
      created: false,
      versionArn: `${arn}:7`,
    });
    await recorder.recordStateMachine({ arn, created: false });
    expect(parseLedger(JSON.stringify(written.at(-1))).stateMachine?.versionArn).toBeUndefined();
  });

  it.each([
    [
      '{"version":1,"runId":"r","jobs":[],"stateMachine":{"arn":"a","created":true,"versionArn":7}}',
      "stateMachine.versionArn",
    ],
    ["{", "not JSON"],
    ['{"version":2,"runId":"r","jobs":[]}', "version"],
    ['{"version":1,"jobs":[]}', "runId"],
    ['{"version":1,"runId":"r","jobs":[{"name":"j"}]}', "jobs.0.namespace"],
    [
      '{"version":1,"runId":"r","jobs":[],"execution":{"id":"x","engine":"gcp"}}',
      "execution.engine",
    ],
  ])("refuses %s, naming %s", (text, field) => {
    expect(() => parseLedger(text)).toThrow(field);
  });
});
