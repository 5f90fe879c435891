// The action's share of the capture-everything test (core's is access/no-secrets.test.ts):
// a whole main run with every text it produces captured (log, outputs, state, annotations,
// summary, the report file, the PR comment body, stdout and stderr of the bundle): no
// token or key may appear, except where it is registered with the runner's masking.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { RecordingActionIo } from "./io.ts";
import { runMain } from "./main.ts";
import { TEST_JOB } from "./test-support/job.ts";
import { failedReport } from "./test-support/reports.ts";
import { ScriptedFlow } from "./test-support/scripted-flow.ts";

const AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const AWS_SESSION = "FwoGZXIvYXdzEXAMPLESESSIONTOKENzZXIvYXdz";
const GITHUB_TOKEN = "ghs_16C7e42F292c6912E7710c838347Ae178B4a";
const EKS_TOKEN =
  "k8s-aws-v1.aHR0cHM6Ly9zdHMudXMtZWFzdC0xLmFtYXpvbmF3cy5jb20vP0FjdGlvbj1HZXRDYWxsZXJJZGVudGl0eQ";
const SECRETS = [AWS_SECRET, AWS_SESSION, GITHUB_TOKEN, EKS_TOKEN];

describe("secrets in the action's output", () => {
  it("never shows a key, a session token, the GitHub token or an EKS token", async () => {
    const temp = mkdtempSync(join(tmpdir(), "eks-sfn-secrets-"));
    const io = new RecordingActionIo({
      inputs: {
        "cluster-name": "c1",
        "role-arn": "arn:aws:iam::123456789012:role/sfn",
        job: TEST_JOB,
        "github-token": GITHUB_TOKEN,
      },
      env: {
        RUNNER_TEMP: temp,
        AWS_SECRET_ACCESS_KEY: AWS_SECRET,
        AWS_SESSION_TOKEN: AWS_SESSION,
      },
    });
    // A careless run that lets every secret slip into what it hands the action.
    const leaky = `token ${EKS_TOKEN} key ${AWS_SECRET} session ${AWS_SESSION} gh ${GITHUB_TOKEN}`;
    const flow = new ScriptedFlow(
      [
        { secret: EKS_TOKEN },
        { phase: `Connect ${leaky}` },
        { facts: { clusterEndpoint: `https://c1.example/${EKS_TOKEN}` } },
        { ledger: { version: 1, runId: leaky, jobs: [] } },
        {
          progress: {
            type: "state-failed",
            state: "Run",
            error: "EKS.401",
            cause: leaky,
            at: new Date(),
          },
        },
        { log: { namespace: "ci", pod: "pi", container: "pi", text: `${leaky}\n` } },
      ],
      {
        report: {
          ...failedReport,
          executionId: "local:x",
          cause: leaky,
          jobs: failedReport.jobs.map((job) => ({
            ...job,
            pods: job.pods.map((pod) => ({
              ...pod,
              containers: pod.containers.map((c) => ({ ...c, log: leaky })),
            })),
          })),
        },
      },
    );
    const code = await runMain({ io, loadFlow: async () => flow });
    expect(code).toBe(1);

    const registered = io.records.flatMap((r) => (r.kind === "secret" ? [r.value] : []));
    expect(registered.sort()).toEqual([...SECRETS].sort());
    const everything = [
      JSON.stringify(io.records.filter((r) => r.kind !== "secret")),
      ...io.log,
    ].join("\n");
    expect(everything).toContain("***");
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
  });

  it("masks a token that was pasted into the wrong input of the bundle, before parsing it", () => {
    const runner = mkdtempSync(join(tmpdir(), "eks-sfn-secrets-run-"));
    const files = {
      GITHUB_OUTPUT: join(runner, "output"),
      GITHUB_STATE: join(runner, "state"),
      GITHUB_STEP_SUMMARY: join(runner, "summary"),
    };
    for (const path of Object.values(files)) writeFileSync(path, "");
    const result = spawnSync(
      process.execPath,
      [fileURLToPath(new URL("../../../dist/main.js", import.meta.url))],
      {
        encoding: "utf8",
        env: {
          PATH: process.env.PATH,
          ...files,
          "INPUT_CLUSTER-NAME": "c1",
          "INPUT_ROLE-ARN": `${GITHUB_TOKEN}${AWS_SECRET}`,
          "INPUT_GITHUB-TOKEN": GITHUB_TOKEN,
          AWS_SECRET_ACCESS_KEY: AWS_SECRET,
        },
      },
    );
    expect(result.status).toBe(1);
    const lines = result.stdout.trim().split("\n");
    expect(lines.filter((line) => line.startsWith("::add-mask::")).sort()).toEqual(
      [`::add-mask::${AWS_SECRET}`, `::add-mask::${GITHUB_TOKEN}`].sort(),
    );
    const rest = [
      ...lines.filter((line) => !line.startsWith("::add-mask::")),
      result.stderr,
      ...Object.values(files).map((path) => readFileSync(path, "utf8")),
    ].join("\n");
    expect(rest).toContain('::error::role-arn: "******"');
    for (const secret of SECRETS) expect(rest).not.toContain(secret);
  });
});
