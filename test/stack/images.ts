// The real node's images, made on this machine instead of pulled from the internet:
// pause (gcc -static of the kubernetes module's pause.c), perl (a Debian rootfs from
// mmdebstrap) and busybox (Debian's static busybox). Each is a one-layer OCI image
// kept as plain blobs in the binary cache, keyed by what it is built from, and pushed
// into the stack's local registry at start-up.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { VERSIONS } from "./paths.ts";

/** An image in the binary cache, ready to push. */
export interface CachedImage {
  /** The repository in the local registry: `library/perl`, `pause`. */
  readonly repository: string;
  readonly tag: string;
  /** What a pod spec or containerd calls it: `docker.io/library/perl:latest`. */
  readonly reference: string;
  /** A folder with the layer (`blobs/sha256/<hex>`) and `manifest.json` naming it. */
  readonly dir: string;
  /** The image config's `config` (entrypoint, command, environment). */
  readonly config: ImageRecipe["config"];
}

/** How one image is made: its cache key and a function that writes its rootfs tar. */
export interface ImageRecipe {
  readonly name: string;
  readonly registryHost: "docker.io" | "registry.k8s.io";
  readonly repository: string;
  readonly tag: string;
  readonly key: string;
  /** Not part of the key: the config and manifest are made afresh at each push. */
  readonly config: {
    readonly Entrypoint?: readonly string[];
    readonly Cmd?: readonly string[];
    readonly Env: readonly string[];
  };
  /** Writes the image's single layer (an uncompressed tar of its rootfs) to `out`. */
  readonly rootfs: (out: string, run: Runner) => void;
}

/** Runs a command with its output kept in the build log; returns stdout. */
export type Runner = (
  command: string,
  args: readonly string[],
  options?: { cwd?: string },
) => string;

const PATH_ENV = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
/** Left out of the perl rootfs: about 114 MB instead of about 180. */
const MMDEBSTRAP_EXCLUDES = ["man", "doc", "locale", "info"].map(
  (dir) => `--dpkgopt=path-exclude=/usr/share/${dir}/*`,
);

function shortHash(...parts: readonly (string | Buffer)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex").slice(0, 12);
}

/** A reproducible tar of `dir`: owner root, fixed mtime, sorted names. */
function tarOf(dir: string, out: string, run: Runner): void {
  run("tar", [
    "--sort=name",
    "--owner=0",
    "--group=0",
    "--numeric-owner",
    "--mtime=@0",
    "-C",
    dir,
    "-cf",
    out,
    ".",
  ]);
}

export function pauseRecipe(kubernetesModuleDir: string): ImageRecipe {
  const source = join(kubernetesModuleDir, "build", "pause", "linux", "pause.c");
  const makefile = readFileSync(join(kubernetesModuleDir, "build", "pause", "Makefile"), "utf8");
  const tag = /^TAG\s*\?=\s*(\S+)/m.exec(makefile)?.[1] ?? "3.10";
  const flags = ["-Os", "-Wall", "-static", `-DVERSION=v${tag}-eks-sfn`];
  return {
    name: "pause",
    registryHost: "registry.k8s.io",
    repository: "pause",
    tag,
    key: `image-pause-${tag}-${shortHash(readFileSync(source), flags.join(" "))}`,
    config: { Entrypoint: ["/pause"], Env: [PATH_ENV] },
    rootfs: (out, run) => {
      const dir = mkdtempSync(`${out}.root-`);
      try {
        run("gcc", [...flags, "-o", join(dir, "pause"), source]);
        run("strip", [join(dir, "pause")]);
        tarOf(dir, out, run);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Debian `suite`'s perl: not bookworm, whose perl 5.36 dies on `bpi(2000)`. */
export function perlRecipe(): ImageRecipe {
  const { suite, include } = VERSIONS.images.perl;
  const args = [
    "--variant=essential",
    `--include=${include}`,
    "--format=tar",
    ...MMDEBSTRAP_EXCLUDES,
  ];
  return {
    name: "perl",
    registryHost: "docker.io",
    repository: "library/perl",
    tag: "latest",
    key: `image-perl-${suite}-${shortHash(args.join(" "))}`,
    config: { Cmd: ["perl", "-de0"], Env: [PATH_ENV] },
    rootfs: (out, run) => {
      run("mmdebstrap", [...args, suite, out]);
    },
  };
}

/** The version apt would install, from the local package lists (no network). */
function candidateVersion(pkg: string): string {
  const policy = execFileSync("apt-cache", ["policy", pkg], { encoding: "utf8" });
  const version = /Candidate:\s*(\S+)/.exec(policy)?.[1];
  if (!version || version === "(none)") throw new Error(`apt-cache policy ${pkg}: no candidate`);
  return version;
}

/** Debian's static busybox (the version apt offers) with a link per applet. */
export function busyboxRecipe(): ImageRecipe {
  const version = candidateVersion("busybox-static");
  return {
    name: "busybox",
    registryHost: "docker.io",
    repository: "library/busybox",
    tag: "latest",
    key: `image-busybox-${version.replace(/[^\w.-]/g, "_")}`,
    config: { Cmd: ["sh"], Env: [PATH_ENV] },
    rootfs: (out, run) => {
      const work = mkdtempSync(`${out}.work-`);
      try {
        run("apt-get", ["download", `busybox-static=${version}`], { cwd: work });
        const deb = readdirSync(work).find((f) => f.endsWith(".deb"));
        if (!deb) throw new Error(`apt-get download busybox-static=${version} gave no .deb`);
        const extracted = join(work, "deb");
        run("dpkg-deb", ["-x", join(work, deb), extracted]);
        const root = join(work, "root");
        for (const dir of ["bin", "tmp", "etc", "proc", "sys", "dev"]) {
          mkdirSync(join(root, dir), { recursive: true });
        }
        const busybox = join(root, "bin", "busybox");
        run("cp", [join(extracted, "bin", "busybox"), busybox]);
        const applets = run(busybox, ["--list"]).split("\n").filter(Boolean);
        for (const applet of applets) {
          if (applet !== "busybox") symlinkSync("busybox", join(root, "bin", applet));
        }
        writeFileSync(join(root, "etc", "passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        writeFileSync(join(root, "etc", "group"), "root:x:0:\n");
        tarOf(root, out, run);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    },
  };
}

function sha256File(path: string): { hex: string; size: number } {
  const data = readFileSync(path);
  return { hex: createHash("sha256").update(data).digest("hex"), size: data.length };
}

function writeBlob(dir: string, data: Buffer | string): { digest: string; size: number } {
  const bytes = Buffer.from(data);
  const hex = createHash("sha256").update(bytes).digest("hex");
  writeFileSync(join(dir, "blobs", "sha256", hex), bytes);
  return { digest: `sha256:${hex}`, size: bytes.length };
}

/**
 * Writes the OCI image for `recipe` into `dir` (made by the caller's cache): its
 * rootfs as one uncompressed layer, an image config, and `manifest.json`
 * (https://github.com/opencontainers/image-spec/blob/main/manifest.md).
 */
export function buildImage(recipe: ImageRecipe, dir: string, run: Runner): void {
  const blobs = join(dir, "blobs", "sha256");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(blobs, { recursive: true });
  const layerTar = join(dir, "layer.tar");
  recipe.rootfs(layerTar, run);
  const layer = sha256File(layerTar);
  execFileSync("mv", [layerTar, join(blobs, layer.hex)]);
  const config = writeBlob(
    dir,
    JSON.stringify({
      architecture: "amd64",
      os: "linux",
      config: recipe.config,
      rootfs: { type: "layers", diff_ids: [`sha256:${layer.hex}`] },
      history: [{ created_by: `eks-sfn test stack: ${recipe.key}` }],
    }),
  );
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    config: { mediaType: "application/vnd.oci.image.config.v1+json", ...config },
    layers: [
      {
        mediaType: "application/vnd.oci.image.layer.v1.tar",
        digest: `sha256:${layer.hex}`,
        size: layer.size,
      },
    ],
  });
  writeFileSync(join(dir, "manifest.json"), manifest);
}

export function cachedImage(recipe: ImageRecipe, dir: string): CachedImage {
  return {
    repository: recipe.repository,
    tag: recipe.tag,
    reference: `${recipe.registryHost}/${recipe.repository}:${recipe.tag}`,
    dir,
    config: recipe.config,
  };
}

/** The image's config blob and manifest, from its cached layer and its recipe's config. */
function imageDocuments(image: CachedImage): {
  layer: { digest: string; size: number };
  config: Buffer;
  manifest: string;
} {
  const cached = JSON.parse(readFileSync(join(image.dir, "manifest.json"), "utf8")) as {
    layers: { digest: string; size: number }[];
  };
  const layer = cached.layers[0];
  if (!layer) throw new Error(`${image.dir}/manifest.json names no layer`);
  const config = Buffer.from(
    JSON.stringify({
      architecture: "amd64",
      os: "linux",
      config: image.config,
      rootfs: { type: "layers", diff_ids: [layer.digest] },
      history: [{ created_by: `eks-sfn test stack: ${image.reference}` }],
    }),
  );
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    config: {
      mediaType: "application/vnd.oci.image.config.v1+json",
      digest: `sha256:${createHash("sha256").update(config).digest("hex")}`,
      size: config.length,
    },
    layers: [
      {
        mediaType: "application/vnd.oci.image.layer.v1.tar",
        digest: layer.digest,
        size: layer.size,
      },
    ],
  });
  return { layer, config, manifest };
}

async function expectStatus(response: Response, wanted: number, what: string): Promise<void> {
  if (response.status !== wanted) {
    throw new Error(`${what}: ${response.status} ${(await response.text()).slice(0, 300)}`);
  }
}

/**
 * Pushes a cached image into a registry over the OCI distribution API
 * (https://github.com/opencontainers/distribution-spec/blob/main/spec.md#push):
 * each blob by a monolithic upload unless the registry has it, then the manifest.
 */
export async function pushImage(registry: string, image: CachedImage): Promise<void> {
  const base = `http://${registry}/v2/${image.repository}`;
  const { layer, config, manifest } = imageDocuments(image);
  const configDigest = `sha256:${createHash("sha256").update(config).digest("hex")}`;
  const blobs: [string, () => Buffer][] = [
    [configDigest, () => config],
    [
      layer.digest,
      () => readFileSync(join(image.dir, "blobs", "sha256", layer.digest.replace("sha256:", ""))),
    ],
  ];
  for (const [digest, read] of blobs) {
    const head = await fetch(`${base}/blobs/${digest}`, { method: "HEAD" });
    if (head.status === 200) continue;
    const start = await fetch(`${base}/blobs/uploads/`, { method: "POST" });
    await expectStatus(start, 202, `start upload to ${image.repository}`);
    const location = new URL(start.headers.get("location") ?? "", `http://${registry}`);
    location.searchParams.set("digest", digest);
    const body = read();
    const put = await fetch(location, {
      method: "PUT",
      headers: { "content-type": "application/octet-stream" },
      body,
    });
    await expectStatus(put, 201, `upload ${digest} to ${image.repository}`);
  }
  const put = await fetch(`${base}/manifests/${image.tag}`, {
    method: "PUT",
    headers: { "content-type": "application/vnd.oci.image.manifest.v1+json" },
    body: manifest,
  });
  await expectStatus(put, 201, `push the manifest of ${image.reference}`);
}
