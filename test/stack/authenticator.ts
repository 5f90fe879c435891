// aws-iam-authenticator, EKS's aws-auth path, as the API server's token webhook:
// a bearer token presigned from AWS credentials is checked against moto's STS
// (through the bridge) and mapped to a Kubernetes user by kube-system/aws-auth.
import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { join } from "node:path";
import type { TLSSocket } from "node:tls";
import type { Binaries } from "./build.ts";
import { freePort, type StartedProcess, startProcess, waitUntil } from "./process.ts";

/** v0.7.13 serves /healthz here on every interface, whatever the flags say. */
export const AUTHENTICATOR_HEALTH_PORT = 21363;

export interface PreparedAuthenticator {
  readonly clusterId: string;
  readonly dir: string;
  readonly port: number;
  readonly configFile: string;
  /** Give the API server this as --authentication-token-webhook-config-file. */
  readonly webhookKubeconfig: string;
}

export async function prepareAuthenticator(options: {
  binaries: Binaries;
  stateDir: string;
  clusterId: string;
}): Promise<PreparedAuthenticator> {
  const dir = join(options.stateDir, "authenticator");
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const configFile = join(dir, "config.yaml");
  writeFileSync(
    configFile,
    `clusterID: ${options.clusterId}\nserver:\n  port: ${port}\n  address: 127.0.0.1\n  hostname: 127.0.0.1\n`,
  );
  // init writes cert.pem, key.pem and aws-iam-authenticator.kubeconfig into its working folder.
  execFileSync(
    options.binaries.authenticator.command,
    [...options.binaries.authenticator.prefix, "init", "-c", configFile],
    { cwd: dir, stdio: ["ignore", "ignore", "pipe"] },
  );
  return {
    clusterId: options.clusterId,
    dir,
    port,
    configFile,
    webhookKubeconfig: join(dir, "aws-iam-authenticator.kubeconfig"),
  };
}

export async function startAuthenticator(options: {
  binaries: Binaries;
  prepared: PreparedAuthenticator;
  stateDir: string;
  adminKubeconfig: string;
  motoEndpoint: string;
  bridgePort: number;
  caFile: string;
  region: string;
}): Promise<StartedProcess> {
  const { prepared } = options;
  const started = startProcess({
    name: "aws-iam-authenticator",
    command: options.binaries.authenticator.command,
    args: [
      ...options.binaries.authenticator.prefix,
      "server",
      "-c",
      prepared.configFile,
      "-i",
      prepared.clusterId,
      "--backend-mode",
      "EKSConfigMap",
      "--kubeconfig",
      options.adminKubeconfig,
      "--state-dir",
      prepared.dir,
      "--kubeconfig-pregenerated=true",
      "--address",
      "127.0.0.1",
      "--port",
      String(prepared.port),
    ],
    cwd: prepared.dir,
    log: join(options.stateDir, "aws-iam-authenticator.log"),
    // Every request it makes stays on this machine: STS through the bridge, the rest to
    // moto, and never the EC2 instance metadata address.
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: prepared.dir,
      AWS_REGION: options.region,
      AWS_DEFAULT_REGION: options.region,
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_ENDPOINT_URL: options.motoEndpoint,
      AWS_ACCESS_KEY_ID: "AKIDAUTHENTICATOR",
      AWS_SECRET_ACCESS_KEY: "authenticator-secret",
      HTTPS_PROXY: `http://127.0.0.1:${options.bridgePort}`,
      NO_PROXY: "127.0.0.1,localhost",
      SSL_CERT_FILE: options.caFile,
    },
  });
  await waitUntil(
    "aws-iam-authenticator",
    async () => {
      // An answer on its TLS port with the certificate `init` wrote means it is serving:
      // another process on the port (it is chosen before the server binds it) is not it.
      const own = new X509Certificate(readFileSync(join(prepared.dir, "cert.pem"))).fingerprint256;
      return new Promise<boolean>((resolve) => {
        const req = request(
          {
            host: "127.0.0.1",
            port: prepared.port,
            path: "/healthz",
            rejectUnauthorized: false,
            timeout: 1000,
          },
          (res) => {
            res.resume();
            const peer = (res.socket as TLSSocket).getPeerCertificate();
            resolve((res.statusCode ?? 0) > 0 && peer.fingerprint256 === own);
          },
        );
        req.on("error", () => resolve(false));
        req.end();
      });
    },
    { timeoutMs: 30_000, process: started },
  );
  return started;
}
