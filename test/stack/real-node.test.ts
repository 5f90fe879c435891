import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { BatchV1Api, CoreV1Api, type V1Job, type V1Pod } from "@kubernetes/client-node";
import { describe, expect, it, vi } from "vitest";
import { bpiText, piDigits } from "../support/pi.ts";
import {
  adminKubeConfig,
  createRealNodeNamespace,
  createTestNamespace,
  testStack,
} from "../support/stack.ts";
import { NODE_NAME as KWOK_NODE_NAME } from "./kube.ts";
import { isAlive } from "./process.ts";
import {
  cleanUpStaleRealNodes,
  GUARDED_SYSCTLS,
  REAL_NODE_NAME,
  type RealNodeState,
} from "./real-node.ts";
import { runningRealNode } from "./stack.ts";

function realNode(): RealNodeState {
  const stack = testStack();
  const node = runningRealNode(stack);
  if (!node) {
    const why = "unavailable" in stack.realNode ? stack.realNode.unavailable : "unknown";
    throw new Error(`the stack runs no real node: ${why}`);
  }
  return node;
}

function job(
  name: string,
  container: Record<string, unknown>,
  spec: object = {},
  podSpec: object = {},
): V1Job {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name },
    spec: {
      backoffLimit: 0,
      ...spec,
      template: {
        spec: { restartPolicy: "Never", ...podSpec, containers: [{ name: "main", ...container }] },
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

// A loaded 2-core machine can take a while to start containers.
describe("the real node", { timeout: 120_000 }, () => {
  it("runs the article's pi Job in `default` and logs bpi(2000): 2,000 significant digits, rounded, as a spigot computes them", async () => {
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
    const match = /^\{ "pi": (3\.\d+) \}\n$/.exec(log);
    expect(match).not.toBeNull();
    // bpi(2000) is pi to 2,000 significant digits: "3." and 1,999 decimals, 2,001
    // characters (the "2,001 digits" counted the decimal point). Rounded, not cut:
    // pi's 2,000th digit is 0 and the 2,001st is 9, so the log ends in ...901.
    const pi = match?.[1] ?? "";
    expect(pi).toHaveLength(2001);
    expect(pi.replace(".", "")).toHaveLength(2000);
    expect(pi).toBe(bpiText(2000));
    expect(pi.endsWith("901")).toBe(true);
    expect(piDigits(2000).endsWith("900")).toBe(true);
    expect(log).toHaveLength(2012);
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
    // The Job controller deletes the running pod when the deadline passes: read the Job only.
    await adminKubeConfig()
      .makeApiClient(BatchV1Api)
      .createNamespacedJob({
        namespace,
        body: job(
          "slow",
          { image: "busybox", command: ["sleep", "600"] },
          { activeDeadlineSeconds: 3 },
          // sleep as PID 1 ignores SIGTERM: the Job is Failed once its pod is gone.
          { terminationGracePeriodSeconds: 1 },
        ),
      });
    const condition = await finished(namespace, "slow");
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

describe("cleaning up after a crashed run", () => {
  it("kills what is left in a dead stack's cgroups and removes them, its bridge and its slot", async () => {
    realNode();
    const slot = 15;
    const hierarchies = ["memory", "pids", "cpu"].map((h) => `/sys/fs/cgroup/${h}`);
    const leftover = spawn("sleep", ["300"], { detached: true, stdio: "ignore" });
    leftover.unref();
    const pid = leftover.pid ?? 0;
    for (const hierarchy of hierarchies) {
      const dir = `${hierarchy}/eks-sfn-node-${slot}/runtime`;
      mkdirSync(dir, { recursive: true });
      writeFileSync(`${dir}/cgroup.procs`, String(pid));
    }
    execFileSync("ip", ["link", "add", "name", `eksfn${slot}`, "type", "bridge"]);
    const slotDir = `/run/eks-sfn-real-node/slot-${slot}`;
    mkdirSync(slotDir, { recursive: true });
    // The owner: a process that has exited.
    const gone = spawn("true");
    await new Promise((r) => gone.once("exit", r));
    writeFileSync(`${slotDir}/owner.json`, JSON.stringify({ pids: [gone.pid] }));

    expect(cleanUpStaleRealNodes()).toContain(slot);

    await vi.waitFor(() => expect(isAlive(pid)).toBe(false), { timeout: 5000 });
    for (const hierarchy of hierarchies) {
      expect(readdirSync(hierarchy)).not.toContain(`eks-sfn-node-${slot}`);
    }
    expect(existsSync(`/sys/class/net/eksfn${slot}`)).toBe(false);
    expect(existsSync(slotDir)).toBe(false);
    // The running stack's own node is not touched.
    expect(existsSync(`/sys/class/net/${realNode().bridge}`)).toBe(true);
  });
});
