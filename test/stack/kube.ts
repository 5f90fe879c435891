// A real Kubernetes control plane on 127.0.0.1: etcd, kube-apiserver (RBAC on),
// kube-controller-manager and kube-scheduler, with kwok playing the nodes. Pods of
// Jobs run to Succeeded; a pod annotated with FAIL_ANNOTATION fails with that exit
// code; pods/log serves what a ClusterLogs object (kwok's CRD) points at.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Binaries, Command } from "./build.ts";
import { type CertificatePair, createServiceAccountKeys, issueCertificate } from "./certs.ts";
import { type AdminConnection, createObject, kubeRequest } from "./kube-http.ts";
import {
  freePort,
  type StartedProcess,
  startProcess,
  stopProcesses,
  waitUntil,
} from "./process.ts";

/** Annotate a Job's pod template with this key and an exit code to make its pod fail. */
export const FAIL_ANNOTATION = "eks-sfn.test/exit-code";
export const NODE_NAME = "kwok-node-0";

export interface KubeCluster {
  readonly server: string;
  readonly caFile: string;
  readonly caKeyFile: string;
  readonly adminKubeconfig: string;
  readonly admin: AdminConnection;
  readonly processes: readonly StartedProcess[];
}

export function renderKubeconfig(options: {
  server: string;
  caFile: string;
  user: { certFile: string; keyFile: string } | { token: string };
}): string {
  const user =
    "token" in options.user
      ? `    token: ${options.user.token}`
      : `    client-certificate: ${options.user.certFile}\n    client-key: ${options.user.keyFile}`;
  return `apiVersion: v1
kind: Config
clusters:
- name: test
  cluster:
    server: ${options.server}
    certificate-authority: ${options.caFile}
users:
- name: test
  user:
${user}
contexts:
- name: test
  context:
    cluster: test
    user: test
current-context: test
`;
}

function start(name: string, command: Command, args: readonly string[], stateDir: string) {
  return startProcess({
    name,
    command: command.command,
    args: [...command.prefix, ...args],
    log: join(stateDir, `${name}.log`),
  });
}

function kwokConfig(moduleDir: string): string {
  const stage = (path: string): string =>
    readFileSync(join(moduleDir, "kustomize", "stage", path), "utf8").trim();
  const failureGuard = `    - key: '.metadata.annotations["${FAIL_ANNOTATION}"]'\n      operator: 'DoesNotExist'`;
  const complete = stage("pod/fast/pod-complete.yaml").replace(
    /(\n {4}matchExpressions:\n)/,
    `$1${failureGuard}\n`,
  );
  if (!complete.includes(FAIL_ANNOTATION)) throw new Error("kwok pod-complete stage changed shape");
  const fail = `apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: pod-fail-on-demand
spec:
  resourceRef:
    apiGroup: v1
    kind: Pod
  selector:
    matchExpressions:
    - key: '.metadata.deletionTimestamp'
      operator: 'DoesNotExist'
    - key: '.status.phase'
      operator: 'In'
      values:
      - 'Running'
    - key: '.metadata.annotations["${FAIL_ANNOTATION}"]'
      operator: 'Exists'
  next:
    statusTemplate: |
      {{ $now := Now }}
      {{ $code := index .metadata.annotations "${FAIL_ANNOTATION}" }}
      containerStatuses:
      {{ range $index, $item := .spec.containers }}
      - image: {{ $item.image | Quote }}
        name: {{ $item.name | Quote }}
        ready: false
        restartCount: 0
        started: false
        state:
          terminated:
            exitCode: {{ $code }}
            finishedAt: {{ $now | Quote }}
            reason: Error
            startedAt: {{ $now | Quote }}
      {{ end }}
      phase: Failed`;
  return [
    stage("node/fast/node-initialize.yaml"),
    stage("node/heartbeat-with-lease/node-heartbeat-with-lease.yaml"),
    stage("pod/fast/pod-ready.yaml"),
    complete,
    fail,
    stage("pod/fast/pod-delete.yaml"),
  ]
    .map((doc) => doc.replace(/^---\n/, ""))
    .join("\n---\n");
}

async function startEtcd(
  binaries: Binaries,
  stateDir: string,
): Promise<{ url: string; process: StartedProcess }> {
  const clientPort = await freePort();
  const peerPort = await freePort();
  const url = `http://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  const etcd = start(
    "etcd",
    binaries.etcd,
    [
      "--name=default",
      `--data-dir=${join(stateDir, "etcd")}`,
      `--listen-client-urls=${url}`,
      `--advertise-client-urls=${url}`,
      `--listen-peer-urls=${peer}`,
      `--initial-advertise-peer-urls=${peer}`,
      `--initial-cluster=default=${peer}`,
      "--listen-metrics-urls=",
      "--log-level=warn",
      "--quota-backend-bytes=2147483648",
      "--unsafe-no-fsync",
    ],
    stateDir,
  );
  await waitUntil("etcd", async () => (await fetch(`${url}/health`)).ok, {
    timeoutMs: 30_000,
    process: etcd,
  });
  return { url, process: etcd };
}

export async function startKube(options: {
  binaries: Binaries;
  stateDir: string;
  /** The authenticator's webhook kubeconfig: bearer tokens go to it. */
  tokenWebhookConfig?: string;
  ca: CertificatePair;
}): Promise<KubeCluster> {
  const { binaries, stateDir, ca } = options;
  const processes: StartedProcess[] = [];
  const serving = issueCertificate({
    dir: stateDir,
    name: "apiserver",
    ca,
    commonName: "kube-apiserver",
    hosts: ["127.0.0.1", "localhost", "kubernetes", "kubernetes.default", "10.0.0.1"],
  });
  const admin = issueCertificate({
    dir: stateDir,
    name: "admin",
    ca,
    commonName: "admin",
    organizations: ["system:masters"],
  });
  const kwokServing = issueCertificate({
    dir: stateDir,
    name: "kwok",
    ca,
    commonName: "kwok",
    hosts: ["127.0.0.1", "localhost"],
  });
  const sa = createServiceAccountKeys(stateDir);

  try {
    const etcd = await startEtcd(binaries, stateDir);
    processes.push(etcd.process);

    const apiPort = await freePort();
    const server = `https://127.0.0.1:${apiPort}`;
    const apiserver = start(
      "kube-apiserver",
      binaries.apiserver,
      [
        `--etcd-servers=${etcd.url}`,
        "--bind-address=127.0.0.1",
        "--advertise-address=127.0.0.1",
        `--secure-port=${apiPort}`,
        `--tls-cert-file=${serving.cert}`,
        `--tls-private-key-file=${serving.key}`,
        `--client-ca-file=${ca.cert}`,
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        `--service-account-key-file=${sa.pub}`,
        `--service-account-signing-key-file=${sa.key}`,
        "--authorization-mode=Node,RBAC",
        "--service-cluster-ip-range=10.0.0.0/24",
        "--endpoint-reconciler-type=none",
        // Namespace defaults that place pods: the namespaces marked for the real node
        // (real-node.ts) get its node selector and toleration.
        "--enable-admission-plugins=PodNodeSelector,PodTolerationRestriction",
        // The node's Hostname is not a DNS name anywhere: reach kwok by its IP, and never
        // ask a resolver off this machine.
        "--kubelet-preferred-address-types=InternalIP",
        `--kubelet-client-certificate=${admin.cert}`,
        `--kubelet-client-key=${admin.key}`,
        ...(options.tokenWebhookConfig
          ? [
              `--authentication-token-webhook-config-file=${options.tokenWebhookConfig}`,
              // Tests revoke a mapping and expect the next request to be refused.
              "--authentication-token-webhook-cache-ttl=0s",
            ]
          : []),
      ],
      stateDir,
    );
    processes.push(apiserver);
    const connection: AdminConnection = { server, ca: ca.cert, cert: admin.cert, key: admin.key };
    await waitUntil(
      "kube-apiserver",
      async () =>
        (await kubeRequest(connection, { method: "GET", path: "/readyz" })).status === 200,
      { timeoutMs: 90_000, process: apiserver },
    );

    const adminKubeconfig = join(stateDir, "admin.kubeconfig");
    writeFileSync(
      adminKubeconfig,
      renderKubeconfig({
        server,
        caFile: ca.cert,
        user: { certFile: admin.cert, keyFile: admin.key },
      }),
    );

    processes.push(
      start(
        "kube-controller-manager",
        binaries.controllerManager,
        [
          `--kubeconfig=${adminKubeconfig}`,
          "--leader-elect=false",
          "--bind-address=127.0.0.1",
          `--secure-port=${await freePort()}`,
          `--service-account-private-key-file=${sa.key}`,
          `--root-ca-file=${ca.cert}`,
          "--use-service-account-credentials=true",
          "--controllers=*",
        ],
        stateDir,
      ),
    );
    processes.push(
      start(
        "kube-scheduler",
        binaries.scheduler,
        [
          `--kubeconfig=${adminKubeconfig}`,
          "--leader-elect=false",
          "--bind-address=127.0.0.1",
          `--secure-port=${await freePort()}`,
        ],
        stateDir,
      ),
    );

    // kwok serves pods/log from ClusterLogs objects that tests create at run time.
    const crd = readFileSync(
      join(binaries.kwokModuleDir, "kustomize", "crd", "bases", "kwok.x-k8s.io_clusterlogs.yaml"),
      "utf8",
    );
    await kubeRequest(connection, {
      method: "POST",
      path: "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
      body: crd,
      contentType: "application/yaml",
    });
    const kwokConfigFile = join(stateDir, "kwok.yaml");
    writeFileSync(kwokConfigFile, `${kwokConfig(binaries.kwokModuleDir)}\n`);
    const kwokPort = await freePort();
    processes.push(
      start(
        "kwok",
        binaries.kwok,
        [
          `--kubeconfig=${adminKubeconfig}`,
          `--config=${kwokConfigFile}`,
          // Only its own fake node: a real kubelet runs the real node.
          "--manage-all-nodes=false",
          "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
          "--enable-crds=ClusterLogs",
          // Without a config object the lease duration is 0: no Lease is renewed, the
          // node controller marks the node not Ready every minute and taints it.
          "--node-lease-duration-seconds=40",
          "--node-ip=127.0.0.1",
          `--node-port=${kwokPort}`,
          `--server-address=127.0.0.1:${kwokPort}`,
          `--tls-cert-file=${kwokServing.cert}`,
          `--tls-private-key-file=${kwokServing.key}`,
        ],
        stateDir,
      ),
    );

    await createObject(connection, "/api/v1/nodes", {
      apiVersion: "v1",
      kind: "Node",
      metadata: {
        name: NODE_NAME,
        annotations: { "kwok.x-k8s.io/node": "fake", "node.alpha.kubernetes.io/ttl": "0" },
        labels: {
          "kubernetes.io/hostname": NODE_NAME,
          "kubernetes.io/os": "linux",
          "kubernetes.io/arch": "amd64",
          type: "kwok",
        },
      },
      status: {
        // Both address types from the start: kwok v0.8.0's node-initialize stage writes
        // an empty `addresses:` when one is missing, and it runs again whenever the node
        // controller marks the node not Ready; pods/log then fails with "no preferred
        // addresses found".
        addresses: [
          { type: "InternalIP", address: "127.0.0.1" },
          { type: "Hostname", address: NODE_NAME },
        ],
        allocatable: { cpu: "32", memory: "256Gi", pods: "110" },
        capacity: { cpu: "32", memory: "256Gi", pods: "110" },
      },
    });

    const kwokProcess = processes.at(-1);
    await waitUntil(
      "a Ready kwok node and the default ServiceAccount",
      async () => {
        const node = await kubeRequest(connection, {
          method: "GET",
          path: `/api/v1/nodes/${NODE_NAME}`,
        });
        const conditions = (
          JSON.parse(node.body) as {
            status?: { conditions?: { type: string; status: string }[] };
          }
        ).status?.conditions;
        const ready = conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
        const sa = await kubeRequest(connection, {
          method: "GET",
          path: "/api/v1/namespaces/default/serviceaccounts/default",
        });
        return ready && sa.status === 200;
      },
      { timeoutMs: 60_000, ...(kwokProcess ? { process: kwokProcess } : {}) },
    );
    return {
      server,
      caFile: ca.cert,
      caKeyFile: ca.key,
      adminKubeconfig,
      admin: connection,
      processes,
    };
  } catch (error) {
    await stopProcesses(processes);
    throw error;
  }
}
