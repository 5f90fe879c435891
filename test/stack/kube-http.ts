// Minimal HTTPS calls to the test API server as admin, for the stack's own setup
// (the product's code uses @kubernetes/client-node; the stack must not depend on it).
import { readFileSync } from "node:fs";
import { request } from "node:https";

export interface AdminConnection {
  readonly server: string;
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

export interface KubeResponse {
  readonly status: number;
  readonly body: string;
}

export function kubeRequest(
  connection: AdminConnection,
  options: { method: string; path: string; body?: unknown; contentType?: string },
): Promise<KubeResponse> {
  const url = new URL(options.path, connection.server);
  const payload =
    options.body === undefined
      ? undefined
      : typeof options.body === "string"
        ? options.body
        : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method,
        ca: readFileSync(connection.ca),
        cert: readFileSync(connection.cert),
        key: readFileSync(connection.key),
        headers: {
          accept: "application/json",
          ...(payload === undefined
            ? {}
            : { "content-type": options.contentType ?? "application/json" }),
        },
        timeout: 10_000,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timeout: ${options.method} ${options.path}`)));
    req.on("error", reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** Creates an object; an existing one (409) is fine. Anything else is an error. */
export async function createObject(
  connection: AdminConnection,
  path: string,
  body: unknown,
): Promise<void> {
  const response = await kubeRequest(connection, { method: "POST", path, body });
  if (response.status !== 201 && response.status !== 200 && response.status !== 409) {
    throw new Error(`POST ${path}: ${response.status} ${response.body.slice(0, 500)}`);
  }
}
