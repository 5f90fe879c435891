// A Kubernetes request that failed for a reason the user cannot fix by editing an
// input: it names the request and the status, never a token or a header.
import { ApiException } from "@kubernetes/client-node";

export class KubeRequestError extends Error {
  override readonly name = "KubeRequestError";
  readonly request: string;
  readonly status: number | undefined;

  /** `fix`, when given, ends the one-line message: what the user can do about it. */
  constructor(request: string, cause: unknown, fix?: string) {
    const status = kubeStatusOf(cause);
    super(
      `${request} failed${status === undefined ? "" : ` with HTTP ${status}`}: ${reasonOf(cause)}${fix ? `. ${fix}` : ""}`,
      // The answer stays reachable (kubeResponseOf looks through `cause`).
      { cause },
    );
    this.request = request;
    this.status = status;
  }
}

/** The HTTP status of a failed client-node call, if it got an answer. */
export function kubeStatusOf(error: unknown): number | undefined {
  if (error instanceof ApiException) return error.code;
  if (error instanceof KubeRequestError) return error.status;
  const status = (error as { response?: { status?: unknown } } | undefined)?.response?.status;
  if (typeof status === "number") return status;
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "number" ? code : undefined;
}

function reasonOf(error: unknown): string {
  const response = (error as { response?: { body?: unknown; statusText?: unknown } } | undefined)
    ?.response;
  if (response !== undefined && !(error instanceof ApiException)) {
    const message = (response.body as { message?: unknown } | undefined)?.message;
    if (typeof message === "string") return message;
  }
  if (error instanceof ApiException) {
    const body = error.body as unknown;
    const parsed = typeof body === "string" ? safeJson(body) : body;
    const message = (parsed as { message?: unknown } | undefined)?.message;
    return typeof message === "string" ? message : `HTTP ${error.code}`;
  }
  return error instanceof Error ? error.message : String(error);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
