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

describe("jobsFromEvents, what counts as a task result", () => {
  const exited = (output: unknown) => ({ type: "state-exited", state: "Run", at, output }) as const;
  const complete = { conditions: [{ type: "Complete", status: "True" }] };
  const failedStatus = { failed: 1, conditions: [{ type: "Failed", status: "True" }] };

  it("keeps two Jobs of one name in different namespaces apart", () => {
    const snapshots = jobsFromEvents([
      exited({ ...job, metadata: { name: "pi", namespace: "a" } }),
      exited({ ...job, metadata: { name: "pi", namespace: "b" } }),
    ]);
    expect(snapshots.map((s) => s.job.metadata?.namespace)).toEqual(["a", "b"]);
  });

  it("does not let a later view of a running Job replace the ended one, and a later ended view wins", () => {
    const running = { ...job, status: { active: 1 } };
    const [kept] = jobsFromEvents([exited(job), exited(running)]);
    expect(kept?.job.status).toEqual(job.status);
    const ended = { ...job, status: failedStatus };
    const [latest] = jobsFromEvents([exited(job), exited(ended)]);
    expect(latest?.job.status).toEqual(failedStatus);
    const [firstRunning] = jobsFromEvents([exited(running), exited(job)]);
    expect(firstRunning?.job.status).toEqual(job.status);
  });

  it("keeps the logs of an earlier view when a later one has none", () => {
    const logs = { pods: { "pi-1": { containers: { pi: { log: "3.14" } } } } };
    const [snapshot] = jobsFromEvents([exited({ ...job, logs }), exited(job)]);
    expect(snapshot?.logs).toEqual({ "pi-1": { pi: { text: "3.14" } } });
  });

  it("takes a Job from the cause of a caught state and of the execution's end", () => {
    const failed = { ...job, status: failedStatus };
    const caught = jobsFromEvents([
      {
        type: "state-caught",
        state: "Run",
        at,
        error: "States.TaskFailed",
        cause: JSON.stringify(failed),
      },
    ]);
    expect(caught.map((s) => s.job.status)).toEqual([failedStatus]);
    expect(caught[0]?.pods).toEqual([]);
    const ended = jobsFromEvents([
      { type: "execution-ended", status: "FAILED", at, cause: JSON.stringify(failed) },
    ]);
    expect(ended.map((s) => s.job.status)).toEqual([failedStatus]);
    const retried = jobsFromEvents([
      {
        type: "state-retried",
        state: "Run",
        at,
        error: "States.TaskFailed",
        cause: JSON.stringify(failed),
      },
    ]);
    expect(retried).toEqual([]);
  });

  it("finds a result nested six levels deep, in objects or lists, and not deeper", () => {
    const nest = (value: unknown, levels: number): unknown =>
      levels === 0 ? value : nest({ inner: value }, levels - 1);
    expect(jobsFromEvents([exited(nest(job, 6))])).toHaveLength(1);
    expect(jobsFromEvents([exited(nest(job, 7))])).toEqual([]);
    const listed = (value: unknown, levels: number): unknown =>
      levels === 0 ? value : listed([value], levels - 1);
    expect(jobsFromEvents([exited(listed(job, 6))])).toHaveLength(1);
    expect(jobsFromEvents([exited(listed(job, 7))])).toEqual([]);
  });

  it("takes a Job by its kind or its apiVersion, only with a name and a status", () => {
    const named = { metadata: { name: "pi" }, status: complete };
    expect(jobsFromEvents([exited({ ...named, kind: "Job" })])).toHaveLength(1);
    expect(jobsFromEvents([exited({ ...named, apiVersion: "batch/v1" })])).toHaveLength(1);
    expect(jobsFromEvents([exited({ ...named, kind: "Pod", apiVersion: "v1" })])).toEqual([]);
    expect(jobsFromEvents([exited({ kind: "Job", metadata: {}, status: complete })])).toEqual([]);
    expect(jobsFromEvents([exited({ kind: "Job", status: complete })])).toEqual([]);
    expect(jobsFromEvents([exited({ ...job, status: null })])).toEqual([]);
    expect(jobsFromEvents([exited({ ...job, status: {} })])).toEqual([]);
  });

  it("takes a selected result {name, status} by any of the status fields a Job has", () => {
    for (const status of [
      complete,
      { succeeded: 1 },
      { failed: 1 },
      { active: 1 },
      { startTime: "2026-11-30T00:00:00Z" },
    ]) {
      const [snapshot, ...rest] = jobsFromEvents([exited({ name: "pi", status })]);
      expect(rest).toEqual([]);
      expect(snapshot?.job).toEqual({ metadata: { name: "pi" }, status });
      expect(snapshot?.pods).toEqual([]);
    }
    expect(jobsFromEvents([exited({ name: "pi", status: { ready: 0 } })])).toEqual([]);
    expect(jobsFromEvents([exited({ name: "pi", status: null })])).toEqual([]);
    expect(jobsFromEvents([exited({ name: 3, status: complete })])).toEqual([]);
    expect(jobsFromEvents([exited({ name: "pi", status: "done" })])).toEqual([]);
  });

  it("ignores outputs that are not objects and an exited state without output", () => {
    expect(jobsFromEvents([exited("pi"), exited(null), exited(3)])).toEqual([]);
    expect(jobsFromEvents([{ type: "state-exited", state: "Run", at }])).toEqual([]);
  });

  it("reads logs keyed by pod, skipping pods without containers and containers with nothing", () => {
    const [snapshot] = jobsFromEvents([
      exited({
        ...job,
        logs: {
          pods: {
            "pi-1": { containers: { pi: { log: "a" }, side: {}, gone: { cause: "evicted" } } },
            "pi-2": { containers: null },
            "pi-3": {},
          },
        },
      }),
    ]);
    expect(snapshot?.logs).toEqual({ "pi-1": { pi: { text: "a" }, gone: { error: "evicted" } } });
  });

  it("reads the list form's pod and container names, and an error without a cause", () => {
    const [snapshot] = jobsFromEvents([
      exited({
        ...job,
        logs: {
          pods: [
            { name: "pi-1", containers: [{ name: "pi", error: "EKS.404" }, {}] },
            { containers: [{ log: "no names" }] },
            { name: "pi-3", containers: "none" },
          ],
        },
      }),
    ]);
    expect(snapshot?.logs).toEqual({
      "pi-1": { pi: { error: "EKS.404" } },
      "": { "": { text: "no names" } },
    });
  });

  it("has no logs when the result's logs have no pods", () => {
    for (const logs of [undefined, null, {}, { pods: null }, { pods: "x" }]) {
      const [snapshot] = jobsFromEvents([exited({ ...job, logs })]);
      expect(snapshot?.logs).toBeUndefined();
    }
  });
});

describe("jobInCause", () => {
  const failed = { kind: "Job", metadata: { name: "pi" }, status: { failed: 1 } };

  it("reads a Job from a cause that starts with JSON, after leading blanks", () => {
    expect(jobInCause(`  \n${JSON.stringify(failed)}`)).toEqual(failed);
  });

  it("reads nothing from text, broken JSON, a list, null, or a Job without a name", () => {
    expect(jobInCause(undefined)).toBeUndefined();
    expect(jobInCause(`Job failed: ${JSON.stringify(failed)}`)).toBeUndefined();
    expect(jobInCause('{"kind": "Job"')).toBeUndefined();
    expect(jobInCause(JSON.stringify([failed]))).toBeUndefined();
    expect(jobInCause("null")).toBeUndefined();
    expect(jobInCause('{"kind":"Job","metadata":{"name":3}}')).toBeUndefined();
    expect(jobInCause('{"apiVersion":"batch/v1","metadata":{"name":"pi"}}')).toEqual({
      apiVersion: "batch/v1",
      metadata: { name: "pi" },
    });
  });
});

describe("mergeSnapshots, the Job", () => {
  it("takes the returned Job when the cluster no longer shows it, and nothing when neither has it", () => {
    const returned = { job, pods: [] };
    expect(mergeSnapshots({ returned })?.job).toBe(job);
    expect(mergeSnapshots({ tracked: [] })).toBeUndefined();
  });
});
