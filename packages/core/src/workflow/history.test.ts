import { DescribeExecutionCommand, GetExecutionHistoryCommand } from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SfnProxy, startSfnProxy } from "../../../../test/support/sfn-proxy.ts";
import { testStack } from "../../../../test/support/stack.ts";
import { createHistoryMapper, createHistoryReader } from "./history.ts";
import { startExecution } from "./start.ts";
import { ensureStateMachine } from "./state-machine.ts";
import { manyEvents, TEST_ROLE_ARN, testSfnClient } from "./test-support/machines.ts";

let proxy: SfnProxy;

beforeAll(async () => {
  // moto ignores maxResults, nextToken and reverseOrder; this proxy pages its answers
  // the way GetExecutionHistory documents, so paging is really exercised.
  proxy = await startSfnProxy({ target: testStack().moto.endpoint, pageHistory: true });
});
afterAll(async () => {
  await proxy.close();
});

describe("createHistoryReader", () => {
  it("reads only new events while the execution runs: no page twice, every event once", async () => {
    const direct = testSfnClient();
    const machine = await ensureStateMachine({
      sfn: direct,
      name: `history-${process.pid}-${Date.now()}`,
      definition: manyEvents(5),
      roleArn: TEST_ROLE_ARN,
    });
    const { executionArn } = await startExecution({
      sfn: direct,
      stateMachineArn: machine.arn,
      name: "incremental",
      input: {},
    });
    const pageSize = 4;
    const reader = createHistoryReader({
      sfn: testSfnClient(proxy.endpoint),
      executionArn,
      pageSize,
    });
    const before = proxy.requests.length;
    const collected: number[] = [];
    let reads = 0;
    let running = true;
    while (running) {
      running =
        (await direct.send(new DescribeExecutionCommand({ executionArn }))).status === "RUNNING";
      const fresh = await reader.readNew();
      reads += 1;
      collected.push(...fresh.map((event) => event.id ?? 0));
      if (running) await new Promise((resolve) => setTimeout(resolve, 300));
    }

    const all = (await direct.send(new GetExecutionHistoryCommand({ executionArn }))).events ?? [];
    expect(all.length).toBeGreaterThan(3 * pageSize);
    expect(collected).toEqual(all.map((event) => event.id));
    expect(reads).toBeGreaterThan(3);

    const requests = proxy.requests.slice(before).filter((r) => r.action === "GetExecutionHistory");
    expect(requests).toHaveLength(reader.requests);
    const tokens = requests.map((r) => r.body.nextToken).filter((t) => t !== undefined);
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const request of requests) {
      expect(request.body).toMatchObject({ reverseOrder: true, maxResults: pageSize });
    }
    // Each read ends on the first page that holds an event it had already returned, so
    // at most one page per read repeats anything: never the whole history again.
    expect(reader.requests).toBeLessThanOrEqual(reads + Math.ceil(all.length / pageSize));
  });
});

describe("createHistoryMapper", () => {
  it("keeps what it learned across calls: a failure in one read, its retry in the next", () => {
    const at = new Date("2026-11-30T00:00:00Z");
    const mapper = createHistoryMapper();
    const first = mapper.map([
      { id: 1, type: "ExecutionStarted", timestamp: at },
      {
        id: 2,
        previousEventId: 1,
        type: "TaskStateEntered",
        timestamp: at,
        stateEnteredEventDetails: { name: "Run" },
      },
      { id: 3, previousEventId: 2, type: "TaskScheduled", timestamp: at },
      {
        id: 4,
        previousEventId: 3,
        type: "TaskFailed",
        timestamp: at,
        taskFailedEventDetails: {
          resourceType: "eks",
          resource: "runJob.sync",
          error: "EKS.409",
          cause: "exists",
        },
      },
    ]);
    const second = mapper.map([
      { id: 5, previousEventId: 4, type: "TaskScheduled", timestamp: at },
      { id: 6, previousEventId: 5, type: "TaskSucceeded", timestamp: at },
      {
        id: 7,
        previousEventId: 6,
        type: "TaskStateExited",
        timestamp: at,
        stateExitedEventDetails: { name: "Run" },
      },
      { id: 8, previousEventId: 7, type: "ExecutionSucceeded", timestamp: at },
    ]);
    expect(first.map((e) => e.type)).toEqual([
      "execution-started",
      "state-entered",
      "state-failed",
    ]);
    expect(first[2]).toMatchObject({ state: "Run", error: "EKS.409", cause: "exists" });
    expect(second.map((e) => e.type)).toEqual(["state-retried", "state-exited", "execution-ended"]);
    expect(second[0]).toMatchObject({ state: "Run", error: "EKS.409" });
  });
});
