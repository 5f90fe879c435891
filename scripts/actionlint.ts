// Checks every workflow file (.github/workflows/, examples/workflows/) with actionlint,
// built once from the Go module proxy like the test stack's binaries and cached in
// .cache/bin. Exits with actionlint's status; `--print-path` prints the binary's path.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { withLock } from "../test/stack/lock.ts";
import { CACHE_DIR, REPO_ROOT } from "../test/stack/paths.ts";

/** rhysd/actionlint's release; its module builds with the machine's Go (go.mod: go 1.25). */
export const ACTIONLINT_VERSION = "v1.7.12";

export function ensureActionlint(): string {
  const dir = join(CACHE_DIR, "bin", `actionlint-${ACTIONLINT_VERSION}`);
  const binary = join(dir, "actionlint");
  if (existsSync(binary)) return binary;
  return withLock(dir, () => {
    if (existsSync(binary)) return binary;
    mkdirSync(dir, { recursive: true });
    const gobin = join(dir, "gobin.partial");
    process.stderr.write(`[actionlint] building ${ACTIONLINT_VERSION} (first run only)...\n`);
    execFileSync(
      "go",
      [
        "install",
        "-trimpath",
        "-ldflags",
        "-s -w",
        `github.com/rhysd/actionlint/cmd/actionlint@${ACTIONLINT_VERSION}`,
      ],
      {
        env: { ...process.env, GOBIN: gobin, GOFLAGS: "" },
        stdio: ["ignore", "inherit", "inherit"],
      },
    );
    renameSync(join(gobin, "actionlint"), binary);
    rmSync(gobin, { recursive: true, force: true });
    return binary;
  });
}

/** Every workflow file of the repository that GitHub or a user would run. */
export function workflowFiles(): string[] {
  return [".github/workflows", "examples/workflows"].flatMap((dir) =>
    existsSync(join(REPO_ROOT, dir))
      ? readdirSync(join(REPO_ROOT, dir))
          .filter((file) => /\.ya?ml$/.test(file))
          .sort()
          .map((file) => join(dir, file))
      : [],
  );
}

if (import.meta.main) {
  const binary = ensureActionlint();
  if (process.argv.includes("--print-path")) {
    console.log(binary);
  } else {
    const files = workflowFiles();
    // shellcheck and pyflakes are used when present; their absence is not an error.
    const result = spawnSync(binary, ["-no-color", ...files], {
      cwd: REPO_ROOT,
      stdio: "inherit",
    });
    if (result.status === 0) console.log(`actionlint: ${files.length} workflow files pass.`);
    process.exit(result.status ?? 1);
  }
}
