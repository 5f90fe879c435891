// Watching one Step Functions execution to its end: the product's watcher
// (workflow/watch.ts) against what a user writes by hand from the AWS blog post, a shell
// loop of `aws stepfunctions describe-execution` every N seconds, and the same loop with
// the AWS SDK (client-sfn has no waiter for executions: FACTS.md). All watch the SAME
// execution on the SAME moto at the same time, each through its own recording proxy
// (test/support/sfn-proxy.ts) and as its own process under GNU time.
//
//   npm run stack:up && npm run bench -- watch [--seconds=60] [--runs=3] [--every=5,10]
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { REPO_ROOT } from "../test/stack/paths.ts";
import { type SfnProxy, startSfnProxy } from "../test/support/sfn-proxy.ts";
import { machineLoad, measureProcess, median, type ProcessCost, renderTable } from "./measure.ts";
import { awscliOf, awsEnvironment, requireStack } from "./stack.ts";

const arg = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const SECONDS = Number(arg("seconds") ?? 60);
const EVERY = (arg("every") ?? "5,10").split(",").map(Number);
const RUNS = Number(arg("runs") ?? 3);

const stack = requireStack("watch");
const aws = awscliOf(stack);
const tmp = mkdtempSync(join(tmpdir(), "eks-sfn-bench-watch-"));
const direct = new SFNClient({
  endpoint: stack.moto.endpoint,
  region: stack.region,
  credentials: { ...stack.credentials },
});

// The executions: one Wait of about SECONDS, the length of a short Job. moto runs them for real.
const suffix = `${process.pid}-${Date.now()}`;
const machines = await Promise.all(
  Array.from({ length: RUNS }, (_, run) =>
    direct.send(
      new CreateStateMachineCommand({
        name: `bench-watch-${suffix}-${run}`,
        roleArn: "arn:aws:iam::123456789012:role/eks-sfn-bench",
        definition: JSON.stringify({
          StartAt: "Job runs",
          States: { "Job runs": { Type: "Wait", Seconds: SECONDS + run * 3, End: true } },
        }),
      }),
    ),
  ),
);

// A shell loop as a user writes it from the blog post's console steps.
const SHELL_LOOP = `while :; do
  status=$(aws stepfunctions describe-execution --execution-arn "$1" --query status --output text)
  [ "$status" = RUNNING ] || break
  sleep "$2"
done
echo "{\\"noticedAt\\": $(date +%s%3N), \\"status\\": \\"$status\\"}"`;

interface Watcher {
  readonly name: string;
  readonly run: (endpoint: string, executionArn: string, timeFile: string) => Promise<ProcessCost>;
}
const node = (args: readonly string[], endpoint: string, timeFile: string) =>
  measureProcess(
    process.execPath,
    ["--conditions=source", join(REPO_ROOT, "bench/watcher.ts"), ...args],
    { env: awsEnvironment(stack, endpoint), timeFile },
  );
const watchers: Watcher[] = [
  {
    name: "ours: watch.ts (default schedule 1 s x1.5 to 10 s, history with data)",
    run: (endpoint, arn, timeFile) => node(["ours", endpoint, arn], endpoint, timeFile),
  },
  {
    name: "AWS SDK loop: DescribeExecution every 10 s (no waiter exists)",
    run: (endpoint, arn, timeFile) => node(["sdk-loop", endpoint, arn, "10"], endpoint, timeFile),
  },
  ...EVERY.map(
    (every): Watcher => ({
      name: `awscli shell loop: describe-execution every ${every} s`,
      run: (endpoint, arn, timeFile) =>
        measureProcess("bash", ["-c", SHELL_LOOP, "loop", arn, String(every)], {
          env: {
            ...awsEnvironment(stack, endpoint),
            PATH: `${dirname(aws)}:${process.env.PATH}`,
          },
          timeFile,
        }),
    }),
  ),
];

interface Seen {
  calls: number;
  describes: number;
  bytes: number;
  watchedMs: number;
  lagsMs: number[];
  cpuMs: number[];
  rssKiB: number;
}
const seen: Seen[] = watchers.map(() => ({
  calls: 0,
  describes: 0,
  bytes: 0,
  watchedMs: 0,
  lagsMs: [],
  cpuMs: [],
  rssKiB: 0,
}));
const loadBefore = machineLoad();
// Each run starts a new execution that every watcher watches at once; the runs' Waits
// differ by a fraction of the watchers' intervals so that their ends fall at different
// points of the polling cycles (the delay to notice is spread, not one lucky draw).
for (let run = 0; run < RUNS; run += 1) {
  const proxies: SfnProxy[] = await Promise.all(
    watchers.map(() =>
      startSfnProxy({ target: stack.moto.endpoint, pageHistory: true, executionData: true }),
    ),
  );
  const { executionArn } = await direct.send(
    new StartExecutionCommand({
      stateMachineArn: (machines[run] as { stateMachineArn?: string }).stateMachineArn,
      name: `watched-${run}`,
    }),
  );
  const startedAt = Date.now();
  if (!executionArn) throw new Error("moto started no execution");
  const costs = await Promise.all(
    watchers.map((watcher, i) =>
      watcher.run((proxies[i] as SfnProxy).endpoint, executionArn, join(tmp, `time-${i}.txt`)),
    ),
  );
  const ended = await direct.send(new DescribeExecutionCommand({ executionArn }));
  await Promise.all(proxies.map((proxy) => proxy.close()));
  const stoppedAt = ended.stopDate?.getTime();
  if (ended.status !== "SUCCEEDED" || stoppedAt === undefined) {
    throw new Error(`the watched execution ended ${ended.status}, not SUCCEEDED`);
  }
  watchers.forEach((watcher, i) => {
    const cost = costs[i] as ProcessCost;
    const said = JSON.parse(cost.stdout.trim().split("\n").at(-1) ?? "{}") as {
      noticedAt?: number;
      status?: string;
    };
    if (said.status !== "SUCCEEDED" || said.noticedAt === undefined) {
      throw new Error(`${watcher.name} ended with ${cost.stdout}${cost.stderr}`);
    }
    const requests = (proxies[i] as SfnProxy).requests;
    const into = seen[i] as Seen;
    into.calls += requests.length;
    into.describes += requests.filter((r) => r.action === "DescribeExecution").length;
    into.bytes += requests.reduce((sum, r) => sum + r.bytes, 0);
    into.watchedMs += said.noticedAt - startedAt;
    into.lagsMs.push(said.noticedAt - stoppedAt);
    into.cpuMs.push(cost.cpuMs);
    into.rssKiB = Math.max(into.rssKiB, cost.rssKiB);
  });
  process.stderr.write(`run ${run + 1} of ${RUNS} done\n`);
}
const loadAfter = machineLoad();

const rows = watchers.map((watcher, i) => {
  const s = seen[i] as Seen;
  return {
    name: watcher.name,
    calls: s.calls / RUNS,
    describes: s.describes / RUNS,
    perMinute: s.calls / (s.watchedMs / 60_000),
    kib: s.bytes / 1024 / RUNS,
    lagMs: s.lagsMs.reduce((a, b) => a + b, 0) / RUNS,
    maxLagMs: Math.max(...s.lagsMs),
    cpuMs: median(s.cpuMs),
    rssMiB: s.rssKiB / 1024,
  };
});
const ours = rows[0] as (typeof rows)[number];

console.log(
  `\n### Watching an execution to its end (${RUNS} executions, a Wait of ${SECONDS} s + 0, 3, ... s on moto; ${rows.length} watchers on each at once; per execution: mean, CPU median, RSS max)`,
);
console.log(`Measured ${new Date().toISOString()}; ${loadBefore} before, ${loadAfter} after.`);
console.log(
  "Ratios are ours / this row: below 1 means ours uses less (or notices sooner), above 1 more.\n",
);
console.log(
  renderTable({
    rows,
    base: ours,
    name: (row) => row.name,
    columns: [
      { title: "API calls", value: (row) => row.calls, ratio: true },
      { title: "DescribeExecution", value: (row) => row.describes },
      { title: "calls / min", value: (row) => row.perMinute, digits: 1, ratio: true },
      { title: "KiB received", value: (row) => row.kib, digits: 1 },
      { title: "end -> noticed, ms", value: (row) => row.lagMs, ratio: true },
      { title: "worst, ms", value: (row) => row.maxLagMs },
      { title: "CPU ms", value: (row) => row.cpuMs, ratio: true },
      { title: "peak RSS MiB", value: (row) => row.rssMiB, ratio: true },
    ],
  }),
);

// The execution's side: how soon the state machine itself sees the Job end, and what
// that costs in state transitions. Read from the rendered definitions (their golden
// files); not measured, since moto cannot run eks tasks.
const polling = JSON.parse(
  readFileSync(
    join(REPO_ROOT, "packages/core/src/workflow/definition/__golden__/run-job-polling.json"),
    "utf8",
  ),
) as {
  States: Record<string, { Type: string; Seconds?: number; Next?: string; Default?: string }>;
};
const [waitName, wait] =
  Object.entries(polling.States).find(([, state]) => state.Type === "Wait") ?? [];
if (!waitName || !wait?.Seconds) throw new Error("the polling definition has no Wait state");
let loop = 0;
for (let name: string | undefined = waitName; name !== undefined; ) {
  loop += 1;
  const state: { Next?: string; Default?: string } | undefined = polling.States[name];
  name = state?.Next ?? state?.Default;
  if (name === waitName) break;
  if (loop > 50) throw new Error("the polling loop does not come back to its Wait");
}
const perMinute = (loop * 60) / wait.Seconds;
console.log(
  "\nThe execution's side (from the rendered definitions, not measured: moto runs no eks tasks):\n",
);
console.log(
  "| definition | Job end -> execution moves on | state transitions / min while the Job runs | per Job-hour at $0.025 / 1,000 |",
);
console.log("| --- | ---: | ---: | ---: |");
console.log(
  "| `eks:runJob.sync` (run-job.ts) | about 60 s, later up to about 300 s (Step Functions' own poll, FACTS.md) | 0 | $0.000 |",
);
console.log(
  `| fast polling (run-job-polling.ts, golden) | at most ${wait.Seconds} s (its Wait) | ${perMinute.toFixed(0)} (${loop} states a poll) | $${((perMinute * 60 * 0.025) / 1000).toFixed(3)} |`,
);
