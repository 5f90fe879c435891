import { describe, expect, it } from "vitest";
import * as rbac from "./index.ts";

describe("@eks-sfn/rbac", () => {
  it("exports every renderer and parser the other packages use", () => {
    for (const name of [
      "renderJobRunnerRole",
      "JOB_RUNNER_RULES",
      "parseAwsAuth",
      "addRoleMapping",
      "removeRoleMapping",
      "renderAwsAuthData",
      "renderAwsAuthConfigMap",
      "awsAuthIdentities",
      "refuseIdentityTemplate",
      "renderAccessEntryRequests",
      "renderStateMachinePolicy",
      "renderStateMachineTrustPolicy",
      "findIntegrations",
      "renderAckStateMachine",
      "renderManifests",
      "parseRoleArn",
      "parseNamespace",
      "UserInputError",
    ]) {
      expect(rbac, name).toHaveProperty(name);
    }
  });
});
