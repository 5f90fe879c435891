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

describe("parseStateMachineDefinition: each check, with the whole message", () => {
  const job = { Type: "Task", Resource: "arn:aws:states:::eks:runJob.sync" };
  const base = (states: Record<string, unknown>, startAt = "Run job") => ({
    StartAt: startAt,
    States: states,
  });
  const one = (state: Record<string, unknown>) => base({ "Run job": state });
  const choiceIn = (rule: unknown) =>
    base({ "Run job": { Type: "Choice", Choices: [rule] }, Done: { Type: "Succeed" } });
  it.each<[string, unknown, string]>([
    [
      "a QueryLanguage other than JSONPath",
      { ...one({ ...job, End: true }), QueryLanguage: "JSONata" },
      'definition: QueryLanguage: "JSONata" is not supported. Write the definition in the JSONPath dialect (leave QueryLanguage out or set "JSONPath").',
    ],
    [
      "a TimeoutSeconds of 0",
      { ...one({ ...job, End: true }), TimeoutSeconds: 0 },
      "definition: TimeoutSeconds: is not a positive integer. Give the whole execution's limit in seconds.",
    ],
    [
      "a fractional TimeoutSeconds",
      { ...one({ ...job, End: true }), TimeoutSeconds: 1.5 },
      "definition: TimeoutSeconds: is not a positive integer. Give the whole execution's limit in seconds.",
    ],
    [
      "a TimeoutSeconds given as text",
      { ...one({ ...job, End: true }), TimeoutSeconds: "60" },
      "definition: TimeoutSeconds: is not a positive integer. Give the whole execution's limit in seconds.",
    ],
    [
      "a Parallel branch without StartAt",
      one({ Type: "Parallel", Branches: [{ States: { A: { Type: "Succeed" } } }], End: true }),
      'definition: States."Run job".Branches[0].StartAt: is missing or not a string. Name the first state of this machine.',
    ],
    [
      "a Parallel branch with no states",
      one({ Type: "Parallel", Branches: [{ StartAt: "A", States: {} }], End: true }),
      'definition: States."Run job".Branches[0].States: is missing or has no states. Give at least one state.',
    ],
    [
      "a Parallel branch whose States is a list",
      one({ Type: "Parallel", Branches: [{ StartAt: "A", States: [] }], End: true }),
      'definition: States."Run job".Branches[0].States: is missing or has no states. Give at least one state.',
    ],
    [
      "a Parallel branch that is not an object",
      one({ Type: "Parallel", Branches: ["A"], End: true }),
      'definition: States."Run job".Branches[0]: is not an object. Write it as {"StartAt": ..., "States": {...}}.',
    ],
    [
      "an empty state name",
      base({ "": { ...job, End: true } }, ""),
      'definition: States."": the name has 0 characters. Use 1 to 80 characters.',
    ],
    [
      "a state name of 81 characters",
      base({ ["a".repeat(81)]: { ...job, End: true } }, "a".repeat(81)),
      'definition: States."aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa": the name has 81 characters. Use 1 to 80 characters.',
    ],
    [
      "a state that is not an object",
      base({ "Run job": "Task" }),
      'definition: States."Run job": is not an object. Write the state as {"Type": ..., ...}.',
    ],
    [
      "a state that is null",
      base({ "Run job": null }),
      'definition: States."Run job": is not an object. Write the state as {"Type": ..., ...}.',
    ],
    [
      "a state that is a list",
      base({ "Run job": [] }),
      'definition: States."Run job": is not an object. Write the state as {"Type": ..., ...}.',
    ],
    [
      "a Type that is not a string",
      one({ Type: 1, End: true }),
      'definition: States."Run job".Type: 1 is not a state type. Use one of Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map.',
    ],
    [
      "a Succeed with Next",
      base({ "Run job": { Type: "Succeed", Next: "Run job" } }),
      'definition: States."Run job".Next: a Succeed state has no Next. Remove Next.',
    ],
    [
      "a Fail with End",
      base({ "Run job": { Type: "Fail", End: true } }),
      'definition: States."Run job".End: a Fail state has no End. Remove End.',
    ],
    [
      "a Choice with Next",
      one({ Type: "Choice", Choices: [], Next: "Run job" }),
      'definition: States."Run job".Next: a Choice state has no Next. Use Choices[].Next and Default.',
    ],
    [
      "an InputPath not starting with $",
      one({ ...job, InputPath: "input", End: true }),
      'definition: States."Run job".InputPath: "input" is not a path. Use a path starting with "$", or null.',
    ],
    [
      "an OutputPath that is a number",
      one({ ...job, OutputPath: 1, End: true }),
      'definition: States."Run job".OutputPath: 1 is not a path. Use a path starting with "$", or null.',
    ],
    [
      "a ResultPath not starting with $",
      one({ ...job, ResultPath: "result", End: true }),
      'definition: States."Run job".ResultPath: "result" is not a path. Use a path starting with "$", or null.',
    ],
    [
      "an empty Resource",
      one({ Type: "Task", Resource: "", End: true }),
      'definition: States."Run job".Resource: is missing. Give the integration ARN, such as "arn:aws:states:::eks:runJob.sync".',
    ],
    [
      "a Resource that is not a string",
      one({ Type: "Task", Resource: 1, End: true }),
      'definition: States."Run job".Resource: is missing. Give the integration ARN, such as "arn:aws:states:::eks:runJob.sync".',
    ],
    [
      "a Task TimeoutSeconds of 0",
      one({ ...job, TimeoutSeconds: 0, End: true }),
      'definition: States."Run job".TimeoutSeconds: is not a positive integer. Give whole seconds.',
    ],
    [
      "a Task HeartbeatSeconds of 1.5",
      one({ ...job, HeartbeatSeconds: 1.5, End: true }),
      'definition: States."Run job".HeartbeatSeconds: is not a positive integer. Give whole seconds.',
    ],
    [
      "a Choice with no Choices",
      one({ Type: "Choice" }),
      'definition: States."Run job".Choices: is missing or empty. Give at least one rule with a Next.',
    ],
    [
      "a Choice with an empty Choices",
      one({ Type: "Choice", Choices: [] }),
      'definition: States."Run job".Choices: is missing or empty. Give at least one rule with a Next.',
    ],
    [
      "a Choice whose Choices is an object",
      one({ Type: "Choice", Choices: {} }),
      'definition: States."Run job".Choices: is missing or empty. Give at least one rule with a Next.',
    ],
    [
      "a Choice Default pointing nowhere",
      base({
        "Run job": {
          Type: "Choice",
          Choices: [{ Variable: "$.a", IsPresent: true, Next: "Done" }],
          Default: "Gone",
        },
        Done: { Type: "Succeed" },
      }),
      'definition: States."Run job".Default: "Gone" is not a state. Name one of the states beside it: "Run job", "Done".',
    ],
    [
      "a Choice rule that is not an object",
      choiceIn("rule"),
      'definition: States."Run job".Choices[0]: is not an object. Write the rule as an object.',
    ],
    [
      "a Choice rule with no operator",
      choiceIn({ Variable: "$.a", Next: "Done" }),
      'definition: States."Run job".Choices[0]: has 0 operators. Give exactly one comparison (with Variable) or one of And, Or, Not.',
    ],
    [
      "a Choice rule with two comparisons",
      choiceIn({ Variable: "$.a", IsPresent: true, IsNull: false, Next: "Done" }),
      'definition: States."Run job".Choices[0]: has 2 operators. Give exactly one comparison (with Variable) or one of And, Or, Not.',
    ],
    [
      "a Choice rule with a comparison and And",
      choiceIn({
        Variable: "$.a",
        IsPresent: true,
        And: [{ Variable: "$.b", IsPresent: true }],
        Next: "Done",
      }),
      'definition: States."Run job".Choices[0]: has 2 operators. Give exactly one comparison (with Variable) or one of And, Or, Not.',
    ],
    [
      "a comparison without Variable",
      choiceIn({ IsPresent: true, Next: "Done" }),
      'definition: States."Run job".Choices[0].Variable: is missing. Give the path the comparison reads, such as "$.status".',
    ],
    [
      "an empty And",
      choiceIn({ And: [], Next: "Done" }),
      'definition: States."Run job".Choices[0].And: is not a non-empty list of rules. Give at least one rule.',
    ],
    [
      "an Or that is not a list",
      choiceIn({ Or: { Variable: "$.a", IsPresent: true }, Next: "Done" }),
      'definition: States."Run job".Choices[0].Or: is not a non-empty list of rules. Give at least one rule.',
    ],
    [
      "a nested And rule with Next",
      choiceIn({ And: [{ Variable: "$.a", IsPresent: true, Next: "Done" }], Next: "Done" }),
      'definition: States."Run job".Choices[0].And[0].Next: a nested rule has no Next. Put Next on the top-level rule only.',
    ],
    [
      "a nested Or rule without Variable",
      choiceIn({ Or: [{ Variable: "$.a", IsPresent: true }, { IsNull: true }], Next: "Done" }),
      'definition: States."Run job".Choices[0].Or[1].Variable: is missing. Give the path the comparison reads, such as "$.status".',
    ],
    [
      "a Not rule with Next",
      choiceIn({ Not: { Variable: "$.a", IsPresent: true, Next: "Done" }, Next: "Done" }),
      'definition: States."Run job".Choices[0].Not.Next: a nested rule has no Next. Put Next on the top-level rule only.',
    ],
    [
      "a Not rule with an unknown operator",
      choiceIn({ Not: { Variable: "$.a", Is: true }, Next: "Done" }),
      'definition: States."Run job".Choices[0].Not.Is: is not a Choice operator. Use a comparison such as StringEquals, NumericGreaterThan, IsPresent or StringMatches, or And/Or/Not.',
    ],
    [
      "a Wait with nothing to wait for",
      one({ Type: "Wait", End: true }),
      'definition: States."Run job": says nothing to wait for. Give exactly one of Seconds, Timestamp, SecondsPath and TimestampPath.',
    ],
    [
      "a Wait with Timestamp and TimestampPath",
      one({ Type: "Wait", Timestamp: "2026-01-01T00:00:00Z", TimestampPath: "$.t", End: true }),
      'definition: States."Run job": has Timestamp and TimestampPath. Give exactly one of Seconds, Timestamp, SecondsPath and TimestampPath.',
    ],
    [
      "a Wait with negative Seconds",
      one({ Type: "Wait", Seconds: -1, End: true }),
      'definition: States."Run job".Seconds: is not a whole number of seconds. Give 0 or more seconds.',
    ],
    [
      "a Wait with fractional Seconds",
      one({ Type: "Wait", Seconds: 0.5, End: true }),
      'definition: States."Run job".Seconds: is not a whole number of seconds. Give 0 or more seconds.',
    ],
    [
      "a Wait with Seconds as text",
      one({ Type: "Wait", Seconds: "5", End: true }),
      'definition: States."Run job".Seconds: is not a whole number of seconds. Give 0 or more seconds.',
    ],
    [
      "a Parallel with no Branches",
      one({ Type: "Parallel", End: true }),
      'definition: States."Run job".Branches: is missing or empty. Give at least one branch.',
    ],
    [
      "a Parallel with empty Branches",
      one({ Type: "Parallel", Branches: [], End: true }),
      'definition: States."Run job".Branches: is missing or empty. Give at least one branch.',
    ],
    [
      "a Parallel whose Branches is an object",
      one({ Type: "Parallel", Branches: {}, End: true }),
      'definition: States."Run job".Branches: is missing or empty. Give at least one branch.',
    ],
    [
      "a Map with both ItemProcessor and Iterator",
      one({
        Type: "Map",
        ItemProcessor: { StartAt: "A", States: { A: { Type: "Succeed" } } },
        Iterator: { StartAt: "B", States: { B: { Type: "Succeed" } } },
        End: true,
      }),
      'definition: States."Run job": has both ItemProcessor and Iterator. Keep ItemProcessor (Iterator is its older name).',
    ],
    [
      "a Map with negative MaxConcurrency",
      one({
        Type: "Map",
        ItemProcessor: { StartAt: "A", States: { A: { Type: "Succeed" } } },
        MaxConcurrency: -1,
        End: true,
      }),
      'definition: States."Run job".MaxConcurrency: is not a number of 0 or more. Give a number for MaxConcurrency.',
    ],
    [
      "a Map with MaxConcurrency as text",
      one({
        Type: "Map",
        ItemProcessor: { StartAt: "A", States: { A: { Type: "Succeed" } } },
        MaxConcurrency: "2",
        End: true,
      }),
      'definition: States."Run job".MaxConcurrency: is not a number of 0 or more. Give a number for MaxConcurrency.',
    ],
    [
      "a Map with an infinite ToleratedFailurePercentage",
      one({
        Type: "Map",
        ItemProcessor: { StartAt: "A", States: { A: { Type: "Succeed" } } },
        ToleratedFailurePercentage: Number.POSITIVE_INFINITY,
        End: true,
      }),
      'definition: States."Run job".ToleratedFailurePercentage: is not a number of 0 or more. Give a number for ToleratedFailurePercentage.',
    ],
    [
      "a Map with ToleratedFailurePercentage over 100",
      one({
        Type: "Map",
        ItemProcessor: { StartAt: "A", States: { A: { Type: "Succeed" } } },
        ToleratedFailurePercentage: 100.5,
        End: true,
      }),
      'definition: States."Run job".ToleratedFailurePercentage: is over 100. Give a percentage from 0 to 100.',
    ],
    [
      "a Pass with Retry",
      one({ Type: "Pass", Retry: [{ ErrorEquals: ["States.ALL"] }], End: true }),
      'definition: States."Run job".Retry: a Pass state cannot Retry. Remove Retry.',
    ],
    [
      "a Wait with Catch",
      one({
        Type: "Wait",
        Seconds: 1,
        Catch: [{ ErrorEquals: ["States.ALL"], Next: "Run job" }],
        End: true,
      }),
      'definition: States."Run job".Catch: a Wait state cannot Catch. Remove Catch.',
    ],
    [
      "a Retry that is not a list",
      one({ ...job, Retry: { ErrorEquals: ["States.ALL"] }, End: true }),
      'definition: States."Run job".Retry: is not a list. Give Retry as a list of objects.',
    ],
    [
      "a Retry with an empty ErrorEquals",
      one({ ...job, Retry: [{ ErrorEquals: [] }], End: true }),
      'definition: States."Run job".Retry[0].ErrorEquals: is missing or not a list of error names. Give error names, such as ["States.ALL"].',
    ],
    [
      "a Retry with an error name that is not a string",
      one({ ...job, Retry: [{ ErrorEquals: ["States.ALL", 1] }], End: true }),
      'definition: States."Run job".Retry[0].ErrorEquals: is missing or not a list of error names. Give error names, such as ["States.ALL"].',
    ],
    [
      "a Retry item that is not an object",
      one({ ...job, Retry: ["States.ALL"], End: true }),
      'definition: States."Run job".Retry[0].ErrorEquals: is missing or not a list of error names. Give error names, such as ["States.ALL"].',
    ],
    [
      "a Parallel with Catch pointing nowhere",
      one({
        Type: "Parallel",
        Branches: [{ StartAt: "A", States: { A: { Type: "Succeed" } } }],
        Catch: [{ ErrorEquals: ["States.ALL"], Next: "X" }],
        End: true,
      }),
      'definition: States."Run job".Catch[0].Next: "X" is not a state. Name one of the states beside it: "Run job".',
    ],
    [
      "a Map item processor that is not an object",
      one({ Type: "Map", ItemProcessor: "A", End: true }),
      'definition: States."Run job".ItemProcessor: is not an object. Write it as {"StartAt": ..., "States": {...}}.',
    ],
    [
      "a machine whose only terminal state is nested",
      base({
        "Run job": {
          Type: "Parallel",
          Branches: [{ StartAt: "A", States: { A: { Type: "Succeed" } } }],
          Next: "Run job",
        },
      }),
      "definition: States: has no terminal state. End at least one path: End: true, a Succeed or a Fail state (Step Functions: MISSING_END_STATE).",
    ],
    [
      "a StartAt that is not a state",
      base({ Run: { ...job, End: true } }, "Start"),
      'definition: StartAt: "Start" is not a state. Name one of the states beside it: "Run".',
    ],
    [
      "a state name used in a branch and at the top",
      one({
        Type: "Parallel",
        Branches: [{ StartAt: "Run job", States: { "Run job": { ...job, End: true } } }],
        End: true,
      }),
      'definition: States."Run job".Branches[0].States."Run job": the state name is used twice in this definition. Give every state, nested ones included, its own name: Step Functions requires it.',
    ],
    [
      "an unreachable state",
      base({ "Run job": { ...job, End: true }, Orphan: { Type: "Succeed" } }),
      'definition: States."Orphan": is not reachable from StartAt "Run job". Remove the state or point a Next, Default, Choices or Catch at it: Step Functions rejects unreachable states.',
    ],
    [
      "a state with both Next and End",
      one({ ...job, Next: "Run job", End: true }),
      'definition: States."Run job": has both Next and End. Keep one: Next to go on, End: true to stop.',
    ],
    [
      "a state with neither Next nor End",
      one({ ...job }),
      'definition: States."Run job": has neither Next nor End: true. Add Next (the following state) or End: true.',
    ],
    [
      "a state with End: false",
      one({ ...job, End: false }),
      'definition: States."Run job": has neither Next nor End: true. Add Next (the following state) or End: true.',
    ],
    [
      "an unknown state type",
      one({ Type: "Lambda", End: true }),
      'definition: States."Run job".Type: "Lambda" is not a state type. Use one of Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map.',
    ],
    [
      "a Task with no Resource",
      one({ Type: "Task", End: true }),
      'definition: States."Run job".Resource: is missing. Give the integration ARN, such as "arn:aws:states:::eks:runJob.sync".',
    ],
  ])("rejects %s, naming the field and the fix", (_, value, message) => {
    const error = thrown(() => parseStateMachineDefinition("definition", value));
    expect(error.input).toBe("definition");
    expect(error.message).toBe(message);
  });

  it("says a JSON text that does not parse is not JSON, and how to give it", () => {
    const error = thrown(() => parseStateMachineDefinition("definition", "{not json"));
    expect(error.message).toMatch(
      /^definition: is not valid JSON \(.+\)\. Give the state machine definition as JSON \(Amazon States Language\)\.$/,
    );
  });
});

describe("parseStateMachineDefinition: values at the edges it accepts", () => {
  const job = { Type: "Task", Resource: "arn:aws:states:::eks:runJob.sync" };
  const one = (state: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    StartAt: "Run job",
    States: { "Run job": state },
    ...extra,
  });
  const processor = { StartAt: "A", States: { A: { Type: "Succeed" } } };
  it.each<[string, unknown]>([
    ["QueryLanguage JSONPath", one({ ...job, End: true }, { QueryLanguage: "JSONPath" })],
    ["a TimeoutSeconds of 1", one({ ...job, End: true }, { TimeoutSeconds: 1 })],
    [
      "a Task TimeoutSeconds and HeartbeatSeconds of 1",
      one({ ...job, TimeoutSeconds: 1, HeartbeatSeconds: 1, End: true }),
    ],
    [
      "a state name of 80 characters",
      { StartAt: "a".repeat(80), States: { ["a".repeat(80)]: { ...job, End: true } } },
    ],
    [
      "paths of $ and null",
      one({ ...job, InputPath: "$", OutputPath: null, ResultPath: "$.r", End: true }),
    ],
    ["a Wait of 0 seconds", one({ Type: "Wait", Seconds: 0, End: true })],
    ["a Wait on a TimestampPath", one({ Type: "Wait", TimestampPath: "$.t", End: true })],
    [
      "a Map with MaxConcurrency 0 and ToleratedFailurePercentage 0",
      one({
        Type: "Map",
        ItemProcessor: processor,
        MaxConcurrency: 0,
        ToleratedFailurePercentage: 0,
        End: true,
      }),
    ],
    [
      "a Map with ToleratedFailurePercentage 100",
      one({ Type: "Map", ItemProcessor: processor, ToleratedFailurePercentage: 100, End: true }),
    ],
    [
      "Retry and Catch on a Parallel",
      one({
        Type: "Parallel",
        Branches: [processor],
        Retry: [{ ErrorEquals: ["States.ALL"] }],
        Catch: [{ ErrorEquals: ["States.ALL"], Next: "Run job" }],
        End: true,
      }),
    ],
    [
      "Retry on a Map",
      one({
        Type: "Map",
        ItemProcessor: processor,
        Retry: [{ ErrorEquals: ["States.ALL"] }],
        End: true,
      }),
    ],
    [
      "a Choice rule with a Comment",
      {
        StartAt: "Run job",
        States: {
          "Run job": {
            Type: "Choice",
            Choices: [{ Variable: "$.a", IsPresent: true, Comment: "why", Next: "Done" }],
          },
          Done: { Type: "Succeed" },
        },
      },
    ],
    [
      "an Or of two rules",
      {
        StartAt: "Run job",
        States: {
          "Run job": {
            Type: "Choice",
            Choices: [
              {
                Or: [
                  { Variable: "$.a", IsPresent: true },
                  { Variable: "$.b", IsNull: true },
                ],
                Next: "Done",
              },
            ],
          },
          Done: { Type: "Succeed" },
        },
      },
    ],
    [
      "a terminal state reached only through a Catch",
      {
        StartAt: "Run job",
        States: {
          "Run job": {
            ...job,
            Next: "Run job",
            Catch: [{ ErrorEquals: ["States.ALL"], Next: "Done" }],
          },
          Done: { Type: "Succeed" },
        },
      },
    ],
  ])("accepts %s", (_, value) => {
    expect(parseStateMachineDefinition("definition", value)).toBe(value);
  });
});

describe("findIntegrations", () => {
  it("names the definition input when the definition is not valid", () => {
    const error = thrown(() => findIntegrations({ StartAt: "A", States: {} }));
    expect(error.input).toBe("definition");
  });
});

describe("parseStateMachineDefinition: state names that look like something else", () => {
  it("refuses a Choice rule without Next even beside a state named undefined", () => {
    const error = thrown(() =>
      parseStateMachineDefinition("definition", {
        StartAt: "Check",
        States: {
          Check: { Type: "Choice", Choices: [{ Variable: "$.a", IsPresent: true }] },
          undefined: { Type: "Succeed" },
        },
      }),
    );
    expect(error.message).toMatch(
      /^definition: States\."Check"\.Choices\[0\]\.Next: undefined is not a state\./,
    );
  });

  it("does not take an inherited property name for a state", () => {
    const error = thrown(() =>
      parseStateMachineDefinition("definition", {
        StartAt: "Run",
        States: { Run: { Type: "Pass", Next: "toString" } },
      }),
    );
    expect(error.message).toMatch(/^definition: States\."Run"\.Next: "toString" is not a state\./);
  });
});
