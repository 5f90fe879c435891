import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { frozenAwsCommand } from "../../../../test/stack/python.ts";
import { testStack } from "../../../../test/support/stack.ts";
import { createEksToken, createEksTokenSource, TOKEN_PREFIX } from "./token.ts";

const credentials = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};

function awsGetToken(options: {
  at: string;
  clusterName: string;
  region: string;
  sessionToken?: string;
}): string {
  const { venv } = testStack();
  const frozen = frozenAwsCommand(venv, new Date(`${options.at.replace(" ", "T")}Z`), [
    "eks",
    "get-token",
    "--cluster-name",
    options.clusterName,
    "--region",
    options.region,
  ]);
  const out = execFileSync(frozen.command, frozen.args, {
    encoding: "utf8",
    env: {
      PATH: process.env.PATH,
      HOME: testStack().stateDir,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      ...(options.sessionToken ? { AWS_SESSION_TOKEN: options.sessionToken } : {}),
      AWS_CONFIG_FILE: "/dev/null",
      AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
      AWS_EC2_METADATA_DISABLED: "true",
    },
  });
  return (JSON.parse(out) as { status: { token: string } }).status.token;
}

function decode(token: string): URL {
  return new URL(Buffer.from(token.slice(TOKEN_PREFIX.length), "base64url").toString("utf8"));
}

describe("createEksToken", () => {
  it("equals what `aws eks get-token` prints for the same credentials, cluster and instant", async () => {
    const expected = awsGetToken({
      at: "2026-01-01 00:00:00",
      clusterName: "c1",
      region: "us-east-1",
    });
    const ours = await createEksToken({
      credentials,
      region: "us-east-1",
      clusterName: "c1",
      now: new Date("2026-01-01T00:00:00Z"),
    });
    expect(ours.token).toBe(expected);
  });

  it("equals awscli's token with a session token, in another region and cluster", async () => {
    const sessionToken = "FwoGZXIvYXdzEXAMPLE/session+token==";
    const expected = awsGetToken({
      at: "2026-03-04 05:06:07",
      clusterName: "prod-east",
      region: "eu-west-1",
      sessionToken,
    });
    const ours = await createEksToken({
      credentials: { ...credentials, sessionToken },
      region: "eu-west-1",
      clusterName: "prod-east",
      now: new Date("2026-03-04T05:06:07Z"),
    });
    expect(ours.token).toBe(expected);
  });

  it("signs the cluster name header and is unpadded base64url of an STS URL", async () => {
    const { token } = await createEksToken({
      credentials,
      region: "us-west-2",
      clusterName: "demo",
      now: new Date("2026-05-01T12:00:00Z"),
    });
    expect(token.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(token).not.toMatch(/[=+/]/);
    const url = decode(token);
    expect(url.hostname).toBe("sts.us-west-2.amazonaws.com");
    expect(url.searchParams.get("Action")).toBe("GetCallerIdentity");
    expect(url.searchParams.get("X-Amz-SignedHeaders")).toBe("host;x-k8s-aws-id");
    expect(url.searchParams.get("X-Amz-Expires")).toBe("60");
    expect(token.length).toBeLessThan(4096);
  });
});

describe("createEksTokenSource", () => {
  it("reuses a token for 14 minutes and signs a new one after", async () => {
    let now = new Date("2026-01-01T00:00:00Z");
    let resolved = 0;
    const source = createEksTokenSource({
      credentials: async () => {
        resolved += 1;
        return credentials;
      },
      region: "us-east-1",
      clusterName: "c1",
      clock: () => now,
    });
    const first = await source.getToken();
    now = new Date("2026-01-01T00:13:59Z");
    expect(await source.getToken()).toBe(first);
    now = new Date("2026-01-01T00:14:00Z");
    const second = await source.getToken();
    expect(second).not.toBe(first);
    expect(decode(second).searchParams.get("X-Amz-Date")).toBe("20260101T001400Z");
    expect(resolved).toBe(2);
  });
});
