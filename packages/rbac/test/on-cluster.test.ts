// The rendered manifests on a real API server: accepted by a server-side dry run, and
// the job runner Role grants exactly what eks:runJob.sync and eks:call need, checked
// by acting as the bound user.
import {
  BatchV1Api,
  CoreV1Api,
  type KubeConfig,
  RbacAuthorizationV1Api,
  Watch,
} from "@kubernetes/client-node";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { httpStatus } from "../../../test/support/http-status.ts";
import { piJob } from "../../../test/support/jobs.ts";
import {
  adminKubeConfig,
  createTestNamespace,
  setContainerLogs,
  userKubeConfig,
} from "../../../test/support/stack.ts";
import {
  addRoleMapping,
  parseAwsAuth,
  renderAwsAuthConfigMap,
  renderAwsAuthData,
  renderJobRunnerRole,
} from "../src/index.ts";

/** Opens a watch on Jobs as the user; resolves with the HTTP outcome of the first event or error. */
function watchJobs(kc: KubeConfig, namespace: string): Promise<"event" | number> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (value: "event" | number, abort?: () => void): void => {
      if (settled) return;
      settled = true;
      abort?.();
      resolve(value);
    };
    let controller: AbortController | undefined;
    new Watch(kc)
      .watch(
        `/apis/batch/v1/namespaces/${namespace}/jobs`,
        {},
        () => done("event", () => controller?.abort()),
        (error: unknown) =>
          done(
            (error as { statusCode?: number; code?: number })?.statusCode ??
              (error as { code?: number })?.code ??
              0,
          ),
      )
      .then((c) => {
        controller = c;
        if (settled) c.abort();
      })
      .catch((error: unknown) =>
        done(
          (error as { statusCode?: number; code?: number })?.statusCode ??
            (error as { code?: number })?.code ??
            -1,
        ),
      );
  });
}

describe("rendered manifests on the test cluster", () => {
  let namespace = "";
  let other = "";
  const user = "eks-sfn-rbac-test";

  beforeAll(async () => {
    namespace = await createTestNamespace("rbac");
    other = await createTestNamespace("rbac-other");
  });

  it("are accepted by a server-side dry run", async () => {
    const admin = adminKubeConfig();
    const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
    const core = admin.makeApiClient(CoreV1Api);
    const { role, roleBinding } = renderJobRunnerRole({
      namespace,
      subject: { kind: "User", name: user },
    });
    const group = renderJobRunnerRole({
      namespace,
      roleName: "by-group",
      bindingName: "by-group",
      subject: { kind: "Group", name: "eks-sfn-job-runners" },
    });
    await rbac.createNamespacedRole({ namespace, body: role, dryRun: "All" });
    await rbac.createNamespacedRoleBinding({ namespace, body: roleBinding, dryRun: "All" });
    await rbac.createNamespacedRoleBinding({ namespace, body: group.roleBinding, dryRun: "All" });
    const { awsAuth } = addRoleMapping(parseAwsAuth(undefined), {
      roleArn: "arn:aws:iam::123456789012:role/service-role/Sfn",
      username: user,
      groups: [],
    });
    const configMap = renderAwsAuthConfigMap(renderAwsAuthData(awsAuth));
    // A dry run into the test namespace: kube-system/aws-auth itself belongs to other tests.
    await core.createNamespacedConfigMap({
      namespace,
      body: { ...configMap, metadata: { ...configMap.metadata, namespace } },
      dryRun: "All",
    });
    const roles = await rbac.listNamespacedRole({ namespace });
    expect(roles.items).toEqual([]);
  });

  it("let the bound user create, watch and delete Jobs and read pod logs in its namespace only", async () => {
    const { role, roleBinding } = renderJobRunnerRole({
      namespace,
      subject: { kind: "User", name: user },
    });
    const rbac = adminKubeConfig().makeApiClient(RbacAuthorizationV1Api);
    await rbac.createNamespacedRole({ namespace, body: role });
    await rbac.createNamespacedRoleBinding({ namespace, body: roleBinding });
    await setContainerLogs({ namespace, container: "pi-2000", lines: ['{ "pi": 3.14 }'] });

    const kc = userKubeConfig(user);
    const batch = kc.makeApiClient(BatchV1Api);
    const core = kc.makeApiClient(CoreV1Api);
    // The authorizer learns of the binding through an informer: moments, not at once.
    await vi.waitFor(async () => batch.createNamespacedJob({ namespace, body: piJob("pi") }), {
      timeout: 20_000,
      interval: 100,
    });
    expect(await watchJobs(kc, namespace)).toBe("event");
    let podName = "";
    await vi.waitFor(
      async () => {
        const pods = await core.listNamespacedPod({ namespace, labelSelector: "job-name=pi" });
        podName = pods.items.find((p) => p.status?.phase === "Succeeded")?.metadata?.name ?? "";
        expect(podName).not.toBe("");
      },
      { timeout: 20_000, interval: 100 },
    );
    await vi.waitFor(
      async () => {
        expect(
          await core.readNamespacedPodLog({ namespace, name: podName, container: "pi-2000" }),
        ).toBe('{ "pi": 3.14 }\n');
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(
      await httpStatus(
        batch.deleteNamespacedJob({ namespace, name: "pi", propagationPolicy: "Foreground" }),
      ),
    ).toBe(200);

    expect(
      await httpStatus(batch.createNamespacedJob({ namespace: other, body: piJob("pi") })),
    ).toBe(403);
    expect(await watchJobs(kc, other)).toBe(403);
    expect(await httpStatus(core.listNamespacedPod({ namespace: other }))).toBe(403);
    expect(await httpStatus(core.listNamespacedSecret({ namespace }))).toBe(403);
    expect(await httpStatus(core.readNamespacedSecret({ namespace, name: "any" }))).toBe(403);
    expect(await httpStatus(batch.patchNamespacedJob({ namespace, name: "pi", body: {} }))).toBe(
      403,
    );
  });
});
