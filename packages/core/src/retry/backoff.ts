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

/**
 * Calls `attempt` until it succeeds, a failure is not `retryable`, or the policy's
 * attempts are spent, sleeping a full-jitter delay between tries. Two optional hooks:
 * `serverDelayMs` (a delay the server asked for, such as Kubernetes' `Retry-After`),
 * which is waited instead of the jitter, cut to the policy's cap so the bound holds;
 * and `attemptsUsed` (how many requests one failed call already made, such as the AWS
 * SDK's `$metadata.attempts` after its own retries), so that one budget of
 * `maxAttempts` requests spans both layers instead of multiplying them.
 * @throws the last failure, or the signal's reason when `signal` aborts.
 */
export async function retryWithBackoff<T>(options: {
  attempt: (attempt: number) => Promise<T>;
  /** Whether a failure is worth another attempt (a conflict, a throttle); others are thrown at once. */
  retryable: (error: unknown) => boolean;
  policy?: BackoffPolicy;
  sleep?: Sleep;
  random?: () => number;
  signal?: AbortSignal;
  /** The wait the failure's answer asked for, in ms (Retry-After), if any. */
  serverDelayMs?: ((error: unknown) => number | undefined) | undefined;
  /** Requests the failed call made (1 unless a lower layer retried it). */
  attemptsUsed?: ((error: unknown) => number) | undefined;
}): Promise<T> {
  const policy = options.policy ?? DEFAULT_BACKOFF;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  let used = 0;
  for (let attempt = 1; ; attempt += 1) {
    options.signal?.throwIfAborted();
    try {
      return await options.attempt(attempt);
    } catch (error) {
      used += Math.max(1, options.attemptsUsed?.(error) ?? 1);
      if (used >= policy.maxAttempts || !options.retryable(error)) throw error;
      const asked = options.serverDelayMs?.(error);
      const delay =
        asked === undefined
          ? fullJitterDelay(policy, attempt, random)
          : Math.min(Math.max(0, asked), policy.capMs);
      await sleep(delay, options.signal);
    }
  }
}
