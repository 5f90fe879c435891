import {
  DescribeExecutionCommand,
  ListExecutionsCommand,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import { UserInputError } from "@eks-sfn/rbac";
import { describe, expect, it } from "vitest";
import { rejection } from "../../../../test/support/rejection.ts";
import { executionNameForRun } from "./execution-name.ts";
import { executionArnFor, startExecution } from "./start.ts";
import { ensureStateMachine } from "./state-machine.ts";
import { stopExecution } from "./stop.ts";
import { LONG_RUNNING, SUCCEEDING, TEST_ROLE_ARN, testSfnClient } from "./test-support/machines.ts";

let counter = 0;
async function machine(definition = LONG_RUNNING): Promise<string> {
  counter += 1;
  const ensured = await ensureStateMachine({
    sfn: testSfnClient(),
    name: `start-${process.pid}-${Date.now()}-${counter}`,
    definition,
    roleArn: TEST_ROLE_ARN,
  });
  return ensured.arn;
}

/**
 * Waits until the execution has left RUNNING: StopExecution only asks moto's worker
 * thread to stop, and the status turns ABORTED when that thread gets there (later on a
 * busy machine). A start before then meets a RUNNING execution of that name and input,
 * which StartExecution returns as its idempotent answer, not as an ended one.
 */
async function untilEnded(sfn: SFNClient, executionArn: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (status !== "RUNNING" || Date.now() > deadline) return status ?? "";
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("executionArnFor", () => {
  it("gives the machine's execution ARN for the machine and for any of its versions", () => {
    const machine = "arn:aws:states:us-east-1:123456789012:stateMachine:eks-sfn-run-job";
    const expected = "arn:aws:states:us-east-1:123456789012:execution:eks-sfn-run-job:run-1";
    expect(executionArnFor(machine, "run-1")).toBe(expected);
    expect(executionArnFor(`${machine}:17`, "run-1")).toBe(expected);
  });
});

describe("startExecution", () => {
  it("starts one execution when started twice with one name and input", async () => {
    const sfn = testSfnClient();
    const stateMachineArn = await machine();
    const name = executionNameForRun({ runId: "1001", attempt: 1, job: "run" });
    const input = { cluster: { name: "c1" }, n: 1 };

    const first = await startExecution({ sfn, stateMachineArn, name, input });
    const second = await startExecution({
      sfn,
      stateMachineArn,
      name,
      input: { n: 1, cluster: { name: "c1" } },
    });
    expect(second.executionArn).toBe(first.executionArn);
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn }));
    expect(listed.executions?.map((e) => e.name)).toEqual([name]);
    await stopExecution({
      sfn,
      executionArn: first.executionArn,
      error: "Test.Done",
      cause: "cleanup",
    });
  });

  it("finds the ended execution of the same name and input instead of failing", async () => {
    const sfn = testSfnClient();
    const stateMachineArn = await machine();
    const name = "ended-then-retried";
    const first = await startExecution({ sfn, stateMachineArn, name, input: { a: 1 } });
    await stopExecution({
      sfn,
      executionArn: first.executionArn,
      error: "Test.Stop",
      cause: "ended",
    });
    expect(await untilEnded(sfn, first.executionArn)).toBe("ABORTED");
    const again = await startExecution({ sfn, stateMachineArn, name, input: { a: 1 } });
    expect(again).toMatchObject({ executionArn: first.executionArn, existing: true });
  });

  it("refuses a name already used with another input, naming the input", async () => {
    const sfn = testSfnClient();
    const stateMachineArn = await machine(SUCCEEDING);
    await startExecution({ sfn, stateMachineArn, name: "taken", input: { a: 1 } });
    const error = await rejection(
      startExecution({
        sfn,
        stateMachineArn,
        name: "taken",
        input: { a: 2 },
        nameInput: "execution-name",
      }),
    );
    expect(error).toBeInstanceOf(UserInputError);
    expect((error as UserInputError).input).toBe("execution-name");
    expect((error as Error).message).toContain("different input");
  });
});
