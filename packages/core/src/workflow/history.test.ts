import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  type GetExecutionHistoryCommandOutput,
  type HistoryEvent,
} from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SfnProxy, startSfnProxy } from "../../../../test/support/sfn-proxy.ts";
import { testStack } from "../../../../test/support/stack.ts";
import { createHistoryMapper, createHistoryReader } from "./history.ts";
import type { ProgressEvent } from "./progress-event.ts";
import { startExecution as startNamed } from "./start.ts";
import { ensureStateMachine } from "./state-machine.ts";
import {
  manyEvents,
  recordingSleep,
  TEST_ROLE_ARN,
  testSfnClient,
} from "./test-support/machines.ts";
import { watchExecution } from "./watch.ts";

let proxy: SfnProxy;

beforeAll(async () => {
  // moto ignores maxResults, nextToken, reverseOrder and includeExecutionData; this proxy
  // answers the way GetExecutionHistory documents, so paging and data are really exercised.
  proxy = await startSfnProxy({
    target: testStack().moto.endpoint,
    pageHistory: true,
    executionData: true,
  });
});
afterAll(async () => {
  await proxy.close();
});

/** A matrix run as moto can run it: `jobs` iterations, each a Wait and a big task-like result. */
function jobsWithLogs(jobs: number, logBytes: number) {
  const log = "x".repeat(logBytes);
  return {
    StartAt: "Jobs",
    States: {
      Jobs: {
        Type: "Pass",
        Result: Array.from({ length: jobs }, (_, i) => ({ job: i })),
        Next: "Run jobs",
      },
      "Run jobs": {
        Type: "Map",
        MaxConcurrency: 1,
        ItemProcessor: {
          ProcessorConfig: { Mode: "INLINE" },
          StartAt: "Job runs",
          States: {
            "Job runs": { Type: "Wait", Seconds: 1, Next: "Run job" },
            "Run job": {
              Type: "Pass",
              Result: {
                name: "train",
                status: { succeeded: 1, conditions: [{ type: "Complete", status: "True" }] },
                logs: { pods: { "train-x": { containers: { main: { log } } } } },
              },
              ResultPath: "$.result",
              Next: "Record",
            },
            Record: { Type: "Pass", Parameters: { "name.$": "$.result.name" }, End: true },
          },
        },
        End: true,
      },
    },
  } as const;
}

/** The ids of the events each GetExecutionHistory answer carried data (input or output) for. */
function recordDataIds(client: ReturnType<typeof testSfnClient>): number[][] {
  const answers: number[][] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const output = result.output as Partial<GetExecutionHistoryCommandOutput>;
      if (Array.isArray(output.events)) {
        answers.push(output.events.filter(hasData).map((event) => event.id ?? 0));
      }
      return result;
    },
    { step: "initialize", name: "recordDataIds" },
  );
  return answers;
}

function hasData(event: HistoryEvent): boolean {
  return Object.entries(event).some(
    ([key, value]) =>
      key.endsWith("EventDetails") &&
      typeof value === "object" &&
      value !== null &&
      ("input" in value || "output" in value),
  );
}

describe("createHistoryReader", () => {
  it("reads only new events while the execution runs: no page twice, every event once", async () => {
    const direct = testSfnClient();
    const machine = await ensureStateMachine({
      sfn: direct,
      name: `history-${process.pid}-${Date.now()}`,
      definition: manyEvents(5),
      roleArn: TEST_ROLE_ARN,
    });
    const { executionArn } = await startNamed({
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

describe("watching with execution data", () => {
  it("reads each event's data once, yet every state's exit carries its output, in one history read a poll", async () => {
    const direct = testSfnClient();
    const machine = await ensureStateMachine({
      sfn: direct,
      name: `history-data-${process.pid}-${Date.now()}`,
      definition: jobsWithLogs(4, 16 * 1024) as never,
      roleArn: TEST_ROLE_ARN,
    });
    const { executionArn } = await startNamed({
      sfn: direct,
      stateMachineArn: machine.arn,
      name: "data-once",
      input: {},
    });
    const client = testSfnClient(proxy.endpoint);
    const answers = recordDataIds(client);
    const before = proxy.requests.length;
    const watch = watchExecution({
      sfn: client,
      clock: () => new Date(),
      // The schedule's delays, cut to 300 ms of real time: many polls while the Jobs run.
      sleep: recordingSleep(300),
      executionArn,
      includeExecutionData: true,
    });
    const events: ProgressEvent[] = [];
    for await (const event of watch.events) events.push(event);
    const outcome = await watch.outcome;
    expect([outcome.status, outcome.error, outcome.cause]).toEqual([
      "SUCCEEDED",
      undefined,
      undefined,
    ]);

    // What one full read with data says each state's exit put out.
    const full = (await direct.send(new GetExecutionHistoryCommand({ executionArn }))).events ?? [];
    const exits = full.filter((event) => event.type?.endsWith("StateExited"));
    expect(exits.length).toBeGreaterThan(12);
    const seenExits = events.filter((event) => event.type === "state-exited");
    expect(seenExits.map((event) => [event.state, event.output])).toEqual(
      exits.map((event) => [
        event.stateExitedEventDetails?.name,
        JSON.parse(event.stateExitedEventDetails?.output ?? "null"),
      ]),
    );
    expect(events.at(-1)).toMatchObject({ type: "execution-ended", status: "SUCCEEDED" });

    const withData = answers.flat();
    expect(withData.length).toBeGreaterThanOrEqual(exits.length);
    // Each event's data comes once, but for the few a data read's guess overshoots by.
    const times = new Map<number, number>();
    for (const id of withData) times.set(id, (times.get(id) ?? 0) + 1);
    expect(Math.max(...times.values())).toBeLessThanOrEqual(2);
    expect(withData.length).toBeLessThanOrEqual(1.5 * times.size);

    const requests = proxy.requests.slice(before);
    const describes = requests.filter((r) => r.action === "DescribeExecution").length;
    const reads = requests.filter((r) => r.action === "GetExecutionHistory").length;
    expect(describes).toBeGreaterThan(4);
    // One read a poll (pages of 100 hold a poll's events here), one more at the end at most.
    expect(reads).toBeLessThanOrEqual(describes + 1);
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
