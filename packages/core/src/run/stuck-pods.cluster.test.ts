// watchForStuckPods on the test cluster: the real scheduler's Unschedulable condition,
// and a container waiting in ImagePullBackOff (written as the kubelet would, on a pod
// bound to a node no kubelet or kwok manages), each stop the watch with that reason.
import { BatchV1Api, CoreV1Api } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { piJob } from "../../../../test/support/jobs.ts";
import { writeImagePullBackOff } from "../../../../test/support/kubelet-status.ts";
import { adminKubeConfig, createTestNamespace } from "../../../../test/support/stack.ts";
import { realSleep, systemClock } from "../time/clock.ts";
import { watchForStuckPods } from "./stuck-pods.ts";

async function podOf(namespace: string, job: string) {
  const core = adminKubeConfig().makeApiClient(CoreV1Api);
  for (let i = 0; i < 100; i += 1) {
    const pods = await core.listNamespacedPod({
      namespace,
      labelSelector: `batch.kubernetes.io/job-name=${job}`,
    });
    const pod = pods.items[0];
    if (pod) return pod;
    await realSleep(100);
  }
  throw new Error("the Job made no pod");
}

describe("watchForStuckPods on the test cluster", () => {
  it("stops on a pod the scheduler cannot place, after the grace period", async () => {
    const namespace = await createTestNamespace("stuck-sched");
    const job = piJob("nowhere", {}, { nodeSelector: { "eks-sfn.test/no-such-label": "x" } });
    await adminKubeConfig().makeApiClient(BatchV1Api).createNamespacedJob({ namespace, body: job });
    const started = Date.now();
    const stuck = await watchForStuckPods({
      kube: adminKubeConfig(),
      namespace,
      job: "nowhere",
      signal: AbortSignal.timeout(30_000),
      graceMs: 1_000,
      pollMs: 200,
      clock: systemClock,
      sleep: realSleep,
    });
    expect(stuck?.reason).toBe("Unschedulable");
    expect(stuck?.message).toContain("didn't match Pod's node affinity/selector");
    // Timed from the condition's transition, which the API server keeps in whole seconds.
    expect(stuck?.since.getTime()).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000 - 1000);
    expect(Date.now() - (stuck?.since.getTime() ?? Date.now())).toBeGreaterThanOrEqual(1_000);
  });

  it("stops on a container in ImagePullBackOff", async () => {
    const namespace = await createTestNamespace("stuck-pull");
    const job = piJob("badimage", {}, { nodeName: "no-kubelet-here" });
    await adminKubeConfig().makeApiClient(BatchV1Api).createNamespacedJob({ namespace, body: job });
    const pod = await podOf(namespace, "badimage");
    const watch = watchForStuckPods({
      kube: adminKubeConfig(),
      namespace,
      job: "badimage",
      signal: AbortSignal.timeout(30_000),
      graceMs: 500,
      pollMs: 100,
      clock: systemClock,
      sleep: realSleep,
    });
    await writeImagePullBackOff({ namespace, pod: pod.metadata?.name ?? "" });
    const stuck = await watch;
    expect(stuck).toMatchObject({
      reason: "ImagePullBackOff",
      message: 'Back-off pulling image "perl:5.34.0"',
    });
  });

  it("ends quietly when aborted before anything is stuck", async () => {
    const namespace = await createTestNamespace("stuck-none");
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const stuck = await watchForStuckPods({
      kube: adminKubeConfig(),
      namespace,
      job: "absent",
      signal: controller.signal,
      pollMs: 100,
      clock: systemClock,
      sleep: realSleep,
    });
    expect(stuck).toBeUndefined();
  });
});
