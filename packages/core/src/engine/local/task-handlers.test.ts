import { describe, expect, it } from "vitest";
import { parseEksResource } from "./task-handlers.ts";

describe("parseEksResource", () => {
  it("reads the EKS integrations with and without .sync, in any partition", () => {
    expect(parseEksResource("arn:aws:states:::eks:runJob.sync")).toEqual({
      integration: "runJob",
      sync: true,
    });
    expect(parseEksResource("arn:aws:states:::eks:runJob")).toEqual({
      integration: "runJob",
      sync: false,
    });
    expect(parseEksResource("arn:aws-cn:states:::eks:createCluster.sync")).toEqual({
      integration: "createCluster",
      sync: true,
    });
    expect(parseEksResource("arn:aws:states:::eks:call")).toEqual({
      integration: "call",
      sync: false,
    });
  });

  it("does not claim other services, unknown EKS integrations or eks:call.sync", () => {
    expect(parseEksResource("arn:aws:lambda:us-east-1:123456789012:function:f")).toBeUndefined();
    expect(parseEksResource("arn:aws:states:::aws-sdk:eks:createAddon")).toBeUndefined();
    expect(parseEksResource("arn:aws:states:::eks:runJob.waitForTaskToken")).toBeUndefined();
    expect(parseEksResource("arn:aws:states:::eks:createFargateProfile")).toBeUndefined();
    expect(parseEksResource("arn:aws:states:::eks:call.sync")).toBeUndefined();
  });
});
