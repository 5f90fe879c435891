// The one gap between moto and aws-iam-authenticator, closed and nothing more.
// The authenticator only sends presigned GetCallerIdentity GETs to
// https://sts.<region>.amazonaws.com and expects STS's JSON; moto routes a request by
// its Authorization header (a presigned GET has none) and answers XML. The bridge is
// the authenticator's HTTPS proxy: it accepts CONNECT to an STS host, terminates TLS
// with a test-CA certificate, forwards the GET to moto with the credential from the
// query as the Authorization header, and turns moto's XML into STS's JSON shape.
// Identity decisions stay with moto and the authenticator.
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createTcpServer, type Socket, type Server as TcpServer } from "node:net";
import { createSecureContext, TLSSocket } from "node:tls";

export interface StsBridge {
  readonly port: number;
  readonly requests: number;
  close(): Promise<void>;
}

const STS_HOST = /^sts(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/;

function tag(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}

/** moto's GetCallerIdentity XML (or error XML) as the JSON body STS sends for `accept: application/json`. */
export function stsJsonFromMotoXml(status: number, xml: string): unknown {
  if (status >= 200 && status < 300) {
    return {
      GetCallerIdentityResponse: {
        GetCallerIdentityResult: {
          Account: tag(xml, "Account") ?? "",
          Arn: tag(xml, "Arn") ?? "",
          UserId: tag(xml, "UserId") ?? "",
        },
        ResponseMetadata: { RequestId: tag(xml, "RequestId") ?? "" },
      },
    };
  }
  return {
    Error: {
      Code: tag(xml, "Code") ?? "InvalidClientTokenId",
      Message: tag(xml, "Message") ?? "",
      Type: "Sender",
    },
  };
}

async function forwardToMoto(
  motoEndpoint: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const incoming = new URL(request.url ?? "/", "https://sts.amazonaws.com");
  const credential = incoming.searchParams.get("X-Amz-Credential");
  if (request.method !== "GET" || incoming.searchParams.get("Action") !== "GetCallerIdentity") {
    response.writeHead(400, { "content-type": "application/json" });
    response.end(
      JSON.stringify({
        Error: { Code: "InvalidAction", Message: "bridge: GetCallerIdentity only" },
      }),
    );
    return;
  }
  const headers: Record<string, string> = {};
  if (credential !== null) {
    headers.authorization = `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=host;x-amz-date, Signature=0`;
  }
  const upstream = await fetch(new URL(`/?${incoming.searchParams.toString()}`, motoEndpoint), {
    headers,
  });
  const body = stsJsonFromMotoXml(upstream.status, await upstream.text());
  // One line a request, for tests: which cluster the caller asked STS to bind the
  // signature to, and what moto answered. Never a credential.
  console.log(
    JSON.stringify({
      action: "GetCallerIdentity",
      clusterId: request.headers["x-k8s-aws-id"] ?? null,
      status: upstream.status,
    }),
  );
  response.writeHead(upstream.status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

export async function startStsBridge(options: {
  motoEndpoint: string;
  certFile: string;
  keyFile: string;
  port?: number;
}): Promise<StsBridge> {
  const secureContext = createSecureContext({
    cert: readFileSync(options.certFile),
    key: readFileSync(options.keyFile),
  });
  let requests = 0;
  const inner = createServer((request, response) => {
    requests += 1;
    forwardToMoto(options.motoEndpoint, request, response).catch((error: unknown) => {
      response.writeHead(502, { "content-type": "application/json" });
      response.end(JSON.stringify({ Error: { Code: "BridgeError", Message: String(error) } }));
    });
  });
  const proxy: Server = createServer((_request, response) => {
    response.writeHead(405);
    response.end("CONNECT only\n");
  });
  proxy.on("connect", (request: IncomingMessage, socket: Socket) => {
    const host = (request.url ?? "").replace(/:443$/, "");
    if (!STS_HOST.test(host)) {
      socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return;
    }
    socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
    const tls = new TLSSocket(socket, { isServer: true, secureContext });
    tls.on("error", () => socket.destroy());
    inner.emit("connection", tls);
  });
  await new Promise<void>((resolve, reject) => {
    proxy.once("error", reject);
    proxy.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const address = proxy.address();
  if (address === null || typeof address === "string") throw new Error("bridge has no port");
  return {
    port: address.port,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        proxy.closeAllConnections();
        inner.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
}

/**
 * aws-iam-authenticator v0.7.13 serves /healthz on :21363 on every interface, with no
 * flag to change it. A listener on 127.0.0.1 at that port makes its wildcard bind
 * fail (it logs the error and serves on), so nothing of the stack listens beyond
 * loopback. Another stack's guard holding the port does the same job.
 */
export async function holdPort(port: number): Promise<TcpServer | undefined> {
  const server = createTcpServer((socket) => socket.destroy());
  return new Promise((resolve) => {
    server.once("error", () => resolve(undefined));
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

// `node sts-bridge.ts <port> <moto endpoint> <cert> <key> [hold-port]`: the stack runs it as a process.
if (import.meta.main) {
  const [port, motoEndpoint, certFile, keyFile, hold] = process.argv.slice(2);
  if (!port || !motoEndpoint || !certFile || !keyFile) {
    console.error("usage: sts-bridge.ts <port> <moto endpoint> <cert> <key> [hold-port]");
    process.exit(2);
  }
  await startStsBridge({ port: Number(port), motoEndpoint, certFile, keyFile });
  if (hold) await holdPort(Number(hold));
  console.log(`sts bridge on 127.0.0.1:${port} -> ${motoEndpoint}`);
}
