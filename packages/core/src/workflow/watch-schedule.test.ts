import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CALLS_PER_MINUTE_BUDGET,
  CALLS_PER_POLL,
  DEFAULT_WATCH_SCHEDULE,
  MIN_STEADY_INTERVAL_MS,
  pollDelayMs,
  type WatchSchedule,
} from "./watch-schedule.ts";

const schedules: fc.Arbitrary<WatchSchedule> = fc.record({
  initialMs: fc.double({ min: -10, max: 60_000, noNaN: true }),
  factor: fc.double({ min: 0, max: 10, noNaN: true }),
  steadyMs: fc.double({ min: 0, max: 600_000, noNaN: true }),
});

// Poll times (ms from the start) of a watch that runs for `horizonMs`.
function pollTimes(schedule: WatchSchedule, horizonMs: number): number[] {
  const times: number[] = [];
  let at = 0;
  for (let step = 0; ; step += 1) {
    at += pollDelayMs(step, schedule);
    if (at > horizonMs) return times;
    times.push(at);
  }
}

describe("pollDelayMs", () => {
  it("starts at 1 s and settles at 10 s by default", () => {
    expect([0, 1, 2, 3].map((step) => pollDelayMs(step))).toEqual([1_000, 1_500, 2_250, 3_375]);
    expect(pollDelayMs(50)).toBe(DEFAULT_WATCH_SCHEDULE.steadyMs);
  });

  it("never shrinks from one poll to the next and stays within [1 ms, steady]", () => {
    fc.assert(
      fc.property(schedules, fc.nat(200), (schedule, step) => {
        const now = pollDelayMs(step, schedule);
        const next = pollDelayMs(step + 1, schedule);
        expect(next).toBeGreaterThanOrEqual(now);
        expect(now).toBeGreaterThanOrEqual(1);
        expect(now).toBeLessThanOrEqual(Math.max(MIN_STEADY_INTERVAL_MS, schedule.steadyMs) + 1);
      }),
    );
  });

  it("keeps any schedule within the call budget in steady state", () => {
    fc.assert(
      fc.property(schedules, fc.nat(100), (schedule, extraSteps) => {
        const steadyStep = 64 + extraSteps;
        const delay = pollDelayMs(steadyStep, schedule);
        expect((60_000 / delay) * CALLS_PER_POLL).toBeLessThanOrEqual(CALLS_PER_MINUTE_BUDGET);
      }),
    );
  });

  it("makes at most 20 calls in any minute after the first two with the default schedule", () => {
    const times = pollTimes(DEFAULT_WATCH_SCHEDULE, 30 * 60_000);
    for (let start = 2 * 60_000; start < 29 * 60_000; start += 1_000) {
      const polls = times.filter((t) => t >= start && t < start + 60_000).length;
      expect(polls * CALLS_PER_POLL).toBeLessThanOrEqual(CALLS_PER_MINUTE_BUDGET);
    }
  });

  it("polls five times in the first 15 s with the default schedule", () => {
    expect(pollTimes(DEFAULT_WATCH_SCHEDULE, 15_000).length).toBeGreaterThanOrEqual(5);
  });

  it("reaches the steady delay within 64 polls for any schedule", () => {
    fc.assert(
      fc.property(schedules, (schedule) => {
        expect(pollDelayMs(64, schedule)).toBe(
          Math.round(Math.max(MIN_STEADY_INTERVAL_MS, schedule.steadyMs)),
        );
      }),
    );
  });
});
