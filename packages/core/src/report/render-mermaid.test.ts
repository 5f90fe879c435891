import { parseStateMachineDefinition, stateGraph } from "@eks-sfn/rbac";
import { describe, expect, it } from "vitest";
import { expectGolden } from "../test-support/golden.ts";
import { exampleDefinitions } from "../workflow/definition/examples.test-support.ts";
import { FAILING, SUCCEEDING } from "../workflow/test-support/definitions.ts";
import { buildExecutionReport } from "./build-report.ts";
import type { StateVisit } from "./execution-report.ts";
import { renderReportMermaid } from "./render-mermaid.ts";
import {
  forbiddenScenario,
  jobFailedScenario,
  RUN_JOB_DEFINITION,
  succeededScenario,
} from "./test-support/scenarios.ts";

const runJob = parseStateMachineDefinition("definition", RUN_JOB_DEFINITION);

const visit = (
  state: string,
  status: StateVisit["status"],
  extra: Partial<StateVisit> = {},
): StateVisit => ({
  state,
  status,
  enteredAt: "2026-11-30T06:00:00.000Z",
  durationMs: 100,
  retries: 0,
  ...extra,
});

describe("renderReportMermaid", () => {
  it("draws the definition alone, with no marks", () => {
    const text = renderReportMermaid({ definition: runJob });
    expectGolden(import.meta.url, "mermaid/run-job-definition.mmd", text);
    expect(text).not.toContain("classDef");
  });

  it.each([
    ["run-job-succeeded.mmd", succeededScenario],
    ["run-job-failed.mmd", jobFailedScenario],
    ["run-job-forbidden.mmd", forbiddenScenario],
  ])("marks the path taken and the failing state: %s", (file, scenario) => {
    const report = buildExecutionReport(scenario());
    expectGolden(
      import.meta.url,
      `mermaid/${file}`,
      renderReportMermaid({ definition: runJob, report }),
    );
  });

  it("marks the state that failed the execution in red and the caught ones apart", () => {
    const report = buildExecutionReport(jobFailedScenario());
    const text = renderReportMermaid({ definition: runJob, report });
    // Node ids follow document order: s0 Run job, s1 Delete job, s2 after failure, s3 Fail.
    expect(text).toContain("class s3 failed");
    expect(text).toContain("class s0 caught");
    expect(text).toContain("class s2 succeeded");
    expect(text).not.toMatch(/class [^\n]*s1[^\n]*\n/);
  });

  it("draws Map and Parallel branches as subgraphs with the execution's path", () => {
    const definition = parseStateMachineDefinition("definition", SUCCEEDING);
    const path = [
      "Prepare",
      "Pause",
      "Item",
      "Item",
      "Item",
      "Each item",
      "Left",
      "Right",
      "Both",
      "Decide",
      "Done",
    ].map((state) => visit(state, "succeeded"));
    const text = renderReportMermaid({ definition, report: { status: "SUCCEEDED", path } });
    expectGolden(import.meta.url, "mermaid/map-parallel-succeeded.mmd", text);
    expect(text).toContain('subgraph s2_items ["Each item: item processor"]');
    expect(text).toContain('subgraph s4_0 ["Both: branch 1"]');
  });

  it("labels Catch edges with their errors and escapes quotes in names", () => {
    const definition = parseStateMachineDefinition("definition", FAILING);
    const text = renderReportMermaid({
      definition,
      report: {
        status: "FAILED",
        path: [
          visit("Call", "caught", { retries: 1, error: "Lambda.ResourceNotFoundException" }),
          visit("Branches", "caught", { error: "States.BranchFailed" }),
          visit("Fine", "succeeded"),
          visit("Broken", "failed", { error: "Branch.Broken" }),
          visit("Check", "succeeded"),
          visit("Give up", "failed", { error: "Job.Failed" }),
        ],
      },
    });
    expectGolden(import.meta.url, "mermaid/failing.mmd", text);
    expect(text).toContain('-->|"catch States.ALL"|');
    const quoted = renderReportMermaid({
      definition: parseStateMachineDefinition("definition", {
        StartAt: 'Say "hi" <b>',
        States: { 'Say "hi" <b>': { Type: "Pass", End: true } },
      }),
    });
    expect(quoted).toContain("Say #34;hi#34; #60;b#62;<br/>");
  });

  // Names only at collection time; each definition is rendered inside its test, so a
  // change to a renderer (a mutant) reaches the golden comparison.
  it.each(Object.keys(exampleDefinitions()))("draws the generated %s definition", (name) => {
    const definition = exampleDefinitions()[name];
    if (definition === undefined) throw new Error(`no example definition ${name}`);
    const text = renderReportMermaid({ definition });
    expectGolden(import.meta.url, `mermaid/definitions/${name.replace(/\.json$/, "")}.mmd`, text);
    expect(text.match(/^ {2,}s\d+[[({]/gm)?.length).toBe(stateGraphSize(definition));
  });
});

function stateGraphSize(
  definition: Parameters<typeof renderReportMermaid>[0]["definition"],
): number {
  return stateGraph(definition).nodes.length;
}
