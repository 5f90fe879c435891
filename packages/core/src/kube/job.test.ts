// The Job functions on the test cluster (admin client; RBAC is covered by the engine tests).
import { BatchV1Api } from "@kubernetes/client-node";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { PI_CONTAINER, piJob } from "../../../../test/support/jobs.ts";
import {
  adminKubeConfig,
  createTestNamespace,
  setContainerLogs,
} from "../../../../test/support/stack.ts";
import {
  createJob,
  deleteJob,
  JobGoneError,
  jobEnd,
  listJobPods,
  readJob,
  readPodLog,
  watchJobToEnd,
} from "./job.ts";
import { KubeHttpError } from "./kube-request.ts";

describe("Jobs through the Kubernetes API", () => {
  let namespace = "";
  beforeAll(async () => {
    namespace = await createTestNamespace("kube-job");
    await setContainerLogs({
      namespace,
      container: PI_CONTAINER,
      lines: ["line 1", "line 2", "line 3"],
    });
  });

  it("creates a Job by generateName, watches it to Complete and reads its pod's log with tailLines", async () => {
    const kube = adminKubeConfig();
    const job = piJob("unused");
    const created = await createJob({
      kube,
      namespace,
      job: { ...job, metadata: { generateName: "gen-" } },
    });
    expect(created.metadata.name).toMatch(/^gen-/);
    expect(typeof created.metadata.creationTimestamp).toBe("string");
    const done = await watchJobToEnd({ kube, job: created, signal: new AbortController().signal });
    expect(jobEnd(done)).toBe("complete");
    const pods = await listJobPods({ kube, job: created.metadata });
    expect(pods).toHaveLength(1);
    const pod = pods[0]?.metadata?.name ?? "";
    await vi.waitFor(
      async () =>
        expect(
          await readPodLog({
            kube,
            namespace,
            pod,
            container: PI_CONTAINER,
            parameters: { tailLines: 2 },
          }),
        ).toBe("line 2\nline 3\n"),
      { timeout: 20_000, interval: 100 },
    );
  });

  it("resumes the watch from its resourceVersion each time the server closes it, and still sees the end", async () => {
    const kube = adminKubeConfig();
    const created = await createJob({
      kube,
      namespace,
      job: { ...piJob("resumed"), spec: { ...piJob("resumed").spec, suspend: true } } as never,
    });
    const versions: string[] = [];
    // Each watch request lasts 1 s; the Job starts only after 3 s.
    setTimeout(() => {
      void kube.makeApiClient(BatchV1Api).patchNamespacedJob({
        namespace,
        name: "resumed",
        body: [{ op: "replace", path: "/spec/suspend", value: false }],
      });
    }, 3000);
    const done = await watchJobToEnd({
      kube,
      job: created,
      signal: new AbortController().signal,
      watchTimeoutSeconds: 1,
      onChange: (job) => versions.push(job.metadata.resourceVersion ?? ""),
    });
    expect(jobEnd(done)).toBe("complete");
    expect(done.metadata.uid).toBe(created.metadata.uid);
    expect(new Set(versions).size).toBe(versions.length);
  });

  it("reports a Job deleted while it is watched, and deletes with Foreground so the pods go first", async () => {
    const kube = adminKubeConfig();
    const job = piJob("gone");
    const spec = job.spec?.template.spec;
    if (spec) spec.nodeSelector = { "eks-sfn.test/nowhere": "true" };
    const created = await createJob({ kube, namespace, job });
    const watching = watchJobToEnd({ kube, job: created, signal: new AbortController().signal });
    expect(await deleteJob({ kube, job: created.metadata })).toBe(true);
    await expect(watching).rejects.toBeInstanceOf(JobGoneError);
    await vi.waitFor(
      async () => expect(await readJob({ kube, job: created.metadata })).toBeUndefined(),
      {
        timeout: 10_000,
        interval: 100,
      },
    );
    expect(await listJobPods({ kube, job: created.metadata })).toEqual([]);
    expect(await deleteJob({ kube, job: created.metadata })).toBe(false);
  });

  it("stops watching when its signal aborts", async () => {
    const kube = adminKubeConfig();
    const job = piJob("aborted");
    const spec = job.spec?.template.spec;
    if (spec) spec.nodeSelector = { "eks-sfn.test/nowhere": "true" };
    const created = await createJob({ kube, namespace, job });
    const controller = new AbortController();
    const watching = watchJobToEnd({ kube, job: created, signal: controller.signal });
    controller.abort(new Error("stop"));
    await expect(watching).rejects.toThrow("stop");
    await deleteJob({ kube, job: created.metadata });
  });

  it("refuses a second Job of the same name with the API server's 409", async () => {
    const kube = adminKubeConfig();
    await createJob({ kube, namespace, job: piJob("twice") });
    const error = await createJob({ kube, namespace, job: piJob("twice") }).catch((e) => e);
    expect(error).toBeInstanceOf(KubeHttpError);
    expect((error as KubeHttpError).response).toMatchObject({
      status: 409,
      statusText: "Conflict",
      body: { kind: "Status", reason: "AlreadyExists" },
    });
  });
});
