// Builds the test cluster's binaries from the Go module proxy, once: each lands in
// a cache folder keyed by its version and its building module, and is reused until
// either changes. Binaries in KUBEBUILDER_ASSETS (the envtest convention) win.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { withLock } from "./lock.ts";
import { CACHE_DIR, STACK_DIR, VERSIONS } from "./paths.ts";

/** How to start one component: a binary, and the arguments that come before its flags. */
export interface Command {
  readonly command: string;
  readonly prefix: readonly string[];
}

export interface Binaries {
  readonly apiserver: Command;
  readonly controllerManager: Command;
  readonly scheduler: Command;
  readonly etcd: Command;
  readonly kwok: Command;
  readonly authenticator: Command;
  /** kwok's own module folder: its stage files and CRDs are read from there. */
  readonly kwokModuleDir: string;
}

function log(message: string): void {
  process.stderr.write(`[stack] ${message}\n`);
}

function go(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): string {
  return execFileSync("go", args, {
    cwd: options.cwd,
    env: { ...process.env, GOFLAGS: "-mod=mod", ...options.env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
}

function moduleKey(name: string, version: string): string {
  const dir = join(STACK_DIR, "go", name);
  const hash = createHash("sha256");
  for (const file of ["go.mod", "go.sum", "main.go", "tools.go"]) {
    const path = join(dir, file);
    if (existsSync(path)) hash.update(file).update(readFileSync(path));
  }
  return `${name}-${version}-${hash.digest("hex").slice(0, 12)}`;
}

/** Runs `make(out)` unless the cached binary exists; the binary appears only when whole. */
function cached(key: string, binary: string, make: (out: string) => void): string {
  const dir = join(CACHE_DIR, "bin", key);
  const target = join(dir, binary);
  if (existsSync(target)) return target;
  return withLock(dir, () => (existsSync(target) ? target : buildInto(dir, target, key, make)));
}

function buildInto(dir: string, target: string, key: string, make: (out: string) => void): string {
  mkdirSync(dir, { recursive: true });
  const partial = `${target}.partial`;
  const started = Date.now();
  log(`building ${key} (first run only)...`);
  make(partial);
  renameSync(partial, target);
  log(`built ${key} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return target;
}

function fromAssets(name: string): string | undefined {
  const assets = process.env.KUBEBUILDER_ASSETS;
  if (!assets) return undefined;
  const path = join(assets, name);
  return existsSync(path) ? path : undefined;
}

function buildKube(): string {
  const version = VERSIONS.kubernetes;
  const [major, minor] = version.replace(/^v/, "").split(".");
  return cached(moduleKey("kube", version), "kube", (out) => {
    go(
      [
        "build",
        "-trimpath",
        "-ldflags",
        `-s -w -X k8s.io/component-base/version.gitVersion=${version} -X k8s.io/component-base/version.gitMajor=${major} -X k8s.io/component-base/version.gitMinor=${minor}`,
        "-o",
        out,
        ".",
      ],
      { cwd: join(STACK_DIR, "go", "kube") },
    );
  });
}

function buildEtcd(): string {
  return cached(moduleKey("etcd", VERSIONS.etcd), "etcd", (out) => {
    go(["build", "-trimpath", "-ldflags", "-s -w", "-o", out, "."], {
      cwd: join(STACK_DIR, "go", "etcd"),
    });
  });
}

function buildKwok(): string {
  return cached(`kwok-${VERSIONS.kwok}`, "kwok", (out) => {
    const gobin = `${out}.gobin`;
    go(
      ["install", "-trimpath", "-ldflags", "-s -w", `sigs.k8s.io/kwok/cmd/kwok@${VERSIONS.kwok}`],
      {
        env: { GOBIN: gobin, GOFLAGS: "" },
      },
    );
    renameSync(join(gobin, "kwok"), out);
    rmSync(gobin, { recursive: true, force: true });
  });
}

function buildAuthenticator(): string {
  const key = moduleKey("authenticator", VERSIONS.awsIamAuthenticator);
  return cached(key, "aws-iam-authenticator", (out) => {
    go(
      [
        "build",
        "-trimpath",
        "-ldflags",
        "-s -w",
        "-o",
        out,
        "sigs.k8s.io/aws-iam-authenticator/cmd/aws-iam-authenticator",
      ],
      { cwd: join(STACK_DIR, "go", "authenticator") },
    );
  });
}

/**
 * The differential test's reader: aws-iam-authenticator's own aws-auth parsing
 * (test/stack/go/awsauth-reader), built once like the stack's binaries.
 */
export function ensureAwsAuthReader(): string {
  const key = moduleKey("awsauth-reader", VERSIONS.awsIamAuthenticator);
  return cached(key, "awsauth-reader", (out) => {
    go(["build", "-trimpath", "-ldflags", "-s -w", "-o", out, "."], {
      cwd: join(STACK_DIR, "go", "awsauth-reader"),
    });
  });
}

function kwokModuleDir(): string {
  const info = JSON.parse(
    go(["mod", "download", "-json", `sigs.k8s.io/kwok@${VERSIONS.kwok}`], { env: { GOFLAGS: "" } }),
  ) as { Dir?: string };
  if (!info.Dir) throw new Error(`go mod download sigs.k8s.io/kwok@${VERSIONS.kwok} gave no Dir`);
  return info.Dir;
}

export function ensureBinaries(): Binaries {
  const apiserver = fromAssets("kube-apiserver");
  const controllerManager = fromAssets("kube-controller-manager");
  const scheduler = fromAssets("kube-scheduler");
  const needKube = !apiserver || !controllerManager || !scheduler;
  const kube = needKube ? buildKube() : "";
  const component = (assetPath: string | undefined, name: string): Command =>
    assetPath ? { command: assetPath, prefix: [] } : { command: kube, prefix: [name] };
  const single = (path: string): Command => ({ command: path, prefix: [] });
  return {
    apiserver: component(apiserver, "kube-apiserver"),
    controllerManager: component(controllerManager, "kube-controller-manager"),
    scheduler: component(scheduler, "kube-scheduler"),
    etcd: single(fromAssets("etcd") ?? buildEtcd()),
    kwok: single(fromAssets("kwok") ?? buildKwok()),
    authenticator: single(fromAssets("aws-iam-authenticator") ?? buildAuthenticator()),
    kwokModuleDir: kwokModuleDir(),
  };
}
