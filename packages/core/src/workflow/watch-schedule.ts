// When the watcher polls an execution: fast at first (most runs that fail, fail early,
// and a short run should be noticed at once), then backing off to a steady interval
// that keeps one watched execution within its Step Functions call budget. Pure.

/** Step Functions calls one watched execution may make a minute in steady state (issue 15). */
export const CALLS_PER_MINUTE_BUDGET = 20;

/** Calls one poll makes in steady state: DescribeExecution and one GetExecutionHistory page. */
export const CALLS_PER_POLL = 2;

/** The shortest steady interval that keeps CALLS_PER_POLL within CALLS_PER_MINUTE_BUDGET. */
export const MIN_STEADY_INTERVAL_MS = (60_000 * CALLS_PER_POLL) / CALLS_PER_MINUTE_BUDGET;

/** The smallest growth factor: any schedule reaches its steady delay in a bounded number of polls. */
export const MIN_FACTOR = 1.25;

export interface WatchSchedule {
  /** The delay before the first poll after a (re)start of the schedule, in ms. */
  readonly initialMs: number;
  /** Each delay is the previous one times this (at least MIN_FACTOR, so it reaches steady). */
  readonly factor: number;
  /** The steady delay the schedule grows to, in ms; at least MIN_STEADY_INTERVAL_MS. */
  readonly steadyMs: number;
}

/** 1 s, 1.5 s, 2.25 s, ... up to 10 s: 12 calls a minute in steady state. */
export const DEFAULT_WATCH_SCHEDULE: WatchSchedule = {
  initialMs: 1_000,
  factor: 1.5,
  steadyMs: 10_000,
};

/**
 * A schedule made safe: `steadyMs` raised to MIN_STEADY_INTERVAL_MS, `initialMs` kept
 * in [1, steadyMs], `factor` at least MIN_FACTOR.
 */
export function boundedSchedule(schedule: WatchSchedule): WatchSchedule {
  const steadyMs = Math.max(
    MIN_STEADY_INTERVAL_MS,
    finiteOr(schedule.steadyMs, MIN_STEADY_INTERVAL_MS),
  );
  const initialMs = Math.min(steadyMs, Math.max(1, finiteOr(schedule.initialMs, 1)));
  const factor = Math.max(MIN_FACTOR, finiteOr(schedule.factor, MIN_FACTOR));
  return { initialMs, factor, steadyMs };
}

/**
 * The delay before poll number `step` (0-based, counted from the start of the watch or
 * from the last `nudge`), in ms: `initialMs * factor^step`, never above `steadyMs`.
 * Non-decreasing in `step`.
 */
export function pollDelayMs(
  step: number,
  schedule: WatchSchedule = DEFAULT_WATCH_SCHEDULE,
): number {
  const safe = boundedSchedule(schedule);
  const grown = safe.initialMs * safe.factor ** Math.max(0, Math.floor(step));
  return Math.round(Math.min(safe.steadyMs, grown));
}

function finiteOr(value: number, fallback: number): number {
  return Number.isFinite(value) ? value : fallback;
}
