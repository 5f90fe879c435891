// Retries with full-jitter exponential backoff (the AWS Architecture Blog's
// "Exponential Backoff and Jitter"). The sleep and the random source are injected
// so tests never wait and benchmarks can count.
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });

export interface BackoffPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  readonly baseMs: number;
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { maxAttempts: 8, baseMs: 100, capMs: 5_000 };

/** The delay before retry number `retry` (1-based): uniform in [0, min(cap, base * 2^retry)). */
export function fullJitterDelay(
  policy: BackoffPolicy,
  retry: number,
  random: () => number,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

export async function retryWithBackoff<T>(options: {
  attempt: (attempt: number) => Promise<T>;
  /** Whether a failure is worth another attempt (a conflict, a throttle); others are thrown at once. */
  retryable: (error: unknown) => boolean;
  policy?: BackoffPolicy;
  sleep?: Sleep;
  random?: () => number;
  signal?: AbortSignal;
}): Promise<T> {
  const policy = options.policy ?? DEFAULT_BACKOFF;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt += 1) {
    options.signal?.throwIfAborted();
    try {
      return await options.attempt(attempt);
    } catch (error) {
      if (attempt >= policy.maxAttempts || !options.retryable(error)) throw error;
      await sleep(fullJitterDelay(policy, attempt, random), options.signal);
    }
  }
}
