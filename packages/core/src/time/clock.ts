// Time as a parameter: effects take a Clock and a Sleep so tests never wait and
// benchmarks can count. The one place both are defined.
export type { Sleep } from "../retry/backoff.ts";
export { realSleep } from "../retry/backoff.ts";

/** The current time. Inject a fixed or stepping clock in tests. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
