import {
  parseStateMachineDefinition,
  type StateMachineDefinition,
  stateGraph,
} from "@eks-sfn/rbac";
import { describe, expect, it } from "vitest";
import { expectGolden } from "../test-support/golden.ts";
import { EXAMPLE_NAMES, exampleDefinition } from "../workflow/definition/examples.test-support.ts";
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
  it.each(EXAMPLE_NAMES)("draws the generated %s definition", (name) => {
    const definition = exampleDefinition(name);
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

// The edges a chart draws thick, as "from -> to" by state name ("start", "end" outside).
function takenEdges(text: string, definition: StateMachineDefinition): string[] {
  const names = new Map(stateGraph(definition).nodes.map((node, i) => [`s${i}`, node.name]));
  names.set("start", "start");
  names.set("finish", "end");
  const edges = [...text.matchAll(/^ {2}(\S+) --> ?(?:\|"[^"]*"\| )?(\S+)$/gm)].map(
    ([, from = "", to = ""]) => `${names.get(from)} -> ${names.get(to)}`,
  );
  const style = /^ {2}linkStyle ([\d,]+) /m.exec(text)?.[1];
  return style === undefined ? [] : style.split(",").map((i) => edges[Number(i)] ?? "?");
}

function classes(text: string): string[] {
  return [...text.matchAll(/^ {2}class (.*)$/gm)].map(([, rest]) => rest ?? "");
}

describe("renderReportMermaid, the path taken", () => {
  // Try: Catch -> Recover, Next -> Pick; Pick: rule 1 -> Left, Default -> Right.
  const definition: StateMachineDefinition = {
    StartAt: "Try",
    States: {
      Try: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Catch: [{ ErrorEquals: ["A.One", "B.Two"], Next: "Recover" }],
        Next: "Pick",
      },
      Pick: {
        Type: "Choice",
        Choices: [{ Variable: "$.x", NumericEquals: 1, Next: "Left" }],
        Default: "Right",
      },
      Left: { Type: "Pass", End: true },
      Right: { Type: "Succeed" },
      Recover: { Type: "Fail", Error: "Gave.Up" },
    },
  };
  const parsed = parseStateMachineDefinition("definition", definition);
  const draw = (status: "SUCCEEDED" | "FAILED", path: StateVisit[]) =>
    renderReportMermaid({ definition: parsed, report: { status, path } });

  it("draws thick only the transitions a succeeded state took to a state entered", () => {
    const text = draw("SUCCEEDED", [
      visit("Try", "succeeded"),
      visit("Pick", "succeeded"),
      visit("Left", "succeeded"),
    ]);
    expect(takenEdges(text, parsed)).toEqual([
      "start -> Try",
      "Try -> Pick",
      "Pick -> Left",
      "Left -> end",
    ]);
    expect(classes(text)).toEqual(["s0,s1,s2 succeeded"]);
  });

  it("draws the end of a succeeded state thick only when the execution succeeded", () => {
    const text = draw("FAILED", [
      visit("Try", "succeeded"),
      visit("Pick", "succeeded"),
      visit("Left", "succeeded"),
    ]);
    expect(takenEdges(text, parsed)).toEqual(["start -> Try", "Try -> Pick", "Pick -> Left"]);
  });

  it("draws a Catch thick when a run of its state was caught, and a Fail state's end", () => {
    const text = draw("FAILED", [
      visit("Try", "succeeded"),
      visit("Try", "caught", { error: "A.One" }),
      visit("Recover", "failed", { error: "Gave.Up" }),
    ]);
    expect(takenEdges(text, parsed)).toEqual(["start -> Try", "Try -> Recover", "Recover -> end"]);
    expect(text).toContain('-->|"catch A.One, B.Two"|');
    expect(classes(text)).toEqual(["s4 failed", "s0 caught"]);
  });

  it("does not draw a Next thick from a state whose runs all failed or were caught", () => {
    const text = draw("FAILED", [
      visit("Try", "caught"),
      visit("Pick", "failed"),
      visit("Right", "running"),
    ]);
    expect(takenEdges(text, parsed)).toEqual(["start -> Try"]);
    expect(classes(text)).toEqual(["s1 failed", "s0 caught", "s3 running"]);
  });

  it("draws an end thick when any run of the last state succeeded", () => {
    const text = draw("SUCCEEDED", [
      visit("Try", "failed"),
      visit("Try", "succeeded"),
      visit("Pick", "succeeded"),
      visit("Right", "failed"),
      visit("Right", "succeeded"),
    ]);
    expect(takenEdges(text, parsed)).toEqual([
      "start -> Try",
      "Try -> Pick",
      "Pick -> Right",
      "Right -> end",
    ]);
  });

  it("labels each rule and the default, and draws nothing thick without a report", () => {
    const text = renderReportMermaid({ definition: parsed });
    expect(text).toContain('-->|"rule 1"|');
    expect(text).toContain('-->|"default"|');
    expect(text).toContain('-->|"fail"| finish');
    expect(takenEdges(text, parsed)).toEqual([]);
  });
});

describe("renderReportMermaid, a state's label", () => {
  const one: StateMachineDefinition = {
    StartAt: "Only",
    States: { Only: { Type: "Pass", End: true } },
  };
  const parsed = parseStateMachineDefinition("definition", one);
  const labelOf = (path: StateVisit[]) =>
    /^ {2}s0\["(.*)"\]$/m.exec(
      renderReportMermaid({ definition: parsed, report: { status: "FAILED", path } }),
    )?.[1];

  it("says the type alone for a state never entered", () => {
    expect(labelOf([])).toBe("Only<br/><small>Pass</small>");
  });

  it("adds up the runs, their time and retries, and names the error the last run ended with", () => {
    expect(
      labelOf([
        visit("Only", "caught", { durationMs: 4_000, retries: 1, error: "First" }),
        visit("Only", "failed", { durationMs: 5_999, retries: 2, error: "Last" }),
      ]),
    ).toBe("Only<br/><small>Pass · 2 runs · 10.0 s · retried 3x · Last</small>");
    expect(labelOf([visit("Only", "failed", { durationMs: 10_000 })])).toBe(
      "Only<br/><small>Pass · 10 s</small>",
    );
  });

  it("leaves out the time when no run has one, and an error the last run got past", () => {
    expect(
      labelOf([visit("Only", "succeeded", { durationMs: undefined, error: "Retried.Away" })]),
    ).toBe("Only<br/><small>Pass</small>");
    expect(
      labelOf([
        visit("Only", "caught", { durationMs: undefined }),
        visit("Only", "succeeded", { durationMs: 1_500 }),
      ]),
    ).toBe("Only<br/><small>Pass · 2 runs · 1.5 s</small>");
  });
});
