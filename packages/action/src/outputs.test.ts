import { describe, expect, it } from "vitest";
import { executionConsoleUrl } from "./console-url.ts";
import { RecordingActionIo } from "./io.ts";
import { createLogStream } from "./log-stream.ts";
import { capBytes, createOutputWriter, OUTPUT_CAP_BYTES } from "./outputs.ts";
import { succeededReport } from "./test-support/reports.ts";

describe("createOutputWriter", () => {
  it("sets an output once per new value", () => {
    const io = new RecordingActionIo();
    const outputs = createOutputWriter(io);
    outputs.facts({ clusterName: "c1" });
    outputs.facts({ clusterName: "c1", jobName: "pi" });
    outputs.facts({ clusterName: "c2" });
    expect(io.records).toEqual([
      { kind: "output", name: "cluster-name", value: "c1" },
      { kind: "output", name: "job-name", value: "pi" },
      { kind: "output", name: "cluster-name", value: "c2" },
    ]);
  });

  it("caps the logs output at 64 KiB, keeping it valid UTF-8", () => {
    const io = new RecordingActionIo();
    const report = {
      ...succeededReport,
      jobs: succeededReport.jobs.map((job) => ({
        ...job,
        pods: job.pods.map((pod) => ({
          ...pod,
          containers: pod.containers.map((c) => ({ ...c, log: "π".repeat(100_000) })),
        })),
      })),
    };
    createOutputWriter(io).report(report);
    const logs = io.outputs.logs ?? "";
    expect(Buffer.byteLength(logs)).toBeLessThanOrEqual(OUTPUT_CAP_BYTES);
    expect(logs.endsWith("\n[cut]")).toBe(true);
    expect(logs).not.toContain("\uFFFD");
    expect(capBytes("short", 10)).toBe("short");
  });
});

describe("executionConsoleUrl", () => {
  it("links an execution in its region and partition, and nothing for a local one", () => {
    expect(
      executionConsoleUrl("arn:aws-cn:states:cn-north-1:123456789012:execution:sm:run-1"),
    ).toBe(
      "https://cn-north-1.console.amazonaws.cn/states/home?region=cn-north-1#/v2/executions/details/arn%3Aaws-cn%3Astates%3Acn-north-1%3A123456789012%3Aexecution%3Asm%3Arun-1",
    );
    expect(executionConsoleUrl("local:run-1")).toBeUndefined();
  });
});

describe("createLogStream", () => {
  it("opens a group per container and stops each at its cap, saying so once", () => {
    const io = new RecordingActionIo();
    const stream = createLogStream(io, 10);
    stream.write({ namespace: "n", pod: "p", container: "a", text: "12345\n" });
    stream.write({ namespace: "n", pod: "p", container: "b", text: "x\n" });
    stream.write({ namespace: "n", pod: "p", container: "a", text: "6789012345\n" });
    stream.write({ namespace: "n", pod: "p", container: "a", text: "more\n" });
    stream.close();
    expect(io.log).toEqual([
      "::group::Logs of p/a",
      "12345",
      "::endgroup::",
      "::group::Logs of p/b",
      "x",
      "::endgroup::",
      "::group::Logs of p/a",
      "6789",
      "[log of p/a cut at 10 bytes here; the report and summary keep its end]",
      "::endgroup::",
    ]);
  });
});
