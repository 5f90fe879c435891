// `eks-sfn run` as a user meets a fault: AWS credentials that expire mid-run (every AWS
// answer after StartExecution is ExpiredTokenException, from a fault proxy in front of
// moto). The run ends with exit code 3 and one line naming the request and the fix,
// prints what it could and could not clean up and the command that finishes it; that
// command (`eks-sfn cleanup --ledger`) finishes once the credentials are fresh, and is
// safe to repeat.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ListStateMachinesCommand, SFNClient } from "@aws-sdk/client-sfn";
import { parseAwsAuth } from "@eks-sfn/rbac";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readAwsAuth, resetAwsAuth, SEED_MAP_ROLES } from "../../../../test/support/aws-auth.ts";
import { cliEnv, startEksSfn } from "../../../../test/support/eks-sfn-cli.ts";
import {
  awsExpiredToken,
  type FaultProxy,
  startFaultProxy,
} from "../../../../test/support/fault-proxy.ts";
import { assumeTestRole } from "../../../../test/support/iam.ts";
import {
  createTestNamespace,
  motoClientConfig,
  resetMoto,
  testStack,
  writeTempFile,
} from "../../../../test/support/stack.ts";

let aws: FaultProxy;

beforeAll(async () => {
  aws = await startFaultProxy({ target: testStack().moto.endpoint });
});
afterAll(async () => {
  await aws?.close();
});
beforeEach(async () => {
  aws.clear();
  await resetMoto();
  await resetAwsAuth();
});

/** Runs eks-sfn without blocking this process (the proxy answers from here). */
async function eksSfnAsync(args: readonly string[], env: Record<string, string>) {
  const run = startEksSfn(args, env);
  const status = await run.exited;
  return { status, ...run.output() };
}

async function stateMachineNames(): Promise<string[]> {
  const sfn = new SFNClient(motoClientConfig());
  const listed = await sfn.send(new ListStateMachinesCommand({}));
  return (listed.stateMachines ?? []).map((m) => m.name ?? "");
}

describe("eks-sfn run when the AWS credentials expire mid-run", () => {
  it("exits 3 with one line naming the request and the fix; eks-sfn cleanup --ledger finishes, twice", async () => {
    const stack = testStack();
    const namespace = await createTestNamespace("cli-expired");
    const role = await assumeTestRole("CliFaultsRole");
    const ledger = join(stack.stateDir, `expired-${Date.now()}.ledger.json`);
    const definition = writeTempFile(
      "wait.json",
      JSON.stringify({
        StartAt: "Pause",
        States: { Pause: { Type: "Wait", Seconds: 60, End: true } },
      }),
    );
    // Every AWS answer after the execution started: the credentials have expired.
    let started = false;
    aws.inject({
      match: (request) => {
        if (request.action === "StartExecution" && !started) {
          started = true;
          return false;
        }
        return started;
      },
      fault: awsExpiredToken(),
      times: Infinity,
    });
    const env = cliEnv({ AWS_ENDPOINT_URL: aws.endpoint });
    const run = await eksSfnAsync(
      [
        "run",
        "--engine",
        "aws",
        // moto 5.2.5 answers HTTP 500 to StartExecution on a version ARN.
        "--no-state-machine-versions",
        "--kubeconfig",
        stack.kube.adminKubeconfig,
        "--cluster-name",
        stack.authenticator.clusterId,
        "--role-arn",
        role.roleArn,
        "--namespace",
        namespace,
        "--access-strategy",
        "aws-auth",
        "--definition",
        definition,
        "--ledger",
        ledger,
        "--no-progress",
      ],
      env,
    );
    expect(run.status).toBe(3);
    const errors = run.stderr.trim().split("\n");
    expect(errors).toEqual([
      `eks-sfn: not everything the run made could be removed; finish with: eks-sfn cleanup --ledger ${ledger}`,
      "eks-sfn: RunFailedError: the run failed at watching the execution: AwsRequestError: states:DescribeExecution failed (ExpiredTokenException): The security token included in the request is expired. The AWS credentials expired or are not valid: refresh them (aws sso login, or a new role session) and run again",
    ]);
    // Kubernetes needed no AWS credentials: the grant went; the execution and machine stayed.
    expect(run.stdout).toMatch(
      /^cleanup: execution arn:\S+: FAILED \(states:DescribeExecution failed \(ExpiredTokenException\)/m,
    );
    expect(run.stdout).toMatch(/^cleanup: grant for \S+ in \S+: removed$/m);
    expect(run.stdout).toMatch(
      /^cleanup: state machine arn:\S+: FAILED \(states:ListExecutions failed \(ExpiredTokenException\)/m,
    );
    expect(JSON.stringify(parseAwsAuth((await readAwsAuth())?.data).mapRoles)).toBe(
      JSON.stringify(parseAwsAuth({ mapRoles: SEED_MAP_ROLES }).mapRoles),
    );
    expect(existsSync(ledger)).toBe(true);
    expect(await stateMachineNames()).toHaveLength(1);
    // Not retried: one DescribeExecution for the watch, one for the stop.
    expect(
      aws.requests.filter((r) => r.action === "DescribeExecution" && r.outcome === 400),
    ).toHaveLength(2);

    // Fresh credentials: the printed command finishes the job.
    aws.clear();
    const cleanup = await eksSfnAsync(
      ["cleanup", "--ledger", ledger, "--kubeconfig", stack.kube.adminKubeconfig],
      env,
    );
    expect(cleanup.stderr).toBe("");
    expect(cleanup.status).toBe(0);
    expect(cleanup.stdout).toMatch(/^cleanup: execution arn:\S+: removed$/m);
    expect(cleanup.stdout).toMatch(/^cleanup: state machine arn:\S+: removed$/m);
    expect(await stateMachineNames()).toEqual([]);

    const again = await eksSfnAsync(
      ["cleanup", "--ledger", ledger, "--kubeconfig", stack.kube.adminKubeconfig],
      env,
    );
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/^cleanup: execution arn:\S+: already gone/m);
    expect(again.stdout).toMatch(/^cleanup: state machine arn:\S+: already gone$/m);
  }, 120_000);
});
