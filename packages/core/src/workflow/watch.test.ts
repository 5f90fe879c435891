import { DescribeExecutionCommand, SFNClient } from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectEvents } from "../../../../test/support/events.ts";
import { rejection } from "../../../../test/support/rejection.ts";
import { type SfnProxy, startSfnProxy } from "../../../../test/support/sfn-proxy.ts";
import { motoClientConfig, testStack } from "../../../../test/support/stack.ts";
import { waitUntil } from "../../../../test/support/wait-until.ts";
import { fullJitterDelay } from "../retry/backoff.ts";
import { systemClock } from "../time/clock.ts";
import type { ProgressEvent } from "./progress-event.ts";
import { startExecution } from "./start.ts";
import { ensureStateMachine } from "./state-machine.ts";
import { stopExecution } from "./stop.ts";
import {
  FAILING,
  LONG_RUNNING,
  recordingSleep,
  SUCCEEDING,
  TEST_ROLE_ARN,
  TIMING_OUT,
  testSfnClient,
} from "./test-support/machines.ts";
import { WATCH_BACKOFF, WatchTimeoutError, watchExecution } from "./watch.ts";
import { pollDelayMs } from "./watch-schedule.ts";

let proxy: SfnProxy;
let counter = 0;

beforeAll(async () => {
  proxy = await startSfnProxy({ target: testStack().moto.endpoint });
});
afterAll(async () => {
  await proxy.close();
});

async function started(definition: object): Promise<string> {
  counter += 1;
  const sfn = testSfnClient();
  const machine = await ensureStateMachine({
    sfn,
    name: `watch-${process.pid}-${Date.now()}-${counter}`,
    definition: definition as never,
    roleArn: TEST_ROLE_ARN,
  });
  const execution = await startExecution({
    sfn,
    stateMachineArn: machine.arn,
    name: `w${counter}`,
    input: {},
  });
  return execution.executionArn;
}

/** Watches an execution on moto with the real clock and a sleep of at most `capMs`. */
function watchOnMoto(executionArn: string, capMs: number) {
  return watchExecution({
    sfn: testSfnClient(),
    clock: systemClock,
    sleep: recordingSleep(capMs),
    executionArn,
  });
}

/** Stops an execution a test left running, so moto does not keep it. */
async function stopLeftRunning(executionArn: string): Promise<void> {
  await stopExecution({ sfn: testSfnClient(), executionArn, error: "Test.Done", cause: "cleanup" });
}

const brief = (events: ProgressEvent[]): string[] =>
  events.map((e) => {
    switch (e.type) {
      case "state-entered":
      case "state-exited":
        return `${e.type.slice(6)} ${e.state}`;
      case "state-failed":
      case "state-retried":
      case "state-caught":
        return `${e.type.slice(6)} ${e.state} ${e.error}`;
      case "map-item":
        return `item ${e.state}[${e.index}] ${e.status}`;
      case "execution-ended":
        return `ended ${e.status}${e.error ? ` ${e.error}` : ""}`;
      default:
        return e.type;
    }
  });

describe("watchExecution on moto", () => {
  it("follows a succeeding execution through Pass, Wait, Map, Parallel and Choice to SUCCEEDED", async () => {
    const executionArn = await started(SUCCEEDING);
    const watch = watchOnMoto(executionArn, 200);
    const events = await collectEvents(watch.events);
    const outcome = await watch.outcome;
    expect(outcome.status).toBe("SUCCEEDED");
    expect(outcome.output).toMatchObject({ items: [1, 2, 3], mapped: [1, 2, 3] });
    const seen = brief(events);
    expect(seen[0]).toBe("execution-started");
    expect(seen.at(-1)).toBe("ended SUCCEEDED");
    for (const state of [
      "Prepare",
      "Pause",
      "Each item",
      "Both",
      "Left",
      "Right",
      "Decide",
      "Done",
    ]) {
      expect(seen).toContain(`entered ${state}`);
    }
    expect(seen.filter((s) => s === "entered Item")).toHaveLength(3);
    expect(seen.filter((s) => /^item Each item\[\d\] succeeded$/.test(s))).toHaveLength(3);
    expect(seen.some((s) => s.startsWith("failed"))).toBe(false);
    // Each event once, in time order.
    const times = events.map((e) => e.at.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it("reports a retried and caught Task, a caught Parallel and the Fail state that ended it", async () => {
    const executionArn = await started(FAILING);
    const watch = watchOnMoto(executionArn, 200);
    const seen = brief(await collectEvents(watch.events));
    const outcome = await watch.outcome;
    expect(outcome).toMatchObject({ status: "FAILED", error: "Job.Failed" });
    expect(outcome.cause).toContain("BackoffLimitExceeded");
    const lambdaError = "Lambda.ResourceNotFoundException";
    expect(seen.filter((s) => s.startsWith("failed Call"))).toEqual([
      `failed Call ${lambdaError}`,
      `failed Call ${lambdaError}`,
    ]);
    expect(seen).toContain(`retried Call ${lambdaError}`);
    expect(seen).toContain(`caught Call ${lambdaError}`);
    expect(seen).toContain("caught Branches States.BranchFailed");
    expect(seen).toContain("failed Give up Job.Failed");
    expect(seen.at(-1)).toBe("ended FAILED Job.Failed");
  });

  it("reports an execution that timed out as TIMED_OUT with States.Timeout", async () => {
    const executionArn = await started(TIMING_OUT);
    const watch = watchOnMoto(executionArn, 200);
    const seen = brief(await collectEvents(watch.events));
    expect((await watch.outcome).status).toBe("TIMED_OUT");
    expect(seen).toContain("failed Long wait States.Timeout");
    expect(seen.at(-1)).toBe("ended TIMED_OUT States.Timeout");
  });

  it("sees a stopped execution end ABORTED; the stop sends its error and cause, cut to the API's limits", async () => {
    const executionArn = await started(LONG_RUNNING);
    const sfn = testSfnClient();
    const watch = watchExecution({
      sfn,
      clock: systemClock,
      sleep: recordingSleep(100),
      executionArn,
    });
    const before = proxy.requests.length;
    const stopped = await stopExecution({
      sfn: testSfnClient(proxy.endpoint),
      executionArn,
      error: "Test.Stopped",
      cause: "c".repeat(40_000),
    });
    expect(stopped.stopped).toBe(true);
    const stop = proxy.requests.slice(before).find((r) => r.action === "StopExecution");
    expect(stop?.body).toEqual({ executionArn, error: "Test.Stopped", cause: "c".repeat(32_768) });
    watch.pollNow();
    const seen = brief(await collectEvents(watch.events));
    expect((await watch.outcome).status).toBe("ABORTED");
    expect(seen.at(-1)).toMatch(/^ended ABORTED/);
    // Stopping again does nothing: the execution has ended.
    expect(
      (await stopExecution({ sfn, executionArn, error: "Again", cause: "again" })).stopped,
    ).toBe(false);
  });
});

describe("watchExecution's schedule, timeout, abort and pollNow (injected clock and sleep)", () => {
  it("sleeps the schedule's delays between polls and ends with WatchTimeoutError at the timeout", async () => {
    const executionArn = await started(LONG_RUNNING);
    let now = 0;
    const asked: number[] = [];
    const watch = watchExecution({
      sfn: testSfnClient(),
      clock: () => new Date(now),
      sleep: async (ms) => {
        asked.push(ms);
        now += ms;
      },
      executionArn,
      timeoutMs: 30_000,
    });
    const error = await rejection(watch.outcome);
    expect(error).toBeInstanceOf(WatchTimeoutError);
    // The schedule's delays, the last one cut so the watch ends exactly at the timeout.
    expect(asked.slice(0, -1)).toEqual(asked.slice(0, -1).map((_, step) => pollDelayMs(step)));
    expect(asked.at(-1)).toBeLessThanOrEqual(pollDelayMs(asked.length - 1));
    expect(asked.reduce((a, b) => a + b, 0)).toBe(30_000);
    expect(watch.polls).toBe(asked.length);
    await rejection(collectEvents(watch.events));
    await stopLeftRunning(executionArn);
  });

  it("stays within 20 Step Functions calls a minute in steady state, counted at the proxy", async () => {
    const executionArn = await started(LONG_RUNNING);
    let now = 0;
    // [simulated ms, requests the proxy had seen by then]
    const marks: [number, number][] = [];
    const before = proxy.requests.length;
    const watch = watchExecution({
      sfn: testSfnClient(proxy.endpoint),
      clock: () => new Date(now),
      sleep: async (ms) => {
        marks.push([now, proxy.requests.length - before]);
        now += ms;
      },
      executionArn,
      timeoutMs: 6 * 60_000,
    });
    expect(await rejection(watch.outcome)).toBeInstanceOf(WatchTimeoutError);
    const callsBy = (t: number): number => marks.filter(([at]) => at <= t).at(-1)?.[1] ?? 0;
    for (let start = 60_000; start + 60_000 <= 6 * 60_000; start += 10_000) {
      expect(callsBy(start + 60_000) - callsBy(start)).toBeLessThanOrEqual(20);
    }
    // Fast at first: the first minute makes more calls than a steady one.
    expect(callsBy(60_000)).toBeGreaterThan(callsBy(6 * 60_000) - callsBy(5 * 60_000));
    await stopLeftRunning(executionArn);
  });

  it("polls at once and restarts the fast schedule when told the Job just ended", async () => {
    const executionArn = await started(LONG_RUNNING);
    const asked: number[] = [];
    let sleeping: (() => void) | undefined;
    let stopped = false;
    const watch = watchExecution({
      sfn: testSfnClient(),
      clock: systemClock,
      // Sleeps until woken: only pollNow (or the test's abort) ends a pause. Once the
      // execution is stopped, the watch's extra history reads (moto's history may lag
      // the stop) sleep no more.
      sleep: (ms, signal) =>
        new Promise((resolve, reject) => {
          asked.push(ms);
          sleeping = resolve;
          if (stopped) resolve();
          signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
        }),
      executionArn,
      schedule: { initialMs: 1_000, factor: 2, steadyMs: 10_000 },
    });
    await waitUntil(() => asked.length === 1, { intervalMs: 10 });
    sleeping?.(); // the first pause ends normally
    await waitUntil(() => asked.length === 2, { intervalMs: 10 });
    expect(asked).toEqual([1_000, 2_000]);
    watch.pollNow();
    await waitUntil(() => asked.length === 3, { intervalMs: 10 });
    expect(watch.polls).toBe(3);
    expect(asked[2]).toBe(1_000);
    await stopLeftRunning(executionArn);
    stopped = true;
    watch.pollNow();
    expect((await watch.outcome).status).toBe("ABORTED");
  });

  it("ends the watch with the signal's reason when aborted, leaving the execution running", async () => {
    const executionArn = await started(LONG_RUNNING);
    const controller = new AbortController();
    const watch = watchExecution({
      sfn: testSfnClient(),
      clock: systemClock,
      sleep: recordingSleep(20),
      signal: controller.signal,
      executionArn,
    });
    await waitUntil(() => watch.polls >= 1, { intervalMs: 10 });
    controller.abort(new Error("user cancelled"));
    expect(await rejection(watch.outcome)).toMatchObject({ message: "user cancelled" });
    const still = await testSfnClient().send(new DescribeExecutionCommand({ executionArn }));
    expect(still.status).toBe("RUNNING");
    await stopLeftRunning(executionArn);
  });
});

describe("watchExecution under throttling (a fault-injecting proxy in front of moto)", () => {
  it("backs off with full jitter on ThrottlingException and 503, then carries on", async () => {
    const executionArn = await started(SUCCEEDING);
    const sleep = recordingSleep(5);
    const before = proxy.requests.length;
    proxy.injectFault("DescribeExecution", 3, "throttle");
    const watch = watchExecution({
      sfn: testSfnClient(proxy.endpoint),
      clock: systemClock,
      sleep,
      random: () => 0.5,
      executionArn,
    });
    await waitUntil(() => watch.polls >= 1, { intervalMs: 10 });
    proxy.injectFault("GetExecutionHistory", 1, 503);
    expect((await watch.outcome).status).toBe("SUCCEEDED");
    const describes = proxy.requests.slice(before).filter((r) => r.action === "DescribeExecution");
    expect(describes.slice(0, 4).map((r) => r.status)).toEqual([400, 400, 400, 200]);
    expect(
      proxy.requests
        .slice(before)
        .some((r) => r.action === "GetExecutionHistory" && r.status === 503),
    ).toBe(true);
    const backoff = [1, 2, 3].map((retry) => fullJitterDelay(WATCH_BACKOFF, retry, () => 0.5));
    expect(sleep.asked.slice(0, 3)).toEqual(backoff);
    expect(sleep.asked).toContain(fullJitterDelay(WATCH_BACKOFF, 1, () => 0.5));
  });

  it("gives up naming the operation and the ThrottlingException when throttling outlasts the backoff", async () => {
    const executionArn = await started(LONG_RUNNING);
    proxy.injectFault("DescribeExecution", 100, "throttle");
    const watch = watchExecution({
      sfn: testSfnClient(proxy.endpoint),
      clock: systemClock,
      sleep: async () => undefined,
      backoff: { maxAttempts: 4, baseMs: 100, capMs: 1_000 },
      executionArn,
    });
    expect(await rejection(watch.outcome)).toMatchObject({
      name: "AwsRequestError",
      action: "states:DescribeExecution",
      errorName: "ThrottlingException",
      message: "states:DescribeExecution failed (ThrottlingException): Rate exceeded",
    });
    proxy.injectFault("DescribeExecution", 0);
    await stopLeftRunning(executionArn);
  });
});

describe("watchExecution retries once, not twice over (the SDK's own retries count)", () => {
  it("makes at most WATCH_BACKOFF.maxAttempts requests for a poll when the client retries 3 times itself", async () => {
    const executionArn = await started(LONG_RUNNING);
    const before = proxy.requests.length;
    proxy.injectFault("DescribeExecution", 100, 503);
    // The SDK's default client: standard retry mode, 3 attempts per call.
    const sfn = new SFNClient({ ...motoClientConfig(), endpoint: proxy.endpoint, maxAttempts: 3 });
    const sleep = recordingSleep(1);
    const watch = watchExecution({ sfn, clock: systemClock, sleep, executionArn });
    expect(await rejection(watch.outcome)).toMatchObject({
      name: "AwsRequestError",
      action: "states:DescribeExecution",
    });
    const describes = proxy.requests.slice(before).filter((r) => r.action === "DescribeExecution");
    // 4 calls of 3 requests reach 12 >= 10; our layer slept between calls only (3 times).
    expect(describes).toHaveLength(12);
    expect(describes.every((r) => r.status === 503)).toBe(true);
    expect(sleep.asked).toHaveLength(3);
    proxy.injectFault("DescribeExecution", 0);
    await stopLeftRunning(executionArn);
  });

  it("fails at once, with what to do, when the credentials expired (never retried)", async () => {
    const executionArn = await started(LONG_RUNNING);
    const before = proxy.requests.length;
    proxy.injectFault("DescribeExecution", 100, "expired");
    const sfn = new SFNClient({ ...motoClientConfig(), endpoint: proxy.endpoint, maxAttempts: 3 });
    const watch = watchExecution({
      sfn,
      clock: systemClock,
      sleep: recordingSleep(1),
      executionArn,
    });
    const error = await rejection(watch.outcome);
    expect(error).toMatchObject({ name: "AwsRequestError", errorName: "ExpiredTokenException" });
    expect((error as Error).message).toMatch(
      /^states:DescribeExecution failed \(ExpiredTokenException\): The security token included in the request is expired\. The AWS credentials expired or are not valid: refresh them/,
    );
    expect(
      proxy.requests.slice(before).filter((r) => r.action === "DescribeExecution"),
    ).toHaveLength(1);
    proxy.injectFault("DescribeExecution", 0);
    await stopLeftRunning(executionArn);
  });
});

describe("watchExecution when the history lags DescribeExecution", () => {
  it("reads the history again until the execution's end event shows", async () => {
    const executionArn = await started({
      StartAt: "Only",
      States: { Only: { Type: "Pass", End: true } },
    });
    const sfn = testSfnClient();
    await waitUntil(
      async () =>
        (await sfn.send(new DescribeExecutionCommand({ executionArn }))).status !== "RUNNING",
    );
    const before = proxy.requests.length;
    proxy.injectFault("GetExecutionHistory", 1, "lag");
    const watch = watchExecution({
      sfn: testSfnClient(proxy.endpoint),
      clock: systemClock,
      sleep: recordingSleep(5),
      executionArn,
    });
    const seen = brief(await collectEvents(watch.events));
    expect((await watch.outcome).status).toBe("SUCCEEDED");
    expect(seen.at(-1)).toBe("ended SUCCEEDED");
    expect(
      proxy.requests.slice(before).filter((r) => r.action === "GetExecutionHistory"),
    ).toHaveLength(2);
    expect(watch.polls).toBe(1);
  });
});
