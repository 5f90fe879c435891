// The real node: containerd and a kubelet beside kwok's fake node, so pods in the
// namespaces marked for it run real containers, with images from a local registry
// that containerd uses for Docker Hub and registry.k8s.io. What it changes on the
// machine is confined or undone:
// - kubelet, containerd and their shims live in a cgroup subtree of their own
//   (`/eks-sfn-node-<slot>` in each v1 hierarchy), killed and removed at the end;
// - both run in a private mount namespace in which /var/lib, /var/log and /run are
//   folders of the stack's state folder, and the sysctls kubelet and the CNI bridge
//   plugin write are plain files: the host's paths and values are never touched;
// - pods are on a private bridge `eksfn<slot>` (10.244.<slot>.0/24), deleted at the end.
// A slot is claimed under /run/eks-sfn-real-node, so stacks of several worktrees can run
// at once; a slot whose processes are gone (a crashed run) is cleaned up first.
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import type { RealNodeParts } from "./build.ts";
import { type CertificatePair, issueCertificate } from "./certs.ts";
import { pushImage } from "./images.ts";
import { type AdminConnection, kubeRequest } from "./kube-http.ts";
import {
  freePort,
  isAlive,
  type StartedProcess,
  startProcess,
  stopProcesses,
  waitUntil,
} from "./process.ts";

export const REAL_NODE_NAME = "real-node";
/** The label the real node registers with; PodNodeSelector selects it. */
export const REAL_NODE_LABEL = { key: "eks-sfn.test/node", value: "real" } as const;
/** The taint that keeps pods of other namespaces (kwok's) off the real node. */
export const REAL_NODE_TAINT = {
  key: "eks-sfn.test/real-node",
  value: "true",
  effect: "NoSchedule",
} as const;

/**
 * Namespace annotations that send every pod of a namespace to the real node, applied by
 * the API server's PodNodeSelector and PodTolerationRestriction admission plugins
 * (https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#podnodeselector).
 */
export const REAL_NODE_NAMESPACE_ANNOTATIONS: Readonly<Record<string, string>> = {
  "scheduler.alpha.kubernetes.io/node-selector": `${REAL_NODE_LABEL.key}=${REAL_NODE_LABEL.value}`,
  "scheduler.alpha.kubernetes.io/defaultTolerations": JSON.stringify([
    { key: REAL_NODE_TAINT.key, operator: "Exists", effect: REAL_NODE_TAINT.effect },
  ]),
};

/** The namespaces marked for the real node when it runs: the article's Job runs in `default`. */
export const REAL_NODE_NAMESPACES = ["default"] as const;

/** Machine-wide sysctls kubelet or the CNI bridge plugin write; each is a plain file in the node's namespace. */
export const GUARDED_SYSCTLS = [
  "vm/overcommit_memory",
  "kernel/panic",
  "kernel/panic_on_oops",
  "net/ipv4/ip_forward",
] as const;

const SLOTS_DIR = "/run/eks-sfn-real-node";
const MAX_SLOTS = 16;
const CGROUP_PREFIX = "eks-sfn-node-";
const BRIDGE_PREFIX = "eksfn";

export interface RealNodeState {
  readonly name: string;
  readonly slot: number;
  readonly bridge: string;
  /** The bridge's address: the node's InternalIP and the kubelet's listen address. */
  readonly nodeIp: string;
  readonly podSubnet: string;
  readonly cgroup: string;
  readonly dir: string;
  readonly containerdSocket: string;
  /** host:port of the local registry. */
  readonly registry: string;
  /** Image references as pods name them, e.g. `docker.io/library/perl:latest`. */
  readonly images: Readonly<Record<"pause" | "perl" | "busybox", string>>;
  /** The host's values of GUARDED_SYSCTLS before the node started. */
  readonly hostSysctls: Readonly<Record<string, string>>;
  readonly processes: readonly StartedProcess[];
  readonly startupMs: number;
}

function log(message: string): void {
  process.stderr.write(`[stack] ${message}\n`);
}

function slotDir(slot: number): string {
  return join(SLOTS_DIR, `slot-${slot}`);
}

interface SlotOwner {
  readonly pids: readonly number[];
  readonly dir?: string;
}

function readOwner(slot: number): SlotOwner | undefined {
  try {
    return JSON.parse(readFileSync(join(slotDir(slot), "owner.json"), "utf8")) as SlotOwner;
  } catch {
    return undefined;
  }
}

function writeOwner(slot: number, owner: SlotOwner): void {
  writeFileSync(join(slotDir(slot), "owner.json"), JSON.stringify(owner));
}

/** A slot is in use while one of its recorded processes lives (or it was claimed a moment ago). */
function slotInUse(slot: number): boolean {
  const owner = readOwner(slot);
  if (owner) return owner.pids.some(isAlive);
  try {
    return Date.now() - statSync(slotDir(slot)).mtimeMs < 60_000;
  } catch {
    return false;
  }
}

interface CgroupMount {
  readonly path: string;
  readonly v1: boolean;
  readonly cpuset: boolean;
}

function cgroupMounts(): CgroupMount[] {
  const mounts: CgroupMount[] = [];
  for (const line of readFileSync("/proc/self/mountinfo", "utf8").split("\n")) {
    const [before, after] = line.split(" - ");
    if (!before || !after) continue;
    const [fstype, , options = ""] = after.split(" ");
    const path = before.split(" ")[4];
    if (!path || (fstype !== "cgroup" && fstype !== "cgroup2")) continue;
    mounts.push({ path, v1: fstype === "cgroup", cpuset: options.split(",").includes("cpuset") });
  }
  return mounts;
}

/** Every cgroup folder of the slot in every hierarchy, children before their parents. */
function slotCgroups(slot: number): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    let entries: string[] = [];
    try {
      entries = readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name);
    } catch {
      return;
    }
    for (const entry of entries) walk(join(dir, entry));
    found.push(dir);
  };
  for (const mount of cgroupMounts()) {
    const root = join(mount.path, `${CGROUP_PREFIX}${slot}`);
    if (existsSync(root)) walk(root);
  }
  return found;
}

function cgroupPids(dirs: readonly string[]): number[] {
  const pids = new Set<number>();
  for (const dir of dirs) {
    try {
      for (const pid of readFileSync(join(dir, "cgroup.procs"), "utf8").split("\n")) {
        if (pid) pids.add(Number(pid));
      }
    } catch {
      // removed meanwhile
    }
  }
  return [...pids];
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function ip(args: readonly string[]): void {
  execFileSync("ip", args, { stdio: ["ignore", "ignore", "pipe"] });
}

/**
 * Undoes everything a slot's node did: kills every process in its cgroups (containers,
 * shims, containerd, kubelet: their mount namespace and the pods' network namespaces go
 * with them), removes the cgroups deepest first, deletes the bridge and the slot's
 * state. Safe to run twice, and on a slot left behind by a crash.
 */
export function cleanUpSlot(slot: number): void {
  const owner = readOwner(slot);
  for (const pid of owner?.pids ?? []) {
    if (pid === process.pid) continue;
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone
    }
  }
  const deadline = Date.now() + 10_000;
  for (;;) {
    const pids = cgroupPids(slotCgroups(slot));
    if (pids.length === 0 || Date.now() > deadline) break;
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // gone
      }
    }
    sleepSync(100);
  }
  for (const dir of slotCgroups(slot)) {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      try {
        rmdirSync(dir);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") break;
        sleepSync(100);
      }
    }
  }
  const bridge = `${BRIDGE_PREFIX}${slot}`;
  if (existsSync(`/sys/class/net/${bridge}`)) {
    try {
      ip(["link", "del", bridge]);
    } catch {
      // gone meanwhile
    }
  }
  // The node's folder holds image snapshots (hundreds of MB); nothing is mounted on it
  // in this namespace, and its own namespace died with its processes.
  if (owner?.dir) rmSync(owner.dir, { recursive: true, force: true });
  rmSync(slotDir(slot), { recursive: true, force: true });
}

function knownSlots(): number[] {
  const slots = new Set<number>();
  const add = (name: string, prefix: string): void => {
    const match = new RegExp(`^${prefix}(\\d+)$`).exec(name);
    if (match?.[1]) slots.add(Number(match[1]));
  };
  try {
    for (const name of readdirSync(SLOTS_DIR)) add(name, "slot-");
  } catch {
    // none yet
  }
  for (const mount of cgroupMounts()) {
    try {
      for (const name of readdirSync(mount.path)) add(name, CGROUP_PREFIX);
    } catch {
      // unreadable hierarchy
    }
  }
  try {
    for (const name of readdirSync("/sys/class/net")) add(name, BRIDGE_PREFIX);
  } catch {
    // no sysfs
  }
  return [...slots].sort((a, b) => a - b);
}

/** Cleans up every slot whose node is gone (a crashed or killed run); returns those slots. */
export function cleanUpStaleRealNodes(): number[] {
  const stale = knownSlots().filter((slot) => !slotInUse(slot));
  for (const slot of stale) cleanUpSlot(slot);
  if (stale.length > 0)
    log(`cleaned up the real node left by an earlier run (slot ${stale.join(", ")})`);
  return stale;
}

function claimSlot(dir: string): number {
  mkdirSync(SLOTS_DIR, { recursive: true });
  for (let slot = 0; slot < MAX_SLOTS; slot += 1) {
    if (existsSync(`/sys/class/net/${BRIDGE_PREFIX}${slot}`)) continue;
    try {
      mkdirSync(slotDir(slot));
    } catch {
      continue;
    }
    writeOwner(slot, { pids: [process.pid], dir });
    return slot;
  }
  throw new Error(`all ${MAX_SLOTS} real-node slots in ${SLOTS_DIR} are in use`);
}

function readSysctls(): Record<string, string> {
  return Object.fromEntries(
    GUARDED_SYSCTLS.map((s) => [s, readFileSync(`/proc/sys/${s}`, "utf8").trim()]),
  );
}

function createCgroups(slot: number): string[] {
  const procsFiles: string[] = [];
  for (const mount of cgroupMounts().filter((m) => m.v1)) {
    const root = join(mount.path, `${CGROUP_PREFIX}${slot}`);
    const runtime = join(root, "runtime");
    for (const dir of [root, runtime]) {
      mkdirSync(dir, { recursive: true });
      if (mount.cpuset) {
        for (const file of ["cpuset.cpus", "cpuset.mems"]) {
          const parent = readFileSync(join(dir, "..", file), "utf8").trim();
          writeFileSync(join(dir, file), parent);
        }
      }
    }
    procsFiles.push(join(runtime, "cgroup.procs"));
  }
  return procsFiles;
}

function containerdConfig(o: { dir: string; socket: string; pause: string }): string {
  const cri = `plugins."io.containerd.grpc.v1.cri"`;
  return `version = 2
oom_score = 0
disabled_plugins = ["io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.aufs"]

[grpc]
  address = "${o.socket}"

[debug]
  level = "warn"

[plugins."io.containerd.internal.v1.opt"]
  path = "/var/lib/containerd-opt"

[${cri}]
  sandbox_image = "${o.pause}"
  # This VM's root lacks CAP_SYS_RESOURCE: without this every sandbox fails with
  # "can't get final child's PID from pipe: EOF".
  restrict_oom_score_adj = true
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"

[${cri}.containerd]
  snapshotter = "overlayfs"
  default_runtime_name = "runc"

[${cri}.containerd.runtimes.runc]
  runtime_type = "io.containerd.runc.v2"

[${cri}.containerd.runtimes.runc.options]
  SystemdCgroup = false

[${cri}.cni]
  bin_dir = "/usr/lib/cni"
  conf_dir = "${join(o.dir, "cni")}"

[${cri}.registry]
  config_path = "${join(o.dir, "certs.d")}"
`;
}

function cniConfig(o: { bridge: string; subnet: string; gateway: string }): string {
  return JSON.stringify(
    {
      cniVersion: "0.4.0",
      name: "eks-sfn",
      plugins: [
        {
          type: "bridge",
          bridge: o.bridge,
          isGateway: true,
          ipMasq: false,
          ipam: {
            type: "host-local",
            ranges: [[{ subnet: o.subnet, gateway: o.gateway }]],
            routes: [{ dst: "0.0.0.0/0" }],
          },
        },
      ],
    },
    null,
    2,
  );
}

/** containerd's hosts.toml: every pull of this registry goes to the local one, never off the machine. */
function hostsToml(registry: string): string {
  return `server = "http://${registry}"

[host."http://${registry}"]
  capabilities = ["pull", "resolve"]
`;
}

function kubeletConfig(o: {
  slot: number;
  nodeIp: string;
  port: number;
  serving: CertificatePair;
  caFile: string;
  socket: string;
}): string {
  return `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
# This VM has cgroup v1 only.
failCgroupV1: false
cgroupDriver: cgroupfs
cgroupRoot: /${CGROUP_PREFIX}${o.slot}
address: ${o.nodeIp}
port: ${o.port}
readOnlyPort: 0
healthzPort: 0
tlsCertFile: ${o.serving.cert}
tlsPrivateKeyFile: ${o.serving.key}
authentication:
  anonymous:
    enabled: false
  webhook:
    enabled: true
  x509:
    clientCAFile: ${o.caFile}
authorization:
  mode: Webhook
containerRuntimeEndpoint: unix://${o.socket}
failSwapOn: false
# Lowering its own OOM score needs CAP_SYS_RESOURCE, which root lacks here.
oomScoreAdj: 0
maxPods: 30
serializeImagePulls: false
localStorageCapacityIsolation: false
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard:
  memory.available: "50Mi"
  nodefs.available: "1%"
  imagefs.available: "1%"
  nodefs.inodesFree: "1%"
registerWithTaints:
- key: ${REAL_NODE_TAINT.key}
  value: "${REAL_NODE_TAINT.value}"
  effect: ${REAL_NODE_TAINT.effect}
`;
}

// Runs as the first process of the node's processes: joins the slot's runtime cgroup,
// enters a private mount namespace, hides the host's fixed paths and sysctls behind the
// node's own folder, and becomes containerd. Each step execs, so the PID stays.
const CONTAINERD_LAUNCHER = `set -eu
IFS=:
for f in $CGROUP_PROCS; do echo $$ > "$f"; done
unset IFS
exec unshare --mount --propagation private -- sh -eu -c '
d="$NODE_DIR"
mount --bind "$d/var-lib" /var/lib
mount --bind "$d/var-log" /var/log
mount --bind "$d/run" /run
mount --bind /var/lib/kubelet /var/lib/kubelet
mount --make-shared /var/lib/kubelet
for s in $SYSCTLS; do mount --bind "$d/sysctl/$(echo "$s" | tr / .)" "/proc/sys/$s"; done
exec containerd --config "$d/containerd.toml"
'`;

// The kubelet joins the same cgroup and containerd's mount namespace.
const KUBELET_LAUNCHER = `set -eu
IFS=:
for f in $CGROUP_PROCS; do echo $$ > "$f"; done
unset IFS
exec nsenter --mount=/proc/$CONTAINERD_PID/ns/mnt -- "$@"`;

function ctr(socket: string, args: readonly string[]): string {
  return execFileSync("ctr", ["--address", socket, "--namespace", "k8s.io", ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 120_000,
  });
}

async function startRegistry(o: {
  binary: string;
  dir: string;
  stateDir: string;
}): Promise<{ address: string; process: StartedProcess }> {
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const config = join(o.dir, "registry.yaml");
  writeFileSync(
    config,
    `version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: ${join(o.dir, "registry")}
  delete:
    enabled: true
http:
  addr: ${address}
`,
  );
  const registry = startProcess({
    name: "registry",
    command: o.binary,
    args: ["serve", config],
    log: join(o.stateDir, "registry.log"),
    // distribution v3 exports traces over OTLP unless told not to.
    env: { ...process.env, OTEL_TRACES_EXPORTER: "none", OTEL_SDK_DISABLED: "true" },
  });
  await waitUntil("registry", async () => (await fetch(`http://${address}/v2/`)).ok, {
    timeoutMs: 30_000,
    process: registry,
  });
  return { address, process: registry };
}

interface NodeCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

async function nodeReady(admin: AdminConnection): Promise<boolean> {
  const response = await kubeRequest(admin, {
    method: "GET",
    path: `/api/v1/nodes/${REAL_NODE_NAME}`,
  });
  if (response.status !== 200) return false;
  const node = JSON.parse(response.body) as { status?: { conditions?: NodeCondition[] } };
  return node.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

/** Marks a namespace for the real node (see REAL_NODE_NAMESPACE_ANNOTATIONS). */
export async function markNamespaceForRealNode(
  admin: AdminConnection,
  namespace: string,
): Promise<void> {
  const response = await kubeRequest(admin, {
    method: "PATCH",
    path: `/api/v1/namespaces/${namespace}`,
    body: { metadata: { annotations: REAL_NODE_NAMESPACE_ANNOTATIONS } },
    contentType: "application/merge-patch+json",
  });
  if (response.status !== 200) {
    throw new Error(
      `PATCH namespace ${namespace}: ${response.status} ${response.body.slice(0, 300)}`,
    );
  }
}

/**
 * Starts the registry (and pushes the images), containerd and the kubelet; resolves
 * when the node is Ready, the images are pulled into containerd and the namespaces in
 * REAL_NODE_NAMESPACES are marked for it. On failure everything it made is undone.
 */
export async function startRealNode(o: {
  parts: RealNodeParts;
  stateDir: string;
  admin: AdminConnection;
  ca: CertificatePair;
}): Promise<RealNodeState> {
  const started = Date.now();
  cleanUpStaleRealNodes();
  const dir = join(o.stateDir, "node");
  const slot = claimSlot(dir);
  const processes: StartedProcess[] = [];
  try {
    const bridge = `${BRIDGE_PREFIX}${slot}`;
    const nodeIp = `10.244.${slot}.1`;
    const podSubnet = `10.244.${slot}.0/24`;
    const socket = join(dir, "containerd.sock");
    const hostSysctls = readSysctls();
    for (const sub of ["var-lib/kubelet", "var-log", "run", "sysctl", "cni", "registry"]) {
      mkdirSync(join(dir, sub), { recursive: true });
    }
    for (const s of GUARDED_SYSCTLS) {
      // Not copyFileSync: /proc files report size 0, and the copy would be empty.
      writeFileSync(join(dir, "sysctl", s.replaceAll("/", ".")), readFileSync(`/proc/sys/${s}`));
    }

    const registry = await startRegistry({
      binary: o.parts.registry,
      dir,
      stateDir: o.stateDir,
    });
    processes.push(registry.process);
    const images = o.parts.images;
    await Promise.all(Object.values(images).map((image) => pushImage(registry.address, image)));
    for (const host of ["docker.io", "registry.k8s.io"]) {
      mkdirSync(join(dir, "certs.d", host), { recursive: true });
      writeFileSync(join(dir, "certs.d", host, "hosts.toml"), hostsToml(registry.address));
    }

    const procsFiles = createCgroups(slot);
    ip(["link", "add", "name", bridge, "type", "bridge"]);
    ip(["addr", "add", `${nodeIp}/24`, "dev", bridge]);
    ip(["link", "set", bridge, "up"]);
    writeFileSync(
      join(dir, "cni", "10-eks-sfn.conflist"),
      cniConfig({ bridge, subnet: podSubnet, gateway: nodeIp }),
    );
    writeFileSync(
      join(dir, "containerd.toml"),
      containerdConfig({ dir, socket, pause: images.pause.reference }),
    );

    const containerd = startProcess({
      name: "containerd",
      command: "sh",
      args: ["-c", CONTAINERD_LAUNCHER],
      log: join(o.stateDir, "containerd.log"),
      env: {
        ...process.env,
        CGROUP_PROCS: procsFiles.join(":"),
        NODE_DIR: dir,
        SYSCTLS: GUARDED_SYSCTLS.join(" "),
      },
    });
    processes.push(containerd);
    writeOwner(slot, { pids: [process.pid, containerd.pid], dir });
    await waitUntil(
      "containerd",
      async () => {
        ctr(socket, ["version"]);
        return true;
      },
      { timeoutMs: 30_000, process: containerd },
    );

    const client = issueCertificate({
      dir: o.stateDir,
      name: "kubelet-client",
      ca: o.ca,
      commonName: `system:node:${REAL_NODE_NAME}`,
      organizations: ["system:nodes"],
    });
    const serving = issueCertificate({
      dir: o.stateDir,
      name: "kubelet-serving",
      ca: o.ca,
      commonName: REAL_NODE_NAME,
      hosts: ["127.0.0.1", nodeIp, REAL_NODE_NAME],
    });
    const kubeconfig = join(o.stateDir, "kubelet.kubeconfig");
    writeFileSync(
      kubeconfig,
      `apiVersion: v1
kind: Config
clusters:
- name: test
  cluster:
    server: ${o.admin.server}
    certificate-authority: ${o.ca.cert}
users:
- name: node
  user:
    client-certificate: ${client.cert}
    client-key: ${client.key}
contexts:
- name: test
  context:
    cluster: test
    user: node
current-context: test
`,
    );
    const config = join(o.stateDir, "kubelet.yaml");
    writeFileSync(
      config,
      kubeletConfig({ slot, nodeIp, port: await freePort(), serving, caFile: o.ca.cert, socket }),
    );
    const kubelet = startProcess({
      name: "kubelet",
      command: "sh",
      args: [
        "-c",
        KUBELET_LAUNCHER,
        "kubelet",
        o.parts.kubelet.command,
        ...o.parts.kubelet.prefix,
        `--kubeconfig=${kubeconfig}`,
        `--config=${config}`,
        `--hostname-override=${REAL_NODE_NAME}`,
        `--node-ip=${nodeIp}`,
        `--node-labels=${REAL_NODE_LABEL.key}=${REAL_NODE_LABEL.value}`,
      ],
      log: join(o.stateDir, "kubelet.log"),
      env: {
        ...process.env,
        CGROUP_PROCS: procsFiles.join(":"),
        CONTAINERD_PID: String(containerd.pid),
      },
    });
    processes.push(kubelet);
    writeOwner(slot, { pids: [process.pid, containerd.pid, kubelet.pid], dir });

    // Pull while the kubelet registers: the first pod then only checks the manifest.
    for (const image of Object.values(images)) {
      ctr(socket, ["images", "pull", "--hosts-dir", join(dir, "certs.d"), image.reference]);
    }
    await waitUntil("the real node to be Ready", () => nodeReady(o.admin), {
      timeoutMs: 90_000,
      process: kubelet,
    });
    for (const namespace of REAL_NODE_NAMESPACES)
      await markNamespaceForRealNode(o.admin, namespace);
    // The process that started the node may exit (stack:up does): from now on the
    // node's own processes keep the slot.
    writeOwner(slot, { pids: [containerd.pid, kubelet.pid], dir });
    return {
      name: REAL_NODE_NAME,
      slot,
      bridge,
      nodeIp,
      podSubnet,
      cgroup: `/${CGROUP_PREFIX}${slot}`,
      dir,
      containerdSocket: socket,
      registry: registry.address,
      images: {
        pause: images.pause.reference,
        perl: images.perl.reference,
        busybox: images.busybox.reference,
      },
      hostSysctls,
      processes,
      startupMs: Date.now() - started,
    };
  } catch (error) {
    await stopProcesses(processes);
    cleanUpSlot(slot);
    throw error;
  }
}

/** Stops the node's processes and undoes everything it changed (cleanUpSlot). */
export async function stopRealNode(state: RealNodeState): Promise<void> {
  await stopProcesses(state.processes);
  cleanUpSlot(state.slot);
}
