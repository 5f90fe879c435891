// Runs `eks-sfn` as a user would: a separate process (the repository's Node, the CLI from
// its TypeScript source) with its own environment, its output and exit code; AWS calls go
// to moto through AWS_ENDPOINT_URL. Tests and `npm run demo` start the CLI this one way.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type StackState, testStack } from "./stack.ts";

/** The CLI's entry point, run from source. */
export const EKS_SFN_MAIN = fileURLToPath(
  new URL("../../packages/core/src/cli/main.ts", import.meta.url),
);

export interface EksSfnResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Node's arguments for `eks-sfn ...args`, from source (the "source" export condition). */
export function eksSfnCommand(args: readonly string[]): string[] {
  return ["--conditions=source", EKS_SFN_MAIN, ...args];
}

/** The environment of a CLI user whose AWS account is moto. */
export function cliEnv(
  extra: Record<string, string> = {},
  stack: StackState = testStack(),
): Record<string, string> {
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

/**
 * The flags of `eks-sfn run` on the local engine against the test cluster, as its admin
 * (kubeconfig) with the cluster named as aws-iam-authenticator knows it; `roleArn` is
 * the state machine's role the Job runs as.
 */
export function localRunFlags(options: {
  namespace: string;
  roleArn?: string;
  stack?: StackState;
}): string[] {
  const stack = options.stack ?? testStack();
  return [
    "--engine",
    "local",
    "--kubeconfig",
    stack.kube.adminKubeconfig,
    "--cluster-name",
    stack.authenticator.clusterId,
    ...(options.roleArn ? ["--role-arn", options.roleArn] : []),
    "--namespace",
    options.namespace,
    "--no-progress",
  ];
}

/** Runs `eks-sfn ...args` to its end (at most 120 s). */
export function eksSfn(
  args: readonly string[],
  env: Record<string, string> = cliEnv(),
): EksSfnResult {
  const result = spawnSync(process.execPath, eksSfnCommand(args), {
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
  const child = spawn(process.execPath, eksSfnCommand(args), { env });
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
