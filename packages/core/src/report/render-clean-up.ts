// The lines `eks-sfn` prints for a cleanUp report: one per step.
import type { CleanUpReport } from "../run/clean-up.ts";
import { renderRevokeReport } from "./render-access.ts";

export function renderCleanUp(report: CleanUpReport): string[] {
  const lines: string[] = [];
  for (const step of report.steps) {
    const outcome = {
      done: "removed",
      "already-gone": "already gone",
      skipped: "skipped",
      failed: "FAILED",
    }[step.outcome];
    lines.push(`cleanup: ${step.what}: ${outcome}${step.detail ? ` (${step.detail})` : ""}`);
    if (step.revoke) for (const line of renderRevokeReport(step.revoke)) lines.push(`  ${line}`);
  }
  if (report.steps.length === 0) lines.push("cleanup: the ledger records nothing to undo.");
  return lines;
}
