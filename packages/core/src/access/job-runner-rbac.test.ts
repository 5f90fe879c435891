// applyRbacObject against the real API server, behind a small fault-injecting proxy that
// answers every Role create with 409 Conflict (a race the server cannot be made to lose
// on demand); everything else reaches the server as it is.
import { createServer, type Server } from "node:http";
import { request as httpsRequest, type RequestOptions } from "node:https";
import type { AddressInfo } from "node:net";
import { renderJobRunnerRole } from "@eks-sfn/rbac";
import { KubeConfig, RbacAuthorizationV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminKubeConfig, createTestNamespace } from "../../../../test/support/stack.ts";
import { KubeRequestError } from "../kube/kube-request-error.ts";
import { applyRbacObject } from "./job-runner-rbac.ts";

let proxy: Server;
let rolePosts = 0;
let proxied: KubeConfig;

beforeAll(async () => {
  const admin = adminKubeConfig();
  const target = new URL(admin.getCurrentCluster()?.server ?? "");
  const tls: RequestOptions = {};
  await admin.applyToHTTPSOptions(tls);
  proxy = createServer((req, res) => {
    if (req.method === "POST" && /\/roles(\?|$)/.test(req.url ?? "")) {
      rolePosts += 1;
      req.resume();
      res.writeHead(409, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          kind: "Status",
          apiVersion: "v1",
          status: "Failure",
          reason: "AlreadyExists",
          message: "injected conflict",
          code: 409,
        }),
      );
      return;
    }
    const upstream = httpsRequest(
      {
        ...tls,
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const { port } = proxy.address() as AddressInfo;
  proxied = new KubeConfig();
  proxied.loadFromOptions({
    clusters: [{ name: "proxy", server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: "admin" }],
    contexts: [{ name: "proxy", cluster: "proxy", user: "admin" }],
    currentContext: "proxy",
  });
});

afterAll(async () => {
  await new Promise((resolve) => proxy?.close(resolve));
});

describe("applyRbacObject", () => {
  it("retries a write conflict a bounded number of times with backoff, then names the request", async () => {
    const namespace = await createTestNamespace("conflict");
    const { role } = renderJobRunnerRole({
      namespace,
      roleName: "eks-sfn-job-runner-conflict",
      bindingName: "eks-sfn-job-runner-conflict",
      subject: { kind: "User", name: "eks-sfn-conflict" },
    });
    const waits: number[] = [];
    const error = await applyRbacObject({
      rbac: proxied.makeApiClient(RbacAuthorizationV1Api),
      object: role,
      retry: {
        sleep: async (ms) => {
          waits.push(ms);
        },
        random: () => 0.5,
      },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KubeRequestError);
    expect((error as KubeRequestError).request).toBe(
      `POST Role ${namespace}/eks-sfn-job-runner-conflict`,
    );
    expect(rolePosts).toBe(10);
    expect(waits).toHaveLength(9);
    expect(Math.max(...waits)).toBeLessThanOrEqual(1_000);
  });
});
