// The EKS bearer token, as `aws eks get-token` and aws-iam-authenticator make it: an
// STS GetCallerIdentity URL presigned with SigV4 (x-k8s-aws-id names the cluster and
// is signed), base64url-encoded without padding behind "k8s-aws-v1.".
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { Clock } from "../time/clock.ts";

export const TOKEN_PREFIX = "k8s-aws-v1.";
/** The API server accepts a token for 15 minutes after it was signed; refresh before. */
export const TOKEN_REFRESH_AFTER_MS = 14 * 60 * 1000;

export interface EksToken {
  readonly token: string;
  /** When the token was signed (its X-Amz-Date). */
  readonly signedAt: Date;
  /** When a client should stop using it. */
  readonly refreshAt: Date;
}

export function stsHostname(region: string): string {
  return region.startsWith("cn-")
    ? `sts.${region}.amazonaws.com.cn`
    : `sts.${region}.amazonaws.com`;
}

export async function createEksToken(options: {
  credentials: AwsCredentialIdentity;
  region: string;
  clusterName: string;
  now: Date;
}): Promise<EksToken> {
  const hostname = stsHostname(options.region);
  const signer = new SignatureV4({
    credentials: options.credentials,
    region: options.region,
    service: "sts",
    sha256: Sha256,
  });
  const presigned = await signer.presign(
    {
      method: "GET",
      protocol: "https:",
      hostname,
      path: "/",
      query: { Action: "GetCallerIdentity", Version: "2011-06-15" },
      headers: { host: hostname, "x-k8s-aws-id": options.clusterName },
    },
    { expiresIn: 60, signingDate: options.now },
  );
  // The parameters in the order botocore writes them, so the token equals what
  // `aws eks get-token` prints for the same credentials and instant.
  const params = presigned.query ?? {};
  const order = [
    "Action",
    "Version",
    "X-Amz-Algorithm",
    "X-Amz-Credential",
    "X-Amz-Date",
    "X-Amz-Expires",
    "X-Amz-SignedHeaders",
    "X-Amz-Security-Token",
    "X-Amz-Signature",
  ];
  const query = order
    .filter((key) => typeof params[key] === "string")
    .map((key) => `${key}=${encodeRfc3986(String(params[key]))}`)
    .join("&");
  const url = `https://${hostname}/?${query}`;
  const signedAt = new Date(Math.floor(options.now.getTime() / 1000) * 1000);
  return {
    token: TOKEN_PREFIX + Buffer.from(url, "utf8").toString("base64url"),
    signedAt,
    refreshAt: new Date(signedAt.getTime() + TOKEN_REFRESH_AFTER_MS),
  };
}

function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Hands out a cached token and signs a new one once the cached one is 14 minutes old. */
export interface EksTokenSource {
  getToken(): Promise<string>;
}

export function createEksTokenSource(options: {
  credentials: AwsCredentialIdentityProvider | AwsCredentialIdentity;
  region: string;
  clusterName: string;
  clock?: Clock;
  /** Called with every token signed, so it can be masked wherever output goes. */
  onToken?: (token: string) => void;
}): EksTokenSource {
  const clock = options.clock ?? (() => new Date());
  let cached: EksToken | undefined;
  let pending: Promise<EksToken> | undefined;
  const resolveCredentials = async (): Promise<AwsCredentialIdentity> =>
    typeof options.credentials === "function" ? options.credentials() : options.credentials;
  return {
    async getToken() {
      const now = clock();
      if (cached && now < cached.refreshAt) return cached.token;
      pending ??= (async () =>
        createEksToken({
          credentials: await resolveCredentials(),
          region: options.region,
          clusterName: options.clusterName,
          now,
        }))().finally(() => {
        pending = undefined;
      });
      cached = await pending;
      options.onToken?.(cached.token);
      return cached.token;
    },
  };
}
