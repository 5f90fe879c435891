// The job summary people read, rendered from the ExecutionReport (plain data) with the
// toolkit's summary builder: status and named cause, console link, the states taken,
// the Mermaid path, the Job's conditions and pods, logs (collapsed, capped), access and
// cleanup. Pure: no I/O; main and post hand the markdown to the port.
import { summary as toolkitSummary } from "@actions/core";
import type { ExecutionReport, StateVisit } from "@eks-sfn/core/plan";
import { executionConsoleUrl } from "./console-url.ts";
import type { AccessSummary, CleanupStep } from "./flow.ts";

/** GitHub's limit for one step's summary (1 MiB); the toolkit's docs (SUMMARY_DOCS_URL). */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;
/** Each container's log is cut to its last this many bytes in the summary. */
export const SUMMARY_LOG_CAP_BYTES = 64 * 1024;

export interface SummaryInput {
  readonly report: ExecutionReport;
  /** The definition's flowchart with the path taken and the failing state marked. */
  readonly mermaid?: string | undefined;
  readonly access?: AccessSummary | undefined;
  readonly cleanup?: readonly CleanupStep[] | undefined;
}

type SummaryBuilder = typeof toolkitSummary;
type TableRow = Parameters<SummaryBuilder["addTable"]>[0][number];

/** The toolkit writes an empty cell as an unclosed `<td>`: give it a space to hold. */
function table(rows: TableRow[]): TableRow[] {
  return rows.map((row) => row.map((cell) => (cell === "" ? "&nbsp;" : cell)));
}

/** A fresh builder: the toolkit exports only its singleton, whose class makes more. */
function newBuilder(): SummaryBuilder {
  const Builder = toolkitSummary.constructor as new () => SummaryBuilder;
  return new Builder();
}

/**
 * The summary markdown, at most `limitBytes` (UTF-8): logs are cut shorter and shorter,
 * then left out, until it fits.
 */
export function renderSummary(input: SummaryInput, limitBytes = SUMMARY_LIMIT_BYTES): string {
  for (let cap = SUMMARY_LOG_CAP_BYTES; ; cap = Math.floor(cap / 4)) {
    const text = renderWithLogCap(input, cap);
    if (Buffer.byteLength(text) <= limitBytes) return text;
    if (cap === 0) return cutTo(text, limitBytes);
  }
}

/** One status line: what ended how, and the named cause when there is one. */
export function renderStatusLine(report: ExecutionReport): string {
  const failedJob = report.jobs.find((job) => job.outcome === "failed");
  const advice = report.advice[0];
  if (report.status === "SUCCEEDED" && failedJob === undefined) {
    const took = report.durationMs === undefined ? "" : ` in ${formatDuration(report.durationMs)}`;
    return `✅ ${jobNames(report)} succeeded${took}`;
  }
  const icon = report.status === "ABORTED" ? "⏹️" : "❌";
  const what = report.status === "SUCCEEDED" ? "failed" : describeStatus(report.status);
  const cause = advice?.title ?? report.error ?? failedJob?.conditions.find(isFailed)?.reason;
  return `${icon} ${jobNames(report)} ${what}${cause === undefined ? "" : `: ${cause}`}`;
}

function renderWithLogCap(input: SummaryInput, logCap: number): string {
  const { report } = input;
  const out = newBuilder().addHeading(escapeHtml(renderStatusLine(report)), 3);

  const facts: string[] = [];
  const url = executionConsoleUrl(report.executionId);
  facts.push(
    url === undefined
      ? `Execution <code>${escapeHtml(report.executionName)}</code> on the ${report.engine} engine`
      : `Execution <a href="${url}">${escapeHtml(report.executionName)}</a> in the AWS console`,
  );
  facts.push(`status <code>${report.status}</code>`);
  if (report.durationMs !== undefined) facts.push(`took ${formatDuration(report.durationMs)}`);
  out.addRaw(`<p>${facts.join(" · ")}</p>`, true);
  if (report.error !== undefined || report.cause !== undefined) {
    out.addRaw(
      `<p><b>${escapeHtml(report.error ?? "Error")}</b>${report.cause === undefined ? "" : `: ${escapeHtml(oneLine(report.cause, 500))}`}</p>`,
      true,
    );
  }
  for (const advice of report.advice) {
    out.addQuote(
      `${escapeHtml(advice.title)} (${escapeHtml(advice.code)}). ${escapeHtml(advice.fix)}`,
    );
  }

  if (report.path.length > 0) {
    out.addHeading("States", 4);
    out.addTable(
      table([
        [
          { data: "State", header: true },
          { data: "Result", header: true },
          { data: "Duration", header: true },
          { data: "Retries", header: true },
          { data: "Error", header: true },
        ],
        ...report.path.map((visit) => [
          escapeHtml(visit.state),
          visitResult(visit),
          visit.durationMs === undefined ? "" : formatDuration(visit.durationMs),
          String(visit.retries),
          visit.error === undefined ? "" : `<code>${escapeHtml(visit.error)}</code>`,
        ]),
      ]),
    );
  }
  if (input.mermaid !== undefined) {
    out.addHeading("Path", 4);
    out.addRaw(`\n\`\`\`mermaid\n${input.mermaid.trimEnd()}\n\`\`\`\n`, true);
  }

  for (const job of report.jobs) {
    out.addHeading(
      `Job <code>${escapeHtml(`${job.namespace}/${job.name}`)}</code>: ${job.outcome}`,
      4,
    );
    if (job.conditions.length > 0) {
      out.addTable(
        table([
          [
            { data: "Condition", header: true },
            { data: "Status", header: true },
            { data: "Reason", header: true },
            { data: "Message", header: true },
          ],
          ...job.conditions.map((condition) => [
            escapeHtml(condition.type),
            escapeHtml(condition.status),
            escapeHtml(condition.reason ?? ""),
            escapeHtml(oneLine(condition.message ?? "", 500)),
          ]),
        ]),
      );
    }
    const containers = job.pods.flatMap((pod) =>
      pod.containers.map((container) => ({ pod, container })),
    );
    if (containers.length > 0) {
      out.addTable(
        table([
          [
            { data: "Pod", header: true },
            { data: "Phase", header: true },
            { data: "Container", header: true },
            { data: "Exit code", header: true },
            { data: "Reason", header: true },
          ],
          ...containers.map(({ pod, container }) => [
            escapeHtml(pod.name),
            escapeHtml(pod.phase),
            escapeHtml(container.name),
            container.exitCode === undefined ? "" : String(container.exitCode),
            escapeHtml(container.reason ?? pod.reason ?? ""),
          ]),
        ]),
      );
    }
    for (const { pod, container } of containers) {
      const label = `Logs of ${escapeHtml(`${pod.name}/${container.name}`)}`;
      if (container.log === undefined) {
        if (container.logError !== undefined) {
          out.addRaw(`<p>${label}: not read (${escapeHtml(container.logError)})</p>`, true);
        }
        continue;
      }
      const { text, cut } = tail(container.log, logCap);
      const notes = [
        container.logTruncated === true ? "cut by the log options" : "",
        cut ? `last ${formatBytes(logCap)} shown` : "",
      ].filter((note) => note !== "");
      out.addDetails(
        `${label}${notes.length > 0 ? ` (${notes.join("; ")})` : ""}`,
        logCap === 0
          ? "<p>Left out to keep the summary under 1 MiB; see the report file.</p>"
          : `\n\n<pre><code>${escapeHtml(text)}</code></pre>\n\n`,
      );
      out.addEOL();
    }
  }

  if (input.access !== undefined) {
    out.addHeading("Access", 4);
    out.addList([
      ...input.access.granted.map((line) => `granted: ${escapeHtml(line)}`),
      ...input.access.revoked.map((line) => `revoked: ${escapeHtml(line)}`),
      ...(input.access.granted.length + input.access.revoked.length === 0
        ? ["nothing granted (access-strategy none, or the identity already had access)"]
        : []),
    ]);
  }
  if (input.cleanup !== undefined) out.addRaw(renderCleanupSummary(input.cleanup), true);
  return out.stringify();
}

/** The cleanup section on its own: post appends it after main's summary. */
export function renderCleanupSummary(steps: readonly CleanupStep[]): string {
  const out = newBuilder().addHeading("Cleanup", 4);
  if (steps.length === 0) return out.addRaw("<p>Nothing to clean up.</p>", true).stringify();
  return out
    .addTable(
      table([
        [
          { data: "What", header: true },
          { data: "Result", header: true },
          { data: "Detail", header: true },
        ],
        ...steps.map((step) => [
          escapeHtml(step.what),
          CLEANUP_RESULT[step.outcome],
          escapeHtml(step.detail ?? ""),
        ]),
      ]),
    )
    .stringify();
}

const CLEANUP_RESULT: Record<CleanupStep["outcome"], string> = {
  done: "✅ removed",
  "already-gone": "✅ already gone",
  skipped: "⏭️ skipped",
  failed: "❌ failed",
};

function visitResult(visit: StateVisit): string {
  switch (visit.status) {
    case "succeeded":
      return "✅ succeeded";
    case "failed":
      return "❌ failed";
    case "caught":
      return "↪️ caught";
    case "running":
      return "⏳ running";
  }
}

function describeStatus(status: ExecutionReport["status"]): string {
  switch (status) {
    case "FAILED":
      return "failed";
    case "TIMED_OUT":
      return "timed out";
    case "ABORTED":
      return "was stopped";
    case "RUNNING":
      return "is still running";
    case "PENDING_REDRIVE":
      return "failed (pending redrive)";
    case "SUCCEEDED":
      return "succeeded";
  }
}

function jobNames(report: ExecutionReport): string {
  if (report.jobs.length === 0) return `Execution ${report.executionName}`;
  if (report.jobs.length === 1) return `Job ${report.jobs[0]?.name}`;
  return `${report.jobs.length} Jobs`;
}

const isFailed = (condition: { type: string; status: string }): boolean =>
  condition.type === "Failed" && condition.status === "True";

/** `850 ms`, `4.2 s`, `3 min 07 s`, `1 h 02 min`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) {
    return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s`;
  }
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KiB` : `${bytes} bytes`;
}

/** The last `limit` bytes of a log, starting at a line when it can. */
function tail(text: string, limit: number): { text: string; cut: boolean } {
  if (Buffer.byteLength(text) <= limit) return { text, cut: false };
  let cut = Buffer.from(text)
    .subarray(Buffer.byteLength(text) - limit)
    .toString("utf8")
    .replace(/^\uFFFD/, "");
  const newline = cut.indexOf("\n");
  if (newline >= 0 && newline < cut.length - 1) cut = cut.slice(newline + 1);
  return { text: cut, cut: true };
}

function oneLine(text: string, limit: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > limit ? `${flat.slice(0, limit - 1)}…` : flat;
}

function cutTo(text: string, limitBytes: number): string {
  const marker = "\n\n(summary cut at 1 MiB)\n";
  return (
    Buffer.from(text)
      .subarray(0, limitBytes - Buffer.byteLength(marker))
      .toString("utf8")
      .replace(/\uFFFD$/, "") + marker
  );
}

/** Text for HTML (the summary mixes markdown and HTML; logs and causes are user data). */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
