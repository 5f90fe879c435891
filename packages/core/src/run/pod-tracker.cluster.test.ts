// trackJobPods on the test cluster: it keeps each pod's newest object until the run
// freezes it, after which changes still reach the observer but not the report.
import { BatchV1Api, CoreV1Api, PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { describe, expect, it, vi } from "vitest";
import { piJob } from "../../../../test/support/jobs.ts";
import { adminKubeConfig, createTestNamespace } from "../../../../test/support/stack.ts";
import { trackJobPods } from "./pod-tracker.ts";

describe("trackJobPods on the test cluster", () => {
  it("with the Job's uid, watches its own pods, not those an earlier Job of the same name orphaned", async () => {
    const namespace = await createTestNamespace("tracker-uid");
    const kube = adminKubeConfig();
    const batch = kube.makeApiClient(BatchV1Api);
    const core = kube.makeApiClient(CoreV1Api);
    const podsOf = async (uid: string) =>
      (
        await core.listNamespacedPod({
          namespace,
          labelSelector: `batch.kubernetes.io/controller-uid=${uid}`,
        })
      ).items.map((p) => p.metadata?.name ?? "");
    const first = await batch.createNamespacedJob({ namespace, body: piJob("same") });
    await vi.waitFor(async () => expect(await podsOf(first.metadata?.uid ?? "")).toHaveLength(1), {
      timeout: 20_000,
    });
    // The article's eks:call DELETE: no propagationPolicy, so the pod stays.
    await batch.deleteNamespacedJob({ namespace, name: "same", propagationPolicy: "Orphan" });
    await vi.waitFor(
      async () => expect((await batch.listNamespacedJob({ namespace })).items).toEqual([]),
      { timeout: 20_000 },
    );
    const second = await batch.createNamespacedJob({ namespace, body: piJob("same") });
    const uid = second.metadata?.uid ?? "";
    await vi.waitFor(async () => expect(await podsOf(uid)).toHaveLength(1), { timeout: 20_000 });
    const [own] = await podsOf(uid);

    const signal = new AbortController();
    const byUid = trackJobPods({ kube, namespace, job: "same", uid, signal: signal.signal });
    const byName = trackJobPods({ kube, namespace, job: "same", signal: signal.signal });
    try {
      await vi.waitFor(() => expect(byName.pods()).toHaveLength(2), { timeout: 20_000 });
      await vi.waitFor(() => expect(byUid.pods().map((p) => p.metadata?.name)).toEqual([own]));
    } finally {
      signal.abort();
      await Promise.all([byUid.done, byName.done]);
    }
  });

  it("keeps the pods as they were at freeze() while later changes still reach onPod", async () => {
    const namespace = await createTestNamespace("tracker-freeze");
    // Bound to a node nothing runs: only this test writes the pod's status.
    const job = piJob("frozen");
    const spec = job.spec?.template.spec;
    if (spec) spec.nodeName = "no-kubelet-here";
    await adminKubeConfig().makeApiClient(BatchV1Api).createNamespacedJob({ namespace, body: job });
    const signal = new AbortController();
    const labels: string[] = [];
    const tracker = trackJobPods({
      kube: adminKubeConfig(),
      namespace,
      job: "frozen",
      signal: signal.signal,
      onPod: (pod) => labels.push(pod.metadata?.labels?.seen ?? ""),
    });
    const core = adminKubeConfig().makeApiClient(CoreV1Api);
    const label = async (seen: string) => {
      const [pod] = tracker.pods();
      await core.patchNamespacedPod(
        { namespace, name: pod?.metadata?.name ?? "", body: { metadata: { labels: { seen } } } },
        setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
      );
    };
    try {
      await vi.waitFor(() => expect(tracker.pods()).toHaveLength(1), { timeout: 20_000 });
      await label("before");
      await vi.waitFor(() => expect(tracker.pods()[0]?.metadata?.labels?.seen).toBe("before"));
      tracker.freeze();
      await label("after");
      await vi.waitFor(() => expect(labels).toContain("after"));
      expect(tracker.pods()[0]?.metadata?.labels?.seen).toBe("before");
    } finally {
      signal.abort();
      await tracker.done;
    }
  });
});
