// How long an EKS token takes, and how much memory, from core compared with the
// usual alternative: `aws eks get-token` (awscli, as a kubeconfig exec plugin runs
// it before kubectl talks to the cluster). Both in one run, side by side, as ratios.
//
//   npm run bench            (needs the test stack's virtualenv: npm run stack:build)
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createEksToken } from "@eks-sfn/core";
import { CACHE_DIR, REPO_ROOT } from "../test/stack/paths.ts";

const RUNS = Number(process.argv.find((a) => a.startsWith("--runs="))?.slice(7) ?? 10);
const IN_PROCESS_RUNS = 1000;
const credentials = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};

function venv(): string {
  const dir = readdirSync(CACHE_DIR).find((d) => d.startsWith("venv-"));
  if (!dir) throw new Error("no virtualenv in .cache: run `npm run stack:build` first");
  return join(CACHE_DIR, dir);
}

/** Wall time (ms) and peak resident memory (KiB) of one command, via GNU time. */
function measure(command: string, args: readonly string[], env: NodeJS.ProcessEnv) {
  const started = process.hrtime.bigint();
  const result = spawnSync("/usr/bin/time", ["-f", "%M", command, ...args], {
    encoding: "utf8",
    env,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
  const rssKiB = Number(result.stderr.trim().split("\n").at(-1));
  return { ms, rssKiB };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const env = {
  PATH: process.env.PATH,
  HOME: "/tmp",
  AWS_ACCESS_KEY_ID: credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
  AWS_CONFIG_FILE: "/dev/null",
  AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
  AWS_EC2_METADATA_DISABLED: "true",
};
const aws = join(venv(), "bin", "aws");
execFileSync(aws, ["--version"], { env, stdio: "ignore" }); // warm the file cache

const builtCore = join(REPO_ROOT, "packages/core/dist/index.js");
const oneShot = (from: string): string => `import { createEksToken } from ${JSON.stringify(from)};
const t = await createEksToken({ credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY }, region: "us-east-1", clusterName: "c1", now: new Date() });
console.log(JSON.stringify({ status: { token: t.token } }));`;
if (!existsSync(builtCore))
  execFileSync("npm", ["run", "-s", "build"], { cwd: REPO_ROOT, stdio: "inherit" });

const awscli = Array.from({ length: RUNS }, () =>
  measure(aws, ["eks", "get-token", "--cluster-name", "c1", "--region", "us-east-1"], env),
);
const fromSource = Array.from({ length: RUNS }, () =>
  measure(
    process.execPath,
    ["--conditions=source", "--input-type=module", "-e", oneShot("@eks-sfn/core")],
    env,
  ),
);
const fromDist = Array.from({ length: RUNS }, () =>
  measure(process.execPath, ["--input-type=module", "-e", oneShot(builtCore)], env),
);

const started = process.hrtime.bigint();
for (let i = 0; i < IN_PROCESS_RUNS; i += 1) {
  await createEksToken({ credentials, region: "us-east-1", clusterName: "c1", now: new Date() });
}
const inProcessMs = Number(process.hrtime.bigint() - started) / 1e6 / IN_PROCESS_RUNS;

const rows = [
  [
    "aws eks get-token (awscli, new process)",
    median(awscli.map((r) => r.ms)),
    median(awscli.map((r) => r.rssKiB)),
  ],
  [
    "core createEksToken (node, new process, core's built dist)",
    median(fromDist.map((r) => r.ms)),
    median(fromDist.map((r) => r.rssKiB)),
  ],
  [
    "core createEksToken (node, new process, TypeScript sources)",
    median(fromSource.map((r) => r.ms)),
    median(fromSource.map((r) => r.rssKiB)),
  ],
  ["core createEksToken (in process, warm)", inProcessMs, Number.NaN],
] as const;
const base = rows[0];
console.log(`EKS token, median of ${RUNS} runs (in process: mean of ${IN_PROCESS_RUNS})`);
console.log("| how | ms | x faster than awscli | peak RSS MiB | x less memory |");
console.log("| --- | ---: | ---: | ---: | ---: |");
for (const [name, ms, rss] of rows) {
  const memory = Number.isNaN(rss) ? "-" : (rss / 1024).toFixed(0);
  const memoryRatio = Number.isNaN(rss) ? "-" : (base[2] / rss).toFixed(2);
  console.log(
    `| ${name} | ${ms.toFixed(ms < 10 ? 3 : 0)} | ${(base[1] / ms).toFixed(1)} | ${memory} | ${memoryRatio} |`,
  );
}
