import {
  BatchV1Api,
  CoreV1Api,
  type KubeConfig,
  RbacAuthorizationV1Api,
} from "@kubernetes/client-node";
import { describe, expect, it, vi } from "vitest";
import { httpStatus } from "../support/http-status.ts";
import { piJob } from "../support/jobs.ts";
import {
  adminKubeConfig,
  createTestNamespace,
  setContainerLogs,
  userKubeConfig,
} from "../support/stack.ts";
import { FAIL_ANNOTATION } from "./kube.ts";

async function waitForCondition(kc: KubeConfig, namespace: string, name: string) {
  const batch = kc.makeApiClient(BatchV1Api);
  for (let i = 0; i < 300; i += 1) {
    const current = await batch.readNamespacedJob({ namespace, name });
    const terminal = current.status?.conditions?.find(
      (c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True",
    );
    if (terminal) return { job: current, condition: terminal };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${namespace}/${name} did not finish`);
}

describe("the Kubernetes test cluster", () => {
  it("runs a Job to Complete on a kwok node and serves its pod's logs", async () => {
    const kc = adminKubeConfig();
    const namespace = await createTestNamespace("stack-ok");
    await setContainerLogs({ namespace, container: "pi-2000", lines: ['{ "pi": 3.14159 }'] });
    await kc.makeApiClient(BatchV1Api).createNamespacedJob({ namespace, body: piJob("pi") });
    const { condition } = await waitForCondition(kc, namespace, "pi");
    expect(condition.type).toBe("Complete");

    const core = kc.makeApiClient(CoreV1Api);
    const pods = await core.listNamespacedPod({ namespace, labelSelector: "job-name=pi" });
    const pod = pods.items[0];
    expect(pod?.status?.phase).toBe("Succeeded");
    expect(pod?.spec?.nodeName).toBe("kwok-node-0");
    // kwok takes up a ClusterLogs object asynchronously, so the first read may come early.
    await vi.waitFor(
      async () => {
        const log = await core.readNamespacedPodLog({
          namespace,
          name: pod?.metadata?.name ?? "",
          container: "pi-2000",
        });
        expect(log).toBe('{ "pi": 3.14159 }\n');
      },
      { timeout: 20_000, interval: 100 },
    );
  });

  it("fails a Job whose pod is annotated to exit non-zero", async () => {
    const kc = adminKubeConfig();
    const namespace = await createTestNamespace("stack-fail");
    await kc
      .makeApiClient(BatchV1Api)
      .createNamespacedJob({ namespace, body: piJob("broken", { [FAIL_ANNOTATION]: "3" }) });
    const { condition } = await waitForCondition(kc, namespace, "broken");
    expect(condition.type).toBe("Failed");
    expect(condition.reason).toBe("BackoffLimitExceeded");
    const pods = await kc
      .makeApiClient(CoreV1Api)
      .listNamespacedPod({ namespace, labelSelector: "job-name=broken" });
    const terminated = pods.items[0]?.status?.containerStatuses?.[0]?.state?.terminated;
    expect(terminated?.exitCode).toBe(3);
  });

  it("forbids an ordinary user to create Jobs until a Role and RoleBinding allow it", async () => {
    const namespace = await createTestNamespace("stack-rbac");
    const user = userKubeConfig("plain-user");
    const asUser = user.makeApiClient(BatchV1Api);
    expect(await httpStatus(asUser.createNamespacedJob({ namespace, body: piJob("first") }))).toBe(
      403,
    );

    const rbac = adminKubeConfig().makeApiClient(RbacAuthorizationV1Api);
    await rbac.createNamespacedRole({
      namespace,
      body: {
        metadata: { name: "jobs", namespace },
        rules: [{ apiGroups: ["batch"], resources: ["jobs"], verbs: ["create", "get"] }],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace,
      body: {
        metadata: { name: "jobs", namespace },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "jobs" },
        subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "plain-user" }],
      },
    });
    // The authorizer learns of the binding through an informer: moments, not at once. Each
    // try uses a new name, so an earlier try that got through does not make a 409.
    let attempt = 0;
    await vi.waitFor(
      async () => {
        attempt += 1;
        const body = piJob(`second-${attempt}`);
        expect(await httpStatus(asUser.createNamespacedJob({ namespace, body }))).toBe(200);
      },
      { timeout: 20_000, interval: 100 },
    );
  });
});
