// cleanUp's Job deletions under faults, against the test cluster's API server behind a
// fault-injecting proxy: 429 with Retry-After, 503 and dropped connections are retried
// and the Jobs go; a Job whose deletion keeps failing is reported with the request
// that failed while the other Jobs still go, and a second cleanUp of the same ledger
// deletes it.
import { BatchV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type FaultProxy,
  type FaultRule,
  kubeStatus,
} from "../../../../test/support/fault-proxy.ts";
import { piJob } from "../../../../test/support/jobs.ts";
import {
  kubeConfigThrough,
  startKubeFaultProxy,
} from "../../../../test/support/kube-fault-proxy.ts";
import { adminKubeConfig, createTestNamespace } from "../../../../test/support/stack.ts";
import { cleanUp, RUN_ID_LABEL } from "./clean-up.ts";
import type { RunLedger } from "./ledger.ts";

let kube: FaultProxy;
const noWait = async () => {};

beforeAll(async () => {
  kube = await startKubeFaultProxy();
});
afterAll(async () => {
  await kube?.close();
});
beforeEach(() => {
  kube.clear();
  kube.requests.length = 0;
});

/** Creates the Jobs (labelled with the run id) and a ledger recording them. */
async function jobsOfARun(names: readonly string[]): Promise<RunLedger> {
  const namespace = await createTestNamespace("cleanup-faults");
  const runId = `cf-${process.pid}-${Date.now().toString(36)}`;
  const batch = adminKubeConfig().makeApiClient(BatchV1Api);
  const jobs: RunLedger["jobs"][number][] = [];
  for (const name of names) {
    const job = piJob(name);
    job.metadata = { name, labels: { [RUN_ID_LABEL]: runId } };
    const created = await batch.createNamespacedJob({ namespace, body: job });
    jobs.push({ namespace, name, uid: created.metadata?.uid });
  }
  return { version: 1, runId, jobs };
}

async function liveJobs(namespace: string): Promise<string[]> {
  const list = await adminKubeConfig().makeApiClient(BatchV1Api).listNamespacedJob({ namespace });
  return list.items
    .filter((j) => !j.metadata?.deletionTimestamp)
    .map((j) => j.metadata?.name ?? "");
}

const deleting = (name: string, fault: FaultRule["fault"], times: number): FaultRule => ({
  match: (r) => r.method === "DELETE" && r.path.includes(`/jobs/${name}`),
  fault,
  times,
});

describe("cleanUp deletes Jobs through transient API server faults", () => {
  it("retries 429 (after its Retry-After), 503 and a dropped connection, and every Job goes", async () => {
    const ledger = await jobsOfARun(["first", "second", "third"]);
    const namespace = ledger.jobs[0]?.namespace ?? "";
    const slept: number[] = [];
    kube.inject(deleting("first", kubeStatus(429, 2), 1));
    kube.inject(deleting("second", kubeStatus(503), 2));
    kube.inject(deleting("third", "drop", 1));
    kube.inject({
      match: (r) => r.method === "GET" && r.path.includes("labelSelector"),
      fault: kubeStatus(500),
      times: 1,
    });

    const report = await cleanUp(ledger, {
      kube: kubeConfigThrough(kube),
      sleep: async (ms) => void slept.push(ms),
    });
    expect(report.steps.map((s) => [s.what, s.outcome])).toEqual([
      [`Job ${namespace}/first`, "done"],
      [`Job ${namespace}/second`, "done"],
      [`Job ${namespace}/third`, "done"],
      [`Jobs labelled ${RUN_ID_LABEL}=${ledger.runId} in ${namespace}`, "already-gone"],
    ]);
    expect(report.ok).toBe(true);
    // The 429's Retry-After (2 s) was waited, not a jitter.
    expect(slept[0]).toBe(2_000);
    expect(kube.requests.filter((r) => r.outcome === "dropped")).toHaveLength(1);
    expect(kube.requests.filter((r) => r.outcome === 503)).toHaveLength(2);
    expect(await liveJobs(namespace)).toEqual([]);
  });
});

describe("a Job deletion that keeps failing", () => {
  it("is reported with the failing request, the other Jobs still go, and a second cleanUp deletes it", async () => {
    const ledger = await jobsOfARun(["stuck", "fine"]);
    const namespace = ledger.jobs[0]?.namespace ?? "";
    kube.inject(deleting("stuck", kubeStatus(503), Infinity));

    const report = await cleanUp(ledger, { kube: kubeConfigThrough(kube), sleep: noWait });
    expect(report.ok).toBe(false);
    expect(report.steps.map((s) => [s.what, s.outcome])).toEqual([
      [`Job ${namespace}/stuck`, "failed"],
      [`Job ${namespace}/fine`, "done"],
      // The label search leaves the ledger's own Jobs to their steps.
      [`Jobs labelled ${RUN_ID_LABEL}=${ledger.runId} in ${namespace}`, "already-gone"],
    ]);
    expect(report.steps[0]?.detail).toBe(
      `DELETE jobs ${namespace}/stuck failed with HTTP 503: injected by the fault proxy (ServiceUnavailable)`,
    );
    // Retried within the bound: 6 requests, then it gave up.
    expect(kube.requests.filter((r) => r.outcome === 503)).toHaveLength(6);
    expect(await liveJobs(namespace)).toEqual(["stuck"]);

    kube.clear();
    const again = await cleanUp(ledger, { kube: kubeConfigThrough(kube), sleep: noWait });
    expect(again.ok).toBe(true);
    expect(again.steps.map((s) => s.outcome)).toEqual(["done", "already-gone", "already-gone"]);
    expect(await liveJobs(namespace)).toEqual([]);
  });
});
