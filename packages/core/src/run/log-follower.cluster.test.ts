// Following logs and tracking pods on the test cluster: a Job's pod is seen with its exit
// code, its container's log lines reach the callback while the stream is still open (a
// kwok ClusterLogs with follow keeps it open, as a running container's would stay), and
// aborting ends every stream at once.
import { appendFileSync } from "node:fs";
import { BatchV1Api } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { PI_CONTAINER, piJob } from "../../../../test/support/jobs.ts";
import {
  adminKubeConfig,
  createTestNamespace,
  criLogLine,
  setContainerLogs,
} from "../../../../test/support/stack.ts";
import { waitUntil } from "../../../../test/support/wait-until.ts";
import { createLogFollower, type FollowedLine } from "./log-follower.ts";
import { trackJobPods } from "./pod-tracker.ts";

const until = (check: () => boolean) => waitUntil(check, { message: "timed out waiting" });

describe("trackJobPods and createLogFollower on the test cluster", () => {
  it("sees the pod's exit code, streams lines as they are written, and stops on abort", async () => {
    const namespace = await createTestNamespace("follow");
    const file = await setContainerLogs({
      namespace,
      container: PI_CONTAINER,
      lines: ["first"],
      follow: true,
    });
    const stop = new AbortController();
    const lines: FollowedLine[] = [];
    const follower = createLogFollower({
      kube: adminKubeConfig(),
      namespace,
      signal: stop.signal,
      onLines: (piece) => lines.push(piece),
    });
    const tracker = trackJobPods({
      kube: adminKubeConfig(),
      namespace,
      job: "pi",
      signal: stop.signal,
      onPod: (pod) => follower.see(pod),
    });
    await adminKubeConfig()
      .makeApiClient(BatchV1Api)
      .createNamespacedJob({ namespace, body: piJob("pi") });
    await until(() => lines.some((piece) => piece.text.includes("first")));
    // The stream is still open: a line written now arrives too.
    appendFileSync(file, criLogLine("second"));
    await until(() => lines.some((piece) => piece.text.includes("second")));
    expect(lines[0]).toMatchObject({ namespace, container: PI_CONTAINER });
    await until(() =>
      tracker
        .pods()
        .some((pod) => pod.status?.containerStatuses?.[0]?.state?.terminated?.exitCode === 0),
    );
    const started = Date.now();
    stop.abort();
    await follower.settle(10_000);
    await tracker.done;
    expect(Date.now() - started).toBeLessThan(2_000);
    const [pod] = tracker.pods();
    expect(follower.logs()[pod?.metadata?.name ?? ""]?.[PI_CONTAINER]).toEqual({
      text: "first\nsecond\n",
    });
  });
});
