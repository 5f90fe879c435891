import { describe, expect, it } from "vitest";
import { expectGolden } from "../test-support/golden.ts";
import { buildExecutionReport } from "./build-report.ts";
import { renderReportText } from "./render-text.ts";
import {
  forbiddenScenario,
  jobFailedScenario,
  succeededScenario,
  withPiLog,
} from "./test-support/scenarios.ts";

describe("renderReportText", () => {
  it.each([
    ["succeeded.txt", succeededScenario],
    ["job-failed.txt", jobFailedScenario],
    ["forbidden.txt", forbiddenScenario],
  ])("renders %s", (file, scenario) => {
    expectGolden(
      import.meta.url,
      `text/${file}`,
      renderReportText(buildExecutionReport(scenario())),
    );
  });

  it("says which node each pod ran on, when it was bound to one", () => {
    const report = buildExecutionReport(jobFailedScenario());
    const [job] = report.jobs;
    const [pod] = job?.pods ?? [];
    if (!job || !pod) throw new Error("the scenario has a pod");
    const text = renderReportText({
      ...report,
      jobs: [{ ...job, pods: [{ ...pod, node: "real-node" }] }],
    });
    expect(text).toContain(`  pod ${pod.name} on real-node: Failed\n`);
    expect(renderReportText(report)).toContain(`  pod ${pod.name}: Failed\n`);
  });

  it("shows only the last log lines and cuts a long output, saying so", () => {
    const input = succeededScenario();
    const log = Array.from({ length: 50 }, (_, i) => `line ${i + 1}`).join("\n");
    const report = buildExecutionReport({
      ...withPiLog(input, log),
      outcome: { ...input.outcome, output: { text: "x".repeat(500) } },
    });
    const text = renderReportText(report, { logLines: 3, outputChars: 100 });
    expect(text).toContain(
      "log (last 3 lines):\n        line 48\n        line 49\n        line 50\n",
    );
    expect(text).not.toContain("line 47\n");
    expect(text).toContain("Output (first 100 of 516 characters)");
  });
});
