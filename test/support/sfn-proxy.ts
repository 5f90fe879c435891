// A small HTTP proxy in front of moto's Step Functions API for the tests: it records
// each request (action and body), injects faults moto cannot produce (throttling, 5xx),
// and, when asked, pages GetExecutionHistory as the API reference documents
// (`maxResults`, `nextToken`, `reverseOrder`), which moto ignores: it always answers
// with the whole history. The events are moto's own; only the paging is the proxy's.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  /** The operation, like "GetExecutionHistory". */
  readonly action: string;
  readonly body: Record<string, unknown>;
  /** The status the client got. */
  readonly status: number;
  /** The size of the answer's body, in bytes (UTF-8), as the client got it. */
  readonly bytes: number;
}

export interface SfnProxy {
  readonly endpoint: string;
  readonly requests: RecordedRequest[];
  /**
   * The next `count` requests for `action` fail: 400 ThrottlingException, 400
   * ExpiredTokenException (`"expired"`), or a 500/503;
   * or, for GetExecutionHistory, `"lag"` answers without the newest event (a history
   * that lags DescribeExecution).
   */
  injectFault(action: string, count: number, fault?: Fault): void;
  close(): Promise<void>;
}

type Fault = "throttle" | 500 | 503 | "lag" | "expired";

export async function startSfnProxy(options: {
  target: string;
  /** Page GetExecutionHistory by maxResults/nextToken/reverseOrder over moto's answer. */
  pageHistory?: boolean;
  /**
   * Honour GetExecutionHistory's `includeExecutionData: false` (moto ignores it and always
   * sends the events' `input` and `output`): drop those two fields from every event's details.
   */
  executionData?: boolean;
}): Promise<SfnProxy> {
  const requests: RecordedRequest[] = [];
  const faults = new Map<string, { count: number; fault: Fault }>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const target = String(req.headers["x-amz-target"] ?? "");
    const action = target.split(".").pop() ?? "";
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const reply = (status: number, text: string, headers: Record<string, string> = {}): void => {
      requests.push({ action, body, status, bytes: Buffer.byteLength(text) });
      res.writeHead(status, { "content-type": "application/x-amz-json-1.0", ...headers });
      res.end(text);
    };

    const fault = faults.get(action);
    const lag = fault?.fault === "lag" && fault.count > 0;
    if (lag && fault) fault.count -= 1;
    if (fault && fault.count > 0 && !lag) {
      fault.count -= 1;
      if (fault.fault === "throttle") {
        reply(400, JSON.stringify({ __type: "ThrottlingException", message: "Rate exceeded" }));
      } else if (fault.fault === "expired") {
        reply(
          400,
          JSON.stringify({
            __type: "ExpiredTokenException",
            message: "The security token included in the request is expired",
          }),
        );
      } else if (typeof fault.fault === "number") {
        reply(fault.fault, JSON.stringify({ __type: "ServiceUnavailable", message: "injected" }));
      }
      return;
    }

    const paged = options.pageHistory && action === "GetExecutionHistory";
    const forwardBody = paged ? JSON.stringify({ executionArn: body.executionArn }) : raw;
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) {
      if (typeof value === "string" && key !== "host" && key !== "content-length") {
        headers[key] = value;
      }
    }
    const upstream = await fetch(`${options.target}${req.url ?? "/"}`, {
      method: req.method ?? "POST",
      headers,
      ...(req.method === "GET" || req.method === "HEAD" ? {} : { body: forwardBody }),
    });
    let text = await upstream.text();
    if (
      options.executionData &&
      action === "GetExecutionHistory" &&
      body.includeExecutionData === false &&
      upstream.ok
    ) {
      text = JSON.stringify(withoutExecutionData(JSON.parse(text) as { events: object[] }));
    }
    if (lag && upstream.ok) {
      const answer = JSON.parse(text) as { events: { id: number }[] };
      const newest = Math.max(...answer.events.map((event) => event.id));
      answer.events = answer.events.filter((event) => event.id !== newest);
      text = JSON.stringify(answer);
    }
    if (!paged || !upstream.ok) {
      reply(upstream.status, text, {
        "content-type": upstream.headers.get("content-type") ?? "application/x-amz-json-1.0",
      });
      return;
    }
    const all = (JSON.parse(text) as { events: { id: number }[] }).events;
    const reverse = body.reverseOrder === true;
    const ordered = [...all].sort((a, b) => (reverse ? b.id - a.id : a.id - b.id));
    const size =
      typeof body.maxResults === "number" && body.maxResults > 0 ? body.maxResults : 1000;
    // The token names the id the next page starts after, in the request's order.
    const after =
      typeof body.nextToken === "string"
        ? (JSON.parse(Buffer.from(body.nextToken, "base64url").toString()) as { after: number })
            .after
        : undefined;
    const start =
      after === undefined
        ? 0
        : ordered.findIndex((event) => (reverse ? event.id < after : event.id > after));
    const page = start < 0 ? [] : ordered.slice(start, start + size);
    const more = start >= 0 && start + size < ordered.length;
    const last = page.at(-1);
    reply(
      200,
      JSON.stringify({
        events: page,
        ...(more && last
          ? { nextToken: Buffer.from(JSON.stringify({ after: last.id })).toString("base64url") }
          : {}),
      }),
    );
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(502);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    injectFault(action, count, fault = "throttle") {
      faults.set(action, { count, fault });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

// The events without their `input` and `output` (what includeExecutionData: false leaves out).
function withoutExecutionData(answer: { events: object[] }): { events: object[] } {
  const events = answer.events.map((event) =>
    Object.fromEntries(
      Object.entries(event).map(([key, value]) => {
        if (!key.endsWith("EventDetails") || typeof value !== "object" || value === null) {
          return [key, value];
        }
        const { input: _input, output: _output, ...details } = value as Record<string, unknown>;
        return [key, details];
      }),
    ),
  );
  return { ...answer, events };
}
