import { describe, expect, it } from "vitest";
import { adviseOn } from "./advice.ts";
import type { ExecutionReport, JobReport } from "./execution-report.ts";

const empty: ExecutionReport = {
  engine: "aws",
  executionId: "arn:aws:states:us-east-1:123456789012:execution:m:e",
  executionName: "e",
  status: "FAILED",
  startedAt: "2026-11-30T06:00:00.000Z",
  path: [],
  jobs: [],
  advice: [],
};

const eksCause = (status: number, message: string): string =>
  JSON.stringify({
    ResponseBody: { kind: "Status", message, code: status },
    StatusCode: status,
    StatusText: "x",
  });

const codes = (
  report: Partial<ExecutionReport>,
  extra: { roleArn?: string; outputText?: string } = {},
) => adviseOn({ report: { ...empty, ...report }, ...extra });

function podJob(containers: JobReport["pods"][number]["containers"], reason?: string): JobReport {
  return {
    namespace: "ci",
    name: "j",
    outcome: "running",
    conditions: [],
    pods: [{ name: "j-abc", phase: "Pending", reason, containers }],
  };
}

describe("adviseOn", () => {
  it("says a role with a path must be written without it in aws-auth on EKS.401", () => {
    const [advice] = codes(
      { error: "EKS.401", cause: eksCause(401, "Unauthorized") },
      { roleArn: "arn:aws:iam::123456789012:role/service-role/Runner" },
    );
    expect(advice?.code).toBe("EKS.401");
    expect(advice?.fix).toContain("arn:aws:iam::123456789012:role/Runner");
    const [plain] = codes(
      { error: "EKS.401" },
      { roleArn: "arn:aws:iam::123456789012:role/Runner" },
    );
    expect(plain?.fix).not.toContain("without the path");
  });

  it("names the verb, resource and namespace RBAC refused on EKS.403", () => {
    const [advice] = codes({
      error: "EKS.403",
      cause: eksCause(
        403,
        'pods "p" is forbidden: User "runner" cannot get resource "pods/log" in API group "" in the namespace "ci"',
      ),
    });
    expect(advice?.title).toBe(
      "RBAC does not let runner get pods/log in namespace ci (403 Forbidden)",
    );
    expect(advice?.fix).toContain('"get" on pods/log in ci');
  });

  it("reads errors from the states of the path as well as the execution's", () => {
    const result = codes({
      status: "SUCCEEDED",
      path: [
        {
          state: "Run job",
          enteredAt: empty.startedAt,
          status: "caught",
          retries: 0,
          error: "EKS.409",
          cause: eksCause(409, 'jobs.batch "pi" already exists'),
        },
      ],
    });
    expect(result.map((a) => a.code)).toEqual(["EKS.409"]);
    expect(result[0]?.fix).toContain("generateName");
  });

  it.each([
    ["EKS.404", "EKS.404"],
    ["States.DataLimitExceeded", "States.DataLimitExceeded"],
    ["States.Timeout", "States.Timeout"],
  ])("explains %s", (error, code) => {
    expect(codes({ error }).map((a) => a.code)).toEqual([code]);
  });

  it("explains a TIMED_OUT execution even without an error name", () => {
    expect(codes({ status: "TIMED_OUT" }).map((a) => a.code)).toEqual(["States.Timeout"]);
  });

  it("explains Jobs that failed with BackoffLimitExceeded or DeadlineExceeded, also from a Cause", () => {
    const failedJob = (reason: string): JobReport => ({
      namespace: "ci",
      name: "j",
      outcome: "failed",
      conditions: [{ type: "Failed", status: "True", reason }],
      pods: [],
    });
    expect(codes({ jobs: [failedJob("DeadlineExceeded")] }).map((a) => a.code)).toEqual([
      "job-deadline-exceeded",
    ]);
    const cause = JSON.stringify({
      status: { conditions: [{ type: "Failed", status: "True", reason: "BackoffLimitExceeded" }] },
    });
    expect(codes({ error: "States.TaskFailed", cause }).map((a) => a.code)).toEqual([
      "job-backoff-limit-exceeded",
    ]);
  });

  it("explains pods that cannot pull their image or be scheduled", () => {
    expect(
      codes({
        jobs: [
          podJob([
            {
              name: "main",
              state: "waiting",
              reason: "ImagePullBackOff",
              message: 'Back-off pulling image "nope:1"',
            },
          ]),
        ],
      }).map((a) => a.code),
    ).toEqual(["image-pull-failed"]);
    expect(
      codes({ jobs: [podJob([{ name: "main", state: "waiting", reason: "ErrImagePull" }])] })[0]
        ?.title,
    ).toContain("ErrImagePull");
    expect(
      codes({ jobs: [podJob([{ name: "main" }], "Unschedulable")] }).map((a) => a.code),
    ).toEqual(["pod-unschedulable"]);
  });

  it("notices a log that was a number longer than a double, parsed into the output", () => {
    const digits = "3.14159265358979323846264338327950288";
    const job = podJob([{ name: "pi", state: "terminated", exitCode: 0, log: `${digits}\n` }]);
    expect(
      codes({ status: "SUCCEEDED", jobs: [job], output: { logs: { pi: Number(digits) } } }).map(
        (a) => a.code,
      ),
    ).toEqual(["log-lost-digits"]);
    // With RawLogs the output holds the text: nothing was lost.
    expect(codes({ status: "SUCCEEDED", jobs: [job], output: { logs: { pi: digits } } })).toEqual(
      [],
    );
    // The article's Job logs an object, `{ "pi": ... }`: the same when a number in it lost digits.
    const article = podJob([
      { name: "pi-2000", state: "terminated", exitCode: 0, log: `{ "pi": ${digits} }\n` },
    ]);
    expect(
      codes({ status: "SUCCEEDED", jobs: [article], output: { pi: [Number(digits)] } }).map(
        (a) => a.code,
      ),
    ).toEqual(["log-lost-digits"]);
    expect(
      codes({ status: "SUCCEEDED", jobs: [article], output: { pi: [3.25] } }).map((a) => a.code),
    ).toEqual([]);
    // A number written with more digits than a double keeps, in the output text.
    expect(
      codes({ status: "SUCCEEDED" }, { outputText: `{"pi": ${digits}}` }).map((a) => a.code),
    ).toEqual(["log-lost-digits"]);
    expect(
      codes({ status: "SUCCEEDED" }, { outputText: `{"pi": 3.141592653589793, "s": "${digits}"}` }),
    ).toEqual([]);
  });

  it("notices digits lost in a state's output when the last state replaced the output, as the article's DELETE does", () => {
    const digits = "3.14159265358979323846264338327950288";
    const article = podJob([
      { name: "pi-2000", state: "terminated", exitCode: 0, log: `{ "pi": ${digits} }\n` },
    ]);
    // The execution's output is the eks:call response; `$.logs..pi` is only in a state's.
    const report = { status: "SUCCEEDED" as const, jobs: [article], output: { StatusCode: 200 } };
    const lost = { RunJobResult: { status: { succeeded: 1 }, logs: [Number(digits)] } };
    expect(adviseOn({ report: { ...empty, ...report } }).map((a) => a.code)).toEqual([]);
    expect(
      adviseOn({ report: { ...empty, ...report }, stateOutputs: [{}, lost] }).map((a) => a.code),
    ).toEqual(["log-lost-digits"]);
    // With RawLogs the state holds the text: nothing was lost.
    const kept = {
      RunJobResult: { logs: { pods: { p: { containers: { c: { log: digits } } } } } },
    };
    expect(adviseOn({ report: { ...empty, ...report }, stateOutputs: [kept] })).toEqual([]);
  });

  it("names a container the kubelet killed for going over its memory limit", () => {
    const oom = podJob([{ name: "hog", state: "terminated", exitCode: 137, reason: "OOMKilled" }]);
    const [advice] = codes({ jobs: [oom] });
    expect(advice?.code).toBe("container-oom-killed");
    expect(advice?.title).toBe(
      "Container hog of pod j-abc went over its memory limit and was killed (OOMKilled, exit code 137)",
    );
    expect(advice?.fix).toContain("resources.limits.memory");
    expect(
      codes({
        jobs: [podJob([{ name: "hog", state: "terminated", exitCode: 1, reason: "Error" }])],
      }),
    ).toEqual([]);
  });

  it("gives nothing for a clean success", () => {
    expect(codes({ status: "SUCCEEDED" })).toEqual([]);
  });
});

describe("adviseOn, reading causes", () => {
  const refusal = (verb: string) =>
    eksCause(
      403,
      `jobs is forbidden: User "runner" cannot ${verb} resource "jobs" in API group "batch" in the namespace "ci"`,
    );

  it("keeps the first advice of a code: the execution's error before the states'", () => {
    const [advice, ...rest] = codes({
      error: "EKS.403",
      cause: refusal("create"),
      path: [
        {
          state: "Run",
          enteredAt: "t",
          status: "failed",
          retries: 0,
          error: "EKS.403",
          cause: refusal("delete"),
        },
      ],
    });
    expect(rest).toEqual([]);
    expect(advice?.title).toBe(
      "RBAC does not let runner create jobs in namespace ci (403 Forbidden)",
    );
    expect(advice?.fix).toBe(
      'Bind a Role that allows "create" on batch/jobs in ci to runner: eks-sfn rbac grant creates the job runner\'s Role and RoleBinding.',
    );
  });

  it("reads the Kubernetes message from a ResponseBody given as JSON text, else uses the cause", () => {
    const asText = JSON.stringify({
      ResponseBody: JSON.stringify({ kind: "Status", message: 'jobs.batch "pi" not found' }),
      StatusCode: 404,
    });
    expect(codes({ error: "EKS.404", cause: asText })[0]?.title).toBe(
      'Kubernetes found no such object: jobs.batch "pi" not found (404 Not Found)',
    );
    expect(codes({ error: "EKS.409", cause: "already there" })[0]?.title).toBe(
      "A Job of that name already exists: already there (409 Conflict)",
    );
    expect(codes({ error: "EKS.409", cause: JSON.stringify({ StatusCode: 409 }) })[0]?.title).toBe(
      'A Job of that name already exists: {"StatusCode":409} (409 Conflict)',
    );
    expect(codes({ error: "EKS.404" })[0]?.title).toBe(
      "Kubernetes found no such object (404 Not Found)",
    );
  });

  it("explains only a Failed condition that is True, and skips malformed conditions in a cause", () => {
    const job = (type: string, status: string): JobReport => ({
      namespace: "ci",
      name: "j",
      outcome: "failed",
      conditions: [{ type, status, reason: "BackoffLimitExceeded" }],
      pods: [],
    });
    expect(codes({ jobs: [job("Failed", "False")] })).toEqual([]);
    expect(codes({ jobs: [job("Complete", "True")] })).toEqual([]);
    const cause = JSON.stringify({
      status: {
        conditions: [
          null,
          "Failed",
          { type: "Failed", reason: "BackoffLimitExceeded" },
          { status: "True", reason: "BackoffLimitExceeded" },
          { type: "Failed", status: "True", reason: "DeadlineExceeded" },
        ],
      },
    });
    expect(codes({ error: "States.TaskFailed", cause }).map((a) => a.code)).toEqual([
      "job-deadline-exceeded",
    ]);
    const notAList = JSON.stringify({ status: { conditions: { type: "Failed" } } });
    expect(codes({ error: "States.TaskFailed", cause: notAList })).toEqual([]);
  });
});

describe("adviseOn, digits a double cannot hold", () => {
  const lost = (outputText: string) =>
    codes({ status: "SUCCEEDED" }, { outputText }).map((a) => a.code);

  it("counts significant digits: more than 17 in the output text lost some", () => {
    expect(lost("[3.1415926535897932]")).toEqual([]); // 17
    expect(lost("[3.14159265358979323]")).toEqual(["log-lost-digits"]); // 18
    expect(lost("[-12345678901234567.8]")).toEqual(["log-lost-digits"]);
    expect(lost("[12345678901234567891]")).toEqual(["log-lost-digits"]);
  });

  it("does not count leading zeros, an exponent, or an integer's trailing zeros", () => {
    expect(lost("[0.00000000000000001234]")).toEqual([]);
    expect(lost("[1.2345678901234567e300]")).toEqual([]);
    expect(lost("[1.2345678901234567E-300]")).toEqual([]);
    expect(lost("[1000000000000000000000]")).toEqual([]);
    expect(lost("[1.00000000000000000000]")).toEqual(["log-lost-digits"]);
  });

  it("compares a JSON log with more than 15 digits to the numbers of the output, unless cut or not JSON", () => {
    const log = (text: string, logTruncated = false): Partial<ExecutionReport> => ({
      status: "SUCCEEDED",
      jobs: [podJob([{ name: "pi", state: "terminated", exitCode: 0, log: text, logTruncated }])],
    });
    const sixteen = "3.141592653589793";
    const fifteen = "3.14159265358979";
    expect(codes({ ...log(sixteen), output: [Number(sixteen)] }).map((a) => a.code)).toEqual([
      "log-lost-digits",
    ]);
    expect(codes({ ...log(fifteen), output: [Number(fifteen)] })).toEqual([]);
    expect(codes({ ...log(sixteen, true), output: [Number(sixteen)] })).toEqual([]);
    expect(codes({ ...log(`pi ${sixteen}`), output: [Number(sixteen)] })).toEqual([]);
    expect(codes({ ...log("   "), output: [3] })).toEqual([]);
    expect(codes({ ...log(sixteen), output: { pi: "x" } })).toEqual([]);
  });
});
