// How fast the action rejects a typo, and with how much memory: the committed bundle
// (dist/main.js, which loads the SDK and the Kubernetes client only after the inputs are
// checked) against the same action bundled the naive way, importing the full
// @eks-sfn/core entry up front. And, because it is cheap, the CLI's `eks-sfn --help`
// against `aws stepfunctions help`. Needs no stack.
//
//   npm run bench -- startup [--runs=10]

import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { build } from "esbuild";
import { CACHE_DIR, CURRENT_STACK_FILE, REPO_ROOT } from "../test/stack/paths.ts";
import { readStackState } from "../test/stack/stack.ts";
import { machineLoad, measureProcess, median, type ProcessCost, renderTable } from "./measure.ts";

const RUNS = Number(process.argv.find((a) => a.startsWith("--runs="))?.slice(7) ?? 10);
const tmp = mkdtempSync(join(tmpdir(), "eks-sfn-bench-startup-"));

// The naive action: the same main step, with the whole core entry imported before it.
const naive = join(tmp, "naive-main.js");
await build({
  absWorkingDir: REPO_ROOT,
  stdin: {
    contents: `import * as core from "@eks-sfn/core";
import { githubActionsIo } from "./packages/action/src/io.ts";
import { runMain } from "./packages/action/src/main.ts";
(globalThis as { eksSfnCore?: unknown }).eksSfnCore = core;
await runMain({ io: githubActionsIo() });`,
    resolveDir: REPO_ROOT,
    sourcefile: "naive-main.ts",
    loader: "ts",
  },
  outfile: naive,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node24",
  conditions: ["source"],
  minify: true,
  keepNames: true,
  legalComments: "none",
  logLevel: "warning",
  // As scripts/bundle.ts: CommonJS dependencies call require().
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
const ours = join(REPO_ROOT, "dist/main.js");

/** Bytes of `file` and of every chunk it imports statically (what loads before main runs). */
function staticBytes(file: string, seen = new Set<string>()): number {
  if (seen.has(file)) return 0;
  seen.add(file);
  const text = readFileSync(file, "utf8");
  let bytes = statSync(file).size;
  for (const match of text.matchAll(/(?:from|import)\s*"(\.[^"]+)"/g)) {
    bytes += staticBytes(resolve(dirname(file), match[1] as string), seen);
  }
  return bytes;
}

// A workflow step with no inputs: the first input check fails (cluster-name is required).
const actionEnv = { PATH: process.env.PATH, HOME: tmp, RUNNER_TEMP: tmp };
async function runs(file: string, name: string): Promise<ProcessCost[]> {
  const costs: ProcessCost[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    costs.push(
      await measureProcess(process.execPath, [file], {
        env: actionEnv,
        timeFile: join(tmp, `${name}.time`),
        exitCode: 1,
        until: "::error::",
      }),
    );
  }
  const said = costs[0]?.stdout ?? "";
  if (!said.includes("::error::cluster-name")) throw new Error(`${name} said: ${said}`);
  return costs;
}

const loadBefore = machineLoad();
await runs(ours, "warm"); // the file cache, for both
const oursCosts = await runs(ours, "ours");
const naiveCosts = await runs(naive, "naive");
// The floor: node starting and exiting with nothing to do, in the same run.
const empty = join(tmp, "empty.js");
writeFileSync(empty, 'console.log("::error::cluster-name: (an empty script)"); process.exit(1);\n');
const emptyCosts = await runs(empty, "empty");
const rows = [
  {
    name: "ours: dist/main.js (SDK and client-node after the inputs)",
    file: ours,
    costs: oursCosts,
  },
  {
    name: "naive: one bundle importing all of @eks-sfn/core first",
    file: naive,
    costs: naiveCosts,
  },
  { name: "floor: node running an empty script", file: empty, costs: emptyCosts },
].map((row) => ({
  name: row.name,
  // The empty script's few bytes are no bundle: no ratio for them.
  kib: row.file === empty ? Number.NaN : staticBytes(row.file) / 1024,
  errorMs: median(row.costs.map((c) => c.untilMs)),
  exitMs: median(row.costs.map((c) => c.ms)),
  cpuMs: median(row.costs.map((c) => c.cpuMs)),
  rssMiB: median(row.costs.map((c) => c.rssKiB)) / 1024,
}));
const base = rows[0] as (typeof rows)[number];
console.log(
  `\n### The action's start-up: a step with no inputs, to its first input error (median of ${RUNS})`,
);
console.log(`Measured ${new Date().toISOString()}; ${loadBefore} before, ${machineLoad()} after.`);
console.log("Ratios are ours / this row.\n");
console.log(
  renderTable({
    rows,
    base,
    name: (row) => row.name,
    columns: [
      { title: "KiB loaded before main", value: (row) => row.kib, digits: 1, ratio: true },
      { title: "ms to ::error::", value: (row) => row.errorMs, ratio: true },
      { title: "ms to exit", value: (row) => row.exitMs },
      { title: "CPU ms", value: (row) => row.cpuMs, ratio: true },
      { title: "peak RSS MiB", value: (row) => row.rssMiB, ratio: true },
    ],
  }),
);

// The CLI's help against awscli's: core's built CLI (what `npm i -g` would run).
const cli = join(REPO_ROOT, "packages/core/dist/cli/main.js");
if (!existsSync(cli))
  execFileSync("npm", ["run", "-s", "build"], { cwd: REPO_ROOT, stdio: "inherit" });
const venv =
  readStackState(CURRENT_STACK_FILE)?.venv ??
  readdirSync(CACHE_DIR)
    .filter((d) => d.startsWith("venv-"))
    .map((d) => join(CACHE_DIR, d))
    .find((d) => existsSync(join(d, "bin", "aws")));
if (!venv) {
  console.log(
    "\n(awscli not found in .cache: run `npm run stack:build` to compare the CLI's help)",
  );
} else {
  const helpEnv = { ...actionEnv, PAGER: "cat", AWS_CONFIG_FILE: "/dev/null" };
  const help = async (command: string, args: string[], name: string) => {
    const costs: ProcessCost[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      costs.push(
        await measureProcess(command, args, { env: helpEnv, timeFile: join(tmp, `${name}.time`) }),
      );
    }
    return {
      name,
      ms: median(costs.map((c) => c.ms)),
      cpuMs: median(costs.map((c) => c.cpuMs)),
      rssMiB: median(costs.map((c) => c.rssKiB)) / 1024,
    };
  };
  const helpRows = [
    await help(process.execPath, [cli, "--help"], "ours: eks-sfn --help (core's built dist)"),
    await help(
      join(venv, "bin", "aws"),
      ["stepfunctions", "help"],
      "awscli: aws stepfunctions help",
    ),
  ];
  console.log(`\n### CLI help, median of ${RUNS}\n`);
  console.log(
    renderTable({
      rows: helpRows,
      base: helpRows[0] as (typeof helpRows)[number],
      name: (row) => row.name,
      columns: [
        { title: "ms", value: (row) => row.ms, ratio: true },
        { title: "CPU ms", value: (row) => row.cpuMs, ratio: true },
        { title: "peak RSS MiB", value: (row) => row.rssMiB, ratio: true },
      ],
    }),
  );
}
