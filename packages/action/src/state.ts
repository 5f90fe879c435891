// The run ledger handed from main to post through the runner's state (saveState /
// getState): saved after every step, so post undoes what main made even when main was
// cancelled or killed between two steps.
import type { RunLedger } from "@eks-sfn/core/plan";
import type { ActionIo } from "./io.ts";

export const LEDGER_STATE = "ledger";
/** Set by main when the run's own cleanup undid everything the ledger names. */
export const CLEANED_UP_STATE = "cleaned-up";

/** Saves the ledger as it is now; the last save wins (GITHUB_STATE keeps every line). */
export function saveLedger(io: ActionIo, ledger: RunLedger): void {
  io.saveState(LEDGER_STATE, JSON.stringify(ledger));
}

/**
 * The ledger main saved, or undefined when main saved none (it failed on its inputs, or
 * never started). A ledger that is not one (a different version) is reported, not guessed.
 * @throws Error when the saved state is not a version-1 RunLedger.
 */
export function readLedger(io: ActionIo): RunLedger | undefined {
  const text = io.getState(LEDGER_STATE);
  if (text === "") return undefined;
  const ledger = JSON.parse(text) as Partial<RunLedger>;
  if (ledger.version !== 1 || !Array.isArray(ledger.jobs) || typeof ledger.runId !== "string") {
    throw new Error(
      `the state "${LEDGER_STATE}" saved by main is not a version-1 run ledger; nothing was cleaned up`,
    );
  }
  return ledger as RunLedger;
}

/** True when the ledger names nothing that cleanUp would undo. */
export function ledgerIsEmpty(ledger: RunLedger): boolean {
  return (
    ledger.grant === undefined &&
    ledger.execution === undefined &&
    ledger.jobs.length === 0 &&
    ledger.temporaryCluster === undefined
  );
}
