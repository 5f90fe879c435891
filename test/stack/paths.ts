// Where the test stack keeps its cache (built binaries, the Python virtualenv) and
// which versions it builds. Change a version here and the next run rebuilds it.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const STACK_DIR = join(REPO_ROOT, "test/stack");
export const CACHE_DIR = process.env.EKS_SFN_CACHE ?? join(REPO_ROOT, ".cache");
/** Where `stack:up` records the stack it started, so tests and `stack:down` find it. */
export const CURRENT_STACK_FILE = join(CACHE_DIR, "stack-current.json");

export const VERSIONS = {
  kubernetes: "v1.37.2",
  etcd: "v3.6.16",
  kwok: "v0.8.0",
  awsIamAuthenticator: "v0.7.13",
  /** The real node's local image registry: github.com/distribution/distribution/v3/cmd/registry. */
  registry: "v3.1.2",
  images: {
    /** Not bookworm: its perl 5.36 dies on `bpi(2000)`; trixie's 5.40 prints the digits. */
    perl: { suite: "trixie", include: "perl" },
  },
  python: {
    "moto[server]": "5.2.5",
    ministack: "1.5.33",
    awscli: "1.46.2",
    // Freezes awscli's clock for the token cross-check, with no system package.
    "time-machine": "3.6.0",
  },
} as const;

/**
 * Debian packages the real node runs on (containerd 1.6, runc, the CNI plugins) and
 * builds its images with; the build installs them with apt-get when it runs as root.
 */
export const RUNTIME_PACKAGES = {
  containerd: "/usr/bin/containerd",
  runc: "/usr/sbin/runc",
  "containernetworking-plugins": "/usr/lib/cni/bridge",
  mmdebstrap: "/usr/bin/mmdebstrap",
} as const;

export const REGION = "us-east-1";
/** moto's default account: every ARN that moto makes carries it. */
export const MOTO_ACCOUNT = "123456789012";
export const TEST_CREDENTIALS = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
} as const;
