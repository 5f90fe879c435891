import { describe, expect, it } from "vitest";
import type { StateMachineDefinition } from "./definition.ts";
import { parseStateMachineDefinition } from "./parse-definition.ts";
import { stateGraph } from "./state-graph.ts";
import { listTaskStates } from "./task-states.ts";

// Parsed inside each test (not at import), so the parser runs under the test.
const nested = () =>
  parseStateMachineDefinition("definition", {
    StartAt: "Create",
    States: {
      Create: {
        Type: "Task",
        Resource: "arn:aws:states:::eks:createCluster.sync",
        Next: "Fan out",
        Catch: [{ ErrorEquals: ["States.ALL"], Next: "Failed", ResultPath: "$.error" }],
      },
      "Fan out": {
        Type: "Parallel",
        Branches: [
          {
            StartAt: "Run",
            States: {
              Run: { Type: "Task", Resource: "arn:aws:states:::eks:runJob.sync", End: true },
            },
          },
          {
            StartAt: "Each",
            States: {
              Each: {
                Type: "Map",
                ItemProcessor: {
                  StartAt: "Call",
                  States: {
                    Call: { Type: "Task", Resource: "arn:aws:states:::eks:call", End: true },
                  },
                },
                End: true,
              },
            },
          },
        ],
        Next: "Check",
      },
      Check: {
        Type: "Choice",
        Choices: [{ Variable: "$.ok", BooleanEquals: true, Next: "Done" }],
        Default: "Failed",
      },
      Done: { Type: "Succeed" },
      Failed: { Type: "Fail", Error: "Boom" },
    },
  }) as StateMachineDefinition;

describe("listTaskStates", () => {
  it("lists every Task with its state name and path, nested Parallel and Map included", () => {
    expect(listTaskStates(nested())).toEqual([
      {
        stateName: "Create",
        resource: "arn:aws:states:::eks:createCluster.sync",
        path: 'States."Create"',
      },
      {
        stateName: "Run",
        resource: "arn:aws:states:::eks:runJob.sync",
        path: 'States."Fan out".Branches[0].States."Run"',
      },
      {
        stateName: "Call",
        resource: "arn:aws:states:::eks:call",
        path: 'States."Fan out".Branches[1].States."Each".ItemProcessor.States."Call"',
      },
    ]);
  });
});

describe("stateGraph", () => {
  it("has an edge for each StartAt, Next, Catch, branch start, Choice rule, Default and end", () => {
    const { nodes, edges } = stateGraph(nested());
    expect(nodes.map((node) => [node.name, node.type, node.parent, node.branch])).toEqual([
      ["Create", "Task", undefined, undefined],
      ["Fan out", "Parallel", undefined, undefined],
      ["Run", "Task", "Fan out", 0],
      ["Each", "Map", "Fan out", 1],
      ["Call", "Task", "Each", undefined],
      ["Check", "Choice", undefined, undefined],
      ["Done", "Succeed", undefined, undefined],
      ["Failed", "Fail", undefined, undefined],
    ]);
    expect(edges).toEqual([
      { kind: "start", from: null, to: "Create" },
      { kind: "next", from: "Create", to: "Fan out" },
      { kind: "catch", from: "Create", to: "Failed", index: 0, errors: ["States.ALL"] },
      { kind: "start", from: "Fan out", to: "Run", index: 0 },
      { kind: "start", from: "Fan out", to: "Each", index: 1 },
      { kind: "next", from: "Fan out", to: "Check" },
      { kind: "end", from: "Run", to: null },
      { kind: "start", from: "Each", to: "Call" },
      { kind: "end", from: "Each", to: null },
      { kind: "end", from: "Call", to: null },
      { kind: "choice", from: "Check", to: "Done", index: 0 },
      { kind: "default", from: "Check", to: "Failed" },
      { kind: "end", from: "Done", to: null },
      { kind: "fail", from: "Failed", to: null },
    ]);
  });

  it("names only states that exist as edge targets", () => {
    const { nodes, edges } = stateGraph(nested());
    const names = new Set(nodes.map((node) => node.name));
    for (const edge of edges) {
      if (edge.to !== null) {
        expect(names.has(edge.to), edge.to).toBe(true);
      }
    }
  });
});

describe("legacy and unusual shapes", () => {
  const call = { Type: "Task", Resource: "arn:aws:states:::eks:call", End: true } as const;

  it("names a legacy Iterator in the paths of the states inside it", () => {
    const definition = parseStateMachineDefinition("definition", {
      StartAt: "Each",
      States: {
        Each: { Type: "Map", Iterator: { StartAt: "Call", States: { Call: call } }, End: true },
      },
    }) as StateMachineDefinition;
    expect(listTaskStates(definition)).toEqual([
      {
        stateName: "Call",
        resource: "arn:aws:states:::eks:call",
        path: 'States."Each".Iterator.States."Call"',
      },
    ]);
  });

  it("draws no default edge for a Choice without Default", () => {
    const definition = parseStateMachineDefinition("definition", {
      StartAt: "Check",
      States: {
        Check: { Type: "Choice", Choices: [{ Variable: "$.ok", IsPresent: true, Next: "Done" }] },
        Done: { Type: "Succeed" },
      },
    }) as StateMachineDefinition;
    expect(stateGraph(definition).edges).toEqual([
      { kind: "start", from: null, to: "Check" },
      { kind: "choice", from: "Check", to: "Done", index: 0 },
      { kind: "end", from: "Done", to: null },
    ]);
  });

  it("walks into nothing and draws no start edge for a Map the type allows without a processor", () => {
    const definition: StateMachineDefinition = {
      StartAt: "Each",
      States: { Each: { Type: "Map", End: true } },
    };
    expect(listTaskStates(definition)).toEqual([]);
    expect(stateGraph(definition)).toEqual({
      nodes: [
        { name: "Each", type: "Map", path: 'States."Each"', parent: undefined, branch: undefined },
      ],
      edges: [
        { kind: "start", from: null, to: "Each" },
        { kind: "end", from: "Each", to: null },
      ],
    });
  });
});

describe("states as the type allows them, unparsed", () => {
  it("draws no end edge for a state with neither Next nor End", () => {
    const definition: StateMachineDefinition = {
      StartAt: "Wait",
      States: { Wait: { Type: "Pass" } },
    };
    expect(stateGraph(definition).edges).toEqual([{ kind: "start", from: null, to: "Wait" }]);
  });

  it("walks only into Parallel and Map states, not a stray ItemProcessor on a Task", () => {
    const definition = parseStateMachineDefinition("definition", {
      StartAt: "Run",
      States: {
        Run: {
          Type: "Task",
          Resource: "arn:aws:states:::eks:runJob.sync",
          ItemProcessor: { StartAt: "Inner", States: { Inner: { Type: "Fail" } } },
          End: true,
        },
      },
    }) as StateMachineDefinition;
    expect(listTaskStates(definition).map((task) => task.path)).toEqual(['States."Run"']);
    expect(stateGraph(definition).nodes.map((node) => node.name)).toEqual(["Run"]);
  });
});

describe("renderStateMachinePolicy with listTaskStates", () => {
  it("names the Task state whose Resource is not an EKS integration", async () => {
    const { renderStateMachinePolicy } = await import("../iam-policy.ts");
    const definition = parseStateMachineDefinition("definition", {
      StartAt: "Bad",
      States: { Bad: { Type: "Task", Resource: "arn:aws:states:::eks:runJobs", End: true } },
    });
    expect(() =>
      renderStateMachinePolicy({ integrations: listTaskStates(definition), partition: "aws" }),
    ).toThrow(
      /^States\."Bad"\.Resource: "arn:aws:states:::eks:runJobs" is not a Step Functions EKS integration/,
    );
  });
});
