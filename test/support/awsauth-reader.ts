// Asks aws-iam-authenticator's own aws-auth parser (the awsauth-reader test program)
// what EKS reads in aws-auth data. One long-lived process; one JSON line per question.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { ensureAwsAuthReader } from "../stack/build.ts";

/** One identity as the authenticator's MapStore holds it, under its map key. */
export interface AuthenticatorIdentity {
  readonly key: string;
  readonly arn: string;
  readonly username: string;
  readonly groups: readonly string[];
}

/** What the authenticator reads in aws-auth data; `failed` when it logged parse errors. */
export interface AuthenticatorReading {
  readonly roles: readonly AuthenticatorIdentity[];
  readonly users: readonly AuthenticatorIdentity[];
  readonly accounts: readonly string[];
  readonly failed: boolean;
  readonly error?: string;
}

export interface AwsAuthReader {
  read(data: Readonly<Record<string, string>>): Promise<AuthenticatorReading>;
  close(): Promise<void>;
}

/** Starts the reader (building it on first use); close it in afterAll. */
export function startAwsAuthReader(): AwsAuthReader {
  const child: ChildProcessWithoutNullStreams = spawn(ensureAwsAuthReader(), [], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-4_000);
  });
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout }).on("line", (line) => waiting.shift()?.(line));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return {
    read(data) {
      return new Promise((resolve, reject) => {
        if (child.exitCode !== null) {
          reject(new Error(`awsauth-reader has exited: ${stderr}`));
          return;
        }
        waiting.push((line) => resolve(JSON.parse(line) as AuthenticatorReading));
        child.stdin.write(`${JSON.stringify(data)}\n`);
      });
    },
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}
