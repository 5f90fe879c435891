import { describe, expect, it } from "vitest";
import { JOB_RUNNER_RULES, renderJobRunnerRole } from "./job-runner-role.ts";
import { renderManifests } from "./manifest-yaml.ts";
import { expectGolden } from "./test-support/golden.ts";
import { userInputErrorOf } from "./test-support/user-input.ts";
import { UserInputError } from "./user-input-error.ts";

describe("renderJobRunnerRole", () => {
  it("renders the Role and RoleBinding the seed article meant, with v1 and namespaces", () => {
    const { role, roleBinding } = renderJobRunnerRole({
      namespace: "ci-jobs",
      subject: { kind: "User", name: "eks-stepfunctions" },
    });
    expectGolden("job-runner-role.yaml", renderManifests([role, roleBinding]));
  });

  it("uses rbac.authorization.k8s.io/v1 and sets the namespace on both objects", () => {
    const { role, roleBinding } = renderJobRunnerRole({
      namespace: "ci-jobs",
      subject: { kind: "User", name: "u" },
    });
    expect(role.apiVersion).toBe("rbac.authorization.k8s.io/v1");
    expect(roleBinding.apiVersion).toBe("rbac.authorization.k8s.io/v1");
    expect(role.metadata.namespace).toBe("ci-jobs");
    expect(roleBinding.metadata.namespace).toBe("ci-jobs");
  });

  it("grants exactly jobs, pods and pods/log with the verbs a runner needs", () => {
    const { role } = renderJobRunnerRole({
      namespace: "default",
      subject: { kind: "User", name: "u" },
    });
    expect(role.rules).toEqual([
      {
        apiGroups: ["batch"],
        resources: ["jobs"],
        verbs: ["create", "get", "list", "watch", "delete"],
      },
      { apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] },
      { apiGroups: [""], resources: ["pods/log"], verbs: ["get"] },
    ]);
    expect(role.rules).toEqual(JOB_RUNNER_RULES);
  });

  it("binds a Group subject for the access entry route and refers to the custom Role name", () => {
    const { roleBinding } = renderJobRunnerRole({
      namespace: "ci-jobs",
      roleName: "runner",
      bindingName: "runner-binding",
      subject: { kind: "Group", name: "eks-sfn-job-runners" },
    });
    expect(roleBinding.metadata.name).toBe("runner-binding");
    expect(roleBinding.subjects).toEqual([
      { kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "eks-sfn-job-runners" },
    ]);
    expect(roleBinding.roleRef).toEqual({
      apiGroup: "rbac.authorization.k8s.io",
      kind: "Role",
      name: "runner",
    });
  });

  it("labels both objects as managed by eks-sfn", () => {
    const { role, roleBinding } = renderJobRunnerRole({
      namespace: "default",
      subject: { kind: "User", name: "u" },
    });
    for (const object of [role, roleBinding]) {
      expect(object.metadata.labels).toEqual({
        "app.kubernetes.io/managed-by": "eks-sfn",
        "app.kubernetes.io/part-of": "eks-sfn-action",
      });
    }
  });

  it("gives each render its own rules, so changing one leaves the constant alone", () => {
    const { role } = renderJobRunnerRole({
      namespace: "default",
      subject: { kind: "User", name: "u" },
    });
    role.rules[0]?.verbs.push("patch");
    expect(JOB_RUNNER_RULES[0]?.verbs).not.toContain("patch");
    expect(Object.isFrozen(JOB_RUNNER_RULES[0]?.verbs)).toBe(true);
  });

  it.each([
    [
      { namespace: "", subject: { kind: "User", name: "u" } },
      /^namespace: "" is not a valid Kubernetes namespace name/,
    ],
    [{ namespace: "Jobs", subject: { kind: "User", name: "u" } }, /^namespace: "Jobs"/],
    [
      { namespace: "ci", roleName: "run_job", subject: { kind: "User", name: "u" } },
      /^roleName: "run_job"/,
    ],
    [
      { namespace: "ci", bindingName: "Bind", subject: { kind: "User", name: "u" } },
      /^bindingName: "Bind"/,
    ],
    [{ namespace: "ci", subject: { kind: "User", name: "" } }, /^subject\.name: /],
    [
      { namespace: "ci", subject: { kind: "ServiceAccount", name: "x" } },
      /^subject\.kind: "ServiceAccount"/,
    ],
  ] as const)("rejects bad input %#, naming it", (options, message) => {
    const render = () => renderJobRunnerRole(options as Parameters<typeof renderJobRunnerRole>[0]);
    expect(render).toThrow(UserInputError);
    expect(render).toThrow(message);
    userInputErrorOf(render);
  });
});

describe("renderJobRunnerRole's subject and names", () => {
  it.each([
    ["User", "username", '"eks-sfn"'],
    ["Group", "group", '"eks-sfn-job-runners"'],
  ] as const)("checks a %s subject's name as a Kubernetes %s", (kind, what, example) => {
    const error = userInputErrorOf(() =>
      renderJobRunnerRole({ namespace: "ci", subject: { kind, name: "" } }),
    );
    expect(error.message).toBe(
      `subject.name: the Kubernetes ${what} is empty. Give a ${what} such as ${example}.`,
    );
  });

  it("tells which subject kinds it binds when given another", () => {
    const error = userInputErrorOf(() =>
      renderJobRunnerRole({
        namespace: "ci",
        subject: { kind: "ServiceAccount" as "User", name: "x" },
      }),
    );
    expect(error.message).toBe(
      'subject.kind: "ServiceAccount" is not a subject kind this Role is bound to. Use "User" (an aws-auth username) or "Group" (an access entry group).',
    );
  });

  it("takes a one-character namespace and names of 253 characters", () => {
    const long = "r".repeat(253);
    const { role, roleBinding } = renderJobRunnerRole({
      namespace: "a",
      roleName: long,
      bindingName: long,
      subject: { kind: "User", name: "u" },
    });
    expect(role.metadata).toMatchObject({ name: long, namespace: "a" });
    expect(roleBinding.metadata).toMatchObject({ name: long, namespace: "a" });
    expect(
      userInputErrorOf(() =>
        renderJobRunnerRole({
          namespace: "a".repeat(64),
          subject: { kind: "User", name: "u" },
        }),
      ).input,
    ).toBe("namespace");
  });
});
