// One watcher of a Step Functions execution, as its own process so that the watch
// benchmark can measure its CPU time and peak memory:
//   node --conditions=source bench/watcher.ts ours <endpoint> <executionArn>
//     the product's watcher (workflow/watch.ts) as the AWS engine runs it: the default
//     schedule, the history read incrementally with execution data, 100 events a page;
//   node --conditions=source bench/watcher.ts sdk-loop <endpoint> <executionArn> <seconds>
//     what a user writes with the AWS SDK (client-sfn has no waiter): DescribeExecution,
//     sleep, again.
// Prints one JSON line: when it noticed the end (epoch ms), the status, and its polls.
import { DescribeExecutionCommand, SFNClient } from "@aws-sdk/client-sfn";
import { realSleep, systemClock } from "../packages/core/src/time/clock.ts";
import { watchExecution } from "../packages/core/src/workflow/watch.ts";

const [mode, endpoint, executionArn, seconds] = process.argv.slice(2);
if (!endpoint || !executionArn || (mode !== "ours" && mode !== "sdk-loop")) {
  console.error("usage: watcher.ts ours|sdk-loop <endpoint> <executionArn> [seconds]");
  process.exit(2);
}
const sfn = new SFNClient({ endpoint });

if (mode === "ours") {
  const watch = watchExecution({
    sfn,
    clock: systemClock,
    sleep: realSleep,
    executionArn,
    includeExecutionData: true,
  });
  let events = 0;
  for await (const _event of watch.events) events += 1;
  const outcome = await watch.outcome;
  console.log(
    JSON.stringify({ noticedAt: Date.now(), status: outcome.status, polls: watch.polls, events }),
  );
} else {
  const every = Number(seconds ?? 10) * 1000;
  let polls = 0;
  for (;;) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    polls += 1;
    if (described.status !== "RUNNING") {
      console.log(JSON.stringify({ noticedAt: Date.now(), status: described.status, polls }));
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}
