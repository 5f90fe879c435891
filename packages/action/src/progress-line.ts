// One line in the step log per change of state, from the ProgressEvents both engines emit.
import type { ProgressEvent } from "@eks-sfn/core/plan";

/** The line for one event, with seconds since the execution started; undefined for none. */
export function renderProgressLine(event: ProgressEvent, startedAt: Date | undefined): string {
  const at =
    startedAt === undefined
      ? ""
      : `+${((event.at.getTime() - startedAt.getTime()) / 1000).toFixed(1).padStart(5)}s `;
  switch (event.type) {
    case "execution-started":
      return `${at}▶ execution started`;
    case "state-entered":
      return `${at}→ ${event.state}`;
    case "state-exited":
      return `${at}✓ ${event.state}`;
    case "state-failed":
      return `${at}✗ ${event.state}: ${event.error}${event.cause ? ` (${oneLine(event.cause)})` : ""}`;
    case "state-retried":
      return `${at}↻ ${event.state} retried after ${event.error}`;
    case "state-caught":
      return `${at}↪ ${event.state} caught ${event.error}`;
    case "map-item":
      return `${at}  ${event.state}[${event.index}] ${event.status}`;
    case "job":
      return `${at}☸ Job ${event.namespace}/${event.job} ${event.phase}${event.reason ? ` (${event.reason})` : ""}`;
    case "execution-ended":
      return `${at}■ execution ${event.status}${event.error ? `: ${event.error}` : ""}`;
  }
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 300 ? `${flat.slice(0, 299)}…` : flat;
}
