// Pure state machine definitions for tests: no client, no stack, so a server-free test
// (the mutation run's set, scripts/mutation/scope.ts) may import them. machines.ts
// re-exports them next to the helpers that run them on moto.
import type { StateMachineDefinition } from "@eks-sfn/rbac";

/** Succeeds through Pass -> Wait -> Map (3 items) -> Parallel (2 branches) -> Choice -> Succeed. */
export const SUCCEEDING: StateMachineDefinition = {
  StartAt: "Prepare",
  States: {
    Prepare: { Type: "Pass", Result: { items: [1, 2, 3] }, Next: "Pause" },
    Pause: { Type: "Wait", Seconds: 1, Next: "Each item" },
    "Each item": {
      Type: "Map",
      ItemsPath: "$.items",
      ItemProcessor: {
        ProcessorConfig: { Mode: "INLINE" },
        StartAt: "Item",
        States: { Item: { Type: "Pass", End: true } },
      },
      ResultPath: "$.mapped",
      Next: "Both",
    },
    Both: {
      Type: "Parallel",
      Branches: [
        { StartAt: "Left", States: { Left: { Type: "Pass", End: true } } },
        { StartAt: "Right", States: { Right: { Type: "Pass", End: true } } },
      ],
      ResultPath: "$.both",
      Next: "Decide",
    },
    Decide: {
      Type: "Choice",
      Choices: [{ Variable: "$.mapped[0]", NumericEquals: 1, Next: "Done" }],
      Default: "Wrong",
    },
    Done: { Type: "Succeed" },
    Wrong: { Type: "Fail", Error: "Test.WrongBranch", Cause: "Choice took the default" },
  },
};

/**
 * Fails: a Task retried once and caught, a Parallel whose branch fails (caught), then a
 * Choice that goes to a Fail state with Error "Job.Failed".
 */
export const FAILING: StateMachineDefinition = {
  StartAt: "Call",
  States: {
    Call: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Parameters: { FunctionName: "does-not-exist" },
      Retry: [{ ErrorEquals: ["States.ALL"], MaxAttempts: 1, IntervalSeconds: 1 }],
      Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.callError", Next: "Branches" }],
      Next: "Branches",
    },
    Branches: {
      Type: "Parallel",
      Branches: [
        { StartAt: "Fine", States: { Fine: { Type: "Pass", End: true } } },
        {
          StartAt: "Broken",
          States: { Broken: { Type: "Fail", Error: "Branch.Broken", Cause: "on purpose" } },
        },
      ],
      Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.branchError", Next: "Check" }],
      Next: "Check",
    },
    Check: {
      Type: "Choice",
      Choices: [{ Variable: "$.branchError", IsPresent: true, Next: "Give up" }],
      Default: "Fine end",
    },
    "Fine end": { Type: "Succeed" },
    "Give up": {
      Type: "Fail",
      Error: "Job.Failed",
      Cause: "BackoffLimitExceeded: the pod exited 3",
    },
  },
};
