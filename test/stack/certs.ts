// The test cluster's certificates, made with openssl: a CA, serving certificates,
// a service-account key pair, and client certificates (CN = user, O = groups).
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

export interface CertificatePair {
  readonly cert: string;
  readonly key: string;
}

function openssl(args: readonly string[], cwd: string): void {
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
}

export function createCa(dir: string): CertificatePair {
  const cert = join(dir, "ca.crt");
  const key = join(dir, "ca.key");
  openssl(["genrsa", "-out", key, "2048"], dir);
  openssl(
    [
      "req",
      "-x509",
      "-new",
      "-key",
      key,
      "-days",
      "30",
      "-subj",
      "/CN=eks-sfn-test-ca",
      "-out",
      cert,
    ],
    dir,
  );
  return { cert, key };
}

function subject(commonName: string, organizations: readonly string[]): string {
  return `/CN=${commonName}${organizations.map((o) => `/O=${o}`).join("")}`;
}

/** Signs a certificate with the CA: serving when `hosts` are given, client otherwise. */
export function issueCertificate(options: {
  dir: string;
  name: string;
  ca: CertificatePair;
  commonName: string;
  organizations?: readonly string[];
  hosts?: readonly string[];
}): CertificatePair {
  const { dir, name, ca } = options;
  const key = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const cert = join(dir, `${name}.crt`);
  const ext = join(dir, `${name}.ext`);
  const hosts = options.hosts ?? [];
  const altNames = hosts.map((h) => (/^[\d.]+$/.test(h) ? `IP:${h}` : `DNS:${h}`)).join(",");
  writeFileSync(
    ext,
    [
      "basicConstraints=CA:FALSE",
      "keyUsage=digitalSignature,keyEncipherment",
      `extendedKeyUsage=${hosts.length > 0 ? "serverAuth,clientAuth" : "clientAuth"}`,
      ...(altNames ? [`subjectAltName=${altNames}`] : []),
    ].join("\n"),
  );
  openssl(["genrsa", "-out", key, "2048"], dir);
  openssl(
    [
      "req",
      "-new",
      "-key",
      key,
      "-subj",
      subject(options.commonName, options.organizations ?? []),
      "-out",
      csr,
    ],
    dir,
  );
  openssl(
    [
      "x509",
      "-req",
      "-in",
      csr,
      "-CA",
      ca.cert,
      "-CAkey",
      ca.key,
      "-CAcreateserial",
      "-days",
      "30",
      "-extfile",
      ext,
      "-out",
      cert,
    ],
    dir,
  );
  return { cert, key };
}

export function createServiceAccountKeys(dir: string): { key: string; pub: string } {
  const key = join(dir, "sa.key");
  const pub = join(dir, "sa.pub");
  openssl(["genrsa", "-out", key, "2048"], dir);
  openssl(["rsa", "-in", key, "-pubout", "-out", pub], dir);
  return { key, pub };
}
