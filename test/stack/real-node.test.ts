import { readFileSync } from "node:fs";
import { BatchV1Api, CoreV1Api, type V1Job, type V1Pod } from "@kubernetes/client-node";
import { describe, expect, it, vi } from "vitest";
import {
  adminKubeConfig,
  createRealNodeNamespace,
  createTestNamespace,
  testStack,
} from "../support/stack.ts";
import { NODE_NAME as KWOK_NODE_NAME } from "./kube.ts";
import { GUARDED_SYSCTLS, REAL_NODE_NAME, type RealNodeState } from "./real-node.ts";
import { runningRealNode } from "./stack.ts";

/** Digits of pi by Gibbons' unbounded spigot (2006), independent of perl's bignum. */
function piDigits(count: number): string {
  let [q, r, t, k, n, l] = [1n, 0n, 1n, 1n, 3n, 3n];
  let digits = "";
  while (digits.length < count) {
    if (4n * q + r - t < n * t) {
      digits += n.toString();
      const nr = 10n * (r - n * t);
      n = (10n * (3n * q + r)) / t - 10n * n;
      q *= 10n;
      r = nr;
    } else {
      const nr = (2n * q + r) * l;
      const nn = (q * (7n * k) + 2n + r * l) / (t * l);
      q *= k;
      t *= l;
      l += 2n;
      k += 1n;
      n = nn;
      r = nr;
    }
  }
  return digits;
}

/** `digits` rounded half up to `count` digits, as Math::BigFloat rounds bpi(N). */
function rounded(digits: string, count: number): string {
  const kept = BigInt(digits.slice(0, count));
  return (Number(digits[count]) >= 5 ? kept + 1n : kept).toString();
}

function realNode(): RealNodeState {
  const stack = testStack();
  const node = runningRealNode(stack);
  if (!node) {
    const why = "unavailable" in stack.realNode ? stack.realNode.unavailable : "unknown";
    throw new Error(`the stack runs no real node: ${why}`);
  }
  return node;
}

function job(name: string, container: Record<string, unknown>, spec: object = {}): V1Job {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name },
    spec: {
      backoffLimit: 0,
      ...spec,
      template: {
        spec: { restartPolicy: "Never", containers: [{ name: "main", ...container }] },
      },
    },
  };
}

async function finished(namespace: string, name: string, timeoutMs = 90_000) {
  const batch = adminKubeConfig().makeApiClient(BatchV1Api);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const current = await batch.readNamespacedJob({ namespace, name });
    const condition = current.status?.conditions?.find(
      (c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True",
    );
    if (condition) return condition;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Job ${namespace}/${name} did not finish in ${timeoutMs} ms`);
}

async function podOf(namespace: string, jobName: string): Promise<V1Pod> {
  const pods = await adminKubeConfig()
    .makeApiClient(CoreV1Api)
    .listNamespacedPod({ namespace, labelSelector: `job-name=${jobName}` });
  const pod = pods.items[0];
  if (!pod) throw new Error(`no pod for Job ${namespace}/${jobName}`);
  return pod;
}

async function run(namespace: string, body: V1Job) {
  await adminKubeConfig().makeApiClient(BatchV1Api).createNamespacedJob({ namespace, body });
  const condition = await finished(namespace, body.metadata?.name ?? "");
  const pod = await podOf(namespace, body.metadata?.name ?? "");
  return { condition, pod, terminated: pod.status?.containerStatuses?.[0]?.state?.terminated };
}

describe("the real node", () => {
  it("runs the article's pi Job in `default` and logs 2,001 digits of pi that a spigot agrees with", async () => {
    realNode();
    const name = `pi-${Date.now().toString(36)}`;
    // The article's container, verbatim: `image: perl` untagged pulls (policy Always)
    // from the local registry that containerd uses for Docker Hub.
    const body = job(name, {
      name: "pi-2000",
      image: "perl",
      command: ["perl", "-Mbignum=bpi", "-wle", "print '{ \"pi\": '. bpi(2000) . ' }';"],
    });
    const { condition, pod } = await run("default", body);
    expect(condition.type).toBe("Complete");
    expect(pod.spec?.nodeName).toBe(REAL_NODE_NAME);
    expect(pod.spec?.containers[0]?.imagePullPolicy).toBe("Always");

    const log = await adminKubeConfig()
      .makeApiClient(CoreV1Api)
      .readNamespacedPodLog({ namespace: "default", name: pod.metadata?.name ?? "" });
    const match = /^\{ "pi": 3\.(\d+) \}\n$/.exec(log);
    expect(match).not.toBeNull();
    const digits = `3${match?.[1] ?? ""}`;
    expect(digits).toHaveLength(2001);
    expect(digits).toBe(rounded(piDigits(2010), 2001));
    await adminKubeConfig()
      .makeApiClient(BatchV1Api)
      .deleteNamespacedJob({ namespace: "default", name, propagationPolicy: "Background" });
  });

  it("keeps the pods of a namespace that is not marked for it on kwok's fake node", async () => {
    realNode();
    const namespace = await createTestNamespace("kwok-only");
    const { pod } = await run(
      namespace,
      job("stays", { image: "busybox", command: ["true"] }, { ttlSecondsAfterFinished: 60 }),
    );
    expect(pod.spec?.nodeName).toBe(KWOK_NODE_NAME);
  });

  it.concurrent("reports ErrImagePull or ImagePullBackOff from the kubelet for an image that does not exist", async () => {
    realNode();
    const namespace = await createRealNodeNamespace("no-image");
    await adminKubeConfig()
      .makeApiClient(BatchV1Api)
      .createNamespacedJob({
        namespace,
        body: job("missing", { image: "eks-sfn-test/no-such-image:1" }),
      });
    await vi.waitFor(
      async () => {
        const pod = await podOf(namespace, "missing");
        expect(pod.spec?.nodeName).toBe(REAL_NODE_NAME);
        const waiting = pod.status?.containerStatuses?.[0]?.state?.waiting;
        expect(["ErrImagePull", "ImagePullBackOff"]).toContain(waiting?.reason);
        expect(waiting?.message).toMatch(/no-such-image/);
      },
      { timeout: 60_000, interval: 250 },
    );
  });

  it.concurrent("ends a container that goes over its memory limit with OOMKilled", async () => {
    realNode();
    const namespace = await createRealNodeNamespace("oom");
    const { condition, terminated } = await run(
      namespace,
      job("hog", {
        image: "perl",
        command: ["perl", "-e", '$x = "a" x (256 * 1024 * 1024); print length $x'],
        resources: { limits: { memory: "64Mi" } },
      }),
    );
    expect(condition.type).toBe("Failed");
    expect(terminated?.reason).toBe("OOMKilled");
    expect(terminated?.exitCode).toBe(137);
  });

  it.concurrent("reports the exit code 3 of a container that exits 3", async () => {
    realNode();
    const namespace = await createRealNodeNamespace("exit");
    const { condition, terminated } = await run(
      namespace,
      job("three", { image: "busybox", command: ["sh", "-c", "echo bye; exit 3"] }),
    );
    expect(condition.type).toBe("Failed");
    expect(condition.reason).toBe("BackoffLimitExceeded");
    expect(terminated?.exitCode).toBe(3);
    expect(terminated?.reason).toBe("Error");
  });

  it.concurrent("ends a Job that runs past activeDeadlineSeconds with DeadlineExceeded", async () => {
    realNode();
    const namespace = await createRealNodeNamespace("deadline");
    const { condition } = await run(
      namespace,
      job("slow", { image: "busybox", command: ["sleep", "600"] }, { activeDeadlineSeconds: 3 }),
    );
    expect(condition.type).toBe("Failed");
    expect(condition.reason).toBe("DeadlineExceeded");
  });

  it("leaves the host's sysctls as they were while kubelet runs", () => {
    const node = realNode();
    for (const sysctl of GUARDED_SYSCTLS) {
      expect(readFileSync(`/proc/sys/${sysctl}`, "utf8").trim()).toBe(node.hostSysctls[sysctl]);
    }
    // kubelet did write them, into the node's own files.
    expect(readFileSync(`${node.dir}/sysctl/kernel.panic`, "utf8").trim()).toBe("10");
  });
});
