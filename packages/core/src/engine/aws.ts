// The `aws` engine: a definition runs as a Step Functions execution (ensure the state
// machine, start by name, watch), adapted to the Engine interface both engines share.
import type { SFNClient } from "@aws-sdk/client-sfn";
import type { BackoffPolicy } from "../retry/backoff.ts";
import type { Clock, Sleep } from "../time/clock.ts";
import type { ProgressEvent } from "../workflow/progress-event.ts";
import { startExecution } from "../workflow/start.ts";
import { ensureStateMachine } from "../workflow/state-machine.ts";
import { stopExecution } from "../workflow/stop.ts";
import { watchExecution } from "../workflow/watch.ts";
import type { WatchSchedule } from "../workflow/watch-schedule.ts";
import type { Engine, ExecutionHandle, ExecutionOutcome, StartExecutionRequest } from "./engine.ts";

/** The `error` an execution stopped by the run's own timeout ends with. */
export const RUN_TIMEOUT_ERROR = "EksSfn.RunTimedOut";
/** The `error` an execution stopped because the caller's signal aborted ends with. */
export const CANCELLED_ERROR = "EksSfn.Cancelled";

export interface AwsEngineOptions {
  readonly sfn: SFNClient;
  readonly clock: Clock;
  readonly sleep: Sleep;
  /**
   * The state machine to create or update from the request's definition when the
   * request names no `stateMachineArn`.
   */
  readonly stateMachine?:
    | {
        readonly name: string;
        readonly roleArn: string;
        readonly tags?: Readonly<Record<string, string>> | undefined;
      }
    | undefined;
  /** How long an execution may run before the engine stops it, in ms. Default: no limit. */
  readonly timeoutMs?: number | undefined;
  readonly schedule?: WatchSchedule | undefined;
  readonly backoff?: BackoffPolicy | undefined;
  readonly random?: (() => number) | undefined;
  readonly historyPageSize?: number | undefined;
  /** Told the ARN the moment a state machine is ensured (for the run's ledger). */
  readonly onStateMachine?: ((machine: { arn: string; created: boolean }) => void) | undefined;
}

/** An AWS execution's handle, plus the "the Job just ended" hook of the watcher. */
export interface AwsExecutionHandle extends ExecutionHandle {
  /** Poll now and restart the fast part of the schedule (the Job was seen to end). */
  pollNow(): void;
  /** The state machine the execution runs on. */
  readonly stateMachineArn: string;
}

/** The Engine whose handles also carry `pollNow` and the state machine's ARN. */
export interface AwsEngine extends Engine {
  start(request: StartExecutionRequest): Promise<AwsExecutionHandle>;
}

/**
 * The Step Functions engine. `start` ensures the state machine (unless the request
 * names one), starts the execution by name (a repeated start finds the same
 * execution), and watches it. Aborting the request's signal, or `timeoutMs` passing,
 * stops the execution (StopExecution with CANCELLED_ERROR or RUN_TIMEOUT_ERROR) and the
 * watch goes on until Step Functions reports it ABORTED.
 * @throws UserInputError / AwsRequestError from ensureStateMachine and startExecution.
 */
export function createAwsEngine(options: AwsEngineOptions): AwsEngine {
  return {
    name: "aws",
    async start(request) {
      request.signal.throwIfAborted();
      let stateMachineArn = request.stateMachineArn;
      if (stateMachineArn === undefined) {
        if (!options.stateMachine) {
          throw new Error("the aws engine needs a stateMachineArn or its stateMachine option");
        }
        const ensured = await ensureStateMachine({
          sfn: options.sfn,
          definition: request.definition,
          signal: request.signal,
          ...options.stateMachine,
        });
        options.onStateMachine?.({ arn: ensured.arn, created: ensured.created });
        stateMachineArn = ensured.arn;
      }
      const started = await startExecution({
        sfn: options.sfn,
        stateMachineArn,
        name: request.name,
        input: request.input,
        signal: request.signal,
      });
      const executionArn = started.executionArn;
      const watching = new AbortController();
      const watch = watchExecution({
        sfn: options.sfn,
        clock: options.clock,
        sleep: options.sleep,
        signal: watching.signal,
        executionArn,
        schedule: options.schedule,
        backoff: options.backoff,
        random: options.random,
        historyPageSize: options.historyPageSize,
      });

      const stop = async (reason: { error: string; cause: string }): Promise<void> => {
        await stopExecution({ sfn: options.sfn, executionArn, ...reason });
        watch.pollNow();
      };
      const onAbort = (): void => {
        stop({ error: CANCELLED_ERROR, cause: reasonText(request.signal.reason) }).catch(
          () => undefined,
        );
      };
      request.signal.addEventListener("abort", onAbort, { once: true });
      if (options.timeoutMs !== undefined) {
        const timeoutMs = options.timeoutMs;
        options
          .sleep(timeoutMs, watching.signal)
          .then(() =>
            stop({
              error: RUN_TIMEOUT_ERROR,
              cause: `The run's timeout of ${timeoutMs} ms passed while the execution was still running.`,
            }),
          )
          .catch(() => undefined);
      }
      const outcome: Promise<ExecutionOutcome> = watch.outcome.finally(() => {
        request.signal.removeEventListener("abort", onAbort);
        // Ends the timeout's sleep; the watch itself is already over.
        watching.abort();
      });
      outcome.catch(() => undefined);

      let iterated = false;
      return {
        id: executionArn,
        engine: "aws",
        stateMachineArn,
        events(): AsyncIterable<ProgressEvent> {
          if (iterated) throw new Error("events() of an execution can be iterated once");
          iterated = true;
          return watch.events;
        },
        outcome: () => outcome,
        stop,
        pollNow: () => watch.pollNow(),
      };
    },
  };
}

function reasonText(reason: unknown): string {
  if (reason instanceof Error) return reason.message || reason.name;
  return reason === undefined ? "The run was cancelled." : String(reason);
}
