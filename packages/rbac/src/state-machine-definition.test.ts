import { describe, expect, it } from "vitest";
import { findIntegrations, parseStateMachineDefinition } from "./state-machine-definition.ts";
import { UserInputError } from "./user-input-error.ts";

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
