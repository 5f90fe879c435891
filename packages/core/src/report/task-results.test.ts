import { describe, expect, it } from "vitest";
import { buildExecutionReport } from "./build-report.ts";
import { jobInCause, jobsFromEvents, markLogsCutAt, mergeSnapshots } from "./task-results.ts";

const at = new Date("2026-11-30T00:00:00Z");
const job = {
  apiVersion: "batch/v1",
  kind: "Job",
  metadata: { name: "pi", namespace: "ci" },
  status: { succeeded: 1, conditions: [{ type: "Complete", status: "True" }] },
};

describe("jobsFromEvents", () => {
  it("takes the Job and its logs from a runJob.sync result nested by ResultPath", () => {
    const output = {
      cluster: { name: "c" },
      result: {
        ...job,
        logs: { pods: { "pi-abcde": { containers: { pi: { log: "3.14159\n" } } } } },
      },
    };
    const [snapshot, ...rest] = jobsFromEvents([
      { type: "state-exited", state: "Run", at, output },
    ]);
    expect(rest).toEqual([]);
    expect(snapshot?.job.metadata?.name).toBe("pi");
    expect(snapshot?.job.status?.succeeded).toBe(1);
    expect(snapshot?.logs).toEqual({ "pi-abcde": { pi: { text: "3.14159\n" } } });
  });

  it("reads the polling definition's list form, a log parsed as JSON, and a log error", () => {
    const output = {
      ...job,
      logs: {
        pods: [
          {
            name: "pi-abcde",
            containers: [
              { name: "pi", log: { pi: 3.14 } },
              { name: "side", error: "EKS.403", cause: "forbidden" },
            ],
          },
        ],
      },
    };
    const [snapshot] = jobsFromEvents([{ type: "state-exited", state: "Logs", at, output }]);
    expect(snapshot?.logs).toEqual({
      "pi-abcde": {
        pi: { text: '{"pi":3.14}', parsed: true },
        side: { error: "EKS.403: forbidden" },
      },
    });
  });

  it("takes a failed Job from the Cause of a .sync failure, and not from any other cause", () => {
    const failed = {
      ...job,
      status: {
        failed: 1,
        conditions: [{ type: "Failed", status: "True", reason: "BackoffLimitExceeded" }],
      },
    };
    const events = [
      {
        type: "state-failed",
        state: "Run",
        at,
        error: "States.TaskFailed",
        cause: JSON.stringify(failed),
      },
      { type: "execution-ended", status: "FAILED", at, error: "x", cause: "{not json" },
    ] as const;
    const snapshots = jobsFromEvents(events);
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]?.job.status?.conditions?.[0]?.reason).toBe("BackoffLimitExceeded");
    expect(jobInCause('{"kind":"Pod","metadata":{"name":"p"}}')).toBeUndefined();
  });

  it("shows the log the container printed, not the polling result's JSON-parsed value of it", () => {
    const printed = '{"pi":3.14159265358979323846264338327950288419716939937510}';
    // The polling definition's eks:call GET .../log: Step Functions parsed the body.
    const returned = jobsFromEvents([
      {
        type: "state-exited",
        state: "ReadLogs",
        at,
        output: {
          ...job,
          logs: {
            pods: [{ name: "pi-abcde", containers: [{ name: "pi", log: JSON.parse(printed) }] }],
          },
        },
      },
    ])[0];
    const followed = { "pi-abcde": { pi: { text: `${printed}\n` } } };
    expect(mergeSnapshots({ returned, followed })?.logs).toEqual(followed);
    // With nothing followed, the parsed value is all there is.
    expect(mergeSnapshots({ returned })?.logs?.["pi-abcde"]?.pi).toEqual({
      text: '{"pi":3.141592653589793}',
      parsed: true,
    });
  });

  it("keeps a log the execution returned as text over the followed one", () => {
    const returned = jobsFromEvents([
      {
        type: "state-exited",
        state: "Run",
        at,
        output: {
          ...job,
          logs: { pods: { "pi-abcde": { containers: { pi: { log: "3.14159" } } } } },
        },
      },
    ])[0];
    const merged = mergeSnapshots({ returned, followed: { "pi-abcde": { pi: { text: "3.1" } } } });
    expect(merged?.logs?.["pi-abcde"]?.pi).toEqual({ text: "3.14159" });
  });

  it("builds a report with the pod's exit code from tracked pods and the log from the result", () => {
    const returned = jobsFromEvents([
      {
        type: "state-exited",
        state: "Run",
        at,
        output: { ...job, logs: { pods: { "pi-abcde": { containers: { pi: { log: "done" } } } } } },
      },
    ])[0];
    const merged = mergeSnapshots({
      returned,
      tracked: [
        {
          metadata: { name: "pi-abcde" },
          spec: { containers: [{ name: "pi" }] },
          status: {
            phase: "Succeeded",
            containerStatuses: [
              {
                name: "pi",
                image: "x",
                imageID: "",
                ready: false,
                restartCount: 0,
                state: { terminated: { exitCode: 0, reason: "Completed" } },
              },
            ],
          },
        },
      ],
    });
    const report = buildExecutionReport({
      engine: "local",
      executionId: "local:x",
      executionName: "x",
      events: [],
      outcome: { status: "SUCCEEDED", startedAt: at, stoppedAt: at },
      jobs: merged ? [merged] : [],
    });
    expect(report.jobs[0]?.outcome).toBe("complete");
    expect(report.jobs[0]?.pods[0]).toMatchObject({
      name: "pi-abcde",
      phase: "Succeeded",
      containers: [{ name: "pi", exitCode: 0, reason: "Completed", log: "done" }],
    });
  });

  it("keeps the tracked pod when the cluster shows that pod being deleted, the read one otherwise", () => {
    const waiting = (reason: string, deleting?: Date) => ({
      metadata: { name: "pi-abcde", ...(deleting ? { deletionTimestamp: deleting } : {}) },
      status: {
        phase: "Pending",
        containerStatuses: [
          {
            name: "pi",
            image: "x",
            imageID: "",
            ready: false,
            restartCount: 0,
            state: { waiting: { reason } },
          },
        ],
      },
    });
    const other = { ...waiting("ContainerCreating", at), metadata: { name: "pi-other" } };
    const tracked = [waiting("ErrImagePull")];
    const reasons = (read: ReturnType<typeof waiting>[]) =>
      mergeSnapshots({ read: { job, pods: read }, tracked })?.pods.map(
        (pod) => pod.status?.containerStatuses?.[0]?.state?.waiting?.reason,
      );
    // What a kubelet writes while it kills the pod hides why the run stopped it.
    expect(reasons([waiting("ContainerCreating", at)])).toEqual(["ErrImagePull"]);
    expect(reasons([waiting("ImagePullBackOff")])).toEqual(["ImagePullBackOff"]);
    // A deleting pod the tracker never saw is shown as read.
    expect(reasons([other])).toEqual(["ContainerCreating"]);
  });

  it("reports a Job that only job events name, with the pods seen while it ran", () => {
    // The article's ResultSelector keeps `{status, logs}`: no name, so no task result.
    const events = [
      {
        type: "job" as const,
        namespace: "default",
        job: "my-eks-job",
        uid: "u1",
        phase: "created" as const,
        at,
      },
      {
        type: "job" as const,
        namespace: "default",
        job: "my-eks-job",
        phase: "running" as const,
        at,
      },
      {
        type: "state-exited" as const,
        state: "Run",
        at,
        output: { RunJobResult: { status: {}, logs: [3.14] } },
      },
    ];
    const [running] = jobsFromEvents(events);
    expect(running?.job).toEqual({
      metadata: { namespace: "default", name: "my-eks-job", uid: "u1" },
      status: { active: 1 },
    });
    const ended = jobsFromEvents([
      ...events,
      {
        type: "job",
        namespace: "default",
        job: "my-eks-job",
        phase: "complete",
        reason: "CompletionsReached",
        at,
      },
      { type: "job", namespace: "default", job: "my-eks-job", phase: "deleted", at },
    ]);
    expect(ended).toHaveLength(1);
    const merged = mergeSnapshots({
      returned: ended[0],
      tracked: [
        { metadata: { name: "my-eks-job-abcde" }, spec: { nodeName: "real-node", containers: [] } },
      ],
    });
    const report = buildExecutionReport({
      engine: "local",
      executionId: "local:x",
      executionName: "x",
      events: [],
      outcome: { status: "SUCCEEDED", startedAt: at },
      jobs: merged ? [merged] : [],
    });
    expect(report.jobs).toEqual([
      {
        namespace: "default",
        name: "my-eks-job",
        outcome: "complete",
        conditions: [{ type: "Complete", status: "True", reason: "CompletionsReached" }],
        pods: [{ name: "my-eks-job-abcde", node: "real-node", phase: "Unknown", containers: [] }],
      },
    ]);
  });

  it("lists a pod that only the logs name", () => {
    const report = buildExecutionReport({
      engine: "local",
      executionId: "local:x",
      executionName: "x",
      events: [],
      outcome: { status: "SUCCEEDED", startedAt: at },
      jobs: [{ job, pods: [], logs: { "pi-abcde": { pi: { text: "hi" } } } }],
    });
    expect(report.jobs[0]?.pods[0]).toMatchObject({
      name: "pi-abcde",
      containers: [{ name: "pi", log: "hi" }],
    });
  });
});

describe("jobsFromEvents on a generated definition's result", () => {
  it("takes {name, status, logs} and the namespace from the Job's events", () => {
    const [snapshot] = jobsFromEvents([
      { type: "job", namespace: "ci", job: "pi", phase: "created", at },
      {
        type: "state-exited",
        state: "Run job",
        at,
        output: {
          cluster: { name: "c", ca: "x", endpoint: "https://e" },
          result: {
            name: "pi",
            status: job.status,
            logs: { pods: { "pi-abcde": { containers: { pi: { log: "3.14" } } } } },
          },
        },
      },
    ]);
    expect(snapshot?.job.metadata).toEqual({ name: "pi", namespace: "ci" });
    expect(snapshot?.logs).toEqual({ "pi-abcde": { pi: { text: "3.14" } } });
  });
});

describe("a Job that failed under .sync, in the report", () => {
  it("says the cause briefly (Failed reason and message, the failed pod's exit) and keeps the raw cause", () => {
    const failed = {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "fails", namespace: "ci", uid: "u-1", resourceVersion: "42" },
      status: {
        failed: 1,
        conditions: [
          {
            type: "Failed",
            status: "True",
            reason: "BackoffLimitExceeded",
            message: "Job has reached the specified backoff limit",
          },
        ],
      },
    };
    const cause = JSON.stringify(failed);
    const report = buildExecutionReport({
      engine: "local",
      executionId: "local:x",
      executionName: "x",
      events: [
        { type: "state-entered", state: "Run job", at },
        { type: "state-failed", state: "Run job", at, error: "States.TaskFailed", cause },
      ],
      outcome: {
        status: "FAILED",
        startedAt: at,
        stoppedAt: at,
        error: "States.TaskFailed",
        cause,
      },
      jobs: [
        {
          job: failed,
          pods: [
            {
              metadata: { name: "fails-abcde" },
              status: {
                phase: "Failed",
                containerStatuses: [
                  {
                    name: "pi",
                    image: "x",
                    imageID: "",
                    ready: false,
                    restartCount: 0,
                    state: { terminated: { exitCode: 3, reason: "Error" } },
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    const brief =
      "Job ci/fails failed: BackoffLimitExceeded: Job has reached the specified backoff limit; pod fails-abcde container pi exited 3 (Error)";
    expect(report.cause).toBe(brief);
    expect(report.path[0]?.cause).toBe(brief);
    expect(report.rawCause).toBe(cause);
    expect(report.advice.map((a) => a.code)).toContain("job-backoff-limit-exceeded");
  });

  it("leaves any other cause as it is", () => {
    const report = buildExecutionReport({
      engine: "local",
      executionId: "local:x",
      executionName: "x",
      events: [],
      outcome: { status: "FAILED", startedAt: at, error: "EKS.403", cause: '{"StatusCode":403}' },
    });
    expect(report.cause).toBe('{"StatusCode":403}');
    expect(report.rawCause).toBeUndefined();
  });
});

describe("jobsFromEvents and manifests", () => {
  it("does not take a Job manifest (no status) in an input or a matrix for a Job that ran", () => {
    const manifest = { apiVersion: "batch/v1", kind: "Job", metadata: { name: "mx-a" }, spec: {} };
    const snapshots = jobsFromEvents([
      { type: "state-exited", state: "Prepare", at, output: { matrix: [manifest, manifest] } },
    ]);
    expect(snapshots).toEqual([]);
  });
});

describe("markLogsCutAt", () => {
  it("marks a log that reached the read's byte cap as cut, and leaves shorter logs and errors alone", () => {
    const snapshot = {
      job,
      pods: [],
      logs: {
        "pi-1": { full: { text: "é".repeat(8) }, short: { text: "x".repeat(15) } },
        "pi-2": { gone: { error: "403" } },
      },
    };
    expect(markLogsCutAt(snapshot, 16).logs).toEqual({
      "pi-1": { full: { text: "é".repeat(8), cut: true }, short: { text: "x".repeat(15) } },
      "pi-2": { gone: { error: "403" } },
    });
    expect(markLogsCutAt(snapshot, undefined)).toBe(snapshot);
  });
});
