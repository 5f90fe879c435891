// An execution's history, read incrementally and turned into ProgressEvents: each poll
// asks GetExecutionHistory for the newest events first and stops at the first event it
// has seen, so no page is read twice and a long execution is not read from the start
// again at every poll (FACTS.md "Step Functions API"). Execution data (inputs and
// outputs, up to 256 KiB an event) is read about once an event: a poll reads without
// it, and the next poll reads back with it only as far as the oldest event that needs it.
import { GetExecutionHistoryCommand, type HistoryEvent, type SFNClient } from "@aws-sdk/client-sfn";
import type { ExecutionStatus, ProgressEvent } from "./progress-event.ts";

/** GetExecutionHistory's largest page. */
export const HISTORY_MAX_PAGE_SIZE = 1000;

/**
 * Events beyond the held ones a data read asks for in its first page: room for what came
 * since the last read. When more came, the read takes another page of the same size.
 */
export const DATA_READ_SLACK = 5;

export interface HistoryReader {
  /**
   * The events added since the last call, oldest first (each event once). Follows
   * `nextToken` newest-first until it meets an event it has already read. With execution
   * data, an event that needs its data (and every event after it) is held back until the
   * next call has read it with its data.
   * @throws the SDK's error for a failed request (the caller decides on retries;
   *   a retry repeats only the read that failed, and a failed read changes nothing).
   */
  readNew(signal?: AbortSignal): Promise<HistoryEvent[]>;
  /** The id of the newest event read so far, returned or held back (0 before any). */
  readonly lastEventId: number;
  /** True when events read without their data are held back for the next call. */
  readonly holding: boolean;
  /** GetExecutionHistory requests made so far. */
  readonly requests: number;
}

/**
 * The events whose data a reader with `includeExecutionData` fetches: every state's exit
 * (`*StateExited`), whose output is where a Job's task result shows (report/task-results.ts).
 */
export function stateExitNeedsData(event: HistoryEvent): boolean {
  return (event.type ?? "").endsWith("StateExited");
}

/**
 * A reader of one execution's history that returns only new events.
 * Imitates what the GetExecutionHistory API reference documents: `reverseOrder`,
 * `maxResults` (up to 1000), `nextToken` and `includeExecutionData`; servers that ignore
 * the paging (moto returns the whole history in order) are handled by keeping only ids
 * above the last one seen.
 *
 * With `includeExecutionData`, one read never asks for data it has had: a read without
 * data finds the new events; when one of them needs its data (`needsData`), it and the
 * events after it are held back, and the next read asks for data back to that event only.
 * So each event's data is read about once and every call is still one read (a page per
 * `pageSize` events), the same number of calls as without data; the events after the
 * first that needs data come one read later. A data read's pages hold the held events
 * plus DATA_READ_SLACK: when fewer came since, it also carries the data of a few events
 * already returned; when more came, it takes another page.
 */
export function createHistoryReader(options: {
  sfn: SFNClient;
  executionArn: string;
  /** Events per page; 1 to 1000. Default 100. */
  pageSize?: number | undefined;
  /** Read the data (`input`, `output`) of the events that need it, once each. Default false. */
  includeExecutionData?: boolean | undefined;
  /** Which events need their data. Default: stateExitNeedsData. */
  needsData?: ((event: HistoryEvent) => boolean) | undefined;
}): HistoryReader {
  const pageSize = Math.min(HISTORY_MAX_PAGE_SIZE, Math.max(1, options.pageSize ?? 100));
  const needsData = options.needsData ?? stateExitNeedsData;
  let lastEventId = 0;
  let requests = 0;
  // Read without data, not yet returned: from the first event that needs its data on.
  let held: HistoryEvent[] = [];

  async function readBackTo(
    floor: number,
    withData: boolean,
    size: number,
    signal: AbortSignal | undefined,
  ): Promise<HistoryEvent[]> {
    const fresh = new Map<number, HistoryEvent>();
    let nextToken: string | undefined;
    for (;;) {
      requests += 1;
      const page = await options.sfn.send(
        new GetExecutionHistoryCommand({
          executionArn: options.executionArn,
          reverseOrder: true,
          maxResults: size,
          // Without it, names, errors and causes are kept; inputs and outputs are not.
          includeExecutionData: withData,
          nextToken,
        }),
        signal ? { abortSignal: signal } : {},
      );
      let metFloor = false;
      for (const event of page.events ?? []) {
        const id = event.id ?? 0;
        if (id > floor) fresh.set(id, event);
        else metFloor = true;
      }
      if (metFloor || !page.nextToken) break;
      nextToken = page.nextToken;
    }
    return [...fresh.values()].sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  }

  return {
    get lastEventId() {
      return lastEventId;
    },
    get holding() {
      return held.length > 0;
    },
    get requests() {
      return requests;
    },
    async readNew(signal) {
      const first = held[0];
      if (first !== undefined) {
        // Back to the oldest event that waits for its data, with data: the held events
        // and what came since (DATA_READ_SLACK: more costs one more page, fewer the data
        // of a few events already returned).
        const floor = (first.id ?? 1) - 1;
        const size = Math.min(HISTORY_MAX_PAGE_SIZE, lastEventId - floor + DATA_READ_SLACK);
        const events = await readBackTo(floor, true, size, signal);
        const read = new Set(events.map((event) => event.id));
        const kept = held.filter((event) => !read.has(event.id));
        held = [];
        const all = [...kept, ...events].sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
        lastEventId = Math.max(lastEventId, ...all.map((event) => event.id ?? 0));
        return all;
      }
      const events = await readBackTo(lastEventId, false, pageSize, signal);
      lastEventId = Math.max(lastEventId, ...events.map((event) => event.id ?? 0));
      if (!options.includeExecutionData) return events;
      const waiting = events.findIndex(needsData);
      if (waiting < 0) return events;
      held = events.slice(waiting);
      return events.slice(0, waiting);
    },
  };
}

export interface HistoryMapper {
  /** The ProgressEvents for these events (new ones, oldest first). Keeps what it learns. */
  map(events: readonly HistoryEvent[]): ProgressEvent[];
}

const ENDINGS: Record<string, ExecutionStatus> = {
  ExecutionSucceeded: "SUCCEEDED",
  ExecutionFailed: "FAILED",
  ExecutionTimedOut: "TIMED_OUT",
  ExecutionAborted: "ABORTED",
};

// Events after which a state with a recorded failure runs its work again: a Retry.
const RESTARTS = new Set([
  "TaskScheduled",
  "ActivityScheduled",
  "LambdaFunctionScheduled",
  "MapStateStarted",
  "ParallelStateStarted",
]);

const MAP_ITEM_STATUS: Record<string, "started" | "succeeded" | "failed"> = {
  MapIterationStarted: "started",
  MapIterationSucceeded: "succeeded",
  MapIterationFailed: "failed",
  MapIterationAborted: "failed",
};

/** The error recorded for a Map or Parallel state that failed, whose history names none. */
export const BRANCH_FAILED = "States.BranchFailed";

interface Failure {
  readonly error: string;
  readonly cause?: string | undefined;
}

/**
 * Maps Step Functions history events to ProgressEvents, as the local engine's event
 * logs are mapped: `state-entered`/`state-exited` from `*StateEntered`/`*StateExited`;
 * `state-failed` from a task/activity/Lambda failure or time-out (and for a state that
 * ends the execution, such as a Fail state); `state-retried` when a failed state
 * schedules its work again; `state-caught` when a failed state exits (a Catch);
 * `map-item` from `MapIteration*`; `execution-started` / `execution-ended`.
 * A failure's state is found through `previousEventId`, or else is the newest state
 * entered and not yet exited.
 */
export function createHistoryMapper(): HistoryMapper {
  const byId = new Map<number, { type: string; previous?: number | undefined; state?: string }>();
  // States entered and not yet exited, with their event type (MapStateEntered, ...).
  const open: { state: string; type: string }[] = [];
  const pending = new Map<string, Failure>();
  const failedStates = new Set<string>();

  function ownerOf(event: HistoryEvent): string | undefined {
    let id = event.previousEventId;
    for (let hops = 0; id !== undefined && hops < 10_000; hops += 1) {
      const known = byId.get(id);
      if (!known) break;
      if (known.type.endsWith("StateEntered")) return known.state;
      id = known.previous;
    }
    return open.at(-1)?.state;
  }

  // A Map or Parallel state's own failure: its previousEventId points into the branch
  // that failed, so it belongs to the newest open state of its kind.
  function containerOf(event: HistoryEvent): string | undefined {
    const kind = (event.type ?? "").startsWith("Map") ? "MapStateEntered" : "ParallelStateEntered";
    return open.findLast((entry) => entry.type === kind)?.state;
  }

  return {
    map(events) {
      const out: ProgressEvent[] = [];
      for (const event of events) {
        const type = event.type ?? "";
        const at = event.timestamp ?? new Date(0);
        const entry: { type: string; previous?: number | undefined; state?: string } = {
          type,
          previous: event.previousEventId,
        };
        if (event.id !== undefined) byId.set(event.id, entry);

        if (type === "ExecutionStarted") {
          out.push({ type: "execution-started", at });
        } else if (type.endsWith("StateEntered")) {
          const state = event.stateEnteredEventDetails?.name ?? "";
          entry.state = state;
          open.push({ state, type });
          pending.delete(state);
          out.push({ type: "state-entered", state, at });
        } else if (type.endsWith("StateExited")) {
          const state = event.stateExitedEventDetails?.name ?? "";
          const failure = pending.get(state);
          if (failure) {
            out.push({ type: "state-caught", state, at, ...failure });
            pending.delete(state);
          }
          const index = open.findLastIndex((entry) => entry.state === state);
          if (index >= 0) open.splice(index, 1);
          const output = parsedOutput(event.stateExitedEventDetails?.output);
          out.push({
            type: "state-exited",
            state,
            at,
            ...(output === undefined ? {} : { output }),
          });
        } else if (MAP_ITEM_STATUS[type]) {
          const details =
            event.mapIterationStartedEventDetails ??
            event.mapIterationSucceededEventDetails ??
            event.mapIterationFailedEventDetails ??
            event.mapIterationAbortedEventDetails;
          out.push({
            type: "map-item",
            state: details?.name ?? ownerOf(event) ?? "",
            index: details?.index ?? 0,
            status: MAP_ITEM_STATUS[type],
            at,
          });
        } else if (ENDINGS[type]) {
          const failure = failureOf(event);
          const status = ENDINGS[type];
          // A state that ends the execution with no failure event of its own (a Fail
          // state, a Map or Parallel whose branch failed) is where the execution failed.
          const last = open.at(-1)?.state;
          if (status !== "SUCCEEDED" && status !== "ABORTED" && last && !failedStates.has(last)) {
            out.push({
              type: "state-failed",
              state: last,
              at,
              error:
                failure?.error ?? (status === "TIMED_OUT" ? "States.Timeout" : "States.Runtime"),
              cause: failure?.cause,
            });
          }
          out.push({
            type: "execution-ended",
            status,
            at,
            error: failure?.error ?? (status === "TIMED_OUT" ? "States.Timeout" : undefined),
            cause: failure?.cause,
          });
        } else if (RESTARTS.has(type)) {
          const state = ownerOf(event);
          const failure = state === undefined ? undefined : pending.get(state);
          if (state !== undefined && failure) {
            out.push({ type: "state-retried", state, at, ...failure });
            pending.delete(state);
            failedStates.delete(state);
          }
        } else {
          const failure = failureOf(event);
          const container = /^(Map|Parallel)StateFailed$/.test(type);
          const state = !failure ? undefined : container ? containerOf(event) : ownerOf(event);
          if (failure && state !== undefined) {
            pending.set(state, failure);
            failedStates.add(state);
            out.push({ type: "state-failed", state, at, ...failure });
          }
        }
      }
      return out;
    },
  };
}

// The error and cause of any `*FailedEventDetails` / `*TimedOutEventDetails` /
// `*AbortedEventDetails` (task, activity, Lambda, evaluation, execution).
function failureOf(event: HistoryEvent): Failure | undefined {
  for (const [key, value] of Object.entries(event)) {
    if (!key.endsWith("EventDetails") || typeof value !== "object" || value === null) continue;
    if (!/(Failed|TimedOut|Aborted)EventDetails$/.test(key)) continue;
    const details = value as { error?: unknown; cause?: unknown };
    if (typeof details.error === "string" || typeof details.cause === "string") {
      const timedOut = key.includes("TimedOut");
      return {
        error:
          typeof details.error === "string" && details.error !== ""
            ? details.error
            : timedOut
              ? "States.Timeout"
              : "States.Runtime",
        cause:
          typeof details.cause === "string" && details.cause !== "" ? details.cause : undefined,
      };
    }
  }
  if (/TimedOut$/.test(event.type ?? "")) return { error: "States.Timeout" };
  // A Map or Parallel whose iteration or branch failed: the history names no error
  // here (it is in the Catch's result, or in ExecutionFailed when nothing catches it).
  if (/^(Map|Parallel)StateFailed$/.test(event.type ?? "")) return { error: BRANCH_FAILED };
  if (/^(Task|Activity|LambdaFunction)\w*Failed$|^EvaluationFailed$/.test(event.type ?? "")) {
    return { error: "States.Runtime" };
  }
  return undefined;
}

// A state's output as JSON, when the history has it (includeExecutionData).
function parsedOutput(text: string | undefined): unknown {
  if (text === undefined || text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
