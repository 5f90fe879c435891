// `npm run demo`: the article's story on the local servers, told with the `eks-sfn` CLI
// as a user would type it. The article's own state machine runs on the local engine as
// the state machine's role: first refused by the cluster (EKS.401, as the article's first
// run was), then granted, run, reported and cleaned up. Its Job runs in `default`, which
// the stack sends to its real node: real perl computes bpi(2000) in a container that the
// kubelet started (where the machine cannot run the real node, kwok plays a log back, and
// the demo says so). Then the same Job through the fast-polling definition, with how soon
// it saw the Job end beside `.sync`'s 60-300 s.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CURRENT_STACK_FILE } from "../test/stack/paths.ts";
import { REAL_NODE_NAME } from "../test/stack/real-node.ts";
import { readStackState, runningRealNode, startStack, stopStack } from "../test/stack/stack.ts";
import { cliEnv, eksSfnCommand, localRunFlags } from "../test/support/eks-sfn-cli.ts";
import { assumeTestRole } from "../test/support/iam.ts";
import { setContainerLogs } from "../test/support/stack.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const say = (line = ""): void => console.log(line);
const existing = readStackState(CURRENT_STACK_FILE);
say(
  "Starting the local servers (moto, Kubernetes with kwok and a real node, aws-iam-authenticator)...",
);
const stack = existing ?? (await startStack());
try {
  const role = await assumeTestRole("EKS_StepFunctions_Integration", { stack });
  const dir = mkdtempSync(join(stack.stateDir, "demo-"));
  const realNode = runningRealNode(stack) !== undefined;
  if (realNode) {
    say(
      `The Job runs in namespace default, which the stack sends to its real node (${REAL_NODE_NAME}): the kubelet pulls \`image: perl\` from the local registry and runs perl in containerd.`,
    );
  } else {
    // A state file written before the real node existed has no `realNode`.
    const state = stack.realNode as typeof stack.realNode | undefined;
    const why = state && "unavailable" in state ? state.unavailable : "not started";
    say(`No real node here (${why}): the Job runs on kwok's fake node, which plays a log back.`);
    // The article's Job prints pi as JSON; kwok plays its log back.
    await setContainerLogs({
      namespace: "default",
      container: "pi-2000",
      lines: ['{ "pi": 3.14159265358979323846264338327950288419716939937510 }'],
      replace: true, // there from an earlier demo or test on this stack
      stack,
    });
  }
  const definition = join(
    root,
    "packages/core/src/engine/local/__fixtures__/article-state-machine.verbatim.json",
  );
  const env = cliEnv({}, stack);
  const eksSfn = (args: string[]): number => {
    say(`$ eks-sfn ${args.join(" ")}`);
    const run = spawnSync(process.execPath, eksSfnCommand(args), {
      env,
      cwd: dir,
      stdio: "inherit",
    });
    say(`(exit code ${run.status})`);
    return run.status ?? -1;
  };
  const common = localRunFlags({ namespace: "default", roleArn: role.roleArn, stack });

  say();
  say("1. The article's state machine, run as its role before anyone granted it access:");
  eksSfn(["run", ...common, "--access-strategy", "none", "--definition", definition]);

  say();
  say("2. The same, with eks-sfn granting the role just enough access first:");
  const report = join(dir, "report.json");
  const status = eksSfn([
    "run",
    ...common,
    "--access-strategy",
    "aws-auth",
    "--definition",
    definition,
    "--report",
    report,
  ]);
  if (status === 0) {
    const ran = JSON.parse(readFileSync(report, "utf8")) as {
      jobs: { pods: { name: string; node?: string; containers: { log?: string }[] }[] }[];
    };
    const pod = ran.jobs[0]?.pods[0];
    const pi = /"pi": (3\.\d+)/.exec(pod?.containers[0]?.log ?? "")?.[1] ?? "";
    say();
    say(
      pod?.node === REAL_NODE_NAME
        ? `Pod ${pod.name} ran on the real node ${pod.node}: perl printed bpi(2000), pi to ${pi.length - 1} significant digits (${pi.length} characters with the point), ending ...${pi.slice(-6)}.`
        : `Pod ${pod?.name ?? "?"} ran on ${pod?.node ?? "no node"}, not on the real node: its log is the one kwok plays back.`,
    );
    const { parseStateMachineDefinition } = await import("@eks-sfn/rbac");
    const { renderReportMermaid } = await import("@eks-sfn/core");
    say();
    say("The path the execution took, as a Mermaid chart:");
    say(
      renderReportMermaid({
        definition: parseStateMachineDefinition("definition", readFileSync(definition, "utf8")),
        report: JSON.parse(readFileSync(report, "utf8")),
      }),
    );
  }

  say();
  say("3. The article's Job through the fast-polling definition (eks:call every 5 s):");
  const job = join(root, "examples/pi-job.yaml");
  const fastReport = join(dir, "fast-report.json");
  const fast = eksSfn([
    "run",
    ...common,
    "--access-strategy",
    "aws-auth",
    "--job",
    job,
    "--polling",
    "5",
    "--report",
    fastReport,
  ]);
  if (fast === 0) {
    // Detection time: from the Job's completionTime (whole seconds, from Kubernetes) to
    // the execution's last look at the Job ("Job ended?"), from the report.
    const parsed = JSON.parse(readFileSync(fastReport, "utf8")) as {
      path: { state: string; enteredAt: string }[];
      output?: { status?: { completionTime?: string } };
    };
    const completed = parsed.output?.status?.completionTime;
    const seen = parsed.path.filter((v) => v.state === "Job ended?").at(-1)?.enteredAt;
    if (completed && seen) {
      const seconds = Math.max(0, (Date.parse(seen) - Date.parse(completed)) / 1000);
      say(
        `The polling definition saw the Job end ${seconds.toFixed(1)} s after it completed (polling every 5 s); .sync is documented to look every 60 to 300 s.`,
      );
    }
  }
} finally {
  if (!existing) await stopStack(stack);
}
