// `eks-sfn run --engine local` with Jobs that fail for real on the stack's real node: the
// kubelet, containerd and the kernel produce the failure (an image the registry does not
// have, a memory limit, an exit code, a deadline), and the run's report, its text and
// the exit status name it; nothing is left behind. kwok-staged versions of these are in
// cli/run.test.ts and stuck-pods.cluster.test.ts.
import { readFileSync } from "node:fs";
import { BatchV1Api, CoreV1Api } from "@kubernetes/client-node";
import { describe, expect, it, vi } from "vitest";
import { startEksSfn } from "../../../../test/support/eks-sfn-cli.ts";
import {
  adminKubeConfig,
  createRealNodeNamespace,
  requireRealNode,
  testStack,
  writeTempFile,
} from "../../../../test/support/stack.ts";
import type { ExecutionReport } from "../report/execution-report.ts";

interface RealRun {
  readonly namespace: string;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly report: ExecutionReport;
  readonly ms: number;
}

/** Runs `job` (one container, backoffLimit 0) with the CLI in a fresh real-node namespace. */
async function runOnRealNode(
  prefix: string,
  job: { container: object; spec?: object; podSpec?: object },
  flags: readonly string[] = [],
): Promise<RealRun> {
  requireRealNode();
  const namespace = await createRealNodeNamespace(prefix);
  const manifest = {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: prefix },
    spec: {
      backoffLimit: 0,
      ...job.spec,
      template: {
        spec: {
          restartPolicy: "Never",
          ...job.podSpec,
          containers: [{ name: "main", ...job.container }],
        },
      },
    },
  };
  const report = writeTempFile("report.json", "");
  const started = Date.now();
  const child = startEksSfn([
    "run",
    "--engine",
    "local",
    "--kubeconfig",
    testStack().kube.adminKubeconfig,
    "--namespace",
    namespace,
    "--job",
    writeTempFile(`${prefix}.json`, JSON.stringify(manifest)),
    "--report",
    report,
    "--ledger",
    writeTempFile("run.ledger.json", ""),
    "--no-progress",
    ...flags,
  ]);
  const status = await child.exited;
  const { stdout, stderr } = child.output();
  if (process.env.DEBUG_REAL_NODE) console.log(stdout, stderr);
  const text = readFileSync(report, "utf8");
  if (text === "") throw new Error(`no report (exit ${status}): ${stdout}\n${stderr}`);
  return {
    namespace,
    status,
    stdout,
    stderr,
    report: JSON.parse(text) as ExecutionReport,
    ms: Date.now() - started,
  };
}

/** No Job and no pod is left in `namespace` (Foreground deletion takes the pods first). */
async function nothingLeftIn(namespace: string): Promise<void> {
  const kube = adminKubeConfig();
  await vi.waitFor(
    async () => {
      const jobs = await kube.makeApiClient(BatchV1Api).listNamespacedJob({ namespace });
      const pods = await kube.makeApiClient(CoreV1Api).listNamespacedPod({ namespace });
      expect(jobs.items.map((j) => j.metadata?.name)).toEqual([]);
      expect(pods.items.map((p) => p.metadata?.name)).toEqual([]);
    },
    { timeout: 30_000, interval: 250 },
  );
}

function onlyContainer(report: ExecutionReport) {
  const pod = report.jobs[0]?.pods[0];
  return { pod, container: pod?.containers[0] };
}

// Each runs a CLI process and a real container; on a loaded 2-core machine a container
// takes seconds to start. The four run side by side, each in its own namespace.
describe.concurrent("eks-sfn run --engine local: failures from the real kubelet", {
  timeout: 180_000,
}, () => {
  it("stops a Job whose image the registry does not have with the kubelet's ErrImagePull or ImagePullBackOff, exits 1 and leaves nothing", async () => {
    const run = await runOnRealNode(
      "no-image",
      { container: { image: "eks-sfn-test/no-such-image:1", command: ["true"] } },
      ["--stuck-grace", "5s", "--timeout", "10m"],
    );
    expect(run.status, run.stdout + run.stderr).toBe(1);
    const { pod, container } = onlyContainer(run.report);
    expect(pod?.node).toBe(requireRealNode());
    expect(container?.state).toBe("waiting");
    expect(["ErrImagePull", "ImagePullBackOff"]).toContain(container?.reason);
    expect(container?.message).toContain("no-such-image");
    expect(run.report.status).toBe("ABORTED");
    expect(run.report.error).toBe("EksSfn.PodStuck");
    expect(run.report.cause).toMatch(
      new RegExp(
        `^Pod ${pod?.name} of Job ${run.namespace}/no-image: (ErrImagePull|ImagePullBackOff) \\(.*no-such-image`,
      ),
    );
    expect(run.report.advice.map((a) => a.code)).toContain("image-pull-failed");
    // The text a user reads: the cause, the pod's state, the advice, why it stopped early.
    expect(run.stdout).toContain("error    EksSfn.PodStuck");
    expect(run.stdout).toMatch(/container main: waiting, (ErrImagePull|ImagePullBackOff)/);
    expect(run.stdout).toContain("[image-pull-failed]");
    expect(run.stdout).toMatch(/Stopped early: pod \S+ was (ErrImagePull|ImagePullBackOff)/);
    // Stopped by the stuck-pod watch (5 s grace), not by the 10 minute timeout.
    expect(run.ms).toBeLessThan(120_000);
    await nothingLeftIn(run.namespace);
  });

  it("names a container killed over its memory limit OOMKilled (exit code 137) with advice, exits 1", async () => {
    const run = await runOnRealNode("hog", {
      container: {
        image: "perl",
        command: ["perl", "-e", '$x = "a" x (256 * 1024 * 1024); print length $x'],
        resources: { limits: { memory: "64Mi" } },
      },
    });
    expect(run.status, run.stdout + run.stderr).toBe(1);
    const { pod, container } = onlyContainer(run.report);
    expect(pod?.node).toBe(requireRealNode());
    expect(container).toMatchObject({ state: "terminated", exitCode: 137, reason: "OOMKilled" });
    expect(run.report.status).toBe("FAILED");
    expect(run.report.cause).toContain(`container main exited 137 (OOMKilled)`);
    expect(run.report.advice.map((a) => a.code)).toEqual(
      expect.arrayContaining(["job-backoff-limit-exceeded", "container-oom-killed"]),
    );
    expect(run.stdout).toContain("container main: terminated, exit code 137, OOMKilled");
    expect(run.stdout).toContain("[container-oom-killed] Container main of pod");
    await nothingLeftIn(run.namespace);
  });

  it("reports the exit code 3 and the log of a container that exits 3, exits 1", async () => {
    const run = await runOnRealNode("three", {
      container: { image: "busybox", command: ["sh", "-c", "echo bye; exit 3"] },
    });
    expect(run.status, run.stdout + run.stderr).toBe(1);
    const { pod, container } = onlyContainer(run.report);
    expect(pod?.node).toBe(requireRealNode());
    expect(pod?.phase).toBe("Failed");
    expect(container).toMatchObject({ state: "terminated", exitCode: 3, reason: "Error" });
    expect(container?.log).toBe("bye\n");
    expect(run.report.jobs[0]?.conditions).toContainEqual(
      expect.objectContaining({ type: "Failed", status: "True", reason: "BackoffLimitExceeded" }),
    );
    expect(run.report.cause).toContain(`Job ${run.namespace}/three failed: BackoffLimitExceeded`);
    expect(run.report.cause).toContain("container main exited 3 (Error)");
    expect(run.report.advice.map((a) => a.code)).toEqual(["job-backoff-limit-exceeded"]);
    expect(run.stdout).toContain("container main: terminated, exit code 3, Error");
    await nothingLeftIn(run.namespace);
  });

  it("names DeadlineExceeded when the Job runs past activeDeadlineSeconds, exits 1", async () => {
    const run = await runOnRealNode("slow", {
      container: { image: "busybox", command: ["sleep", "600"] },
      spec: { activeDeadlineSeconds: 3 },
      // sleep as PID 1 ignores SIGTERM: the pod is killed 1 s after the deadline.
      podSpec: { terminationGracePeriodSeconds: 1 },
    });
    expect(run.status, run.stdout + run.stderr).toBe(1);
    const { pod } = onlyContainer(run.report);
    expect(pod?.node).toBe(requireRealNode());
    expect(run.report.jobs[0]?.outcome).toBe("failed");
    expect(run.report.jobs[0]?.conditions).toContainEqual(
      expect.objectContaining({ type: "Failed", status: "True", reason: "DeadlineExceeded" }),
    );
    expect(run.report.cause).toContain(`Job ${run.namespace}/slow failed: DeadlineExceeded`);
    expect(run.report.advice.map((a) => a.code)).toContain("job-deadline-exceeded");
    expect(run.stdout).toContain("condition Failed=True (DeadlineExceeded");
    expect(run.stdout).toContain("[job-deadline-exceeded]");
    await nothingLeftIn(run.namespace);
  });
});
