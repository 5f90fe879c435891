// Retries for the run's own Kubernetes requests (read, delete, revoke, grant). The
// Kubernetes client has no retries of its own (client-go has: it honours Retry-After on
// 429 and 5xx and retries up to 10 times), so this is the one layer that retries them:
// 429 Too Many Requests, 500, 502, 503 and 504 answers and connections that broke
// before an answer came. Everything else (401, 403, 404, 409, 422) is an answer.
import { ApiException } from "@kubernetes/client-node";
import { type BackoffPolicy, retryWithBackoff, type Sleep } from "../retry/backoff.ts";
import { KubeRequestError, kubeStatusOf } from "./kube-request-error.ts";

/** 6 requests in all, full jitter from 200 ms up to 5 s: about 10 s at worst, Retry-After included. */
export const KUBE_BACKOFF: BackoffPolicy = { maxAttempts: 6, baseMs: 200, capMs: 5_000 };

const TRANSIENT_STATUSES = new Set([429, 500, 502, 503, 504]);
/** Node's and undici's codes for a connection that broke or could not be made. */
const BROKEN_CONNECTION_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/**
 * True for an answer worth another try (429, 500, 502, 503, 504) and for a connection
 * that broke before any answer (reset, refused, closed), looked for along `cause`.
 */
export function isTransientKubeError(error: unknown): boolean {
  const status = kubeStatusOf(error);
  if (status !== undefined) return TRANSIENT_STATUSES.has(status);
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 5; depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && BROKEN_CONNECTION_CODES.has(code)) return true;
    if (e instanceof Error && /socket hang up|other side closed/i.test(e.message)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** The answer's Retry-After (seconds, as the API server sends it), in ms; looked for along `cause`. */
export function retryAfterMs(error: unknown): number | undefined {
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 5; depth += 1) {
    if (e instanceof ApiException) {
      const headers = (e.headers ?? {}) as Record<string, unknown>;
      const value = headers["retry-after"] ?? headers["Retry-After"];
      const seconds = typeof value === "string" ? Number(value) : Number.NaN;
      return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export interface KubeRetryOptions {
  readonly policy?: BackoffPolicy | undefined;
  readonly sleep?: Sleep | undefined;
  readonly random?: (() => number) | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Runs one Kubernetes request, retrying transient failures (isTransientKubeError) with
 * full-jitter backoff, waiting what Retry-After asks (up to the policy's cap).
 * Only for requests that are safe to repeat: reads, deletes (404 then means done),
 * writes guarded by resourceVersion.
 * @throws KubeRequestError naming `request` when it still fails (or fails for good).
 */
export async function retryKube<T>(
  request: string,
  attempt: () => Promise<T>,
  options: KubeRetryOptions = {},
): Promise<T> {
  try {
    return await retryWithBackoff({
      attempt,
      retryable: isTransientKubeError,
      serverDelayMs: retryAfterMs,
      policy: options.policy ?? KUBE_BACKOFF,
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.random ? { random: options.random } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new KubeRequestError(request, error);
  }
}
