import { ListExecutionsCommand } from "@aws-sdk/client-sfn";
import { UserInputError } from "@eks-sfn/rbac";
import { describe, expect, it } from "vitest";
import { rejection } from "../../../../test/support/rejection.ts";
import { executionNameForRun } from "./execution-name.ts";
import { startExecution } from "./start.ts";
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
