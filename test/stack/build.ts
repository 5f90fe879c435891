// Builds the test cluster's binaries from the Go module proxy, once: each lands in
// a cache folder keyed by its version and its building module, and is reused until
// either changes. Binaries in KUBEBUILDER_ASSETS (the envtest convention) win. The
// real node's parts (kubelet, the image registry, its images) are built the same way
// when this machine can run one.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
} from "node:fs";
import { join } from "node:path";
import {
  buildImage,
  busyboxRecipe,
  type CachedImage,
  cachedImage,
  type ImageRecipe,
  pauseRecipe,
  perlRecipe,
} from "./images.ts";
import { withLock } from "./lock.ts";
import { CACHE_DIR, RUNTIME_PACKAGES, STACK_DIR, VERSIONS } from "./paths.ts";
import { realNodeUnavailable } from "./real-node-support.ts";

/** How to start one component: a binary, and the arguments that come before its flags. */
export interface Command {
  readonly command: string;
  readonly prefix: readonly string[];
}

/** What the real node needs beyond the control plane. */
export interface RealNodeParts {
  readonly kubelet: Command;
  /** distribution's registry binary. */
  readonly registry: string;
  readonly images: {
    readonly pause: CachedImage;
    readonly perl: CachedImage;
    readonly busybox: CachedImage;
  };
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
  /** The real node's parts, or one line saying why this machine cannot run one. */
  readonly realNode: RealNodeParts | { readonly unavailable: string };
}

/** Go's, apt's and mmdebstrap's own output: kept here, not on the terminal. */
export const BUILD_LOG = join(CACHE_DIR, "build.log");

function log(message: string): void {
  process.stderr.write(`[stack] ${message}\n`);
}

/** Runs a build step with its output appended to BUILD_LOG; returns stdout. */
function run(
  command: string,
  args: readonly string[],
  options: { cwd?: string | undefined; env?: NodeJS.ProcessEnv; stdoutToLog?: boolean } = {},
): string {
  mkdirSync(CACHE_DIR, { recursive: true });
  appendFileSync(
    BUILD_LOG,
    `\n### ${new Date().toISOString()} ${options.cwd ? `(in ${options.cwd}) ` : ""}${command} ${args.join(" ")}\n`,
  );
  const out = openSync(BUILD_LOG, "a");
  try {
    return execFileSync(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      encoding: "utf8",
      stdio: ["ignore", options.stdoutToLog ? out : "pipe", out],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const tail = readFileSync(BUILD_LOG, "utf8").split("\n").slice(-15).join("\n");
    throw new Error(`${command} ${args.join(" ")} failed (build log ${BUILD_LOG}):\n${tail}`, {
      cause: error,
    });
  } finally {
    closeSync(out);
  }
}

function go(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): string {
  return run("go", args, { cwd: options.cwd, env: { GOFLAGS: "-mod=mod", ...options.env } });
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

let announced = false;

/**
 * What a first build costs, as README measures it: cold (empty Go build cache) and with
 * a warm Go build cache (2026-11-30: virtualenv 5.5 min, binaries 2 min, images 2 min).
 */
export const FIRST_BUILD_NOTICE = `first run: building the test servers, a Python virtualenv and three container images; about 65 minutes cold on 2 busy cores, about 10 minutes with a warm Go build cache; later runs reuse ${CACHE_DIR}.`;

/**
 * Says once per process, before the first slow step (the virtualenv, then the builds),
 * what a first run costs and where its output goes.
 */
export function announceFirstBuild(): void {
  if (announced) return;
  announced = true;
  log(`${FIRST_BUILD_NOTICE} Build output: ${BUILD_LOG}`);
}

/** Runs `make(out)` unless the cached binary exists; the binary appears only when whole. */
function cached(key: string, binary: string, make: (out: string) => void): string {
  const dir = join(CACHE_DIR, "bin", key);
  const target = join(dir, binary);
  if (existsSync(target)) return target;
  announceFirstBuild();
  if (existsSync(`${dir}.lock`)) log(`waiting for another process that builds ${key}...`);
  return withLock(dir, () => (existsSync(target) ? target : buildInto(dir, target, key, make)));
}

function buildInto(dir: string, target: string, key: string, make: (out: string) => void): string {
  mkdirSync(dir, { recursive: true });
  const partial = `${target}.partial`;
  const started = Date.now();
  log(`building ${key}...`);
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

function moduleDir(module: string): string {
  const info = JSON.parse(go(["mod", "download", "-json", module], { env: { GOFLAGS: "" } })) as {
    Dir?: string;
  };
  if (!info.Dir) throw new Error(`go mod download ${module} gave no Dir`);
  return info.Dir;
}

function buildRegistry(): string {
  return cached(`registry-${VERSIONS.registry}`, "registry", (out) => {
    const gobin = `${out}.gobin`;
    go(
      [
        "install",
        "-trimpath",
        "-ldflags",
        "-s -w",
        `github.com/distribution/distribution/v3/cmd/registry@${VERSIONS.registry}`,
      ],
      { env: { GOBIN: gobin, GOFLAGS: "" } },
    );
    renameSync(join(gobin, "registry"), out);
    rmSync(gobin, { recursive: true, force: true });
  });
}

function buildImageCached(recipe: ImageRecipe): CachedImage {
  const dir = cached(recipe.key, "oci", (out) => buildImage(recipe, out, run));
  return cachedImage(recipe, dir);
}

function missingPackages(): string[] {
  return Object.entries(RUNTIME_PACKAGES)
    .filter(([, path]) => !existsSync(path))
    .map(([name]) => name);
}

/** Installs the Debian packages the real node needs; returns why not when it cannot. */
function ensureRuntimePackages(): string | undefined {
  const missing = missingPackages();
  if (missing.length === 0) return undefined;
  announceFirstBuild();
  const started = Date.now();
  log(`installing Debian packages ${missing.join(", ")}...`);
  const install = ["install", "-y", "-q", "--no-install-recommends", ...missing];
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  try {
    run("apt-get", install, { env, stdoutToLog: true });
  } catch {
    try {
      run("apt-get", ["update", "-q"], { env, stdoutToLog: true });
      run("apt-get", install, { env, stdoutToLog: true });
    } catch {
      return `needs Debian's ${missing.join(", ")}, and apt-get install failed (see ${BUILD_LOG})`;
    }
  }
  log(`installed ${missing.join(", ")} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return undefined;
}

/** The real node's images, built once into the binary cache. */
export function ensureRealNodeImages(): RealNodeParts["images"] {
  return {
    pause: buildImageCached(pauseRecipe(moduleDir(`k8s.io/kubernetes@${VERSIONS.kubernetes}`))),
    perl: buildImageCached(perlRecipe()),
    busybox: buildImageCached(busyboxRecipe()),
  };
}

function realNodeParts(kube: () => string): Binaries["realNode"] {
  const unavailable = realNodeUnavailable() ?? ensureRuntimePackages();
  if (unavailable) return { unavailable };
  const kubelet = fromAssets("kubelet");
  return {
    kubelet: kubelet ? { command: kubelet, prefix: [] } : { command: kube(), prefix: ["kubelet"] },
    registry: buildRegistry(),
    images: ensureRealNodeImages(),
  };
}

export function ensureBinaries(): Binaries {
  const apiserver = fromAssets("kube-apiserver");
  const controllerManager = fromAssets("kube-controller-manager");
  const scheduler = fromAssets("kube-scheduler");
  const needKube = !apiserver || !controllerManager || !scheduler;
  let kubeBinary = needKube ? buildKube() : "";
  const kube = (): string => {
    kubeBinary ||= buildKube();
    return kubeBinary;
  };
  const component = (assetPath: string | undefined, name: string): Command =>
    assetPath ? { command: assetPath, prefix: [] } : { command: kube(), prefix: [name] };
  const single = (path: string): Command => ({ command: path, prefix: [] });
  return {
    apiserver: component(apiserver, "kube-apiserver"),
    controllerManager: component(controllerManager, "kube-controller-manager"),
    scheduler: component(scheduler, "kube-scheduler"),
    etcd: single(fromAssets("etcd") ?? buildEtcd()),
    kwok: single(fromAssets("kwok") ?? buildKwok()),
    authenticator: single(fromAssets("aws-iam-authenticator") ?? buildAuthenticator()),
    kwokModuleDir: moduleDir(`sigs.k8s.io/kwok@${VERSIONS.kwok}`),
    realNode: realNodeParts(kube),
  };
}
