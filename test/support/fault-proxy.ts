// A small fault-injecting HTTP(S) proxy for tests: it forwards every request to one real
// server (moto, or the kube-apiserver) and streams the answer back (watches included),
// except the requests a test asked to fail: an HTTP error of its choice (a throttle, a
// 5xx, Retry-After, an expired token) or a dropped connection. It records what it saw.
// Generic: matching and faults are data; fault bodies for AWS and Kubernetes are below.
import { readFileSync } from "node:fs";
import {
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer, request as httpsRequest } from "node:https";
import type { AddressInfo } from "node:net";

/** One request as the proxy saw it. */
export interface ProxiedRequest {
  readonly method: string;
  /** Path with the query string. */
  readonly path: string;
  /** The AWS operation: X-Amz-Target's last part, or a query-protocol `Action=`; else "". */
  readonly action: string;
  /** The status the client got, or "dropped". */
  readonly outcome: number | "dropped";
}

export type Fault =
  | {
      readonly status: number;
      readonly body: string;
      readonly headers?: Readonly<Record<string, string>> | undefined;
    }
  | "drop";

export interface FaultRule {
  readonly match: (request: Omit<ProxiedRequest, "outcome">) => boolean;
  readonly fault: Fault;
  /** How many matching requests fail; Infinity for all until `clear()`. */
  readonly times: number;
}

export interface FaultProxy {
  /** http(s)://127.0.0.1:<port> */
  readonly endpoint: string;
  readonly requests: ProxiedRequest[];
  inject(rule: FaultRule): void;
  /** Removes every rule: all requests go through again. */
  clear(): void;
  close(): Promise<void>;
}

export interface FaultProxyOptions {
  /** The real server, such as moto's `http://127.0.0.1:PORT` or the apiserver's https URL. */
  readonly target: string;
  /** Serve HTTPS with this certificate (for clients that only speak TLS, like kubeconfigs). */
  readonly serve?: { readonly certFile: string; readonly keyFile: string } | undefined;
  /** TLS towards an https target: its CA, and a client certificate for requests without `authorization`. */
  readonly upstream?:
    | { readonly caFile: string; readonly certFile?: string; readonly keyFile?: string }
    | undefined;
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const requests: ProxiedRequest[] = [];
  let rules: { rule: FaultRule; left: number }[] = [];
  const target = new URL(options.target);
  const secure = target.protocol === "https:";
  const ca = options.upstream ? readFileSync(options.upstream.caFile) : undefined;
  const clientCert =
    options.upstream?.certFile && options.upstream.keyFile
      ? {
          cert: readFileSync(options.upstream.certFile),
          key: readFileSync(options.upstream.keyFile),
        }
      : undefined;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const method = req.method ?? "GET";
    const path = req.url ?? "/";
    const seen = { method, path, action: actionOf(req, body) };
    const hit = rules.find((r) => r.left > 0 && r.rule.match(seen));
    if (hit) {
      hit.left -= 1;
      const { fault } = hit.rule;
      if (fault === "drop") {
        requests.push({ ...seen, outcome: "dropped" });
        req.socket.destroy();
        return;
      }
      requests.push({ ...seen, outcome: fault.status });
      res.writeHead(fault.status, { "content-type": "application/json", ...fault.headers });
      res.end(fault.body);
      return;
    }
    const headers = { ...req.headers, host: target.host };
    delete headers["content-length"];
    const send = secure ? httpsRequest : httpRequest;
    const upstream = send(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method,
        path,
        headers: { ...headers, "content-length": String(body.length) },
        ...(secure ? { ca } : {}),
        // A bearer token speaks for itself; otherwise the proxy's own client certificate.
        ...(secure && clientCert && req.headers.authorization === undefined ? clientCert : {}),
      },
      (answer) => {
        requests.push({ ...seen, outcome: answer.statusCode ?? 0 });
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        res.on("close", () => answer.destroy());
      },
    );
    upstream.on("error", (error) => {
      if (!res.headersSent) res.writeHead(502);
      res.end(String(error));
    });
    upstream.end(body);
  }

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502);
      res.end(String(error));
    });
  };
  const server = options.serve
    ? createHttpsServer(
        { cert: readFileSync(options.serve.certFile), key: readFileSync(options.serve.keyFile) },
        listener,
      )
    : createHttpServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `${options.serve ? "https" : "http"}://127.0.0.1:${port}`,
    requests,
    inject(rule) {
      rules.push({ rule, left: rule.times });
    },
    clear() {
      rules = [];
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function actionOf(req: IncomingMessage, body: Buffer): string {
  const target = req.headers["x-amz-target"];
  if (typeof target === "string") return target.split(".").pop() ?? "";
  const type = req.headers["content-type"] ?? "";
  if (type.startsWith("application/x-www-form-urlencoded")) {
    return new URLSearchParams(body.toString("utf8")).get("Action") ?? "";
  }
  return "";
}

/** AWS's JSON error shape; `x-amzn-errortype` makes REST-JSON services (EKS) name it too. */
function awsError(status: number, type: string, message: string): Fault {
  return {
    status,
    body: JSON.stringify({ __type: type, message }),
    headers: { "x-amzn-errortype": type },
  };
}

/** Step Functions' and EKS's throttle: 400 ThrottlingException. */
export const awsThrottle = (): Fault => awsError(400, "ThrottlingException", "Rate exceeded");
/** A 500 or 503 from an AWS service. */
export const awsServerError = (status: 500 | 503 = 503): Fault =>
  awsError(
    status,
    status === 500 ? "InternalServerError" : "ServiceUnavailable",
    "injected by the fault proxy",
  );
/** What AWS answers signed requests with once temporary credentials have expired. */
export const awsExpiredToken = (): Fault =>
  awsError(400, "ExpiredTokenException", "The security token included in the request is expired");

/** The XML error of the query-protocol services (STS, IAM), such as `ExpiredToken`. */
export function awsQueryError(status: number, code: string, message: string): Fault {
  return {
    status,
    body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>`,
    headers: { "content-type": "text/xml" },
  };
}

/** A Kubernetes Status answer: 429 (with Retry-After), 500, 503, ... */
export function kubeStatus(code: number, retryAfterS?: number): Fault {
  const reason =
    code === 429 ? "TooManyRequests" : code === 503 ? "ServiceUnavailable" : "InternalError";
  return {
    status: code,
    body: JSON.stringify({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: `injected by the fault proxy (${reason})`,
      reason,
      code,
    }),
    headers: retryAfterS === undefined ? {} : { "retry-after": String(retryAfterS) },
  };
}
