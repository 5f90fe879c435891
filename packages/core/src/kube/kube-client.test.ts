import {
  ApiException,
  AuthenticationV1Api,
  CoreV1Api,
  type KubeConfig,
} from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import { rejection } from "../../../../test/support/rejection.ts";
import {
  adminKubeConfig,
  createTestNamespace,
  testStack,
  writeTempFile,
} from "../../../../test/support/stack.ts";
import { UNRELATED_CA_DATA } from "../../../../test/support/unrelated-ca.ts";
import type { ClusterEndpoint } from "../cluster/cluster-endpoint.ts";
import {
  kubeConfigForCluster,
  kubeConfigFromFile,
  kubeConfigWithTokenSource,
} from "./kube-client.ts";

// A CA that did not sign the test API server's certificate.
const OTHER_CA_DATA = UNRELATED_CA_DATA;

const BOGUS_TOKEN = "k8s-aws-v1.bm90LWEtcmVhbC10b2tlbg";

function stackCluster(caData = testStack().kube.caData): ClusterEndpoint {
  return {
    name: "test",
    endpoint: testStack().kube.server,
    certificateAuthorityData: caData,
    source: "explicit",
  };
}

/** Who the API server says the client is. */
async function whoAmI(kc: KubeConfig): Promise<string | undefined> {
  const review = await kc.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({
    body: { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" },
  });
  return review.status?.userInfo?.username;
}

describe("kube clients for the test cluster", () => {
  let namespace: string;
  let serviceAccountToken: string;

  beforeAll(async () => {
    namespace = await createTestNamespace("kube-client");
    const admin = adminKubeConfig();
    const core = admin.makeApiClient(CoreV1Api);
    await core.createNamespacedServiceAccount({
      namespace,
      body: { metadata: { name: "runner" } },
    });
    const request = await core.createNamespacedServiceAccountToken({
      name: "runner",
      namespace,
      body: { spec: { audiences: [], expirationSeconds: 600 } },
    });
    const token = request.status?.token;
    if (!token) throw new Error("TokenRequest gave no token");
    serviceAccountToken = token;
  });

  it("reaches the API server with the stack's admin kubeconfig", async () => {
    const namespaces = await adminKubeConfig().makeApiClient(CoreV1Api).listNamespace();
    expect(namespaces.items.map((item) => item.metadata?.name)).toContain(namespace);
  });

  it("loads a kubeconfig file and uses its current context", async () => {
    const kc = kubeConfigFromFile(testStack().kube.adminKubeconfig);
    expect(kc.getCurrentCluster()?.server).toBe(testStack().kube.server);
    const namespaces = await kc.makeApiClient(CoreV1Api).listNamespace();
    expect(namespaces.items.length).toBeGreaterThan(0);
  });

  it("refuses a kubeconfig file without a current context", () => {
    const file = writeTempFile(
      "empty-kubeconfig",
      "apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts: []\n",
    );
    expect(() => kubeConfigFromFile(file)).toThrow(/has no usable current context/);
  });

  it("verifies the server against the cluster CA and sends the token: a bogus token gets 401", async () => {
    const kc = kubeConfigForCluster({ cluster: stackCluster(), token: BOGUS_TOKEN });
    const error = await rejection(whoAmI(kc));
    expect(error).toBeInstanceOf(ApiException);
    expect((error as ApiException<unknown>).code).toBe(401);
    expect(String((error as Error).message)).not.toContain(BOGUS_TOKEN);
  });

  it("authenticates with a token the server accepts", async () => {
    const kc = kubeConfigForCluster({ cluster: stackCluster(), token: serviceAccountToken });
    expect(await whoAmI(kc)).toBe(`system:serviceaccount:${namespace}:runner`);
  });

  it("refuses a server whose certificate the cluster CA did not sign", async () => {
    const kc = kubeConfigForCluster({ cluster: stackCluster(OTHER_CA_DATA), token: BOGUS_TOKEN });
    const error = await rejection(whoAmI(kc));
    expect(error).not.toBeInstanceOf(ApiException);
    const causes: string[] = [];
    for (let e: unknown = error; e instanceof Error; e = e.cause)
      causes.push(`${e.name} ${e.message} ${(e as { code?: unknown }).code ?? ""}`);
    expect(causes.join("\n")).toMatch(/certificate|SELF_SIGNED|UNABLE_TO_VERIFY/i);
  });

  it("asks the token source for the token before every request", async () => {
    const tokens = [BOGUS_TOKEN, serviceAccountToken, serviceAccountToken];
    let calls = 0;
    const kc = kubeConfigWithTokenSource({
      cluster: stackCluster(),
      tokenSource: {
        getToken: async () => {
          const token = tokens[calls] ?? serviceAccountToken;
          calls += 1;
          return token;
        },
      },
    });
    const first = await rejection(whoAmI(kc));
    expect((first as ApiException<unknown>).code).toBe(401);
    expect(await whoAmI(kc)).toBe(`system:serviceaccount:${namespace}:runner`);
    await kc
      .makeApiClient(CoreV1Api)
      .readNamespacedServiceAccount({ name: "runner", namespace })
      .catch(() => undefined);
    expect(calls).toBe(3);
  });

  it("keeps a token source's token out of the exported kubeconfig", () => {
    const kc = kubeConfigWithTokenSource({
      cluster: stackCluster(),
      tokenSource: { getToken: async () => serviceAccountToken },
    });
    expect(kc.exportConfig()).not.toContain(serviceAccountToken);
  });
});
