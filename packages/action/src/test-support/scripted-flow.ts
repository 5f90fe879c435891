// A RunFlow that plays a script through the observer, for the action's glue tests (the
// flow itself is core's and is tested against the real servers there). It records what
// the action asked of it.
import { EventEmitter } from "node:events";
import type { ProgressEvent, RunLedger, SecretMask } from "@eks-sfn/core/plan";
import type { CleanupStep, LogChunk, RunFacts, RunFlow, RunObserver, RunResult } from "../flow.ts";

export type ScriptStep =
  | { readonly phase: string }
  | { readonly facts: RunFacts }
  | { readonly ledger: RunLedger }
  | { readonly progress: ProgressEvent }
  | { readonly log: LogChunk }
  /** A secret the run made (an EKS token): added to the run's mask. */
  | { readonly secret: string }
  /** Waits until the run is aborted (a cancel), then throws the abort reason. */
  | { readonly waitForAbort: true };

export class ScriptedFlow implements RunFlow {
  readonly calls: string[] = [];
  readonly started = new EventEmitter();
  readonly #script: readonly ScriptStep[];
  readonly #result: RunResult | Error;
  readonly #cleanupSteps: CleanupStep[];

  constructor(
    script: readonly ScriptStep[],
    result: RunResult | Error,
    cleanupSteps: CleanupStep[] = [],
  ) {
    this.#script = script;
    this.#result = result;
    this.#cleanupSteps = cleanupSteps;
  }

  async run(request: {
    observer: RunObserver;
    mask: SecretMask;
    signal: AbortSignal;
  }): Promise<RunResult> {
    this.calls.push("run");
    for (const step of this.#script) {
      if ("phase" in step) request.observer.phase(step.phase);
      else if ("facts" in step) request.observer.facts(step.facts);
      else if ("ledger" in step) request.observer.ledger(step.ledger);
      else if ("progress" in step) request.observer.progress(step.progress);
      else if ("log" in step) request.observer.log(step.log);
      else if ("secret" in step) request.mask.add(step.secret);
      else {
        this.started.emit("waiting");
        await new Promise((_, reject) =>
          request.signal.addEventListener("abort", () => reject(request.signal.reason), {
            once: true,
          }),
        );
      }
    }
    if (this.#result instanceof Error) throw this.#result;
    return this.#result;
  }

  async stopRun(request: { ledger: RunLedger }): Promise<CleanupStep[]> {
    this.calls.push(`stopRun ${request.ledger.execution?.id ?? "-"}`);
    return this.#cleanupSteps.filter((step) => !step.what.startsWith("grant"));
  }

  async cleanUp(request: { ledger: RunLedger }): Promise<CleanupStep[]> {
    this.calls.push(`cleanUp ${request.ledger.runId}`);
    return this.#cleanupSteps;
  }
}
