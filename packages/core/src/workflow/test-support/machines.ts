// State machines made of Pass, Wait, Choice, Map, Parallel, Task (a Lambda that does not
// exist: moto fails it with Lambda.ResourceNotFoundException, which Retry and Catch
// see) and Fail states, for tests of the workflow code against moto.
import { SFNClient } from "@aws-sdk/client-sfn";
import type { StateMachineDefinition } from "@eks-sfn/rbac";
import { motoClientConfig } from "../../../../../test/support/stack.ts";
import type { Sleep } from "../../time/clock.ts";

export { FAILING, SUCCEEDING } from "./definitions.ts";

export const TEST_ROLE_ARN = "arn:aws:iam::123456789012:role/eks-sfn-test";

/** A Step Functions client for moto (or a proxy in front of it) with the SDK's own retries off. */
export function testSfnClient(endpoint?: string): SFNClient {
  const config = motoClientConfig();
  return new SFNClient({ ...config, ...(endpoint ? { endpoint } : {}), maxAttempts: 1 });
}

/** A sleep that records what it was asked and waits at most `capMs` of real time. */
export function recordingSleep(capMs = 50): Sleep & { readonly asked: number[] } {
  const asked: number[] = [];
  const sleep = (async (ms: number, signal?: AbortSignal) => {
    asked.push(ms);
    signal?.throwIfAborted();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, Math.min(ms, capMs));
      signal?.addEventListener(
        "abort",
        () => {
          clearTimeout(timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }) as Sleep & { asked: number[] };
  sleep.asked = asked;
  return sleep;
}

/** Times out: TimeoutSeconds 1 around a Wait of 30 s. */
export const TIMING_OUT: StateMachineDefinition = {
  StartAt: "Long wait",
  TimeoutSeconds: 1,
  States: { "Long wait": { Type: "Wait", Seconds: 30, End: true } },
};

/** Runs for a minute in one Wait: for stop, abort and timeouts of the watch. */
export const LONG_RUNNING: StateMachineDefinition = {
  StartAt: "Wait a minute",
  States: { "Wait a minute": { Type: "Wait", Seconds: 60, End: true } },
};

/** Many events over a few seconds: a Map of `items` iterations, each a 1 s Wait, one at a time. */
export function manyEvents(items: number): StateMachineDefinition {
  return {
    StartAt: "Items",
    States: {
      Items: { Type: "Pass", Result: Array.from({ length: items }, (_, i) => i), Next: "Slowly" },
      Slowly: {
        Type: "Map",
        MaxConcurrency: 1,
        ItemProcessor: {
          ProcessorConfig: { Mode: "INLINE" },
          StartAt: "Tick",
          States: {
            Tick: { Type: "Wait", Seconds: 1, Next: "Tock" },
            Tock: { Type: "Pass", End: true },
          },
        },
        End: true,
      },
    },
  };
}
