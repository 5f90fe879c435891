// What a test needs to reach the test stack: AWS client settings for moto, and
// Kubernetes clients as admin or as an ordinary user (a client certificate whose CN
// is the user, so RBAC really applies).
import { mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { inject } from "vitest";
import { issueCertificate } from "../stack/certs.ts";
import { resetMoto as resetMotoAt } from "../stack/moto.ts";
import { REAL_NODE_NAME, REAL_NODE_NAMESPACE_ANNOTATIONS } from "../stack/real-node.ts";
import "../stack/provided-context.ts";
import { runningRealNode, type StackState } from "../stack/stack.ts";

export type { StackState };

export function testStack(): StackState {
  return inject("stack");
}

/** Settings for any AWS SDK v3 client, pointed at moto. */
export function motoClientConfig(stack: StackState = testStack()) {
  return {
    endpoint: stack.moto.endpoint,
    region: stack.region,
    credentials: { ...stack.credentials },
  };
}

/** Settings for an AWS SDK v3 client pointed at ministack (it has EKS access entries). */
export function ministackClientConfig(stack: StackState = testStack()) {
  return {
    endpoint: stack.ministack.endpoint,
    region: stack.region,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  };
}

/** Clears moto's data (not its config), so a test file starts from an empty account. */
export async function resetMoto(stack: StackState = testStack()): Promise<void> {
  await resetMotoAt(stack.moto.endpoint);
}

export function adminKubeConfig(stack: StackState = testStack()): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(stack.kube.adminKubeconfig);
  return kc;
}

function kubeConfigFrom(
  stack: StackState,
  user: { name: string; certFile?: string; keyFile?: string; token?: string },
): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      { name: "test", server: stack.kube.server, caFile: stack.kube.caFile, skipTLSVerify: false },
    ],
    users: [
      {
        name: user.name,
        ...(user.certFile ? { certFile: user.certFile } : {}),
        ...(user.keyFile ? { keyFile: user.keyFile } : {}),
        ...(user.token ? { token: user.token } : {}),
      },
    ],
    contexts: [{ name: "test", cluster: "test", user: user.name }],
    currentContext: "test",
  });
  return kc;
}

/** A client that authenticates as `user` (and `groups`) with a certificate from the test CA. */
export function userKubeConfig(
  user: string,
  options: { groups?: readonly string[]; stack?: StackState } = {},
): KubeConfig {
  const stack = options.stack ?? testStack();
  const dir = mkdtempSync(join(stack.stateDir, "user-"));
  const pair = issueCertificate({
    dir,
    name: "user",
    ca: { cert: stack.kube.caFile, key: stack.kube.caKeyFile },
    commonName: user,
    organizations: options.groups ?? [],
  });
  return kubeConfigFrom(stack, { name: user, certFile: pair.cert, keyFile: pair.key });
}

/** A client that sends a bearer token (an EKS token checked by aws-iam-authenticator). */
export function tokenKubeConfig(token: string, stack: StackState = testStack()): KubeConfig {
  return kubeConfigFrom(stack, { name: "token", token });
}

let namespaceCounter = 0;

/** Creates a namespace named `prefix`-unique-suffix (at most 63 characters) and returns its name. */
async function createUniqueNamespace(
  prefix: string,
  stack: StackState,
  annotations?: Record<string, string>,
): Promise<string> {
  const { CoreV1Api } = await import("@kubernetes/client-node");
  namespaceCounter += 1;
  const name = `${prefix}-${process.pid}-${namespaceCounter}-${Date.now().toString(36)}`.slice(
    0,
    63,
  );
  await adminKubeConfig(stack)
    .makeApiClient(CoreV1Api)
    .createNamespace({ body: { metadata: { name, ...(annotations ? { annotations } : {}) } } });
  return name;
}

/** A fresh namespace per test: kwok's ClusterLogs select pods by namespace. */
export function createTestNamespace(
  prefix: string,
  stack: StackState = testStack(),
): Promise<string> {
  return createUniqueNamespace(prefix, stack);
}

/**
 * A fresh namespace whose pods run on the real node (real containers, the real
 * kubelet's statuses), through the API server's namespace-default admission plugins.
 */
export function createRealNodeNamespace(
  prefix: string,
  stack: StackState = testStack(),
): Promise<string> {
  return createUniqueNamespace(prefix, stack, { ...REAL_NODE_NAMESPACE_ANNOTATIONS });
}

/** One line of a container log file in the CRI format kwok's ClusterLogs read. */
export function criLogLine(text: string): string {
  return `2026-11-28T00:00:00.000000000Z stdout F ${text}\n`;
}

/**
 * The real node's name. A test that needs real containers calls it first: where the
 * stack could not start the node it throws the stack's one-line reason (root, cgroup
 * v1, EKS_SFN_REAL_NODE=0), so the test fails loudly instead of passing on kwok.
 */
export function requireRealNode(stack: StackState = testStack()): string {
  if (runningRealNode(stack)) return REAL_NODE_NAME;
  // A state file written before the real node existed has no `realNode`.
  const node = stack.realNode as StackState["realNode"] | undefined;
  const why = node && "unavailable" in node ? node.unavailable : "its state does not say why";
  throw new Error(`the stack runs no real node: ${why}`);
}

/**
 * Makes `pods/log` of `container` in `namespace` return `lines`, through a kwok
 * ClusterLogs object pointing at a CRI-format log file, and returns that file. With
 * `follow`, kwok keeps the stream open and sends what is appended to the file later
 * (append with criLogLine), as a running container's log would. With `replace`, an
 * object left by an earlier run on the same stack (the same namespace and container,
 * as in "default") is deleted first instead of failing with 409.
 */
export async function setContainerLogs(options: {
  namespace: string;
  container: string;
  lines: readonly string[];
  follow?: boolean;
  replace?: boolean;
  stack?: StackState;
}): Promise<string> {
  const { CustomObjectsApi } = await import("@kubernetes/client-node");
  const stack = options.stack ?? testStack();
  const file = join(mkdtempSync(join(stack.stateDir, "logs-")), `${options.container}.log`);
  writeFileSync(file, options.lines.map(criLogLine).join(""));
  const customObjects = adminKubeConfig(stack).makeApiClient(CustomObjectsApi);
  const name = `${options.namespace}-${options.container}`.slice(0, 253);
  const clusterLogs = { group: "kwok.x-k8s.io", version: "v1alpha1", plural: "clusterlogs" };
  if (options.replace) {
    await customObjects.deleteClusterCustomObject({ ...clusterLogs, name }).catch((error) => {
      if ((error as { code?: number }).code !== 404) throw error;
    });
  }
  await customObjects.createClusterCustomObject({
    ...clusterLogs,
    body: {
      apiVersion: "kwok.x-k8s.io/v1alpha1",
      kind: "ClusterLogs",
      metadata: { name },
      spec: {
        selector: { matchNamespaces: [options.namespace] },
        logs: [
          {
            containers: [options.container],
            logsFile: file,
            follow: options.follow ?? false,
          },
        ],
      },
    },
  });
  return file;
}

export function writeTempFile(name: string, text: string, stack: StackState = testStack()): string {
  const file = join(mkdtempSync(join(stack.stateDir, "file-")), name);
  writeFileSync(file, text);
  return file;
}
