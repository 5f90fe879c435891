import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  deriveObjectName,
  parseStateMachineName,
  renderAckStateMachine,
} from "./ack-state-machine.ts";
import { renderManifests } from "./manifest-yaml.ts";
import { isDns1123Subdomain, parseRoleArn } from "./names.ts";
import { expectGolden } from "./test-support/golden.ts";
import { userInputErrorOf } from "./test-support/user-input.ts";
import { UserInputError } from "./user-input-error.ts";

// The seed article's example.
const HELLO = {
  StartAt: "HelloWorld",
  States: { HelloWorld: { Type: "Pass", Result: "Hello World!", End: true } },
};
const ROLE = "arn:aws:iam::123456789012:role/service-role/MySFNRole";

describe("renderAckStateMachine", () => {
  it("renders the seed article's StateMachine with a namespace and a JSON definition", () => {
    const manifest = renderAckStateMachine({
      name: "MyAckMachine",
      roleArn: ROLE,
      definition: HELLO,
      type: "STANDARD",
    });
    expectGolden("ack-state-machine.yaml", renderManifests([manifest]));
  });

  it("derives the object name from the Step Functions name and keeps the role's path", () => {
    const manifest = renderAckStateMachine({
      name: "MyAckMachine",
      namespace: "workflows",
      roleArn: ROLE,
      definition: HELLO,
    });
    expect(manifest.apiVersion).toBe("sfn.services.k8s.aws/v1alpha1");
    expect(manifest.kind).toBe("StateMachine");
    expect(manifest.metadata).toEqual({ name: "my-ack-machine", namespace: "workflows" });
    expect(manifest.spec.roleARN).toBe(ROLE);
    expect(manifest.spec).not.toHaveProperty("type");
  });

  it("stores the definition as JSON text, and keeps text it was given as it was", () => {
    const fromObject = renderAckStateMachine({ name: "M", roleArn: ROLE, definition: HELLO });
    expect(JSON.parse(fromObject.spec.definition)).toEqual(HELLO);
    const text = JSON.stringify(HELLO);
    expect(
      renderAckStateMachine({ name: "M", roleArn: ROLE, definition: text }).spec.definition,
    ).toBe(text);
  });

  it("refuses an EXPRESS machine that waits for a job", () => {
    const definition = {
      StartAt: "Run",
      States: { Run: { Type: "Task", Resource: "arn:aws:states:::eks:runJob.sync", End: true } },
    };
    const render = () =>
      renderAckStateMachine({ name: "M", roleArn: ROLE, definition, type: "EXPRESS" });
    expect(render).toThrow(UserInputError);
    expect(render).toThrow(
      /^type: an EXPRESS state machine cannot wait for arn:aws:states:::eks:runJob\.sync/,
    );
    expect(
      renderAckStateMachine({ name: "M", roleArn: ROLE, definition: HELLO, type: "EXPRESS" }).spec
        .type,
    ).toBe("EXPRESS");
  });

  it.each([
    [{ name: "" }, /^name: "" is not a valid Step Functions name: it has 0 characters/],
    [{ name: "a".repeat(81) }, /^name: .* it has 81 characters/],
    [{ name: "my machine" }, /^name: "my machine" .* it contains " "/],
    [{ name: "ns:machine" }, /^name: .* it contains ":"/],
    [{ name: "___" }, /^objectName: no Kubernetes object name can be derived/],
    [
      { objectName: "My_Machine" },
      /^objectName: "My_Machine" is not a valid Kubernetes object name/,
    ],
    [
      { namespace: "Workflows" },
      /^namespace: "Workflows" is not a valid Kubernetes namespace name/,
    ],
    [{ roleArn: "arn:aws:iam::123456789012:user/u" }, /^roleArn: .* is an IAM user ARN/],
    [{ definition: "{}" }, /^definition: is not an Amazon States Language definition/],
    [{ type: "FAST" }, /^type: "FAST" is not a state machine type/],
  ])("rejects bad input %#, naming it", (options, message) => {
    const render = () =>
      renderAckStateMachine({
        name: "M",
        roleArn: ROLE,
        definition: HELLO,
        ...options,
      } as Parameters<typeof renderAckStateMachine>[0]);
    expect(render).toThrow(UserInputError);
    expect(render).toThrow(message);
    userInputErrorOf(render);
  });
});

describe("renderAckStateMachine's edges", () => {
  it("takes a role ARN that was parsed already", () => {
    const role = parseRoleArn("roleArn", ROLE);
    expect(
      renderAckStateMachine({ name: "M", roleArn: role, definition: HELLO }).spec.roleARN,
    ).toBe(ROLE);
  });

  it("lets a STANDARD machine wait for a job", () => {
    const definition = {
      StartAt: "Run",
      States: { Run: { Type: "Task", Resource: "arn:aws:states:::eks:runJob.sync", End: true } },
    };
    expect(
      renderAckStateMachine({ name: "M", roleArn: ROLE, definition, type: "STANDARD" }).spec.type,
    ).toBe("STANDARD");
  });

  const express = (resource: string) => () =>
    renderAckStateMachine({
      name: "M",
      roleArn: ROLE,
      type: "EXPRESS",
      definition: { StartAt: "T", States: { T: { Type: "Task", Resource: resource, End: true } } },
    });

  it.each([
    "arn:aws:states:::states:startExecution.sync:2",
    "arn:aws:states:::states:startExecution.sync:12",
    "arn:aws:states:::lambda:invoke.waitForTaskToken",
  ])("refuses an EXPRESS machine that waits with %s", (resource) => {
    const error = userInputErrorOf(express(resource));
    expect(error.message).toBe(
      `type: an EXPRESS state machine cannot wait for ${resource} (States."T"): Express workflows allow only request-response integrations. Use type "STANDARD".`,
    );
  });

  it("lets an EXPRESS machine call a function whose name only contains .sync", () => {
    const resource = "arn:aws:lambda:us-east-1:123456789012:function:build.sync-check";
    expect(express(resource)().spec.type).toBe("EXPRESS");
  });

  it("suggests an object name when the one given is not valid", () => {
    const error = userInputErrorOf(() =>
      renderAckStateMachine({
        name: "M",
        objectName: "Bad_Name",
        roleArn: ROLE,
        definition: HELLO,
      }),
    );
    expect(error.input).toBe("objectName");
    expect(error.message).toMatch(/Use a name like "my-state-machine"\.$/);
  });

  it("says how to fix a name no object name can be derived from, and a bad type", () => {
    expect(
      userInputErrorOf(() =>
        renderAckStateMachine({ name: "___", roleArn: ROLE, definition: HELLO }),
      ).message,
    ).toBe(
      'objectName: no Kubernetes object name can be derived from the state machine name "___". Give objectName, such as "my-state-machine".',
    );
    expect(
      userInputErrorOf(() =>
        renderAckStateMachine({
          name: "M",
          roleArn: ROLE,
          definition: HELLO,
          type: "FAST" as "STANDARD",
        }),
      ).message,
    ).toBe('type: "FAST" is not a state machine type. Use "STANDARD" or "EXPRESS".');
  });
});

describe("Step Functions names", () => {
  it("takes names of 1 and 80 characters", () => {
    expect(parseStateMachineName("name", "a")).toBe("a");
    expect(parseStateMachineName("name", "a".repeat(80))).toBe("a".repeat(80));
    expect(userInputErrorOf(() => parseStateMachineName("name", "a".repeat(81))).message).toMatch(
      /it has 81 characters .*\. Use a name like "RunJobOnEks"\.$/,
    );
  });

  it("accepts the characters Step Functions allows", () => {
    expect(parseStateMachineName("name", "Run-job_on.EKS(1)")).toBe("Run-job_on.EKS(1)");
    expect(() => parseStateMachineName("name", "tab\there")).toThrow(UserInputError);
    expect(() => parseStateMachineName("name", "bell\u0007")).toThrow(UserInputError);
  });

  it("derives a valid object name from any valid Step Functions name, or none", () => {
    const isValidName = (name: string) => {
      try {
        return parseStateMachineName("name", name) === name;
      } catch {
        return false;
      }
    };
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }).filter(isValidName), (name) => {
        const derived = deriveObjectName(name);
        if (derived !== undefined) {
          expect(isDns1123Subdomain(derived)).toBe(true);
        } else {
          expect(name).not.toMatch(/[A-Za-z0-9]/);
        }
      }),
    );
  });

  it("splits CamelCase and acronyms", () => {
    expect(deriveObjectName("MyAckMachine")).toBe("my-ack-machine");
    expect(deriveObjectName("RunEKSJob2")).toBe("run-eks-job2");
    expect(deriveObjectName("pipeline.v2_nightly")).toBe("pipeline-v2-nightly");
  });
});
