import { describe, expect, it } from "vitest";
import {
  mergeStatements,
  parseEksIntegration,
  renderStateMachinePolicy,
  renderStateMachineTrustPolicy,
} from "./iam-policy.ts";
import { expectGolden } from "./test-support/golden.ts";
import { userInputErrorOf } from "./test-support/user-input.ts";
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

  it("keeps one statement per resource set, joining the actions of integrations that share one", () => {
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

  // What each integration needs on its own, so that no grant hides behind another
  // integration's: Sid -> actions, resources for every cluster and role of any account.
  const ANY_CLUSTER = ["arn:aws:eks:*:*:cluster/*"];
  const ANY_NODEGROUP = ["arn:aws:eks:*:*:nodegroup/*"];
  const ANY_PROFILE = ["arn:aws:eks:*:*:fargateprofile/*"];
  const ANY_ROLE = ["arn:aws:iam::*:role/*"];
  const TO_EKS = { StringEquals: { "iam:PassedToService": "eks.amazonaws.com" } };
  const TO_EKS_OR_FARGATE = {
    StringEquals: {
      "iam:PassedToService": ["eks.amazonaws.com", "eks-fargate-pods.amazonaws.com"],
    },
  };
  const allow = (Sid: string, Action: string[], Resource: string[], Condition?: object) => ({
    Sid,
    Effect: "Allow",
    Action,
    Resource,
    ...(Condition === undefined ? {} : { Condition }),
  });
  it.each([
    [
      "createCluster",
      [
        allow("AnyResource", ["eks:CreateCluster"], ["*"]),
        allow("Clusters", ["eks:DeleteCluster", "eks:DescribeCluster"], ANY_CLUSTER),
        allow("PassRoleToEks", ["iam:PassRole"], ANY_ROLE, TO_EKS),
      ],
    ],
    [
      "deleteCluster",
      [allow("Clusters", ["eks:DeleteCluster", "eks:DescribeCluster"], ANY_CLUSTER)],
    ],
    [
      "createNodegroup",
      [
        allow("AnyResource", ["ec2:DescribeSubnets", "eks:CreateNodegroup"], ["*"]),
        allow("Nodegroups", ["eks:DeleteNodegroup", "eks:DescribeNodegroup"], ANY_NODEGROUP),
        allow("ReadRoles", ["iam:GetRole", "iam:ListAttachedRolePolicies"], ANY_ROLE),
        allow("PassRoleToEks", ["iam:PassRole"], ANY_ROLE, TO_EKS),
      ],
    ],
    [
      "deleteNodegroup",
      [allow("Nodegroups", ["eks:DeleteNodegroup", "eks:DescribeNodegroup"], ANY_NODEGROUP)],
    ],
    [
      "createFargateProfile",
      [
        allow("AnyResource", ["eks:CreateFargateProfile"], ["*"]),
        allow(
          "FargateProfiles",
          ["eks:DeleteFargateProfile", "eks:DescribeFargateProfile"],
          ANY_PROFILE,
        ),
        allow("PassRoleToEksFargate", ["iam:PassRole"], ANY_ROLE, TO_EKS_OR_FARGATE),
      ],
    ],
    [
      "deleteFargateProfile",
      [
        allow(
          "FargateProfiles",
          ["eks:DeleteFargateProfile", "eks:DescribeFargateProfile"],
          ANY_PROFILE,
        ),
      ],
    ],
  ])("grants eks:%s alone what it needs, .sync or not", (operation, statements) => {
    for (const resource of [
      `arn:aws:states:::eks:${operation}`,
      `arn:aws:states:::eks:${operation}.sync`,
    ]) {
      expect(renderStateMachinePolicy({ integrations: [resource], partition: "aws" })).toEqual({
        Version: "2012-10-17",
        Statement: statements,
      });
    }
  });

  it("scopes node groups and Fargate profiles to the named clusters, and roles to the named roles", () => {
    const policy = renderStateMachinePolicy({
      integrations: ["arn:aws:states:::eks:createNodegroup", "arn:aws:states:::eks:deleteCluster"],
      partition: "aws",
      clusterArns: ["arn:aws:eks:us-west-2:123456789012:cluster/ci"],
      passRoleArns: ["arn:aws:iam::123456789012:role/nodes/NodeRole"],
    });
    expect(
      Object.fromEntries(policy.Statement.map((statement) => [statement.Sid, statement.Resource])),
    ).toEqual({
      AnyResource: ["*"],
      Clusters: ["arn:aws:eks:us-west-2:123456789012:cluster/ci"],
      Nodegroups: ["arn:aws:eks:us-west-2:123456789012:nodegroup/ci/*"],
      ReadRoles: ["arn:aws:iam::123456789012:role/nodes/NodeRole"],
      PassRoleToEks: ["arn:aws:iam::123456789012:role/nodes/NodeRole"],
    });
  });

  it("names one region and account in the default resources when given", () => {
    const policy = renderStateMachinePolicy({
      integrations: ["arn:aws-us-gov:states:::eks:createFargateProfile"],
      partition: "aws-us-gov",
      region: "us-gov-west-1",
      accountId: "123456789012",
    });
    expect(
      Object.fromEntries(policy.Statement.map((statement) => [statement.Sid, statement.Resource])),
    ).toEqual({
      AnyResource: ["*"],
      FargateProfiles: ["arn:aws-us-gov:eks:us-gov-west-1:123456789012:fargateprofile/*"],
      PassRoleToEksFargate: ["arn:aws-us-gov:iam::123456789012:role/*"],
    });
  });

  it("lists a cluster named twice once", () => {
    const cluster = "arn:aws:eks:eu-west-1:123456789012:cluster/ci";
    const policy = renderStateMachinePolicy({
      integrations: ["arn:aws:states:::eks:deleteCluster"],
      partition: "aws",
      clusterArns: [cluster, cluster],
    });
    expect(policy.Statement[0]?.Resource).toEqual([cluster]);
  });

  it.each([
    ["clusterArns", { clusterArns: [] }, "cluster"],
    ["passRoleArns", { passRoleArns: [] }, "role"],
  ])("refuses an empty %s, which would render a statement IAM rejects", (input, options, what) => {
    const render = () =>
      renderStateMachinePolicy({
        integrations: ["arn:aws:states:::eks:createCluster"],
        partition: "aws",
        ...options,
      });
    expect(render).toThrow(UserInputError);
    expect(userInputErrorOf(render).message).toBe(
      `${input}: is empty, so its statements would name no resource, which IAM rejects. Give the ${what} ARNs, or leave ${input} out to allow every one in the account.`,
    );
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
    userInputErrorOf(render);
  });
});

describe("renderStateMachinePolicy's inputs at their edges", () => {
  it("writes no Condition key on a statement without one", () => {
    const policy = renderStateMachinePolicy({
      integrations: ["arn:aws:states:::eks:deleteCluster"],
      partition: "aws",
    });
    expect(Object.keys(policy.Statement[0] ?? {})).toEqual(["Sid", "Effect", "Action", "Resource"]);
  });

  it.each([
    [
      "in another partition",
      "arn:aws-cn:eks:cn-north-1:123456789012:cluster/ci",
      'clusterArns[0]: "arn:aws-cn:eks:cn-north-1:123456789012:cluster/ci" is not an EKS cluster ARN in the partition "aws". Use an ARN like arn:aws:eks:us-east-1:123456789012:cluster/my-cluster.',
    ],
    [
      "with a malformed region",
      "arn:aws:eks:Virginia:123456789012:cluster/ci",
      'clusterArns[0]: "Virginia" is not an AWS region. Use a region like "us-east-1".',
    ],
  ])("refuses a cluster ARN %s", (_what, arn, message) => {
    expect(
      userInputErrorOf(() =>
        renderStateMachinePolicy({
          integrations: ["arn:aws:states:::eks:deleteCluster"],
          partition: "aws",
          clusterArns: [arn],
        }),
      ).message,
    ).toBe(message);
  });

  it("refuses a region with text after its number", () => {
    expect(
      userInputErrorOf(() =>
        renderStateMachinePolicy({ integrations: [], partition: "aws", region: "us-east-1x" }),
      ).message,
    ).toBe('region: "us-east-1x" is not an AWS region. Use a region like "us-east-1".');
  });

  it.each(["xus-east-1", "u-east-1", "useast-1"])("refuses the region %j", (region) => {
    expect(
      userInputErrorOf(() =>
        renderStateMachinePolicy({ integrations: [], partition: "aws", region }),
      ).input,
    ).toBe("region");
  });

  it("takes a region with several words", () => {
    const policy = renderStateMachinePolicy({
      integrations: ["arn:aws:states:::eks:deleteCluster"],
      partition: "aws",
      region: "us-gov-west-1",
    });
    expect(policy.Statement[0]?.Resource).toEqual(["arn:aws:eks:us-gov-west-1:*:cluster/*"]);
  });

  it.each([
    "xarn:aws:eks:us-east-1:123456789012:cluster/c",
    "arn:aws:eks:us-east-1:123456789012:cluster/c/x",
    "arn:aws:eks:1us-east-1:123456789012:cluster/c",
  ])("refuses the cluster ARN %j", (arn) => {
    expect(
      userInputErrorOf(() =>
        renderStateMachinePolicy({
          integrations: ["arn:aws:states:::eks:deleteCluster"],
          partition: "aws",
          clusterArns: [arn],
        }),
      ).input,
    ).toBe("clusterArns[0]");
  });

  it("takes a region with a two-digit number", () => {
    const policy = renderStateMachinePolicy({
      integrations: ["arn:aws:states:::eks:deleteCluster"],
      partition: "aws",
      region: "eu-central-12",
    });
    expect(policy.Statement[0]?.Resource).toEqual(["arn:aws:eks:eu-central-12:*:cluster/*"]);
  });

  it("says which integrations exist when given an unknown one", () => {
    expect(
      userInputErrorOf(() =>
        renderStateMachinePolicy({
          integrations: ["arn:aws:states:::eks:runPod"],
          partition: "aws",
        }),
      ).message,
    ).toBe(
      'integrations[0]: "arn:aws:states:::eks:runPod" is not a Step Functions EKS integration. Use one of eks:runJob, eks:call, eks:createCluster, eks:deleteCluster, eks:createNodegroup, eks:deleteNodegroup, eks:createFargateProfile, eks:deleteFargateProfile, with ".sync" where it is offered.',
    );
  });

  it("says how to fix an integration without the pattern, and one in the wrong partition", () => {
    const render = (resource: string) => () =>
      renderStateMachinePolicy({ integrations: [resource], partition: "aws" });
    expect(userInputErrorOf(render("arn:aws:states:::eks:call.sync")).message).toBe(
      'integrations[0]: "arn:aws:states:::eks:call.sync": eks:call has no ".sync" pattern. Use arn:aws:states:::eks:call.',
    );
    expect(userInputErrorOf(render("arn:aws-cn:states:::eks:call")).message).toBe(
      'integrations[0]: "arn:aws-cn:states:::eks:call" is in the partition "aws-cn", not "aws". Use arn:aws:states:::eks:call or the matching partition.',
    );
  });
});

describe("mergeStatements", () => {
  const statement = (Sid: string, Action: string[], Resource: string[], Condition?: object) => ({
    Sid,
    Effect: "Allow" as const,
    Action,
    Resource,
    ...(Condition === undefined
      ? {}
      : { Condition: Condition as Record<string, Record<string, string>> }),
  });

  it("joins two statements on the same resources under the first Sid, actions sorted and once", () => {
    const roles = ["arn:aws:iam::123456789012:role/R"];
    const first = statement("ReadRoles", ["iam:GetRole", "iam:ListAttachedRolePolicies"], roles);
    const second = statement("MoreReads", ["iam:GetRole", "iam:GetInstanceProfile"], roles);
    expect(mergeStatements([first, statement("Other", ["eks:X"], ["*"]), second])).toEqual([
      statement(
        "ReadRoles",
        ["iam:GetInstanceProfile", "iam:GetRole", "iam:ListAttachedRolePolicies"],
        roles,
      ),
      statement("Other", ["eks:X"], ["*"]),
    ]);
    expect(first.Action).toEqual(["iam:GetRole", "iam:ListAttachedRolePolicies"]);
  });

  it("keeps statements on the same resources apart when their conditions differ", () => {
    const roles = ["arn:aws:iam::123456789012:role/R"];
    const statements = [
      statement("ReadRoles", ["iam:GetRole"], roles),
      statement("PassRoleToEks", ["iam:PassRole"], roles, {
        StringEquals: { "iam:PassedToService": "eks.amazonaws.com" },
      }),
    ];
    expect(mergeStatements(statements)).toEqual(statements);
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

  it("reads only a whole Resource, not one with text before or after it", () => {
    expect(parseEksIntegration("r", "x-arn:aws:states:::eks:createCluster")).toBeUndefined();
    expect(parseEksIntegration("r", "arn:aws:states:::eks:runJob.sync\nmore")).toBeUndefined();
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
