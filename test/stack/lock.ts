// A lock folder beside a cache entry, so that two test runs starting at once fill
// it once instead of twice into the same files.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { isAlive } from "./process.ts";

/**
 * Holds `<dir>.lock` while `fn` runs, so that two test runs starting at once build
 * each binary once, not twice into the same file. A lock whose holder died is taken over.
 */
export function withLock<T>(dir: string, fn: () => T): T {
  const lock = `${dir}.lock`;
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, "pid"), String(process.pid));
      break;
    } catch {
      let holder = 0;
      try {
        holder = Number(readFileSync(join(lock, "pid"), "utf8"));
      } catch {
        // being written or removed
      }
      if (holder > 0 && !isAlive(holder)) rmSync(lock, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
