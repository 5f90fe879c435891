// A cancelled workflow: the runner sends SIGINT, then SIGTERM 7.5 s later, then kills
// the process (GitHub docs, "Canceling a workflow"). Within that grace the action stops
// the execution and deletes the Job; what is left (the grant, a temporary cluster) is the
// post step's, which runs after a cancel too.
import type { CleanupStep } from "./flow.ts";
import type { ActionIo } from "./io.ts";

/** The runner's grace between SIGINT and SIGTERM. */
export const RUNNER_GRACE_MS = 7500;
/** What cancel spends before it exits, leaving a margin for the process to end. */
export const CANCEL_BUDGET_MS = 6500;
/** The exit code of a run stopped by a signal (128 + SIGINT), as the CLI uses. */
export const CANCELLED_EXIT_CODE = 130;

export interface SignalSource {
  on(signal: "SIGINT" | "SIGTERM", listener: () => void): unknown;
  off(signal: "SIGINT" | "SIGTERM", listener: () => void): unknown;
}

export interface CancelHandler {
  /** True once a signal arrived. */
  readonly cancelled: boolean;
  dispose(): void;
}

/**
 * On the first SIGINT or SIGTERM: aborts the run, calls `stopRun` (stop the execution,
 * delete the Job) for at most `budgetMs`, says what was done and what is left to post,
 * then exits 130. A second signal exits at once.
 */
export function installCancelHandler(deps: {
  io: ActionIo;
  run: AbortController;
  stopRun: (signal: AbortSignal) => Promise<CleanupStep[]>;
  exit: (code: number) => void;
  signals?: SignalSource | undefined;
  budgetMs?: number | undefined;
}): CancelHandler {
  const signals = deps.signals ?? process;
  const budgetMs = deps.budgetMs ?? CANCEL_BUDGET_MS;
  let cancelled = false;
  const onSignal = (name: "SIGINT" | "SIGTERM"): void => {
    if (cancelled) {
      deps.io.info(`eks-sfn-action: ${name} again: exiting now; the post step cleans up.`);
      deps.exit(CANCELLED_EXIT_CODE);
      return;
    }
    cancelled = true;
    deps.io.info(
      `eks-sfn-action: ${name}: the workflow was cancelled; stopping the execution and deleting the Job.`,
    );
    deps.run.abort(new Error(`cancelled by ${name}`));
    const budget = AbortSignal.timeout(budgetMs);
    const deadline = new Promise<"timeout">((resolve) =>
      budget.addEventListener("abort", () => resolve("timeout"), { once: true }),
    );
    void Promise.race([deps.stopRun(budget), deadline])
      .then((steps) => {
        if (steps === "timeout") {
          deps.io.info(
            `eks-sfn-action: stopping took longer than ${budgetMs / 1000} s; the post step finishes it.`,
          );
          return;
        }
        for (const step of steps) deps.io.info(`eks-sfn-action: ${describeStep(step)}`);
      })
      .catch((error: unknown) => {
        deps.io.info(
          `eks-sfn-action: stopping failed (${error instanceof Error ? error.message : String(error)}); the post step tries again.`,
        );
      })
      .finally(() => {
        deps.io.info(
          "eks-sfn-action: left to the post step: revoking the grant and deleting a temporary cluster.",
        );
        deps.exit(CANCELLED_EXIT_CODE);
      });
  };
  const onInt = (): void => onSignal("SIGINT");
  const onTerm = (): void => onSignal("SIGTERM");
  signals.on("SIGINT", onInt);
  signals.on("SIGTERM", onTerm);
  return {
    get cancelled() {
      return cancelled;
    },
    dispose() {
      signals.off("SIGINT", onInt);
      signals.off("SIGTERM", onTerm);
    },
  };
}

/** `stopped execution arn:...`, `Job ci/pi-x: already gone`, ... */
export function describeStep(step: CleanupStep): string {
  const result =
    step.outcome === "done"
      ? "removed"
      : step.outcome === "already-gone"
        ? "already gone"
        : step.outcome === "skipped"
          ? "skipped"
          : "FAILED";
  return `${step.what}: ${result}${step.detail ? ` (${step.detail})` : ""}`;
}
