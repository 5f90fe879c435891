// The committed bundle is what GitHub runs: check it behaves as the entry points do, as
// real processes with the runner's environment (INPUT_*, GITHUB_OUTPUT, GITHUB_STATE,
// GITHUB_STEP_SUMMARY), and that checking inputs loads no SDK and calls nothing.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_JOB } from "./test-support/job.ts";

const distDir = fileURLToPath(new URL("../../../dist/", import.meta.url));
const dist = (file: string): string => join(distDir, file);

/** The brief's start-up budget for what main.js loads before the inputs are checked. */
const MAIN_BUDGET_BYTES = 1.2 * 1000 * 1000;

// Every request any client makes goes here: as the AWS endpoint, the HTTP(S) proxy and
// the GitHub API. Bad inputs must leave it untouched.
let requests: string[] = [];
let proxy: Server;
let proxyUrl: string;

beforeAll(async () => {
  proxy = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    response.writeHead(503).end();
  });
  proxy.on("connect", (request, socket) => {
    requests.push(`CONNECT ${request.url}`);
    socket.end("HTTP/1.1 503 Service Unavailable\r\n\r\n");
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => proxy.close(() => resolve())));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: string;
  state: string;
  summary: string;
}

/** Runs a bundle entry as the runner would, in a fresh runner folder. */
async function runBundle(file: string, env: Record<string, string> = {}): Promise<Run> {
  const runner = mkdtempSync(join(tmpdir(), "eks-sfn-runner-"));
  const files = {
    GITHUB_OUTPUT: join(runner, "output"),
    GITHUB_STATE: join(runner, "state"),
    GITHUB_STEP_SUMMARY: join(runner, "summary"),
  };
  for (const path of Object.values(files)) writeFileSync(path, "");
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(INPUT_|GITHUB_|STATE_|AWS_|HTTPS?_PROXY|KUBECONFIG)/i.test(key),
    ),
  );
  const child = spawn(process.execPath, [dist(file)], {
    env: {
      ...clean,
      ...files,
      RUNNER_TEMP: runner,
      GITHUB_WORKSPACE: runner,
      AWS_ENDPOINT_URL: proxyUrl,
      AWS_REGION: "us-east-1",
      AWS_EC2_METADATA_DISABLED: "true",
      HTTP_PROXY: proxyUrl,
      HTTPS_PROXY: proxyUrl,
      GITHUB_API_URL: proxyUrl,
      ...env,
    },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (data: Buffer) => {
    stdout += data.toString();
  });
  child.stderr.on("data", (data: Buffer) => {
    stderr += data.toString();
  });
  const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const read = (path: string): string => readFileSync(path, "utf8");
  return {
    status,
    stdout,
    stderr,
    outputs: read(files.GITHUB_OUTPUT),
    state: read(files.GITHUB_STATE),
    summary: read(files.GITHUB_STEP_SUMMARY),
  };
}

/**
 * The files of dist/ that main.js really loads when its inputs are bad, recorded by a
 * module load hook (node:module registerHooks) in the child process.
 */
async function filesLoadedOnBadInput(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "eks-sfn-loads-"));
  const log = join(dir, "loaded.txt");
  const hook = join(dir, "hook.mjs");
  writeFileSync(log, "");
  writeFileSync(
    hook,
    [
      'import { registerHooks } from "node:module";',
      'import { appendFileSync } from "node:fs";',
      "registerHooks({ load(url, context, next) {",
      `  appendFileSync(${JSON.stringify(log)}, url + "\\n");`,
      "  return next(url, context);",
      "} });",
    ].join("\n"),
  );
  const child = spawn(process.execPath, ["--import", hook, dist("main.js")], {
    env: { PATH: process.env.PATH, "INPUT_CLUSTER-NAME": "c1", "INPUT_DELETE-JOB": "sometimes" },
  });
  await new Promise((resolve) => child.on("close", resolve));
  return readFileSync(log, "utf8")
    .split("\n")
    .filter((url) => url.startsWith("file://") && url.includes("/dist/"))
    .map((url) => fileURLToPath(url));
}

/** main.js and every chunk it imports statically (what loads before any `await import()`). */
function staticClosure(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    // Static `import ... from "./x"`, `import "./x"` and `export ... from "./x"`, minified
    // or not; `import("./x")` (dynamic) does not match: it has "(" after `import`.
    const staticImport =
      /(?:^|[\s;}])(?:import|export)\s*(?:[\w$*{}\s,]*?from\s*)?"(\.\.?\/[^"]+)"/g;
    for (const match of text.matchAll(staticImport)) {
      visit(join(file, "..", match[1] as string));
    }
  };
  visit(entry);
  return [...seen];
}

describe("the committed bundle", () => {
  it("fails with one line naming the missing input, no stack trace and no request made", async () => {
    requests = [];
    const result = await runBundle("main.js");
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("");
    expect(result.stdout.trim().split("\n")).toEqual([
      "::error::cluster-name: is required but was not given. Set `cluster-name` to the EKS cluster to run on (or `cluster-tags`, or `create-cluster: true`).",
    ]);
    expect(result.outputs).toBe("");
    expect(result.state).toBe("");
    expect(requests).toEqual([]);
  });

  it("names a malformed input the same way", async () => {
    requests = [];
    const result = await runBundle("main.js", {
      "INPUT_CLUSTER-NAME": "c1",
      "INPUT_ROLE-ARN": "arn:aws:iam::123456789012:role/sfn",
      INPUT_JOB: TEST_JOB,
      "INPUT_ACCESS-STRATEGY": "configmap",
    });
    expect(result.status).toBe(1);
    expect(result.stdout.trim().split("\n")).toEqual([
      '::error::access-strategy: "configmap" is not one of auto, access-entry, aws-auth, none. Set it to one of those, or leave it out for "auto".',
    ]);
    expect(result.stdout).not.toMatch(/\n\s+at /);
    expect(requests).toEqual([]);
  });

  it("after good inputs, names the AWS request that failed in one line, no stack", async () => {
    requests = [];
    const result = await runBundle("main.js", {
      "INPUT_CLUSTER-NAME": "c1",
      "INPUT_ROLE-ARN": "arn:aws:iam::123456789012:role/sfn",
      INPUT_JOB: TEST_JOB,
      "INPUT_GITHUB-TOKEN": "ghs_notARealTokenButLongEnough123",
      AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
      AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      AWS_MAX_ATTEMPTS: "1",
    });
    expect(result.status).toBe(1);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toContain("::add-mask::ghs_notARealTokenButLongEnough123");
    const errors = lines.filter((line) => line.startsWith("::error::"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^::error::eks-sfn-action failed: .*DescribeCluster/);
    expect(result.stdout).not.toMatch(/\n\s+at /);
    expect(requests).toEqual(["GET /clusters/c1"]);
  });

  it("runs its post step with nothing to clean up, twice", async () => {
    for (let i = 0; i < 2; i++) {
      const result = await runBundle("post.js");
      expect(result.status).toBe(0);
      expect(result.stdout.trim()).toBe(
        "eks-sfn-action: nothing to clean up; main created nothing.",
      );
    }
  });

  it("loads no Kubernetes client, AWS SDK or interpreter before the inputs are checked", async () => {
    const closure = staticClosure(dist("main.js"));
    const loaded = await filesLoadedOnBadInput();
    expect(loaded).toContain(dist("main.js"));
    expect(loaded.sort()).toEqual([...closure].sort());
    const text = loaded.map((file) => readFileSync(file, "utf8")).join("\n");
    // keepNames leaves each class's name in the bundle: these are the SDK's, client-node's
    // and the interpreter's, and the adapter that brings them in.
    for (const name of [
      '"SFNClient"',
      '"EKSClient"',
      '"KubeConfig"',
      '"BatchV1Api"',
      "Preflight: what the state machine's role can do",
    ]) {
      expect(text, name).not.toContain(name);
    }
    const everything = readdirSync(join(distDir, "chunks"))
      .map((file) => readFileSync(join(distDir, "chunks", file), "utf8"))
      .join("\n");
    for (const name of [
      '"SFNClient"',
      '"KubeConfig"',
      "Preflight: what the state machine's role can do",
    ]) {
      expect(everything, `${name} is in some chunk`).toContain(name);
    }
    const mainBytes = statSync(dist("main.js")).size;
    const closureBytes = closure.reduce((sum, file) => sum + statSync(file).size, 0);
    const totalBytes = readdirSync(distDir, { recursive: true, encoding: "utf8" })
      .map((file) => statSync(join(distDir, file)))
      .filter((stat) => stat.isFile())
      .reduce((sum, stat) => sum + stat.size, 0);
    console.log(
      `dist/main.js ${mainBytes} bytes; with its static imports ${closureBytes} bytes; dist/ in all ${totalBytes} bytes`,
    );
    expect(mainBytes).toBeLessThanOrEqual(MAIN_BUDGET_BYTES);
    expect(closureBytes).toBeLessThanOrEqual(MAIN_BUDGET_BYTES);
  });
});
