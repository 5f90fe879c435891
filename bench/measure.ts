// Measuring a benchmark's processes (wall time, CPU time, peak RSS through GNU time) and
// printing what was measured as a markdown table whose ratios compare with one row.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";

export interface ProcessCost {
  /** Wall time, ms. */
  readonly ms: number;
  /** User + system CPU time, ms (the process and the children it waited for). */
  readonly cpuMs: number;
  /** Peak resident set size, KiB (the largest of the process and its waited-for children). */
  readonly rssKiB: number;
  /** When stdout first contained `options.until`, ms after the start (NaN if it never did). */
  readonly untilMs: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `command` under `/usr/bin/time` (GNU time) and resolves with its cost and output.
 * Rejects when it exits with another code than `options.exitCode` (default 0).
 * Asynchronous, so several can be measured side by side.
 */
export function measureProcess(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; timeFile: string; exitCode?: number; until?: string },
): Promise<ProcessCost> {
  const started = process.hrtime.bigint();
  const child = spawn(
    "/usr/bin/time",
    ["-o", options.timeFile, "-f", "%U %S %M", command, ...args],
    { env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  let untilMs = Number.NaN;
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    if (options.until !== undefined && Number.isNaN(untilMs) && stdout.includes(options.until)) {
      untilMs = Number(process.hrtime.bigint() - started) / 1e6;
    }
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== (options.exitCode ?? 0)) {
        reject(new Error(`${command} ${args.join(" ")} exited ${code}: ${stderr}`));
        return;
      }
      const line = readFileSync(options.timeFile, "utf8").trim().split("\n").at(-1) ?? "";
      const [user, system, rss] = line.split(" ").map(Number);
      resolve({
        ms,
        cpuMs: ((user ?? Number.NaN) + (system ?? Number.NaN)) * 1000,
        rssKiB: rss ?? Number.NaN,
        untilMs,
        stdout,
        stderr,
      });
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** The machine's load while measuring: 1-minute load average and CPU count. */
export function machineLoad(): string {
  const [one = 0, five = 0] = loadavg();
  const cpus = readFileSync("/proc/cpuinfo", "utf8").match(/^processor\s*:/gm)?.length ?? 0;
  return `load average ${one.toFixed(2)} (1 min), ${five.toFixed(2)} (5 min) on ${cpus} CPUs`;
}

export interface Column<Row> {
  readonly title: string;
  readonly value: (row: Row) => number | string | undefined;
  /** Digits after the point for numbers. Default 0. */
  readonly digits?: number;
  /** Adds a column "<title> ours/theirs": this row's value over the base row's. */
  readonly ratio?: boolean;
}

/**
 * A markdown table of `rows`; every ratio column divides a row's value by `base`'s
 * (NaN and missing values print as "-").
 */
export function renderTable<Row>(options: {
  rows: readonly Row[];
  name: (row: Row) => string;
  base: Row;
  columns: readonly Column<Row>[];
}): string {
  const titles = ["how"];
  for (const column of options.columns) {
    titles.push(column.title);
    if (column.ratio) titles.push("x (ours / this row)");
  }
  const lines = [
    `| ${titles.join(" | ")} |`,
    `| --- |${titles
      .slice(1)
      .map(() => " ---: |")
      .join("")}`,
  ];
  const show = (value: number | string | undefined, digits: number): string =>
    typeof value === "string"
      ? value
      : value === undefined || Number.isNaN(value)
        ? "-"
        : value.toFixed(digits);
  for (const row of options.rows) {
    const cells = [options.name(row)];
    for (const column of options.columns) {
      const value = column.value(row);
      cells.push(show(value, column.digits ?? 0));
      if (column.ratio) {
        const base = column.value(options.base);
        cells.push(
          typeof value === "number" && typeof base === "number" && value !== 0
            ? show(base / value, 2)
            : "-",
        );
      }
    }
    lines.push(`| ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}
