// The Job's logs in the step log as they arrive: one collapsible group per pod and
// container (a new group opens when the container changes), each container capped so a
// noisy Job cannot flood the runner's log.
import type { LogChunk } from "./flow.ts";
import type { ActionIo } from "./io.ts";

/** Each container's streamed log stops after this many bytes; the report keeps the tail. */
export const STREAM_CAP_BYTES = 256 * 1024;

export interface LogStream {
  write(chunk: LogChunk): void;
  /** Closes an open group, so that other lines are not hidden inside it. */
  close(): void;
}

export function createLogStream(io: ActionIo, capBytes = STREAM_CAP_BYTES): LogStream {
  const written = new Map<string, number>();
  let open: string | undefined;
  const close = (): void => {
    if (open !== undefined) io.endGroup();
    open = undefined;
  };
  return {
    close,
    write(chunk) {
      const key = `${chunk.namespace}/${chunk.pod}/${chunk.container}`;
      const before = written.get(key) ?? 0;
      if (before >= capBytes) return;
      if (open !== key) {
        close();
        io.startGroup(`Logs of ${chunk.pod}/${chunk.container}`);
        open = key;
      }
      const bytes = Buffer.byteLength(chunk.text);
      const room = capBytes - before;
      const text =
        bytes <= room
          ? chunk.text
          : Buffer.from(chunk.text)
              .subarray(0, room)
              .toString("utf8")
              .replace(/\uFFFD$/, "");
      for (const line of text.replace(/\n$/, "").split("\n")) io.info(line);
      written.set(key, before + Math.min(bytes, room));
      if (bytes > room) {
        io.info(
          `[log of ${chunk.pod}/${chunk.container} cut at ${capBytes} bytes here; the report and summary keep its end]`,
        );
      }
    },
  };
}
