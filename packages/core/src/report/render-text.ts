// An ExecutionReport as plain text for a terminal (the CLI) or a log: status, the path
// of states, the Jobs and their pods, the advice, the output. Pure; ASCII markers only.
import type { ContainerReport, ExecutionReport, StateVisit } from "./execution-report.ts";

export interface RenderTextOptions {
  /** The most log lines shown per container (the last ones). Default 20. */
  readonly logLines?: number | undefined;
  /** The most characters of the output shown. Default 2,000. */
  readonly outputChars?: number | undefined;
}

/**
 * The report as text, one section per part, ending with a newline. Long logs show
 * their last `logLines` lines, long output its first `outputChars` characters, each
 * marked when cut.
 */
export function renderReportText(report: ExecutionReport, options: RenderTextOptions = {}): string {
  const logLines = options.logLines ?? 20;
  const outputChars = options.outputChars ?? 2_000;
  const lines: string[] = [];
  const took = report.durationMs === undefined ? "" : ` in ${seconds(report.durationMs)}`;
  lines.push(
    `Execution ${report.executionName}: ${report.status}${took} (${report.engine} engine)`,
  );
  lines.push(`  id       ${report.executionId}`);
  if (report.stateMachineArn) lines.push(`  machine  ${report.stateMachineArn}`);
  lines.push(`  started  ${report.startedAt}`);
  if (report.stoppedAt) lines.push(`  stopped  ${report.stoppedAt}`);
  if (report.error) lines.push(`  error    ${report.error}`);
  if (report.cause) lines.push(...block("  cause    ", report.cause));

  if (report.path.length > 0) {
    lines.push("", "Path");
    const width = Math.max(...report.path.map((visit) => visit.state.length));
    for (const visit of report.path) lines.push(visitLine(visit, width, report.cause));
  }

  for (const job of report.jobs) {
    lines.push("", `Job ${job.namespace}/${job.name}: ${job.outcome}`);
    for (const condition of job.conditions) {
      const why = [condition.reason, condition.message].filter(Boolean).join(": ");
      lines.push(`  condition ${condition.type}=${condition.status}${why ? ` (${why})` : ""}`);
    }
    for (const pod of job.pods) {
      const on = pod.node ? ` on ${pod.node}` : "";
      lines.push(`  pod ${pod.name}${on}: ${pod.phase}${pod.reason ? ` (${pod.reason})` : ""}`);
      for (const container of pod.containers) {
        lines.push(`    container ${container.name}: ${containerState(container)}`);
        if (container.logError) lines.push(`      log unavailable: ${container.logError}`);
        if (container.log !== undefined) lines.push(...logBlock(container, logLines));
      }
    }
  }

  if (report.advice.length > 0) {
    lines.push("", "Advice");
    for (const advice of report.advice) {
      lines.push(`  [${advice.code}] ${advice.title}`);
      lines.push(...block("    fix: ", advice.fix));
    }
  }

  if (report.output !== undefined) {
    const text = JSON.stringify(report.output, null, 2) ?? String(report.output);
    const cut = text.length > outputChars;
    lines.push("", cut ? `Output (first ${outputChars} of ${text.length} characters)` : "Output");
    lines.push(...(cut ? text.slice(0, outputChars) : text).split("\n").map((line) => `  ${line}`));
  }
  return `${lines.join("\n")}\n`;
}

const MARK: Record<StateVisit["status"], string> = {
  succeeded: "ok    ",
  failed: "FAILED",
  caught: "caught",
  running: "...   ",
};

// A visit's cause is shown when it says more than the execution's own cause.
function visitLine(visit: StateVisit, width: number, executionCause: string | undefined): string {
  const time = visit.durationMs === undefined ? "" : seconds(visit.durationMs);
  const parts = [`  ${MARK[visit.status]} ${visit.state.padEnd(width)}  ${time.padStart(7)}`];
  if (visit.retries > 0) parts.push(`retried ${visit.retries}x`);
  if (visit.error) parts.push(visit.error);
  const line = parts.join("  ").trimEnd();
  const cause = visit.cause !== executionCause ? visit.cause : undefined;
  return cause ? `${line}\n${block("           ", oneLine(cause, 200)).join("\n")}` : line;
}

function containerState(container: ContainerReport): string {
  const bits: string[] = [container.state ?? "unknown"];
  if (container.exitCode !== undefined) bits.push(`exit code ${container.exitCode}`);
  if (container.reason) bits.push(container.reason);
  if (container.message) bits.push(oneLine(container.message, 200));
  return bits.join(", ");
}

function logBlock(container: ContainerReport, maxLines: number): string[] {
  const all = (container.log ?? "").replace(/\n$/, "").split("\n");
  const shown = all.slice(-maxLines);
  const cut = container.logTruncated || shown.length < all.length;
  const heading = cut
    ? `      log (last ${shown.length} lines${container.logTruncated ? ", cut to its byte cap" : ""}):`
    : "      log:";
  return [heading, ...shown.map((line) => `        ${line}`)];
}

function block(prefix: string, text: string): string[] {
  const pad = " ".repeat(prefix.length);
  return text.split("\n").map((line, index) => `${index === 0 ? prefix : pad}${line}`);
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
