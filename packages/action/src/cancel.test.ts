import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { CANCEL_BUDGET_MS, installCancelHandler, RUNNER_GRACE_MS } from "./cancel.ts";
import { RecordingActionIo } from "./io.ts";

function signalSource() {
  const emitter = new EventEmitter();
  return {
    emitter,
    source: {
      on: (name: "SIGINT" | "SIGTERM", listener: () => void) => emitter.on(name, listener),
      off: (name: "SIGINT" | "SIGTERM", listener: () => void) => emitter.off(name, listener),
    },
  };
}

describe("installCancelHandler", () => {
  it("leaves a margin inside the runner's grace between SIGINT and SIGTERM", () => {
    expect(RUNNER_GRACE_MS).toBe(7500);
    expect(CANCEL_BUDGET_MS).toBeLessThan(RUNNER_GRACE_MS);
  });

  it("aborts the run and exits 130 after a stop that hangs, within its budget", async () => {
    const io = new RecordingActionIo();
    const { emitter, source } = signalSource();
    const run = new AbortController();
    let stopSignal: AbortSignal | undefined;
    const started = Date.now();
    const exited = new Promise<number>((resolve) => {
      installCancelHandler({
        io,
        run,
        signals: source,
        budgetMs: 300,
        exit: resolve,
        stopRun: (signal) => {
          stopSignal = signal;
          return new Promise(() => {});
        },
      });
    });
    emitter.emit("SIGTERM");
    expect(run.signal.aborted).toBe(true);
    expect(await exited).toBe(130);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(2000);
    expect(stopSignal?.aborted).toBe(true);
    expect(io.log).toEqual([
      "eks-sfn-action: SIGTERM: the workflow was cancelled; stopping the execution and deleting the Job.",
      "eks-sfn-action: stopping took longer than 0.3 s; the post step finishes it.",
      "eks-sfn-action: left to the post step: revoking the grant and deleting a temporary cluster.",
    ]);
  });

  it("exits at once on a second signal", async () => {
    const io = new RecordingActionIo();
    const { emitter, source } = signalSource();
    const exits: number[] = [];
    installCancelHandler({
      io,
      run: new AbortController(),
      signals: source,
      exit: (code) => exits.push(code),
      stopRun: () => new Promise(() => {}),
    });
    emitter.emit("SIGINT");
    emitter.emit("SIGINT");
    expect(exits).toEqual([130]);
    expect(io.log.at(-1)).toBe(
      "eks-sfn-action: SIGINT again: exiting now; the post step cleans up.",
    );
  });

  it("says a failed stop is left to post", async () => {
    const io = new RecordingActionIo();
    const { emitter, source } = signalSource();
    const exited = new Promise<number>((resolve) => {
      installCancelHandler({
        io,
        run: new AbortController(),
        signals: source,
        exit: resolve,
        stopRun: async () => {
          throw new Error("StopExecution: 503 Service Unavailable");
        },
      });
    });
    emitter.emit("SIGINT");
    expect(await exited).toBe(130);
    expect(io.log).toContain(
      "eks-sfn-action: stopping failed (StopExecution: 503 Service Unavailable); the post step tries again.",
    );
  });

  it("stops listening once disposed", () => {
    const { emitter, source } = signalSource();
    const handler = installCancelHandler({
      io: new RecordingActionIo(),
      run: new AbortController(),
      signals: source,
      exit: () => {},
      stopRun: async () => [],
    });
    expect(emitter.listenerCount("SIGINT")).toBe(1);
    handler.dispose();
    expect(emitter.listenerCount("SIGINT") + emitter.listenerCount("SIGTERM")).toBe(0);
  });
});
