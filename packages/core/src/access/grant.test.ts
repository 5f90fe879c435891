import { parseAwsAuth } from "@eks-sfn/rbac";
import { BatchV1Api, RbacAuthorizationV1Api } from "@kubernetes/client-node";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { readAwsAuth, resetAwsAuth, SEED_MAP_ROLES } from "../../../../test/support/aws-auth.ts";
import {
  adminKubeConfig,
  createTestNamespace,
  userKubeConfig,
} from "../../../../test/support/stack.ts";
import type { ClusterEndpoint } from "../cluster/cluster-endpoint.ts";
import { renderGrantReport } from "../report/render-access.ts";
import { planAccess } from "./access-plan.ts";
import { grantJobRunner } from "./grant.ts";
import { createReceiptRecorder, type GrantReceipt, parseReceipt } from "./receipt.ts";
import { revokeGrant } from "./revoke.ts";

const noWait = { sleep: async () => {} };
const cluster: ClusterEndpoint = {
  name: "test",
  endpoint: "https://127.0.0.1",
  certificateAuthorityData: "",
  authenticationMode: "CONFIG_MAP",
  source: "explicit",
};

function recorderFor(plan: { namespace: string }, write: (r: GrantReceipt) => void = () => {}) {
  return createReceiptRecorder(
    {
      clusterName: "test",
      roleArn: "arn:aws:iam::123456789012:role/Sfn",
      namespace: plan.namespace,
      strategy: "aws-auth",
      startedAt: new Date().toISOString(),
    },
    write,
  );
}

async function canCreateJob(user: string, namespace: string): Promise<number> {
  try {
    await userKubeConfig(user)
      .makeApiClient(BatchV1Api)
      .createNamespacedJob({
        namespace,
        body: {
          metadata: { generateName: "probe-" },
          spec: {
            template: {
              spec: { restartPolicy: "Never", containers: [{ name: "c", image: "busybox" }] },
            },
          },
        },
      });
    return 201;
  } catch (error) {
    return (error as { code?: number }).code ?? -1;
  }
}

async function objectNames(namespace: string): Promise<{ roles: string[]; bindings: string[] }> {
  const rbac = adminKubeConfig().makeApiClient(RbacAuthorizationV1Api);
  const roles = await rbac.listNamespacedRole({ namespace });
  const bindings = await rbac.listNamespacedRoleBinding({ namespace });
  return {
    roles: roles.items.map((r) => r.metadata?.name ?? ""),
    bindings: bindings.items.map((b) => b.metadata?.name ?? ""),
  };
}

// RBAC changes reach the API server's authorizer through an informer: moments, not at once.
describe("grantJobRunner and revokeGrant", () => {
  beforeEach(async () => {
    await resetAwsAuth();
  });

  it("lets the mapped user run Jobs in its namespace only, and revoke takes it all back", async () => {
    const namespace = await createTestNamespace("grant");
    const other = await createTestNamespace("grant-other");
    const plan = planAccess({ roleArn: "arn:aws:iam::123456789012:role/Sfn", namespace }, cluster);
    const recorder = recorderFor(plan);
    const report = await grantJobRunner({ plan, kube: adminKubeConfig(), recorder, retry: noWait });

    expect(report.objects.map((o) => [o.object.kind, o.outcome])).toEqual([
      ["Role", "created"],
      ["RoleBinding", "created"],
    ]);
    expect(report.awsAuth?.kind).toBe("added");
    await vi.waitFor(async () => expect(await canCreateJob(plan.username, namespace)).toBe(201), {
      timeout: 20_000,
      interval: 100,
    });
    await vi.waitFor(async () => expect(await canCreateJob(plan.username, other)).toBe(403), {
      timeout: 20_000,
      interval: 100,
    });

    const revoked = await revokeGrant({
      receipt: recorder.current(),
      kube: adminKubeConfig(),
      retry: noWait,
    });
    expect(revoked.steps.map((step) => step.kind)).toEqual([
      "aws-auth-mapping",
      "kube-object",
      "kube-object",
    ]);
    await vi.waitFor(async () => expect(await canCreateJob(plan.username, namespace)).toBe(403), {
      timeout: 20_000,
      interval: 100,
    });
    expect(await objectNames(namespace)).toEqual({ roles: [], bindings: [] });
    expect(parseAwsAuth((await readAwsAuth())?.data).mapRoles).toEqual(
      parseAwsAuth({ mapRoles: SEED_MAP_ROLES }).mapRoles,
    );
  });

  it("changes nothing in a dry run and says what it would do", async () => {
    const namespace = await createTestNamespace("dry");
    const before = await readAwsAuth();
    const plan = planAccess({ roleArn: "arn:aws:iam::123456789012:role/Dry", namespace }, cluster);
    const recorder = recorderFor(plan);
    const report = await grantJobRunner({ plan, kube: adminKubeConfig(), recorder, dryRun: true });
    expect(renderGrantReport(report)).toEqual([
      `auto: aws-auth, because cluster test authenticates with CONFIG_MAP only.`,
      `Role ${namespace}/${plan.roleName}: would be created.`,
      `RoleBinding ${namespace}/${plan.bindingName}: would be created.`,
      `aws-auth: would map arn:aws:iam::123456789012:role/Dry to username "${plan.username}" with groups [eks-sfn-job-runners].`,
    ]);
    expect(recorder.current().entries).toEqual([]);
    expect(await objectNames(namespace)).toEqual({ roles: [], bindings: [] });
    expect((await readAwsAuth())?.metadata?.resourceVersion).toBe(
      before?.metadata?.resourceVersion,
    );
  });

  it("grants nothing twice: a second grant changes nothing and records nothing", async () => {
    const namespace = await createTestNamespace("twice");
    const plan = planAccess(
      { roleArn: "arn:aws:iam::123456789012:role/Twice", namespace },
      cluster,
    );
    await grantJobRunner({
      plan,
      kube: adminKubeConfig(),
      recorder: recorderFor(plan),
      retry: noWait,
    });
    const before = await readAwsAuth();
    const second = recorderFor(plan);
    const report = await grantJobRunner({
      plan,
      kube: adminKubeConfig(),
      recorder: second,
      retry: noWait,
    });
    expect(report.objects.map((o) => o.outcome)).toEqual(["unchanged", "unchanged"]);
    expect(report.awsAuth?.kind).toBe("unchanged");
    expect(second.current().entries).toEqual([]);
    expect((await readAwsAuth())?.metadata?.resourceVersion).toBe(
      before?.metadata?.resourceVersion,
    );
  });

  it("removes what was added when the run died after a change but before recording it done", async () => {
    const namespace = await createTestNamespace("crash");
    const plan = planAccess(
      { roleArn: "arn:aws:iam::123456789012:role/Crash", namespace },
      cluster,
    );
    // What the run persisted, write by write; the process "dies" at the write that
    // would mark the aws-auth mapping done, after the mapping was written.
    const persisted: string[] = [];
    const recorder = recorderFor(plan, (receipt) => {
      const last = receipt.entries.at(-1);
      if (last?.change.kind === "aws-auth-mapping-added" && last.state === "done") {
        throw new Error("crash");
      }
      persisted.push(JSON.stringify(receipt));
    });
    await expect(
      grantJobRunner({ plan, kube: adminKubeConfig(), recorder, retry: noWait }),
    ).rejects.toThrow("crash");
    const receipt = parseReceipt(persisted.at(-1) ?? "");
    expect(receipt.entries.map((e) => [e.change.kind, e.state])).toEqual([
      ["kube-object-created", "done"],
      ["kube-object-created", "done"],
      ["aws-auth-mapping-added", "intended"],
    ]);
    expect(parseAwsAuth((await readAwsAuth())?.data).mapRoles.map((e) => e.rolearn)).toContain(
      "arn:aws:iam::123456789012:role/Crash",
    );

    await revokeGrant({ receipt, kube: adminKubeConfig(), retry: noWait });
    expect(await objectNames(namespace)).toEqual({ roles: [], bindings: [] });
    expect(parseAwsAuth((await readAwsAuth())?.data).mapRoles).toEqual(
      parseAwsAuth({ mapRoles: SEED_MAP_ROLES }).mapRoles,
    );
  });

  it("puts back a RoleBinding it replaced and leaves objects it did not create", async () => {
    const namespace = await createTestNamespace("adopt");
    const plan = planAccess(
      { roleArn: "arn:aws:iam::123456789012:role/Adopt", namespace },
      cluster,
    );
    const rbac = adminKubeConfig().makeApiClient(RbacAuthorizationV1Api);
    // Someone's Role with the very rules we need, and a binding of the same name to someone else.
    await grantJobRunner({ plan, kube: adminKubeConfig(), retry: noWait });
    const theirs = await rbac.readNamespacedRoleBinding({ namespace, name: plan.bindingName });
    await rbac.replaceNamespacedRoleBinding({
      namespace,
      name: plan.bindingName,
      body: {
        ...theirs,
        subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "someone-else" }],
      },
    });
    const recorder = recorderFor(plan);
    const report = await grantJobRunner({ plan, kube: adminKubeConfig(), recorder, retry: noWait });
    expect(report.objects.map((o) => o.outcome)).toEqual(["unchanged", "replaced"]);

    await revokeGrant({ receipt: recorder.current(), kube: adminKubeConfig(), retry: noWait });
    const binding = await rbac.readNamespacedRoleBinding({ namespace, name: plan.bindingName });
    expect(binding.subjects?.map((s) => s.name)).toEqual(["someone-else"]);
    expect((await objectNames(namespace)).roles).toEqual([plan.roleName]);
  });

  it("stops before any change when the namespace does not exist", async () => {
    const plan = planAccess(
      { roleArn: "arn:aws:iam::123456789012:role/Nowhere", namespace: "does-not-exist" },
      cluster,
    );
    const before = await readAwsAuth();
    const recorder = recorderFor(plan);
    await expect(
      grantJobRunner({ plan, kube: adminKubeConfig(), recorder, retry: noWait }),
    ).rejects.toThrow('namespace: namespace "does-not-exist" does not exist in the cluster');
    expect(recorder.current().entries).toEqual([]);
    expect((await readAwsAuth())?.metadata?.resourceVersion).toBe(
      before?.metadata?.resourceVersion,
    );
  });
});
