import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { get } from "node:https";
import { connect } from "node:tls";
import { createEksToken, TOKEN_PREFIX } from "@eks-sfn/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assumeTestRole } from "../support/iam.ts";
import { testStack } from "../support/stack.ts";
import { issueCertificate } from "./certs.ts";
import { type StsBridge, startStsBridge, stsJsonFromMotoXml } from "./sts-bridge.ts";

interface Answer {
  readonly status: number;
  readonly body: string;
}

/** What the authenticator does: CONNECT through the proxy, then TLS and the GET. */
function getThroughProxy(proxyPort: number, url: URL, ca: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const connectRequest = httpRequest({
      host: "127.0.0.1",
      port: proxyPort,
      method: "CONNECT",
      path: `${url.hostname}:443`,
    });
    connectRequest.on("connect", (response, socket) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        resolve({ status: response.statusCode ?? 0, body: "" });
        return;
      }
      const req = get(
        {
          host: url.hostname,
          path: `${url.pathname}${url.search}`,
          headers: { accept: "application/json" },
          createConnection: () => connect({ socket, servername: url.hostname, ca }),
        },
        (res) => {
          let body = "";
          res.on("data", (chunk: Buffer) => {
            body += chunk.toString();
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on("error", reject);
    });
    connectRequest.on("error", reject);
    connectRequest.end();
  });
}

function presignedUrl(token: string): URL {
  return new URL(Buffer.from(token.slice(TOKEN_PREFIX.length), "base64url").toString());
}

describe("the STS bridge", () => {
  let bridge: StsBridge;
  let ca: Buffer;

  beforeAll(async () => {
    const stack = testStack();
    ca = readFileSync(stack.kube.caFile);
    const cert = issueCertificate({
      dir: stack.stateDir,
      name: `sts-test-${process.pid}`,
      ca: { cert: stack.kube.caFile, key: stack.kube.caKeyFile },
      commonName: "sts.us-east-1.amazonaws.com",
      hosts: ["sts.us-east-1.amazonaws.com"],
    });
    bridge = await startStsBridge({
      motoEndpoint: stack.moto.endpoint,
      certFile: cert.cert,
      keyFile: cert.key,
    });
  });

  afterAll(async () => {
    await bridge.close();
  });

  it("answers a role's presigned GetCallerIdentity with that role's assumed-role ARN, as STS JSON", async () => {
    const role = await assumeTestRole("BridgeRole");
    const { token } = await createEksToken({
      credentials: role.credentials,
      region: "us-east-1",
      clusterName: "c1",
      now: new Date(),
    });
    const answer = await getThroughProxy(bridge.port, presignedUrl(token), ca);
    expect(answer.status).toBe(200);
    const result = (
      JSON.parse(answer.body) as {
        GetCallerIdentityResponse: { GetCallerIdentityResult: { Arn: string; Account: string } };
      }
    ).GetCallerIdentityResponse.GetCallerIdentityResult;
    expect(result.Account).toBe("123456789012");
    expect(result.Arn).toBe("arn:aws:sts::123456789012:assumed-role/BridgeRole/test-BridgeRole");
  });

  it("tunnels only to STS hosts", async () => {
    const before = bridge.requests;
    const answer = await getThroughProxy(
      bridge.port,
      new URL("https://ec2.us-east-1.amazonaws.com/"),
      ca,
    );
    expect(answer.status).toBe(403);
    expect(bridge.requests).toBe(before);
  });

  it("passes moto's answer on and decides nothing itself", () => {
    expect(
      stsJsonFromMotoXml(
        200,
        "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:sts::1:assumed-role/R/s</Arn><UserId>AROA:s</UserId><Account>1</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></GetCallerIdentityResponse>",
      ),
    ).toEqual({
      GetCallerIdentityResponse: {
        GetCallerIdentityResult: {
          Account: "1",
          Arn: "arn:aws:sts::1:assumed-role/R/s",
          UserId: "AROA:s",
        },
        ResponseMetadata: { RequestId: "r1" },
      },
    });
    expect(
      stsJsonFromMotoXml(
        403,
        "<ErrorResponse><Error><Code>InvalidClientTokenId</Code><Message>bad</Message></Error></ErrorResponse>",
      ),
    ).toEqual({ Error: { Code: "InvalidClientTokenId", Message: "bad", Type: "Sender" } });
  });
});
