import { DescribeStateMachineCommand, ListTagsForResourceCommand } from "@aws-sdk/client-sfn";
import { type StateMachineDefinition, UserInputError } from "@eks-sfn/rbac";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rejection } from "../../../../test/support/rejection.ts";
import { type SfnProxy, startSfnProxy } from "../../../../test/support/sfn-proxy.ts";
import { testStack } from "../../../../test/support/stack.ts";
import { canonicalJson, ensureStateMachine } from "./state-machine.ts";
import { FAILING, SUCCEEDING, TEST_ROLE_ARN, testSfnClient } from "./test-support/machines.ts";

let proxy: SfnProxy;
let counter = 0;
const uniqueName = (): string => `ensure-${process.pid}-${Date.now()}-${++counter}`;

beforeAll(async () => {
  proxy = await startSfnProxy({ target: testStack().moto.endpoint });
});
afterAll(async () => {
  await proxy.close();
});

const actions = (from: number): string[] => proxy.requests.slice(from).map((r) => r.action);

describe("ensureStateMachine", () => {
  it("creates a STANDARD machine with its tags once, then leaves it alone", async () => {
    const sfn = testSfnClient(proxy.endpoint);
    const name = uniqueName();
    const request = {
      sfn,
      name,
      definition: SUCCEEDING,
      roleArn: TEST_ROLE_ARN,
      tags: { run: "42" },
    };

    const first = await ensureStateMachine(request);
    expect(first).toMatchObject({ created: true, updated: false });
    const described = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: first.arn }),
    );
    expect(described.type).toBe("STANDARD");
    expect(described.roleArn).toBe(TEST_ROLE_ARN);
    const tags = await sfn.send(new ListTagsForResourceCommand({ resourceArn: first.arn }));
    expect(tags.tags).toEqual([{ key: "run", value: "42" }]);

    const before = proxy.requests.length;
    const second = await ensureStateMachine(request);
    expect(second).toEqual({ arn: first.arn, created: false, updated: false });
    expect(actions(before)).not.toContain("CreateStateMachine");
    expect(actions(before)).not.toContain("UpdateStateMachine");
  });

  it("does not update when only key order or spacing differ", async () => {
    const sfn = testSfnClient(proxy.endpoint);
    const name = uniqueName();
    await ensureStateMachine({ sfn, name, definition: SUCCEEDING, roleArn: TEST_ROLE_ARN });
    const reordered = JSON.parse(canonicalJson(JSON.stringify(SUCCEEDING)));
    const before = proxy.requests.length;
    const again = await ensureStateMachine({
      sfn,
      name,
      definition: reordered,
      roleArn: TEST_ROLE_ARN,
    });
    expect(again.updated).toBe(false);
    expect(actions(before)).not.toContain("UpdateStateMachine");
  });

  it("updates the definition when it changed, and the role when it changed", async () => {
    const sfn = testSfnClient(proxy.endpoint);
    const name = uniqueName();
    const created = await ensureStateMachine({
      sfn,
      name,
      definition: SUCCEEDING,
      roleArn: TEST_ROLE_ARN,
    });

    const changed = await ensureStateMachine({
      sfn,
      name,
      definition: FAILING,
      roleArn: TEST_ROLE_ARN,
    });
    expect(changed).toEqual({ arn: created.arn, created: false, updated: true });
    const afterDefinition = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: created.arn }),
    );
    expect(canonicalJson(afterDefinition.definition ?? "")).toBe(
      canonicalJson(JSON.stringify(FAILING)),
    );

    const otherRole = "arn:aws:iam::123456789012:role/service-role/other";
    const moved = await ensureStateMachine({ sfn, name, definition: FAILING, roleArn: otherRole });
    expect(moved.updated).toBe(true);
    const afterRole = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: created.arn }),
    );
    expect(afterRole.roleArn).toBe(otherRole);
    const updates = proxy.requests.filter((r) => r.action === "UpdateStateMachine");
    expect(updates.at(-1)?.body).toEqual({ stateMachineArn: created.arn, roleArn: otherRole });
  });

  it("refuses a malformed role ARN before any request, naming the input", async () => {
    const before = proxy.requests.length;
    const error = await rejection(
      ensureStateMachine({
        sfn: testSfnClient(proxy.endpoint),
        name: uniqueName(),
        definition: SUCCEEDING,
        roleArn: "arn:aws:iam::123456789012:user/alice",
        inputs: { roleArn: "state-machine-role-arn" },
      }),
    );
    expect(error).toBeInstanceOf(UserInputError);
    expect((error as UserInputError).input).toBe("state-machine-role-arn");
    expect(proxy.requests.length).toBe(before);
  });

  it("turns a definition Step Functions rejects into a UserInputError naming the definition input", async () => {
    const broken = { StartAt: "Jump", States: { Jump: { Type: "Teleport", End: true } } };
    const error = await rejection(
      ensureStateMachine({
        sfn: testSfnClient(proxy.endpoint),
        name: uniqueName(),
        definition: broken as unknown as StateMachineDefinition,
        roleArn: TEST_ROLE_ARN,
        inputs: { definition: "definition-file" },
      }),
    );
    expect(error).toBeInstanceOf(UserInputError);
    expect((error as UserInputError).input).toBe("definition-file");
    expect((error as Error).message).toMatch(/rejected the definition/);
  });
});
