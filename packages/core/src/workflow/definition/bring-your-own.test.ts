import { UserInputError } from "@eks-sfn/rbac";
import { describe, expect, it } from "vitest";
import {
  parseDefinitionFile,
  parseStateMachineArn,
  renderExecutionInput,
} from "./bring-your-own.ts";

const CLUSTER = {
  name: "EKSCluster",
  ca: "LS0tLS1CRUdJTg==",
  endpoint: "https://ABC.gr7.us-east-1.eks.amazonaws.com",
};

describe("bring your own state machine", () => {
  it("accepts an existing state machine's ARN, in any partition", () => {
    for (const arn of [
      "arn:aws:states:us-east-1:123456789012:stateMachine:RunJob",
      "arn:aws-cn:states:cn-north-1:123456789012:stateMachine:run-job_2",
    ]) {
      expect(parseStateMachineArn("state-machine-arn", arn)).toBe(arn);
    }
  });

  it.each([
    "RunJob",
    "arn:aws:states:us-east-1:123456789012:execution:RunJob:first",
    "arn:aws:states:us-east-1:1234:stateMachine:RunJob",
  ])("refuses %s as a state machine ARN, naming the input", (value) => {
    expect(() => parseStateMachineArn("state-machine-arn", value)).toThrow(
      /^state-machine-arn: ".*" is not a state machine ARN/,
    );
  });

  it("reads a definition file, and names the state and field of a mistake in it", () => {
    const good = JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", End: true } } });
    expect(parseDefinitionFile("definition-file", good)).toEqual({
      kind: "definition",
      definition: JSON.parse(good),
    });
    const bad = JSON.stringify({
      StartAt: "Run job",
      States: {
        "Run job": { Type: "Task", Resource: "arn:aws:states:::eks:runJob.sync", Next: "Cleanup" },
      },
    });
    expect(() => parseDefinitionFile("definition-file", bad)).toThrow(
      'definition-file: States."Run job".Next: "Cleanup" is not a state.',
    );
    expect(() => parseDefinitionFile("definition-file", "{not json")).toThrow(UserInputError);
  });

  it("starts it with the article's input shape plus what the user adds", () => {
    expect(renderExecutionInput(CLUSTER, { date: "2026-11-30" })).toEqual({
      date: "2026-11-30",
      cluster: CLUSTER,
    });
  });

  it.each([
    [[1], /^input: is not a JSON object/],
    [{ cluster: "mine" }, /^input: has a "cluster" field/],
  ])("refuses extra input %j that would hide the cluster", (extra, message) => {
    expect(() => renderExecutionInput(CLUSTER, extra)).toThrow(message);
  });

  it.each([
    ["null", null],
    ["a list", [1]],
    ["a string", "x"],
    ["a number", 5],
  ])("refuses extra input that is %s, asking for a JSON object", (_, extra) => {
    expect(() => renderExecutionInput(CLUSTER, extra, "input-file")).toThrow(
      'input-file: is not a JSON object. Give the extra execution input as an object, such as {"date": "2026-11-30"}.',
    );
  });
});
