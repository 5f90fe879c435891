// The local engine: runs a state machine definition in-process with
// aws-local-stepfunctions 3.0.0 and performs its EKS tasks against a Kubernetes API (and
// the EKS API for cluster tasks), so the same definitions run without Step Functions:
// on kind or k3d, in pull requests from forks, and in this project's end-to-end tests.
import { listTaskStates, type StateMachineDefinition, UserInputError } from "@eks-sfn/rbac";
import type { KubeConfig } from "@kubernetes/client-node";
import type { RunOptions, StateMachine } from "aws-local-stepfunctions";
import { deleteJob, type JobRef } from "../../kube/job.ts";
import { type Clock, systemClock } from "../../time/clock.ts";
import type { ExecutionStatus, ProgressEvent } from "../../workflow/progress-event.ts";
import type {
  Engine,
  ExecutionHandle,
  ExecutionOutcome,
  StartExecutionRequest,
} from "../engine.ts";
import type { ClusterTaskOptions } from "./cluster-tasks.ts";
import type { JobObserver } from "./run-job.ts";
import {
  eksTaskHandler,
  type KubeIdentity,
  parseEksResource,
  type TaskHandler,
} from "./task-handlers.ts";

/**
 * Modelled (M): what stopping an execution does to a Job that a `.sync` task is waiting
 * for is not documented. The local engine deletes it (propagationPolicy Foreground)
 * before it reports ABORTED; Jobs of tasks that already ended stay, as on AWS.
 */
export const STOP_DELETES_RUNNING_JOBS = true;

/**
 * A Task state without TimeoutSeconds may run 99999999 s on Step Functions; the library
 * defaults to 60 s and its timer cannot exceed 2^31-1 ms, so such tasks get this (24.8 days).
 */
export const DEFAULT_TASK_TIMEOUT_SECONDS = 2_147_483;

/**
 * Documented (AWS quotas; FACTS.md): a state's input (after Parameters), a state's output
 * and a task's result are at most 256 KiB of UTF-8, else the execution fails with
 * `States.DataLimitExceeded`, which no Catch (not even `States.ALL`) catches. The local
 * engine checks every state's output and every task's input and result, and fails the
 * run the same way: a definition that passes locally does not fail on AWS for size.
 */
export const STATE_DATA_LIMIT_BYTES = 256 * 1024;

/** The error a run whose state data passed STATE_DATA_LIMIT_BYTES fails with. */
export const DATA_LIMIT_ERROR = "States.DataLimitExceeded";

/** Bytes of `value` as JSON text in UTF-8 (0 for undefined). */
function dataBytes(value: unknown): number {
  const text = JSON.stringify(value);
  return text === undefined ? 0 : Buffer.byteLength(text, "utf8");
}

/** Test-only shortcuts, passed to the library's own override options (never the definition). */
export interface LocalEngineOverrides {
  /** ms to wait before each retry, by state name (aws-local-stepfunctions retryIntervalOverrides). */
  readonly retryIntervalOverrides?: Readonly<Record<string, number | number[]>> | undefined;
  /** ms a Wait state waits, by state name (aws-local-stepfunctions waitTimeOverrides). */
  readonly waitTimeOverrides?: Readonly<Record<string, number>> | undefined;
}

export interface LocalEngineOptions {
  /** Who the Kubernetes tasks act as (an EKS token from AWS credentials, or a kubeconfig user). */
  readonly identity: KubeIdentity;
  /** Handlers by Task state name, for resources the engine does not perform (or to replace one). */
  readonly handlers?: Readonly<Record<string, TaskHandler>> | undefined;
  /** The EKS client and waits for eks:createCluster and the other cluster tasks. */
  readonly clusterTasks?: ClusterTaskOptions | undefined;
  /** Clusters reached through a kubeconfig instead of the endpoint their tasks name. */
  readonly clusters?: Readonly<Record<string, KubeConfig>> | undefined;
  readonly overrides?: LocalEngineOverrides | undefined;
  /** The longest one Job watch request stays open, in seconds (default 300). */
  readonly watchTimeoutSeconds?: number | undefined;
  readonly clock?: Clock | undefined;
}

/**
 * The Engine that runs definitions in-process. `start` refuses, before anything runs, a
 * definition with a Task whose resource it does not perform (Lambda, SNS, `aws-sdk:*`)
 * unless `handlers` has one for that state.
 */
export function createLocalEngine(options: LocalEngineOptions): Engine {
  return {
    name: "local",
    start: (request) => startLocalExecution(options, request),
  };
}

/** Task states whose resource the engine cannot run, as one message naming each. */
function refuseUnsupported(
  tasks: readonly { stateName: string; resource: string }[],
  handlers: Readonly<Record<string, TaskHandler>>,
): void {
  const refused = tasks.filter(
    (t) => !handlers[t.stateName] && parseEksResource(t.resource) === undefined,
  );
  if (refused.length === 0) return;
  throw new UserInputError(
    "definition",
    `the local engine cannot run ${refused.map((t) => `state "${t.stateName}" (${t.resource})`).join(", ")}: it performs only eks:runJob, eks:runJob.sync, eks:call and the EKS cluster tasks`,
    `Run this definition on the aws engine, or give the local engine a handler for ${refused.map((t) => `"${t.stateName}"`).join(", ")}.`,
  );
}

function refuseAmbiguous(tasks: readonly { stateName: string; resource: string }[]): void {
  const byName = new Map<string, string>();
  for (const t of tasks) {
    const seen = byName.get(t.stateName);
    if (seen !== undefined && seen !== t.resource) {
      throw new UserInputError(
        "definition",
        `two Task states are named "${t.stateName}" with different resources (${seen}, ${t.resource}); the local engine keys its task handlers by state name`,
        "Give each Task state a unique name.",
      );
    }
    byName.set(t.stateName, t.resource);
  }
}

/** Calls `visit` with every States object of the definition, nested ones included. */
function eachStates(
  definition: unknown,
  visit: (states: Record<string, Record<string, unknown>>) => void,
): void {
  const walk = (states: unknown): void => {
    if (typeof states !== "object" || states === null) return;
    const record = states as Record<string, Record<string, unknown>>;
    visit(record);
    for (const state of Object.values(record)) {
      if (typeof state !== "object" || state === null) continue;
      for (const branch of Array.isArray(state.Branches) ? state.Branches : []) {
        walk((branch as { States?: unknown }).States);
      }
      for (const key of ["ItemProcessor", "Iterator"] as const) {
        walk((state[key] as { States?: unknown } | undefined)?.States);
      }
    }
  };
  walk((definition as { States?: unknown }).States);
}

/** A copy of the definition where every Task without a timeout gets Step Functions' (capped). */
export function withTaskTimeouts<T>(definition: T): T {
  const copy = structuredClone(definition);
  eachStates(copy, (states) => {
    for (const state of Object.values(states)) {
      if (
        state?.Type === "Task" &&
        state.TimeoutSeconds === undefined &&
        state.TimeoutSecondsPath === undefined
      ) {
        state.TimeoutSeconds = DEFAULT_TASK_TIMEOUT_SECONDS;
      }
    }
  });
  return copy;
}

/** The name of the Fail state that withIntrinsicFailPaths adds behind a rewritten one. */
export const LOCAL_FAIL_SUFFIX = " (local engine: fail)";
/** Where the rewritten Fail state's Pass puts the evaluated Error and Cause. */
const LOCAL_FAIL_PATH = "$.eksSfnLocalFail";

/**
 * Step Functions evaluates intrinsic functions in a Fail state's `ErrorPath` and
 * `CausePath` (`States.Format('EksSfn.{}', $.error.Error)`); aws-local-stepfunctions 3.0.0
 * reads them as plain paths and fails with States.Runtime. Such a Fail state becomes a
 * Pass of the same name that evaluates them (intrinsics work in Parameters) followed by a
 * Fail that reads the result; progress events show the original state only.
 * Returns the copy and the names of the rewritten states.
 */
export function withIntrinsicFailPaths<T>(definition: T): {
  definition: T;
  rewritten: Set<string>;
} {
  const copy = structuredClone(definition);
  const rewritten = new Set<string>();
  eachStates(copy, (states) => {
    for (const [name, state] of Object.entries(states)) {
      if (state?.Type !== "Fail") continue;
      const intrinsic = (value: unknown): value is string =>
        typeof value === "string" && value.startsWith("States.");
      if (!intrinsic(state.ErrorPath) && !intrinsic(state.CausePath)) continue;
      const parameters: Record<string, unknown> = {};
      const fail: Record<string, unknown> = { Type: "Fail" };
      for (const [field, path] of [
        ["Error", state.ErrorPath],
        ["Cause", state.CausePath],
      ] as const) {
        if (typeof path === "string") {
          parameters[`${field}.$`] = path;
          fail[`${field}Path`] = `${LOCAL_FAIL_PATH}.${field}`;
        } else if (typeof state[field] === "string") {
          fail[field] = state[field];
        }
      }
      states[name] = {
        Type: "Pass",
        ...(state.Comment === undefined ? {} : { Comment: state.Comment }),
        Parameters: parameters,
        ResultPath: LOCAL_FAIL_PATH,
        Next: `${name}${LOCAL_FAIL_SUFFIX}`,
      };
      states[`${name}${LOCAL_FAIL_SUFFIX}`] = fail;
      rewritten.add(name);
    }
  });
  return { definition: copy, rewritten };
}

async function startLocalExecution(
  options: LocalEngineOptions,
  request: StartExecutionRequest,
): Promise<ExecutionHandle> {
  const clock = options.clock ?? systemClock;
  const handlers = options.handlers ?? {};
  const definition = request.definition as StateMachineDefinition;
  const tasks = listTaskStates(definition);
  refuseAmbiguous(tasks);
  refuseUnsupported(tasks, handlers);
  const prepared = withIntrinsicFailPaths(withTaskTimeouts(definition));
  // Loaded on first use: front ends that never run locally do not carry the interpreter.
  const library = await import("aws-local-stepfunctions");
  let machine: StateMachine;
  try {
    machine = new library.StateMachine(prepared.definition as never, {
      validationOptions: { checkArn: false },
    });
  } catch (error) {
    throw new UserInputError(
      "definition",
      `is not a definition aws-local-stepfunctions accepts: ${(error as Error).message}`,
      "Fix the definition (Step Functions' ValidateStateMachineDefinition gives the same diagnostics).",
    );
  }
  request.signal.throwIfAborted();

  const id = `local:${request.name}`;
  const events = new EventChannel();
  const handlerAbort = new AbortController();
  const inFlight = new Map<string, { job: JobRef; kube: KubeConfig }>();
  const jobEvent = (
    job: JobRef,
    phase: Extract<ProgressEvent, { type: "job" }>["phase"],
    reason?: string,
  ) =>
    events.push({
      type: "job",
      namespace: job.namespace,
      job: job.name,
      uid: job.uid,
      phase,
      at: clock(),
      reason,
    });
  const observer: JobObserver = {
    created(job, kube, waiting) {
      if (waiting) inFlight.set(job.uid, { job, kube });
      jobEvent(job, "created");
    },
    running: (job) => jobEvent(job, "running"),
    ended(job, end, reason) {
      if (job.uid) inFlight.delete(job.uid);
      jobEvent(job, end, reason);
    },
  };
  const env = {
    identity: options.identity,
    observer,
    signal: handlerAbort.signal,
    clusterTasks: options.clusterTasks,
    clusters: options.clusters,
    watchTimeoutSeconds: options.watchTimeoutSeconds,
  };
  const localHandlers: LibraryHandlers = {};
  const running = new Set<Promise<unknown>>();
  // Set once a state's data passed the limit: the run is aborted and ends FAILED.
  let overLimit: { state: string; error: string; cause: string } | undefined;
  let abortRun: () => void = () => {};
  const passLimit = (state: string, what: string, bytes: number, cause?: string): void => {
    if (overLimit) return;
    overLimit = {
      state,
      error: DATA_LIMIT_ERROR,
      cause:
        cause ??
        `The ${what} of state "${state}" is ${bytes} bytes, over the ${STATE_DATA_LIMIT_BYTES} bytes (256 KiB) Step Functions allows; it fails the execution there too, and no Catch catches it. Keep large data (logs) out of what the states pass on.`,
    };
    events.push({
      type: "state-failed",
      state,
      at: clock(),
      error: overLimit.error,
      cause: overLimit.cause,
    });
    handlerAbort.abort(new Error(`execution failed: ${DATA_LIMIT_ERROR}`));
    abortRun();
  };
  for (const task of tasks) {
    const custom = handlers[task.stateName];
    const handler = custom
      ? (input: unknown) =>
          custom(input, {
            state: task.stateName,
            resource: task.resource,
            signal: handlerAbort.signal,
          })
      : eksTaskHandler(task.stateName, task.resource, env);
    if (!handler) continue;
    localHandlers[task.stateName] = ((input: unknown) => {
      const inputBytes = dataBytes(input);
      if (overLimit || inputBytes > STATE_DATA_LIMIT_BYTES) {
        passLimit(task.stateName, "input (after Parameters)", inputBytes);
        return Promise.reject(new Error(DATA_LIMIT_ERROR));
      }
      const work = handler(input).then(
        (result) => {
          const bytes = dataBytes(result);
          if (bytes > STATE_DATA_LIMIT_BYTES) {
            passLimit(task.stateName, "task result", bytes);
            throw new Error(DATA_LIMIT_ERROR);
          }
          return result;
        },
        (error: unknown) => {
          // A handler's own size check: uncatchable as on AWS, not a task failure.
          if ((error as Error)?.name === DATA_LIMIT_ERROR) {
            passLimit(task.stateName, "task result", Number.NaN, (error as Error).message);
          }
          throw error;
        },
      );
      // The engine's own handlers are awaited after a stop, so a Job whose create was
      // in flight is tracked (and deleted) too; a caller's handler is not waited for.
      if (!custom) {
        running.add(work);
        void work.then(
          () => running.delete(work),
          () => running.delete(work),
        );
      }
      return work;
    }) as LibraryHandlers[string];
  }

  const startedAt = clock();
  const run = machine.run(request.input as never, {
    overrides: {
      taskResourceLocalHandlers: localHandlers,
      ...(options.overrides?.retryIntervalOverrides
        ? { retryIntervalOverrides: { ...options.overrides.retryIntervalOverrides } }
        : {}),
      ...(options.overrides?.waitTimeOverrides
        ? { waitTimeOverrides: { ...options.overrides.waitTimeOverrides } }
        : {}),
    },
    noThrowOnAbort: true,
    context: {
      Execution: { Id: id, Name: request.name },
      StateMachine: { Id: `local:state-machine`, Name: "local" },
    },
  });
  abortRun = () => run.abort();
  const pumped = pumpLibraryEvents(run.eventLogs, events, prepared.rewritten, {
    stopped: () => overLimit !== undefined,
    exited: (state, output) => {
      const bytes = dataBytes(output);
      if (bytes > STATE_DATA_LIMIT_BYTES) passLimit(state, "output", bytes);
    },
  }).catch(() => {});

  let stopReason: { error: string; cause: string } | undefined;
  const deleteInFlightJobs = async (): Promise<void> => {
    if (!STOP_DELETES_RUNNING_JOBS) return;
    const jobs = [...inFlight.values()];
    inFlight.clear();
    await Promise.all(
      jobs.map(async ({ job, kube }) => {
        try {
          await deleteJob({ kube, job });
          jobEvent(job, "deleted", "execution stopped");
        } catch {
          // best effort, as Step Functions' cancel; the post step deletes it again
        }
      }),
    );
  };

  const outcome: Promise<ExecutionOutcome> = (async () => {
    let result: { status: ExecutionStatus; output?: unknown; error?: string; cause?: string };
    try {
      const output = await run.result;
      result = stopReason ? { status: "ABORTED", ...stopReason } : { status: "SUCCEEDED", output };
    } catch (error) {
      result = failureOf(library, error, stopReason);
    }
    // The event log is read behind the run: every state's output is checked before the end.
    await pumped;
    if (result.status === "SUCCEEDED" && dataBytes(result.output) > STATE_DATA_LIMIT_BYTES) {
      passLimit("(execution output)", "output", dataBytes(result.output));
    }
    if (overLimit) result = { status: "FAILED", error: overLimit.error, cause: overLimit.cause };
    // Whatever ended the run, no handler keeps working and no Job it waits for stays.
    handlerAbort.abort(new Error(`execution ${result.status}`));
    await Promise.allSettled([...running]);
    await deleteInFlightJobs();
    const stoppedAt = clock();
    events.push({
      type: "execution-ended",
      status: result.status,
      at: stoppedAt,
      error: result.error,
      cause: result.cause,
    });
    events.close();
    return { ...result, startedAt, stoppedAt };
  })();

  const stop = async (reason: { error: string; cause: string }): Promise<void> => {
    if (!stopReason) {
      stopReason = reason;
      handlerAbort.abort(new Error(`execution stopped: ${reason.error}`));
      run.abort();
    }
    await outcome;
  };
  request.signal.addEventListener(
    "abort",
    () => void stop({ error: "Aborted", cause: String(request.signal.reason ?? "aborted") }),
    { once: true },
  );

  return {
    id,
    engine: "local",
    events: () => events.iterate(),
    outcome: () => outcome,
    stop,
  };
}

type LibraryHandlers = NonNullable<
  NonNullable<RunOptions["overrides"]>["taskResourceLocalHandlers"]
>;

function failureOf(
  library: typeof import("aws-local-stepfunctions"),
  error: unknown,
  stopReason: { error: string; cause: string } | undefined,
): { status: ExecutionStatus; error?: string; cause?: string } {
  if (stopReason || error instanceof library.ExecutionAbortedError) {
    return { status: "ABORTED", ...(stopReason ?? {}) };
  }
  if (error instanceof library.ExecutionTimeoutError) {
    return { status: "TIMED_OUT", error: "States.Timeout", cause: "The execution timed out" };
  }
  if (error instanceof library.ExecutionError) {
    const inner = error.cause as Error | undefined;
    return {
      status: "FAILED",
      error: inner?.name ?? "States.Runtime",
      cause: inner?.message ?? error.message,
    };
  }
  return { status: "FAILED", error: "States.Runtime", cause: (error as Error).message };
}

type LibraryEvent = Awaited<
  ReturnType<ReturnType<StateMachine["run"]>["eventLogs"]["next"]>
>["value"];

async function pumpLibraryEvents(
  logs: AsyncGenerator<NonNullable<LibraryEvent>>,
  events: EventChannel,
  rewrittenFails: ReadonlySet<string>,
  limit: {
    /** True once the run failed for its data's size: later events are not shown. */
    stopped: () => boolean;
    exited: (state: string, output: unknown) => void;
  },
): Promise<void> {
  const lastError = new Map<string, { error: string; cause?: string | undefined }>();
  for await (const event of logs) {
    if (limit.stopped()) continue;
    if (event.type === "StateExited") {
      limit.exited(event.state.name, event.state.output);
      if (limit.stopped()) continue;
    }
    const mapped = toProgressEvent(event, lastError);
    if (!mapped || !("state" in mapped)) {
      if (mapped) events.push(mapped);
      continue;
    }
    // A rewritten Fail state shows as the one state the definition has.
    if (mapped.state.endsWith(LOCAL_FAIL_SUFFIX)) {
      if (mapped.type === "state-entered") continue;
      events.push({ ...mapped, state: mapped.state.slice(0, -LOCAL_FAIL_SUFFIX.length) });
      continue;
    }
    if (mapped.type === "state-exited" && rewrittenFails.has(mapped.state)) continue;
    events.push(mapped);
  }
}

/**
 * One library event as the ProgressEvent a Step Functions history would give; the
 * execution's end is reported by the engine itself, after its clean-up.
 */
export function toProgressEvent(
  event: NonNullable<LibraryEvent>,
  lastError: Map<string, { error: string; cause?: string | undefined }>,
): ProgressEvent | undefined {
  const at = new Date(event.timestamp);
  switch (event.type) {
    case "ExecutionStarted":
      return { type: "execution-started", at };
    case "StateEntered":
      return { type: "state-entered", state: event.state.name, at };
    case "StateExited":
      return { type: "state-exited", state: event.state.name, at, output: event.state.output };
    case "StateFailed": {
      const failure = { error: event.Error, cause: causeText(event.Cause) };
      lastError.set(event.state.name, failure);
      return { type: "state-failed", state: event.state.name, at, ...failure };
    }
    case "StateRetried":
    case "StateCaught": {
      const failure = lastError.get(event.state.name) ?? { error: "States.ALL" };
      return {
        type: event.type === "StateRetried" ? "state-retried" : "state-caught",
        state: event.state.name,
        at,
        error: failure.error,
        cause: failure.cause,
      };
    }
    case "MapIterationStarted":
    case "MapIterationSucceeded":
    case "MapIterationFailed":
      return {
        type: "map-item",
        state: event.parentState.name,
        index: event.index,
        status:
          event.type === "MapIterationStarted"
            ? "started"
            : event.type === "MapIterationSucceeded"
              ? "succeeded"
              : "failed",
        at,
      };
    default:
      return undefined;
  }
}

function causeText(cause: unknown): string | undefined {
  if (cause === undefined || cause === null) return undefined;
  if (typeof cause === "string") return cause;
  if (cause instanceof Error) return cause.message;
  return JSON.stringify(cause);
}

/** Progress events in order, for one reader; ends when the execution has ended. */
class EventChannel {
  private readonly queue: ProgressEvent[] = [];
  private closed = false;
  private wake: (() => void) | undefined;

  push(event: ProgressEvent): void {
    if (this.closed) return;
    this.queue.push(event);
    this.wake?.();
  }

  close(): void {
    this.closed = true;
    this.wake?.();
  }

  async *iterate(): AsyncGenerator<ProgressEvent> {
    for (;;) {
      const next = this.queue.shift();
      if (next) {
        yield next;
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = undefined;
    }
  }
}
