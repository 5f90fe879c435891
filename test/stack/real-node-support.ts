// Whether this machine can run the real node (a kubelet with containerd), and if not,
// why, in one line: the rest of the stack (kwok's fake node) works either way.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

/** Set to `0` to start the stack without the real node (kwok's fake node only). */
export const REAL_NODE_SWITCH = "EKS_SFN_REAL_NODE";

function onPath(command: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * Why this machine cannot run the real node, or undefined when it can: it needs root
 * (mounts, cgroups, a network bridge), cgroup v1 (what kubelet 1.37 runs on here, with
 * `failCgroupV1: false`), and the tools that set up its private mount namespace.
 */
export function realNodeUnavailable(): string | undefined {
  if (process.env[REAL_NODE_SWITCH] === "0") return `switched off by ${REAL_NODE_SWITCH}=0`;
  if (process.platform !== "linux") return `needs Linux, this is ${process.platform}`;
  const uid = process.getuid?.() ?? -1;
  if (uid !== 0) {
    return `needs root (it mounts, makes cgroups and a network bridge); this runs as uid ${uid}`;
  }
  if (!existsSync("/sys/fs/cgroup/memory/memory.limit_in_bytes")) {
    return "needs cgroup v1 (a memory hierarchy at /sys/fs/cgroup/memory); this machine has cgroup v2 only";
  }
  const missing = ["unshare", "nsenter", "mount", "ip", "gcc", "strip", "tar", "apt-get"].filter(
    (c) => !onPath(c),
  );
  if (missing.length > 0) return `needs ${missing.join(", ")} on PATH`;
  return undefined;
}
