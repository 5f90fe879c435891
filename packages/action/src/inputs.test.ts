import { UserInputError } from "@eks-sfn/core";
import { describe, expect, it } from "vitest";
import { readActionInputs } from "./inputs.ts";

const reader =
  (inputs: Record<string, string>) =>
  (name: string): string =>
    inputs[name] ?? "";

describe("readActionInputs", () => {
  it("runs on the Node.js major that GitHub runs the action on", () => {
    expect(process.versions.node.split(".")[0]).toBe("24");
  });

  it("names the missing input and how to set it", () => {
    expect(() =>
      readActionInputs(reader({ "role-arn": "arn:aws:iam::123456789012:role/x" })),
    ).toThrow(/^cluster-name: is required but was not given\. Set `cluster-name`/);
  });

  it("defaults the namespace and the access strategy", () => {
    const inputs = readActionInputs(
      reader({ "cluster-name": "c1", "role-arn": "arn:aws:iam::123456789012:role/sfn" }),
    );
    expect(inputs).toEqual({
      clusterName: "c1",
      roleArn: "arn:aws:iam::123456789012:role/sfn",
      namespace: "default",
      accessStrategy: "auto",
      dryRun: false,
    });
  });

  it("rejects an unknown access strategy with the allowed values", () => {
    const read = reader({
      "cluster-name": "c1",
      "role-arn": "arn:aws:iam::123456789012:role/sfn",
      "access-strategy": "configmap",
    });
    expect(() => readActionInputs(read)).toThrow(UserInputError);
    expect(() => readActionInputs(read)).toThrow(
      'access-strategy: "configmap" is not one of auto, access-entry, aws-auth, none',
    );
  });

  it("names a role-arn that is not an IAM role ARN, before anything else happens", () => {
    const read = reader({ "cluster-name": "c1", "role-arn": "arn:aws:iam::123456789012:user/bob" });
    expect(() => readActionInputs(read)).toThrow(
      /^role-arn: "arn:aws:iam::123456789012:user\/bob" is an IAM user ARN, not a role ARN\./,
    );
  });

  it("names a namespace that is not a DNS-1123 label", () => {
    const read = reader({
      "cluster-name": "c1",
      "role-arn": "arn:aws:iam::123456789012:role/sfn",
      namespace: "CI_Jobs",
    });
    expect(() => readActionInputs(read)).toThrow(/^namespace: "CI_Jobs"/);
  });

  it("rejects a dry-run that is not a boolean", () => {
    const read = reader({
      "cluster-name": "c1",
      "role-arn": "arn:aws:iam::123456789012:role/sfn",
      "dry-run": "yes",
    });
    expect(() => readActionInputs(read)).toThrow('dry-run: "yes" is not a boolean');
  });
});
