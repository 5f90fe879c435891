// The Python side of the test stack (moto, ministack, awscli) in a project-local
// virtualenv, created on first use and recreated when a pinned version changes.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { announceFirstBuild } from "./build.ts";
import { withLock } from "./lock.ts";
import { CACHE_DIR, VERSIONS } from "./paths.ts";

export function ensureVirtualenv(): string {
  const requirements = Object.entries(VERSIONS.python).map(([name, v]) => `${name}==${v}`);
  const key = createHash("sha256").update(requirements.join("\n")).digest("hex").slice(0, 12);
  const dir = join(CACHE_DIR, `venv-${key}`);
  const done = join(dir, ".complete");
  if (existsSync(done)) return dir;
  return withLock(dir, () => (existsSync(done) ? dir : create(dir, done, requirements)));
}

function create(dir: string, done: string, requirements: readonly string[]): string {
  rmSync(dir, { recursive: true, force: true });
  announceFirstBuild();
  process.stderr.write(`[stack] creating the Python virtualenv (${requirements.join(", ")})...\n`);
  execFileSync("python3", ["-m", "venv", dir], { stdio: ["ignore", "inherit", "inherit"] });
  execFileSync(
    join(dir, "bin", "pip"),
    ["install", "--quiet", "--disable-pip-version-check", ...requirements],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  writeFileSync(done, `${requirements.join("\n")}\n`);
  return dir;
}

// time-machine patches Python's clocks (time.time, datetime.now, utcnow) in the process,
// so awscli signs at the instant given: the same token every time, like faketime -f.
const FROZEN_AWS = [
  "import sys, time_machine",
  "from awscli.clidriver import main",
  "at = float(sys.argv.pop(1))",
  "with time_machine.travel(at, tick=False):",
  "    sys.exit(main())",
].join("\n");

/**
 * The command that runs `aws <args>` from the virtualenv with its clock frozen at `at`.
 * Replaces Debian's `faketime -f`, so the tests need no system package.
 */
export function frozenAwsCommand(
  venv: string,
  at: Date,
  args: readonly string[],
): { command: string; args: string[] } {
  return {
    command: join(venv, "bin", "python"),
    args: ["-c", FROZEN_AWS, String(at.getTime() / 1000), ...args],
  };
}
