// The `aws` engine: a definition runs as a Step Functions execution (ensure the state
// machine, start by name, watch), adapted to the Engine interface both engines share.
import type { SFNClient } from "@aws-sdk/client-sfn";
import { AwsRequestError } from "../aws/aws-request-error.ts";
import type { BackoffPolicy } from "../retry/backoff.ts";
import type { Clock, Sleep } from "../time/clock.ts";
import type { ProgressEvent } from "../workflow/progress-event.ts";
import { startExecution } from "../workflow/start.ts";
import {
  deleteStateMachineVersion,
  ensureStateMachine,
  PUBLISH_ATTEMPTS,
} from "../workflow/state-machine.ts";
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
        /**
         * Start on a version published for this start (default true), so the execution
         * runs exactly this request's definition even when another run updates the
         * shared state machine between our update and our StartExecution. The version
         * is deleted once the execution has ended. False starts the machine's latest
         * revision (for a caller whose IAM policy lacks the version actions, or an
         * emulator without versions: moto 5.2.5 answers HTTP 500 to StartExecution on a
         * version ARN, PublishStateMachineVersion and DeleteStateMachineVersion).
         */
        readonly versions?: boolean | undefined;
      }
    | undefined;
  /** How long an execution may run before the engine stops it, in ms. Default: no limit. */
  readonly timeoutMs?: number | undefined;
  readonly schedule?: WatchSchedule | undefined;
  readonly backoff?: BackoffPolicy | undefined;
  readonly random?: (() => number) | undefined;
  readonly historyPageSize?: number | undefined;
  /**
   * Told the ARN (and the version published for this start) the moment a state machine
   * is ensured, before StartExecution (for the run's ledger). May return a promise: the
   * start waits for it, so the version is on record before anything runs on it.
   */
  readonly onStateMachine?:
    | ((machine: {
        arn: string;
        created: boolean;
        versionArn?: string | undefined;
      }) => void | Promise<void>)
    | undefined;
  /**
   * Told when the engine has deleted the version it published (the execution ended), so
   * the ledger no longer lists it; awaited before `outcome()` resolves.
   */
  readonly onVersionDeleted?: ((versionArn: string) => void | Promise<void>) | undefined;
}

/** An AWS execution's handle, plus the "the Job just ended" hook of the watcher. */
export interface AwsExecutionHandle extends ExecutionHandle {
  /** Poll now and restart the fast part of the schedule (the Job was seen to end). */
  pollNow(): void;
  /** The state machine the execution runs on. */
  readonly stateMachineArn: string;
  /** The version it was started on, when the engine published one. */
  readonly versionArn?: string | undefined;
}

/** The Engine whose handles also carry `pollNow` and the state machine's ARN. */
export interface AwsEngine extends Engine {
  start(request: StartExecutionRequest): Promise<AwsExecutionHandle>;
}

/**
 * The Step Functions engine. `start` ensures the state machine (unless the request
 * names one) and publishes a version of the request's definition (unless
 * `stateMachine.versions` is false), starts the execution by name on that version (a
 * repeated start finds the same execution), watches it, and deletes the version once
 * the execution has ended. Aborting the request's signal, or `timeoutMs` passing,
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
      let versionArn: string | undefined;
      let started: Awaited<ReturnType<typeof startExecution>> | undefined;
      if (stateMachineArn !== undefined) {
        started = await startExecution({
          sfn: options.sfn,
          stateMachineArn,
          name: request.name,
          input: request.input,
          signal: request.signal,
        });
      } else {
        const machine = options.stateMachine;
        if (!machine) {
          throw new Error("the aws engine needs a stateMachineArn or its stateMachine option");
        }
        const versions = machine.versions ?? true;
        // A version is shared by runs with the same definition (publishing is idempotent
        // per revision): when another such run deleted it between our publish and our
        // start, publish again (a new number) and start on that.
        for (let attempt = 1; started === undefined; attempt += 1) {
          const ensured = await ensureStateMachine({
            sfn: options.sfn,
            definition: request.definition,
            signal: request.signal,
            name: machine.name,
            roleArn: machine.roleArn,
            tags: machine.tags,
            publish: versions ? { description: `eks-sfn execution ${request.name}` } : undefined,
          });
          await options.onStateMachine?.({
            arn: ensured.arn,
            created: ensured.created,
            versionArn: ensured.versionArn,
          });
          stateMachineArn = ensured.arn;
          versionArn = ensured.versionArn;
          try {
            started = await startExecution({
              sfn: options.sfn,
              stateMachineArn: versionArn ?? ensured.arn,
              name: request.name,
              input: request.input,
              signal: request.signal,
            });
          } catch (error) {
            const gone =
              error instanceof AwsRequestError &&
              (error.errorName === "StateMachineDoesNotExist" ||
                error.errorName === "ResourceNotFound");
            if (versionArn === undefined) throw error;
            if (!gone || attempt >= PUBLISH_ATTEMPTS) {
              // Nothing runs on it: do not leave it among the machine's 1,000 versions.
              await deleteStateMachineVersion({ sfn: options.sfn, versionArn }).catch(
                () => undefined,
              );
              throw error;
            }
          }
        }
      }
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
        // The Jobs' task results are in the states' outputs: the report's pods and logs
        // when the state machine has already deleted the Job.
        includeExecutionData: true,
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
      const published = versionArn;
      const outcome: Promise<ExecutionOutcome> = watch.outcome.finally(async () => {
        request.signal.removeEventListener("abort", onAbort);
        // Ends the timeout's sleep; the watch itself is already over.
        watching.abort();
        // Nothing starts on it any more: free its place among the machine's 1,000
        // versions. A failure here is left to cleanUp, which has it from the ledger.
        if (published !== undefined) {
          const deleted = await deleteStateMachineVersion({
            sfn: options.sfn,
            versionArn: published,
          }).then(
            () => true,
            () => false,
          );
          if (deleted) await options.onVersionDeleted?.(published);
        }
      });
      outcome.catch(() => undefined);

      let iterated = false;
      return {
        id: executionArn,
        engine: "aws",
        stateMachineArn: stateMachineArn ?? "",
        versionArn,
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
