// What a command may touch outside itself: output, files, environment, signals. main.ts
// passes the real process; every line written goes through the secret mask.
import { writeFileSync } from "node:fs";
import { SecretMask } from "../log/secret-mask.ts";

export interface CliWorld {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly mask: SecretMask;
  /** True when stdout is a terminal: live progress instead of plain lines. */
  readonly interactive: boolean;
  out(line: string): void;
  /** Replaces the current progress line on a terminal (no newline). */
  status(text: string): void;
  err(line: string): void;
  writeText(path: string, text: string): void;
  /** Calls `handler` on each Ctrl-C (SIGINT) and SIGTERM; returns the function that stops listening. */
  onInterrupt(handler: (count: number) => void): () => void;
  /** Ends the process at once (a second Ctrl-C). */
  exitNow(code: number): never;
}

/** The real process as a CliWorld. */
export function processWorld(): CliWorld {
  const mask = new SecretMask();
  const interactive = process.stdout.isTTY === true;
  let statusShown = false;
  const clearStatus = () => {
    if (statusShown) process.stdout.write("\r\u001b[2K");
    statusShown = false;
  };
  return {
    env: process.env,
    mask,
    interactive,
    out(line) {
      clearStatus();
      process.stdout.write(`${mask.apply(line)}\n`);
    },
    status(text) {
      if (!interactive) return;
      process.stdout.write(`\r\u001b[2K${mask.apply(text)}`);
      statusShown = true;
    },
    err(line) {
      clearStatus();
      process.stderr.write(`${mask.apply(line)}\n`);
    },
    writeText: (path, text) => writeFileSync(path, text),
    onInterrupt(handler) {
      let count = 0;
      const listener = () => handler(++count);
      process.on("SIGINT", listener);
      process.on("SIGTERM", listener);
      return () => {
        process.off("SIGINT", listener);
        process.off("SIGTERM", listener);
      };
    },
    exitNow(code) {
      process.exit(code);
    },
  };
}
