// One Kubernetes API request with a KubeConfig's server, CA and user (tokens from a
// token source included), returning the API server's JSON as it is: what eks:call
// and the Job functions need (client-node's typed clients turn times into Dates and
// hide the status text).
import { STATUS_CODES } from "node:http";
import { ApiException, HttpMethod, type KubeConfig, RequestContext } from "@kubernetes/client-node";
import { fetch } from "undici";

export interface KubeResponse {
  readonly status: number;
  readonly statusText: string;
  /** The body parsed as JSON when it parses; the text otherwise; `{}` when empty. */
  readonly body: unknown;
}

/** A request the API server answered with an HTTP error (4xx, 5xx). */
export class KubeHttpError extends Error {
  override readonly name = "KubeHttpError";
  readonly request: string;
  readonly response: KubeResponse;
  constructor(request: string, response: KubeResponse) {
    super(`${request} failed with HTTP ${response.status} ${response.statusText}`);
    this.request = request;
    this.response = response;
  }
}

const METHODS: Record<string, HttpMethod> = {
  GET: HttpMethod.GET,
  POST: HttpMethod.POST,
  PUT: HttpMethod.PUT,
  DELETE: HttpMethod.DELETE,
  HEAD: HttpMethod.HEAD,
  PATCH: HttpMethod.PATCH,
};

/**
 * Sends `method path?query` with `body` (JSON unless a string) to the KubeConfig's
 * current cluster as its current user, and returns the answer whatever its status.
 * PATCH bodies go as `application/merge-patch+json`.
 * @throws Error when no answer came (connection refused, TLS, aborted).
 */
export async function sendKubeRequest(options: {
  kube: KubeConfig;
  method: string;
  path: string;
  query?: Readonly<Record<string, readonly string[]>> | undefined;
  body?: unknown;
  signal?: AbortSignal | undefined;
}): Promise<KubeResponse> {
  const cluster = options.kube.getCurrentCluster();
  if (!cluster) throw new Error("the kubeconfig has no current cluster");
  const method = METHODS[options.method.toUpperCase()];
  if (!method) throw new Error(`unsupported HTTP method ${options.method}`);
  const url = new URL(cluster.server.replace(/\/$/, "") + options.path);
  for (const [key, values] of Object.entries(options.query ?? {})) {
    for (const value of values) url.searchParams.append(key, value);
  }
  const context = new RequestContext(url.toString(), method);
  await options.kube.applySecurityAuthentication(context);
  const headers: Record<string, string> = { ...context.getHeaders(), accept: "application/json" };
  let body: string | undefined;
  if (options.body !== undefined && options.body !== null) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["content-type"] =
      method === HttpMethod.PATCH ? "application/merge-patch+json" : "application/json";
  }
  const dispatcher = context.getDispatcher();
  const response = await fetch(url, {
    method: options.method.toUpperCase(),
    headers,
    ...(body === undefined ? {} : { body }),
    ...(dispatcher === undefined ? {} : { dispatcher }),
    signal: options.signal ?? null,
  });
  const text = await response.text();
  // HTTP/2 has no reason phrase: name the status as HTTP/1.1 does.
  const statusText = response.statusText || STATUS_CODES[response.status] || "";
  return { status: response.status, statusText, body: parseBody(text) };
}

/** Like sendKubeRequest, for requests that must succeed. @throws KubeHttpError on 4xx/5xx. */
export async function kubeRequest<T>(options: Parameters<typeof sendKubeRequest>[0]): Promise<T> {
  const response = await sendKubeRequest(options);
  if (response.status >= 400) {
    throw new KubeHttpError(`${options.method.toUpperCase()} ${options.path}`, response);
  }
  return response.body as T;
}

/** A client-node ApiException or a KubeHttpError as the answer it carried, if any. */
export function kubeResponseOf(error: unknown): KubeResponse | undefined {
  if (error instanceof KubeHttpError) return error.response;
  // A retried request's final failure (kube-retry.ts) keeps the answer as its cause.
  if (error instanceof Error && error.name === "KubeRequestError" && error.cause !== undefined)
    return kubeResponseOf(error.cause);
  if (error instanceof ApiException) {
    const body = error.body as unknown;
    return {
      status: error.code,
      statusText: STATUS_CODES[error.code] ?? "",
      body: typeof body === "string" ? parseBody(body) : (body ?? {}),
    };
  }
  return undefined;
}

function parseBody(text: string): unknown {
  if (text === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
