// Which TCP addresses the stack's processes listen on, read from /proc: the stack
// promises that nothing listens beyond 127.0.0.1.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

export interface Listener {
  readonly pid: number;
  readonly address: string;
  readonly port: number;
}

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        const match = /^socket:\[(\d+)\]$/.exec(target);
        if (match?.[1]) inodes.add(match[1]);
      } catch {
        // fd closed meanwhile
      }
    }
  } catch {
    // process gone
  }
  return inodes;
}

/** Every process in the process group of `leader` (the stack starts each one in its own). */
function groupMembers(leader: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === leader) members.push(Number(entry));
    } catch {
      // gone
    }
  }
  return members;
}

function decodeAddress(hex: string): string {
  if (hex.length === 8) {
    const bytes = hex.match(/../g) ?? [];
    return bytes
      .reverse()
      .map((b) => Number.parseInt(b, 16))
      .join(".");
  }
  if (hex === "00000000000000000000000001000000") return "::1";
  if (hex === "00000000000000000000000000000000") return "::";
  if (hex.startsWith("0000000000000000FFFF0000")) {
    return `::ffff:${decodeAddress(hex.slice(24))}`;
  }
  return hex;
}

export function listenersOf(leaders: readonly number[]): Listener[] {
  const byInode = new Map<string, number>();
  for (const leader of leaders) {
    for (const pid of groupMembers(leader)) {
      for (const inode of socketInodes(pid)) byInode.set(inode, pid);
    }
  }
  const listeners: Listener[] = [];
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    const lines = readFileSync(table, "utf8").trim().split("\n").slice(1);
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      const [local, , state] = [fields[1], fields[2], fields[3]];
      const inode = fields[9];
      if (state !== "0A" || !local || !inode) continue; // 0A: LISTEN
      const pid = byInode.get(inode);
      if (pid === undefined) continue;
      const [addressHex, portHex] = local.split(":");
      listeners.push({
        pid,
        address: decodeAddress(addressHex ?? ""),
        port: Number.parseInt(portHex ?? "0", 16),
      });
    }
  }
  return listeners;
}
