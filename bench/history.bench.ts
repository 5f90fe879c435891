// What reading an execution's history costs when the Jobs' task results carry their logs:
// the product's incremental reader (workflow/history.ts, through workflow/watch.ts as the
// AWS engine runs it) with execution data (each state's output read once), and without; against
// `aws stepfunctions get-execution-history` paged by hand, every poll or once at the end.
// One execution on moto, every reader on it at the same time, each through its own
// recording proxy (test/support/sfn-proxy.ts), which pages the history and honours
// includeExecutionData as the API reference documents (moto does neither).
//
//   npm run stack:up && npm run bench -- history [--jobs=3] [--log-kib=32] [--job-seconds=20]
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { realSleep, systemClock } from "../packages/core/src/time/clock.ts";
import { watchExecution } from "../packages/core/src/workflow/watch.ts";
import { type SfnProxy, startSfnProxy } from "../test/support/sfn-proxy.ts";
import { machineLoad, measureProcess, renderTable } from "./measure.ts";
import { awscliOf, awsEnvironment, requireStack } from "./stack.ts";

const arg = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const JOBS = Number(arg("jobs") ?? 3);
/** Log text in each Job's task result: the default cap (`limitBytes`) is 32 KiB a container. */
const LOG_KIB = Number(arg("log-kib") ?? 32);
const JOB_SECONDS = Number(arg("job-seconds") ?? 20);
const POLL_SECONDS = 10;
/** A page size small enough that a poll reads few events it has seen (the default is 100). */
const SMALL_PAGE = 10;

const stack = requireStack("history");
const aws = awscliOf(stack);
const tmp = mkdtempSync(join(tmpdir(), "eks-sfn-bench-history-"));
const direct = new SFNClient({
  endpoint: stack.moto.endpoint,
  region: stack.region,
  credentials: { ...stack.credentials },
});

// A matrix run as moto can run it: a Map of JOBS iterations, one at a time, each a Wait
// (the Job runs) and a Pass whose result is what eks:runJob.sync returns for a finished
// Job with RetrieveLogs: its status and LOG_KIB KiB of log lines.
const logLine = "2026-11-30T00:00:00Z step 0042 of 1000: loss=0.0123 accuracy=0.9876 ok\n";
const log = logLine.repeat(Math.ceil((LOG_KIB * 1024) / logLine.length)).slice(0, LOG_KIB * 1024);
const taskResult = {
  name: "train",
  status: { succeeded: 1, conditions: [{ type: "Complete", status: "True" }] },
  logs: { pods: { "train-x7k2p": { containers: { main: { log } } } } },
};
const machine = await direct.send(
  new CreateStateMachineCommand({
    name: `bench-history-${process.pid}-${Date.now()}`,
    roleArn: "arn:aws:iam::123456789012:role/eks-sfn-bench",
    definition: JSON.stringify({
      StartAt: "Jobs",
      States: {
        Jobs: {
          Type: "Pass",
          Result: Array.from({ length: JOBS }, (_, i) => ({ job: i })),
          Next: "Run jobs",
        },
        "Run jobs": {
          Type: "Map",
          MaxConcurrency: 1,
          ItemProcessor: {
            ProcessorConfig: { Mode: "INLINE" },
            StartAt: "Job runs",
            States: {
              "Job runs": { Type: "Wait", Seconds: JOB_SECONDS, Next: "Run job" },
              "Run job": { Type: "Pass", Result: taskResult, Next: "Keep result" },
              "Keep result": { Type: "Pass", End: true },
            },
          },
          End: true,
        },
      },
    }),
  }),
);

// What a user writes: every poll, describe the execution and read its whole history,
// page by page (100 events, nextToken), with awscli's defaults (execution data included).
const READ_HISTORY = `read_history() {
  token=""
  while :; do
    aws stepfunctions get-execution-history --execution-arn "$1" --no-paginate --max-results 100 $2 \${token:+--next-token "$token"} > "$3"
    token=$(jq -r '.nextToken // empty' "$3")
    [ -n "$token" ] || break
  done
}`;
const SHELL_POLL = `${READ_HISTORY}
while :; do
  status=$(aws stepfunctions describe-execution --execution-arn "$1" --query status --output text)
  read_history "$1" "" "$3"
  [ "$status" = RUNNING ] || break
  sleep "$2"
done`;
const SHELL_ONCE = `${READ_HISTORY}
read_history "$1" "$2" "$3"`;
const shellEnv = (proxy: SfnProxy): NodeJS.ProcessEnv => ({
  ...awsEnvironment(stack, proxy.endpoint),
  PATH: `${dirname(aws)}:${process.env.PATH}`,
});

interface Reader {
  readonly name: string;
  readonly proxy: SfnProxy;
  /** State outputs seen in the events (a check that execution data came, or did not). */
  outputs?: number;
}
const proxy = () =>
  startSfnProxy({ target: stack.moto.endpoint, pageHistory: true, executionData: true });
const readers: Reader[] = [
  { name: "ours: watch.ts + history.ts, with execution data", proxy: await proxy() },
  { name: "ours: watch.ts + history.ts, without execution data", proxy: await proxy() },
  {
    name: `ours: with execution data, ${SMALL_PAGE}-event pages (historyPageSize)`,
    proxy: await proxy(),
  },
  {
    name: `awscli by hand: describe + whole history (paged, with data) every ${POLL_SECONDS} s`,
    proxy: await proxy(),
  },
  { name: "awscli by hand: whole history once after the end, with data", proxy: await proxy() },
  { name: "awscli by hand: whole history once after the end, without data", proxy: await proxy() },
];
const [withData, withoutData, smallPages, shellPoll, onceWith, onceWithout] = readers as [
  Reader,
  Reader,
  Reader,
  Reader,
  Reader,
  Reader,
];

const loadBefore = machineLoad();
const { executionArn } = await direct.send(
  new StartExecutionCommand({ stateMachineArn: machine.stateMachineArn, name: "matrix" }),
);
if (!executionArn) throw new Error("moto started no execution");

async function watchWith(
  reader: Reader,
  includeExecutionData: boolean,
  historyPageSize?: number,
): Promise<void> {
  const watch = watchExecution({
    sfn: new SFNClient({ ...awsClientConfig(), endpoint: reader.proxy.endpoint }),
    clock: systemClock,
    sleep: realSleep,
    executionArn: executionArn as string,
    includeExecutionData,
    historyPageSize,
  });
  reader.outputs = 0;
  for await (const event of watch.events) {
    if (event.type === "state-exited" && event.output !== undefined) reader.outputs += 1;
  }
  const outcome = await watch.outcome;
  if (outcome.status !== "SUCCEEDED") {
    // A Map of many Jobs' logs can pass the 256 KiB a state's output may hold.
    throw new Error(`the execution ended ${outcome.status}: ${outcome.error}: ${outcome.cause}`);
  }
}
function awsClientConfig() {
  return { region: stack.region, credentials: { ...stack.credentials } };
}

await Promise.all([
  watchWith(withData, true),
  watchWith(withoutData, false),
  watchWith(smallPages, true, SMALL_PAGE),
  measureProcess(
    "bash",
    ["-c", SHELL_POLL, "poll", executionArn, String(POLL_SECONDS), join(tmp, "poll.json")],
    {
      env: shellEnv(shellPoll.proxy),
      timeFile: join(tmp, "poll.time"),
    },
  ),
]);
const ended = await direct.send(new DescribeExecutionCommand({ executionArn }));
if (ended.status !== "SUCCEEDED") throw new Error(`the execution ended ${ended.status}`);
await measureProcess("bash", ["-c", SHELL_ONCE, "once", executionArn, "", join(tmp, "once.json")], {
  env: shellEnv(onceWith.proxy),
  timeFile: join(tmp, "once.time"),
});
await measureProcess(
  "bash",
  ["-c", SHELL_ONCE, "once", executionArn, "--no-include-execution-data", join(tmp, "bare.json")],
  { env: shellEnv(onceWithout.proxy), timeFile: join(tmp, "bare.time") },
);
const loadAfter = machineLoad();
await Promise.all(readers.map((reader) => reader.proxy.close()));

// The readers must have got what they asked for, or the comparison means nothing.
if (!withData.outputs || withData.outputs !== smallPages.outputs || withoutData.outputs !== 0) {
  throw new Error(
    `state outputs seen: with data ${withData.outputs}, without ${withoutData.outputs}: the proxy did not honour includeExecutionData`,
  );
}

const rows = readers.map((reader) => {
  const history = reader.proxy.requests.filter((r) => r.action === "GetExecutionHistory");
  return {
    name: reader.name,
    calls: reader.proxy.requests.length,
    historyCalls: history.length,
    kib: reader.proxy.requests.reduce((sum, r) => sum + r.bytes, 0) / 1024,
    historyKiB: history.reduce((sum, r) => sum + r.bytes, 0) / 1024,
  };
});
const ours = rows[0] as (typeof rows)[number];
console.log(
  `\n### Reading the history of a matrix run (${JOBS} Jobs one after another, ${JOB_SECONDS} s each, ${LOG_KIB} KiB of logs in each task result; moto, paged by the proxy)`,
);
console.log(`Measured ${new Date().toISOString()}; ${loadBefore} before, ${loadAfter} after.`);
console.log("Ratios are ours (with execution data, as the AWS engine reads) / this row.\n");
console.log(
  renderTable({
    rows,
    base: ours,
    name: (row) => row.name,
    columns: [
      { title: "API calls", value: (row) => row.calls, ratio: true },
      { title: "GetExecutionHistory", value: (row) => row.historyCalls },
      { title: "KiB received", value: (row) => row.kib, digits: 1, ratio: true },
      { title: "of which history", value: (row) => row.historyKiB, digits: 1 },
      {
        title: "KiB / history call",
        value: (row) => row.historyKiB / row.historyCalls,
        digits: 1,
      },
    ],
  }),
);
