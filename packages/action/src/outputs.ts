// The step's outputs, each set the moment it is known (not at the end), so a later
// step sees `execution-arn` and `console-url` also when this one fails or is cancelled.
import type { ExecutionReport } from "@eks-sfn/core/plan";
import { executionConsoleUrl } from "./console-url.ts";
import type { RunFacts } from "./flow.ts";
import type { ActionIo } from "./io.ts";

/** Every output of action.yml, in its order (action-metadata.test.ts checks both agree). */
export const OUTPUT_NAMES = [
  "execution-arn",
  "execution-name",
  "console-url",
  "state-machine-arn",
  "cluster-name",
  "cluster-endpoint",
  "job-name",
  "status",
  "job-status",
  "logs",
  "output",
  "report-path",
] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];

/** `logs` and `output` are cut to this many bytes (UTF-8) so GITHUB_OUTPUT stays small. */
export const OUTPUT_CAP_BYTES = 64 * 1024;

export interface OutputWriter {
  set(name: OutputName, value: string): void;
  /** Sets the outputs a fact names, once each. */
  facts(facts: RunFacts): void;
  /** Sets what the report holds: status, job-status, logs, output. */
  report(report: ExecutionReport): void;
  /** The values set so far. */
  readonly values: Readonly<Partial<Record<OutputName, string>>>;
}

/** Writes each output through the port when its value is new; caps the big ones. */
export function createOutputWriter(io: ActionIo): OutputWriter {
  const values: Partial<Record<OutputName, string>> = {};
  const set = (name: OutputName, value: string): void => {
    if (values[name] === value) return;
    values[name] = value;
    io.setOutput(name, value);
  };
  return {
    set,
    values,
    facts(facts) {
      if (facts.clusterName !== undefined) set("cluster-name", facts.clusterName);
      if (facts.clusterEndpoint !== undefined) set("cluster-endpoint", facts.clusterEndpoint);
      if (facts.stateMachineArn !== undefined) set("state-machine-arn", facts.stateMachineArn);
      if (facts.executionArn !== undefined) {
        set("execution-arn", facts.executionArn);
        const url = executionConsoleUrl(facts.executionArn);
        if (url !== undefined) set("console-url", url);
      }
      if (facts.executionName !== undefined) set("execution-name", facts.executionName);
      if (facts.jobName !== undefined) set("job-name", facts.jobName);
    },
    report(report) {
      this.facts({
        executionArn: report.executionId,
        executionName: report.executionName,
        stateMachineArn: report.stateMachineArn,
        jobName: report.jobs[0]?.name,
      });
      set("status", report.status);
      set(
        "job-status",
        JSON.stringify(
          report.jobs.map((job) => ({
            namespace: job.namespace,
            name: job.name,
            outcome: job.outcome,
            conditions: job.conditions,
            pods: job.pods.map((pod) => ({
              name: pod.name,
              phase: pod.phase,
              reason: pod.reason,
              containers: pod.containers.map(({ log: _log, ...container }) => container),
            })),
          })),
        ),
      );
      set("logs", capBytes(jobLogs(report), OUTPUT_CAP_BYTES));
      if (report.output !== undefined) {
        set("output", capBytes(JSON.stringify(report.output), OUTPUT_CAP_BYTES));
      }
    },
  };
}

/** Each container's log under a `==> namespace/pod/container <==` header, as tail(1) does. */
export function jobLogs(report: ExecutionReport): string {
  const parts: string[] = [];
  for (const job of report.jobs) {
    for (const pod of job.pods) {
      for (const container of pod.containers) {
        if (container.log === undefined) continue;
        parts.push(`==> ${job.namespace}/${pod.name}/${container.name} <==\n${container.log}`);
      }
    }
  }
  return parts.join("\n");
}

/** The text cut to at most `limit` UTF-8 bytes (never mid-character), marked when cut. */
export function capBytes(text: string, limit: number): string {
  if (Buffer.byteLength(text) <= limit) return text;
  const marker = "\n[cut]";
  const budget = limit - Buffer.byteLength(marker);
  let cut = Buffer.from(text).subarray(0, budget).toString("utf8");
  // A cut multi-byte character decodes to U+FFFD: drop it.
  cut = cut.replace(/\uFFFD$/, "");
  return `${cut}${marker}`;
}
