// The one error annotation a failed run leaves on the run's page and the pull request's
// checks: the named cause and what to do about it. Pure; main hands it to the port.
import type { ExecutionReport } from "@eks-sfn/core/plan";
import { renderStatusLine } from "./summary.ts";

export interface Annotation {
  readonly title: string;
  readonly message: string;
}

/** Annotations are cut by GitHub beyond a few KiB; keep the message well under. */
export const ANNOTATION_LIMIT_CHARS = 4000;

/** The annotation for a run that did not succeed, or undefined when it did. */
export function renderFailureAnnotation(report: ExecutionReport): Annotation | undefined {
  const failedJob = report.jobs.find((job) => job.outcome === "failed");
  if (report.status === "SUCCEEDED" && failedJob === undefined) return undefined;
  const advice = report.advice[0];
  const lines: string[] = [];
  const cause = report.cause ?? failedJob?.conditions.find((c) => c.type === "Failed")?.message;
  if (report.error !== undefined) lines.push(`${report.error}${cause ? `: ${cause}` : ""}`);
  else if (cause !== undefined) lines.push(cause);
  const exits = (failedJob?.pods ?? []).flatMap((pod) =>
    pod.containers
      .filter((container) => container.exitCode !== undefined && container.exitCode !== 0)
      .map(
        (container) =>
          `${pod.name}/${container.name} exited ${container.exitCode}${container.reason ? ` (${container.reason})` : ""}`,
      ),
  );
  if (exits.length > 0) lines.push(exits.slice(0, 5).join("; "));
  if (advice !== undefined) lines.push(`Fix: ${advice.fix}`);
  const message = lines.join("\n") || renderStatusLine(report);
  return {
    title: renderStatusLine(report).replace(/^\S+\s/, ""),
    message:
      message.length > ANNOTATION_LIMIT_CHARS
        ? `${message.slice(0, ANNOTATION_LIMIT_CHARS - 1)}…`
        : message,
  };
}
