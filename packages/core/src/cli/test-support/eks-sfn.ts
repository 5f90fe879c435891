// Runs `eks-sfn` as a user would: a separate process with its own environment, its
// output and exit code; AWS calls go to moto through AWS_ENDPOINT_URL.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { testStack } from "../../../../../test/support/stack.ts";

export const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));

export interface EksSfnResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment of a CLI user whose AWS account is moto. */
export function cliEnv(extra: Record<string, string> = {}): Record<string, string> {
  const stack = testStack();
  return {
    PATH: process.env.PATH ?? "",
    HOME: stack.stateDir,
    AWS_ENDPOINT_URL: stack.moto.endpoint,
    AWS_ACCESS_KEY_ID: stack.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: stack.credentials.secretAccessKey,
    AWS_REGION: stack.region,
    AWS_EC2_METADATA_DISABLED: "true",
    ...extra,
  };
}

export function eksSfn(
  args: readonly string[],
  env: Record<string, string> = cliEnv(),
): EksSfnResult {
  const result = spawnSync(process.execPath, ["--conditions=source", MAIN, ...args], {
    encoding: "utf8",
    env,
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts `eks-sfn` and returns the process, for tests that signal or kill it. */
export function startEksSfn(
  args: readonly string[],
  env: Record<string, string> = cliEnv(),
): {
  child: ChildProcess;
  output: () => { stdout: string; stderr: string };
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ["--conditions=source", MAIN, ...args], { env });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : null))),
  );
  return { child, output: () => ({ stdout, stderr }), exited };
}
