// Watching one Step Functions execution to its end: DescribeExecution on the watch
// schedule, the history read incrementally after each describe (so the events that end
// the execution are in the read that sees it end), progress events as they come.
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import { AwsRequestError } from "../aws/aws-request-error.ts";
import type { ExecutionOutcome } from "../engine/engine.ts";
import { type BackoffPolicy, retryWithBackoff } from "../retry/backoff.ts";
import type { Clock, Sleep } from "../time/clock.ts";
import { createHistoryMapper, createHistoryReader } from "./history.ts";
import type { ExecutionStatus, ProgressEvent } from "./progress-event.ts";
import { DEFAULT_WATCH_SCHEDULE, pollDelayMs, type WatchSchedule } from "./watch-schedule.ts";

/**
 * Backoff for throttled or failed (5xx, broken connection) polls: full jitter from 500 ms
 * up to 20 s, 10 requests in all. The SDK's own retries of a call count against the 10
 * (its `$metadata.attempts`), so a client with the SDK's default 3 attempts makes at
 * most 10 requests for one poll, not 30.
 */
export const WATCH_BACKOFF: BackoffPolicy = { maxAttempts: 10, baseMs: 500, capMs: 20_000 };

/** Extra history reads after DescribeExecution says the execution ended, until its end event shows. */
export const FINAL_HISTORY_READS = 3;

/** The watch ran out of time while the execution was still running (it was not stopped). */
export class WatchTimeoutError extends Error {
  override readonly name = "WatchTimeoutError";
  readonly executionArn: string;
  readonly timeoutMs: number;
  constructor(executionArn: string, timeoutMs: number) {
    super(`${executionArn} was still running after ${timeoutMs} ms of watching`);
    this.executionArn = executionArn;
    this.timeoutMs = timeoutMs;
  }
}

export interface WatchExecutionOptions {
  readonly sfn: SFNClient;
  readonly clock: Clock;
  readonly sleep: Sleep;
  /** Ends the watch (rejecting with the signal's reason); the execution keeps running. */
  readonly signal?: AbortSignal | undefined;
  readonly executionArn: string;
  readonly schedule?: WatchSchedule | undefined;
  /** How long to watch at most, from the first poll, in ms. Default: no limit. */
  readonly timeoutMs?: number | undefined;
  readonly backoff?: BackoffPolicy | undefined;
  /** The random source of the backoff's jitter, in [0, 1). */
  readonly random?: (() => number) | undefined;
  /** GetExecutionHistory page size (1 to 1000). */
  readonly historyPageSize?: number | undefined;
  /**
   * Read the states' outputs too (`includeExecutionData`), so `state-exited` events carry
   * them (the Jobs' task results, for the report). Each output is read once (history.ts):
   * the events from a state's exit on come one poll later. Default false.
   */
  readonly includeExecutionData?: boolean | undefined;
}

export interface ExecutionWatch {
  /** Progress events in order; ends when the execution ends (or throws what ended the watch). Iterate once. */
  readonly events: AsyncIterable<ProgressEvent>;
  /**
   * The execution's end. Rejects with WatchTimeoutError, the signal's reason, or the
   * request error that outlived the backoff.
   */
  readonly outcome: Promise<ExecutionOutcome>;
  /**
   * "The Job just ended" (or anything else that makes the end likely soon): poll now,
   * and restart the schedule from its fast start.
   */
  pollNow(): void;
  /** Polls made so far (DescribeExecution calls that succeeded). */
  readonly polls: number;
}

/**
 * Watches an execution until it leaves RUNNING. Polls DescribeExecution on `schedule`
 * (watch-schedule.ts), then reads the new history events (history.ts) and yields them
 * as ProgressEvents. Throttling (`ThrottlingException`) and 5xx answers are retried
 * with full-jitter backoff (retry/backoff.ts); other errors end the watch. Imitates the
 * polling the Step Functions developer guide recommends for Standard workflows, which
 * have no waiters in the SDK (FACTS.md).
 */
export function watchExecution(options: WatchExecutionOptions): ExecutionWatch {
  const queue = createEventQueue();
  const reader = createHistoryReader({
    sfn: options.sfn,
    executionArn: options.executionArn,
    pageSize: options.historyPageSize,
    includeExecutionData: options.includeExecutionData,
  });
  const mapper = createHistoryMapper();
  let wake: AbortController | undefined;
  let step = 0;
  let polls = 0;

  // One budget for both layers: the requests the SDK already made count (sdkAttempts).
  const call = <T>(action: string, attempt: () => Promise<T>): Promise<T> =>
    retryWithBackoff({
      attempt,
      retryable: isThrottleOrServerError,
      attemptsUsed: sdkAttempts,
      policy: options.backoff ?? WATCH_BACKOFF,
      sleep: options.sleep,
      ...(options.random ? { random: options.random } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    }).catch((error: unknown) => {
      if (options.signal?.aborted) throw error;
      throw new AwsRequestError(action, error);
    });

  async function run(): Promise<ExecutionOutcome> {
    const startedWatching = options.clock().getTime();
    for (;;) {
      options.signal?.throwIfAborted();
      if (
        options.timeoutMs !== undefined &&
        options.clock().getTime() - startedWatching >= options.timeoutMs
      ) {
        throw new WatchTimeoutError(options.executionArn, options.timeoutMs);
      }
      const described = await call("states:DescribeExecution", () =>
        options.sfn.send(
          new DescribeExecutionCommand({ executionArn: options.executionArn }),
          options.signal ? { abortSignal: options.signal } : {},
        ),
      );
      polls += 1;
      let ended = await readHistory();
      if (described.status !== "RUNNING") {
        // The history may lag DescribeExecution by a moment: wait for its last event.
        // Events held back for their data are read at once: nothing lags there.
        for (let extra = 0; !ended && extra < FINAL_HISTORY_READS; extra += 1) {
          if (!reader.holding) {
            await options.sleep(
              pollDelayMs(0, options.schedule ?? DEFAULT_WATCH_SCHEDULE),
              options.signal,
            );
          }
          ended = await readHistory();
        }
        return outcomeOf(described);
      }
      let delay = pollDelayMs(step, options.schedule ?? DEFAULT_WATCH_SCHEDULE);
      step += 1;
      if (options.timeoutMs !== undefined) {
        // Never sleep past the deadline: the last poll happens at the timeout, not after it.
        const left = startedWatching + options.timeoutMs - options.clock().getTime();
        delay = Math.max(0, Math.min(delay, left));
      }
      await pause(delay);
    }
  }

  // Reads and queues the new events; true once the execution's end event was among them.
  let sawEnd = false;
  async function readHistory(): Promise<boolean> {
    const events = await call("states:GetExecutionHistory", () => reader.readNew(options.signal));
    for (const event of mapper.map(events)) {
      if (event.type === "execution-ended") sawEnd = true;
      queue.push(event);
    }
    return sawEnd;
  }

  // Sleeps the scheduled delay, cut short by pollNow(); the outer signal still throws.
  async function pause(ms: number): Promise<void> {
    wake = new AbortController();
    const signals = options.signal ? [options.signal, wake.signal] : [wake.signal];
    try {
      await options.sleep(ms, AbortSignal.any(signals));
    } catch (error) {
      if (options.signal?.aborted || !wake.signal.aborted) throw error;
    } finally {
      wake = undefined;
    }
  }

  const outcome = run().then(
    (result) => {
      queue.end();
      return result;
    },
    (failure: unknown) => {
      // An aborted request rejects with the SDK's AbortError: report the caller's reason.
      const error = options.signal?.aborted ? options.signal.reason : failure;
      queue.fail(error);
      throw error;
    },
  );
  // The caller may only read events; the outcome's rejection is theirs to see there.
  outcome.catch(() => undefined);

  return {
    events: queue.iterable,
    outcome,
    pollNow() {
      step = 0;
      wake?.abort();
    },
    get polls() {
      return polls;
    },
  };
}

/** DescribeExecution's answer as an ExecutionOutcome (output parsed from its JSON text). */
export function outcomeOf(described: DescribeExecutionCommandOutput): ExecutionOutcome {
  let output: unknown;
  if (described.output !== undefined) {
    try {
      output = JSON.parse(described.output);
    } catch {
      output = described.output;
    }
  }
  return {
    status: (described.status ?? "RUNNING") as ExecutionStatus,
    output,
    outputText: described.output,
    error: described.error || undefined,
    cause: described.cause || undefined,
    startedAt: described.startDate ?? new Date(0),
    stoppedAt: described.stopDate,
  };
}

/** How many requests one failed SDK call made (its retries included): `$metadata.attempts`. */
export function sdkAttempts(error: unknown): number {
  const attempts = (error as { $metadata?: { attempts?: unknown } } | undefined)?.$metadata
    ?.attempts;
  return typeof attempts === "number" && attempts > 0 ? attempts : 1;
}

/** Node's codes for a connection that broke or could not be made (as the SDK's retry sees them). */
const BROKEN_CONNECTION_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT"]);

/**
 * ThrottlingException (or any throttling error the SDK marks), HTTP 5xx answers, and a
 * connection that broke before an answer. Not expired or invalid credentials
 * (ExpiredTokenException, UnrecognizedClientException: 400s): those fail at once.
 */
export function isThrottleOrServerError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && BROKEN_CONNECTION_CODES.has(code)) return true;
  const e = error as {
    name?: string;
    $retryable?: { throttling?: boolean };
    $metadata?: { httpStatusCode?: number };
    $fault?: string;
  };
  if (e.name === "ThrottlingException" || e.$retryable?.throttling) return true;
  const status = e.$metadata?.httpStatusCode;
  return (status !== undefined && status >= 500) || e.$fault === "server";
}

interface EventQueue {
  push(event: ProgressEvent): void;
  end(): void;
  fail(error: unknown): void;
  readonly iterable: AsyncIterable<ProgressEvent>;
}

function createEventQueue(): EventQueue {
  const buffered: ProgressEvent[] = [];
  let done = false;
  let failure: { error: unknown } | undefined;
  let notify: (() => void) | undefined;
  const signal = (): void => {
    notify?.();
    notify = undefined;
  };
  return {
    push(event) {
      buffered.push(event);
      signal();
    },
    end() {
      done = true;
      signal();
    },
    fail(error) {
      failure = { error };
      done = true;
      signal();
    },
    iterable: {
      async *[Symbol.asyncIterator]() {
        for (;;) {
          const next = buffered.shift();
          if (next) {
            yield next;
            continue;
          }
          if (failure) throw failure.error;
          if (done) return;
          await new Promise<void>((resolve) => {
            notify = resolve;
          });
        }
      },
    },
  };
}
