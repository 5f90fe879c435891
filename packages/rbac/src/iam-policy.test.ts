import { describe, expect, it } from "vitest";
import {
  parseEksIntegration,
  renderStateMachinePolicy,
  renderStateMachineTrustPolicy,
} from "./iam-policy.ts";
import { expectGolden } from "./test-support/golden.ts";
import { UserInputError } from "./user-input-error.ts";

// The integrations of the "Manage an Amazon EKS cluster" sample project.
const SAMPLE = [
  "arn:aws:states:::eks:createCluster.sync",
  "arn:aws:states:::eks:createNodegroup.sync",
  "arn:aws:states:::eks:runJob.sync",
  "arn:aws:states:::eks:call",
  "arn:aws:states:::eks:deleteNodegroup.sync",
  "arn:aws:states:::eks:deleteCluster.sync",
];

describe("renderStateMachinePolicy", () => {
  it("renders the sample project's policy for one region and account", () => {
    const policy = renderStateMachinePolicy({
      integrations: SAMPLE,
      partition: "aws",
      region: "us-east-1",
      accountId: "123456789012",
    });
    expectGolden("state-machine-policy.json", `${JSON.stringify(policy, null, 2)}\n`);
  });

  it("renders Fargate profiles and named clusters", () => {
    const policy = renderStateMachinePolicy({
      integrations: [
        "arn:aws:states:::eks:createFargateProfile.sync",
        "arn:aws:states:::eks:deleteFargateProfile",
        "arn:aws:states:::eks:deleteCluster",
      ],
      partition: "aws",
      clusterArns: [
        "arn:aws:eks:eu-west-1:123456789012:cluster/ci-b",
        "arn:aws:eks:eu-west-1:123456789012:cluster/ci-a",
      ],
      passRoleArns: ["arn:aws:iam::123456789012:role/service-role/FargatePods"],
    });
    expectGolden("state-machine-policy-fargate.json", `${JSON.stringify(policy, null, 2)}\n`);
  });

  it("needs no statement for runJob and call: Kubernetes access is not IAM", () => {
    const policy = renderStateMachinePolicy({
      integrations: [
        "arn:aws:states:::eks:runJob.sync",
        "arn:aws:states:::eks:runJob",
        "arn:aws:states:::eks:call",
      ],
      partition: "aws",
    });
    expect(policy).toEqual({ Version: "2012-10-17", Statement: [] });
  });

  it("ignores integrations of other services", () => {
    const policy = renderStateMachinePolicy({
      integrations: [
        "arn:aws:states:::lambda:invoke",
        "arn:aws:states:::aws-sdk:eks:createAddon",
        "arn:aws:lambda:us-east-1:123456789012:function:f",
      ],
      partition: "aws",
    });
    expect(policy.Statement).toEqual([]);
  });

  it("passes roles to EKS only, under a StringEquals condition", () => {
    const policy = renderStateMachinePolicy({
      integrations: ["arn:aws:states:::eks:createCluster"],
      partition: "aws",
    });
    const passRole = policy.Statement.find((statement) =>
      statement.Action.includes("iam:PassRole"),
    );
    expect(passRole?.Condition).toEqual({
      StringEquals: { "iam:PassedToService": "eks.amazonaws.com" },
    });
    expect(passRole?.Resource).toEqual(["arn:aws:iam::*:role/*"]);
  });

  it("merges the cluster and node group grants that share a resource into one statement", () => {
    const policy = renderStateMachinePolicy({
      integrations: [
        "arn:aws-cn:states:::eks:createCluster.sync",
        "arn:aws-cn:states:::eks:createNodegroup.sync",
      ],
      partition: "aws-cn",
      region: "cn-north-1",
      accountId: "123456789012",
    });
    const sids = policy.Statement.map((statement) => statement.Sid);
    expect(new Set(sids).size).toBe(sids.length);
    const resources = policy.Statement.map((statement) =>
      JSON.stringify([statement.Resource, statement.Condition]),
    );
    expect(new Set(resources).size).toBe(resources.length);
    expect(policy.Statement.find((statement) => statement.Sid === "AnyResource")?.Action).toEqual([
      "ec2:DescribeSubnets",
      "eks:CreateCluster",
      "eks:CreateNodegroup",
    ]);
    expect(policy.Statement.find((statement) => statement.Sid === "Clusters")?.Resource).toEqual([
      "arn:aws-cn:eks:cn-north-1:123456789012:cluster/*",
    ]);
  });

  it("gives the same policy whatever the order of the integrations", () => {
    const forward = renderStateMachinePolicy({ integrations: SAMPLE, partition: "aws" });
    const backward = renderStateMachinePolicy({
      integrations: [...SAMPLE].reverse(),
      partition: "aws",
    });
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
  });

  it.each([
    [
      { integrations: ["arn:aws:states:::eks:runPod.sync"] },
      /^integrations\[0\]: "arn:aws:states:::eks:runPod\.sync" is not a Step Functions EKS integration/,
    ],
    [
      { integrations: ["arn:aws:states:::eks:call.sync"] },
      /^integrations\[0\]: .*eks:call has no "\.sync" pattern/,
    ],
    [
      { integrations: ["arn:aws:states:::eks:runJob.waitForTaskToken"] },
      /^integrations\[0\]: .* is not a Step Functions EKS integration/,
    ],
    [
      { integrations: ["arn:aws-cn:states:::eks:createCluster"] },
      /^integrations\[0\]: .* is in the partition "aws-cn", not "aws"/,
    ],
    [{ integrations: [], region: "Virginia" }, /^region: "Virginia" is not an AWS region/],
    [{ integrations: [], accountId: "1234" }, /^accountId: "1234" is not an AWS account id/],
    [
      { integrations: [], clusterArns: ["arn:aws:eks:us-east-1:123456789012:nodegroup/x"] },
      /^clusterArns\[0\]: .* is not an EKS cluster ARN/,
    ],
    [
      { integrations: [], passRoleArns: ["arn:aws:iam::123456789012:user/u"] },
      /^passRoleArns\[0\]: .* is an IAM user ARN/,
    ],
    [{ integrations: [], partition: "aws-iso" }, /^partition: "aws-iso" is not supported/],
  ])("rejects bad input %#, naming it", (options, message) => {
    const render = () =>
      renderStateMachinePolicy({ partition: "aws", ...options } as Parameters<
        typeof renderStateMachinePolicy
      >[0]);
    expect(render).toThrow(UserInputError);
    expect(render).toThrow(message);
  });
});

describe("parseEksIntegration", () => {
  it("reads the operation and the pattern, and passes over other services", () => {
    expect(parseEksIntegration("r", "arn:aws:states:::eks:runJob.sync")).toEqual({
      resource: "arn:aws:states:::eks:runJob.sync",
      operation: "runJob",
      pattern: "sync",
    });
    expect(parseEksIntegration("r", "arn:aws:states:::eks:call")?.pattern).toBe("request-response");
    expect(parseEksIntegration("r", "arn:aws:states:::ecs:runTask.sync")).toBeUndefined();
  });
});

describe("renderStateMachineTrustPolicy", () => {
  it("lets states.amazonaws.com assume the role, from one account when given", () => {
    expectGolden(
      "state-machine-trust-policy.json",
      `${JSON.stringify(renderStateMachineTrustPolicy({ accountId: "123456789012" }), null, 2)}\n`,
    );
  });

  it("has no condition without an account id", () => {
    expect(renderStateMachineTrustPolicy()).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "StepFunctionsAssumeRole",
          Effect: "Allow",
          Principal: { Service: "states.amazonaws.com" },
          Action: "sts:AssumeRole",
        },
      ],
    });
  });

  it("rejects a malformed account id, naming it", () => {
    expect(() => renderStateMachineTrustPolicy({ accountId: "abc" })).toThrow(/^accountId: "abc"/);
  });
});
