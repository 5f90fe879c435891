// Starting and stopping the stack's server processes: each in its own process
// group, its output in a log file, stopped by PID so nothing outlives a run.
import { spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";

export interface StartedProcess {
  readonly name: string;
  readonly pid: number;
  readonly log: string;
}

export function startProcess(options: {
  name: string;
  command: string;
  args: readonly string[];
  log: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}): StartedProcess {
  const out = openSync(options.log, "a");
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ["ignore", out, out],
  });
  closeSync(out);
  if (child.pid === undefined) throw new Error(`could not start ${options.name}`);
  child.unref();
  return { name: options.name, pid: child.pid, log: options.log };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops each process group: SIGTERM, then SIGKILL for what is still there after a grace period. */
export async function stopProcesses(processes: readonly StartedProcess[]): Promise<void> {
  const signal = (pid: number, sig: NodeJS.Signals): void => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
    }
  };
  for (const p of [...processes].reverse()) signal(p.pid, "SIGTERM");
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && processes.some((p) => isAlive(p.pid))) {
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const p of processes) if (isAlive(p.pid)) signal(p.pid, "SIGKILL");
}

/** Ports freePort has handed out in this process: a port is chosen long before its server binds it. */
const handedOut = new Set<number>();

/**
 * A TCP port on 127.0.0.1 that is free now and that this process has not handed out
 * before. The port is only reserved by convention: a component started later binds it,
 * so two components of one stack must never be given the same one (kwok once bound the
 * port chosen earlier for aws-iam-authenticator, which then could not listen).
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await probeFreePort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

function probeFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address === null || typeof address === "string") reject(new Error("no port"));
        else resolve(address.port);
      });
    });
  });
}

/** Polls `check` until it returns true; fails with the process log's tail when it does not. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  options: { timeoutMs: number; process?: StartedProcess },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (options.process && !isAlive(options.process.pid)) break;
    try {
      if (await check()) return;
    } catch {
      // not ready yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  let tail = "";
  if (options.process) {
    try {
      tail = readFileSync(options.process.log, "utf8").split("\n").slice(-25).join("\n");
    } catch {
      tail = "(no log)";
    }
  }
  throw new Error(
    `${what} did not become ready${options.process ? ` (${options.process.name}, log ${options.process.log}):\n${tail}` : ""}`,
  );
}
