// The fault proxy in front of the test cluster's kube-apiserver: HTTPS with a test-CA
// certificate for 127.0.0.1 (so kubeconfigs keep the cluster's CA), forwarding as the
// admin (or with the request's own bearer token).
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { issueCertificate } from "../stack/certs.ts";
import { type FaultProxy, startFaultProxy } from "./fault-proxy.ts";
import { type StackState, testStack } from "./stack.ts";

export async function startKubeFaultProxy(stack: StackState = testStack()): Promise<FaultProxy> {
  const dir = mkdtempSync(join(stack.stateDir, "kube-proxy-"));
  const serving = issueCertificate({
    dir,
    name: "proxy",
    ca: { cert: stack.kube.caFile, key: stack.kube.caKeyFile },
    commonName: "kube-fault-proxy",
    hosts: ["127.0.0.1"],
  });
  return startFaultProxy({
    target: stack.kube.server,
    serve: { certFile: serving.cert, keyFile: serving.key },
    upstream: {
      caFile: stack.kube.caFile,
      certFile: stack.kube.adminCertFile,
      keyFile: stack.kube.adminKeyFile,
    },
  });
}

/** The admin's kubeconfig with its server replaced by the proxy's. */
export function kubeConfigThrough(proxy: FaultProxy, stack: StackState = testStack()): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "proxied", server: proxy.endpoint, caFile: stack.kube.caFile }],
    users: [
      { name: "admin", certFile: stack.kube.adminCertFile, keyFile: stack.kube.adminKeyFile },
    ],
    contexts: [{ name: "proxied", cluster: "proxied", user: "admin" }],
    currentContext: "proxied",
  });
  return kc;
}
