import { describe, expect, it } from "vitest";
import { thrown } from "../test-support/thrown.ts";
import { UserInputError } from "../user-input-error.ts";
import { parseStateMachineDefinition } from "./parse-definition.ts";
import { findIntegrations } from "./task-states.ts";

const task = (resource: string, next?: string) => ({
  Type: "Task",
  Resource: resource,
  ...(next ? { Next: next } : { End: true }),
});

describe("findIntegrations", () => {
  it("collects Task resources from states, Parallel branches and both Map forms, each once", () => {
    const definition = {
      StartAt: "Create",
      States: {
        Create: task("arn:aws:states:::eks:createCluster.sync", "Fan out"),
        "Fan out": {
          Type: "Parallel",
          Branches: [
            { StartAt: "Run", States: { Run: task("arn:aws:states:::eks:runJob.sync") } },
            {
              StartAt: "Each",
              States: {
                Each: {
                  Type: "Map",
                  ItemProcessor: {
                    StartAt: "Call",
                    States: { Call: task("arn:aws:states:::eks:call") },
                  },
                  End: true,
                },
              },
            },
          ],
          Next: "Old map",
        },
        "Old map": {
          Type: "Map",
          Iterator: {
            StartAt: "Again",
            States: { Again: task("arn:aws:states:::eks:runJob.sync") },
          },
          Next: "Notify",
        },
        Notify: task("arn:aws:states:::lambda:invoke", "Done"),
        Done: { Type: "Pass", End: true },
      },
    };
    expect(findIntegrations(definition)).toEqual([
      "arn:aws:states:::eks:createCluster.sync",
      "arn:aws:states:::eks:runJob.sync",
      "arn:aws:states:::eks:call",
      "arn:aws:states:::lambda:invoke",
    ]);
  });

  it("reads a definition given as JSON text", () => {
    const text = JSON.stringify({ StartAt: "A", States: { A: task("arn:aws:states:::eks:call") } });
    expect(findIntegrations(text)).toEqual(["arn:aws:states:::eks:call"]);
  });
});

describe("parseStateMachineDefinition", () => {
  it.each([
    ["{not json", /^definition: is not valid JSON/],
    [{ States: {} }, /^definition: is not an Amazon States Language definition/],
    [[], /^definition: is not an Amazon States Language definition/],
    [{ StartAt: "A", States: [] }, /^definition: is not an Amazon States Language definition/],
  ])("rejects %j, naming the input", (value, message) => {
    const parse = () => parseStateMachineDefinition("definition", value);
    expect(parse).toThrow(UserInputError);
    expect(parse).toThrow(message);
  });
});

describe("parseStateMachineDefinition: errors name the state and the field", () => {
  const base = (states: Record<string, unknown>, startAt = "Run job") => ({
    StartAt: startAt,
    States: states,
  });
  const job = { Type: "Task", Resource: "arn:aws:states:::eks:runJob.sync" };
  it.each([
    [
      "an unknown Next",
      base({ "Run job": { ...job, Next: "Cleanup" } }),
      'definition: States."Run job".Next: "Cleanup" is not a state.',
    ],
    [
      "a StartAt that is not a state",
      base({ Run: { ...job, End: true } }, "Start"),
      'definition: StartAt: "Start" is not a state.',
    ],
    [
      "a Task with no Resource",
      base({ "Run job": { Type: "Task", End: true } }),
      'definition: States."Run job".Resource: is missing.',
    ],
    [
      "an unknown state type",
      base({ "Run job": { Type: "Lambda", End: true } }),
      'definition: States."Run job".Type: "Lambda" is not a state type.',
    ],
    [
      "a state with neither Next nor End",
      base({ "Run job": { ...job } }),
      'definition: States."Run job": has neither Next nor End: true.',
    ],
    [
      "a state with both Next and End",
      base({ "Run job": { ...job, Next: "Run job", End: true } }),
      'definition: States."Run job": has both Next and End.',
    ],
    [
      "a Catch pointing nowhere",
      base({
        "Run job": { ...job, End: true, Catch: [{ ErrorEquals: ["States.ALL"], Next: "Gone" }] },
      }),
      'definition: States."Run job".Catch[0].Next: "Gone" is not a state.',
    ],
    [
      "a Catch without ErrorEquals",
      base({
        "Run job": { ...job, Next: "Done", Catch: [{ Next: "Done" }] },
        Done: { Type: "Succeed" },
      }),
      'definition: States."Run job".Catch[0].ErrorEquals: is missing or not a list of error names.',
    ],
    [
      "a Choice rule pointing nowhere",
      base({
        "Run job": { Type: "Choice", Choices: [{ Variable: "$.a", IsPresent: true, Next: "X" }] },
      }),
      'definition: States."Run job".Choices[0].Next: "X" is not a state.',
    ],
    [
      "a Choice rule with an unknown operator",
      base({
        "Run job": {
          Type: "Choice",
          Choices: [{ Variable: "$.a", StringContains: "x", Next: "Run job" }],
        },
      }),
      'definition: States."Run job".Choices[0].StringContains: is not a Choice operator.',
    ],
    [
      "a Choice with End",
      base({ "Run job": { Type: "Choice", Choices: [], End: true } }),
      'definition: States."Run job".End: a Choice state has no End.',
    ],
    [
      "a Wait with two time fields",
      base({ "Run job": { Type: "Wait", Seconds: 5, SecondsPath: "$.s", End: true } }),
      'definition: States."Run job": has Seconds and SecondsPath.',
    ],
    [
      "an unreachable state",
      base({ "Run job": { ...job, End: true }, Orphan: { Type: "Succeed" } }),
      'definition: States."Orphan": is not reachable from StartAt "Run job".',
    ],
    [
      "a state name used in a branch and at the top",
      base({
        "Run job": {
          Type: "Parallel",
          Branches: [{ StartAt: "Run job", States: { "Run job": { ...job, End: true } } }],
          End: true,
        },
      }),
      'definition: States."Run job".Branches[0].States."Run job": the state name is used twice',
    ],
    [
      "an unknown Next inside a Map's item processor",
      base({
        "Run job": {
          Type: "Map",
          ItemProcessor: { StartAt: "Each", States: { Each: { ...job, Next: "Cleanup" } } },
          End: true,
        },
      }),
      'definition: States."Run job".ItemProcessor.States."Each".Next: "Cleanup" is not a state.',
    ],
    [
      "a Next from a branch to a state outside it",
      base({
        "Run job": {
          Type: "Parallel",
          Branches: [{ StartAt: "Inner", States: { Inner: { ...job, Next: "Run job" } } }],
          End: true,
        },
      }),
      'definition: States."Run job".Branches[0].States."Inner".Next: "Run job" is not a state.',
    ],
    [
      "a Map with neither ItemProcessor nor Iterator",
      base({ "Run job": { Type: "Map", End: true } }),
      'definition: States."Run job".ItemProcessor: is missing.',
    ],
    [
      "a loop with no way out",
      base({
        "Run job": { Type: "Pass", Next: "Again" },
        Again: { Type: "Pass", Next: "Run job" },
      }),
      "definition: States: has no terminal state.",
    ],
    [
      "a branch with no way out",
      base({
        "Run job": {
          Type: "Parallel",
          Branches: [{ StartAt: "Spin", States: { Spin: { Type: "Pass", Next: "Spin" } } }],
          End: true,
        },
      }),
      'definition: States."Run job".Branches[0].States: has no terminal state.',
    ],
    [
      "a JSONata definition",
      { ...base({ "Run job": { ...job, End: true } }), QueryLanguage: "JSONata" },
      'definition: QueryLanguage: "JSONata" is not supported.',
    ],
  ])("rejects %s", (_, value, message) => {
    const error = thrown(() => parseStateMachineDefinition("definition", value));
    expect(error.input).toBe("definition");
    expect(error.message.startsWith(message)).toBe(true);
  });

  it("accepts every state type, a legacy Iterator and Catch targets, returning the value as given", () => {
    const definition = {
      Comment: "all types",
      StartAt: "Wait",
      States: {
        Wait: { Type: "Wait", Seconds: 1, Next: "Pass" },
        Pass: { Type: "Pass", Result: { a: 1 }, Next: "Fan out" },
        "Fan out": {
          Type: "Parallel",
          Branches: [{ StartAt: "B", States: { B: { Type: "Succeed" } } }],
          Next: "Each",
        },
        Each: {
          Type: "Map",
          Iterator: { StartAt: "I", States: { I: { Type: "Pass", End: true } } },
          MaxConcurrency: 2,
          Next: "Decide",
        },
        Decide: {
          Type: "Choice",
          Choices: [
            {
              And: [
                { Variable: "$.a", IsPresent: true },
                { Not: { Variable: "$.a", NumericEquals: 2 } },
              ],
              Next: "Call",
            },
          ],
          Default: "Stop",
        },
        Call: {
          Type: "Task",
          Resource: "arn:aws:states:::eks:call",
          Catch: [{ ErrorEquals: ["States.ALL"], Next: "Stop", ResultPath: "$.error" }],
          Retry: [{ ErrorEquals: ["EKS.500"], MaxAttempts: 2 }],
          End: true,
        },
        Stop: { Type: "Fail", ErrorPath: "$.error.Error", CausePath: "$.error.Cause" },
      },
    };
    expect(parseStateMachineDefinition("definition", definition)).toBe(definition);
    expect(parseStateMachineDefinition("definition", JSON.stringify(definition))).toEqual(
      definition,
    );
  });
});
