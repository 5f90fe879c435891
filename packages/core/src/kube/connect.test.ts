// connectToCluster against the test cluster: a kubeconfig gives the real server and CA;
// an EKS target signs tokens that aws-iam-authenticator checks, and each is masked.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AuthenticationV1Api, CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { beforeEach, describe, expect, it } from "vitest";
import { resetAwsAuth } from "../../../../test/support/aws-auth.ts";
import { httpStatus } from "../../../../test/support/http-status.ts";
import { assumeTestRole } from "../../../../test/support/iam.ts";
import { rejection } from "../../../../test/support/rejection.ts";
import { testStack } from "../../../../test/support/stack.ts";
import { UserInputError } from "../index.ts";
import { SecretMask } from "../log/secret-mask.ts";
import { connectToCluster } from "./connect.ts";

const names = { kubeconfig: "--kubeconfig", context: "--context" };

describe("connectToCluster with a kubeconfig", () => {
  it("reads the real server and CA from the file and acts as its user", async () => {
    const stack = testStack();
    const connection = await connectToCluster({
      target: { kind: "kubeconfig", path: stack.kube.adminKubeconfig, clusterName: "demo" },
    });
    expect(connection.cluster).toEqual({
      name: "demo",
      endpoint: stack.kube.server,
      certificateAuthorityData: stack.kube.caData,
      source: "explicit",
    });
    expect(connection.auth).toBe("kubeconfig");
    const list = await connection.kube.makeApiClient(CoreV1Api).listNamespace();
    expect(list.items.map((n) => n.metadata?.name)).toContain("kube-system");
  });

  it("picks the named context, reading a CA given as a file", async () => {
    const stack = testStack();
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [
        { name: "elsewhere", server: "https://127.0.0.2:1", skipTLSVerify: false },
        {
          name: "test",
          server: stack.kube.server,
          caFile: stack.kube.caFile,
          skipTLSVerify: false,
        },
      ],
      users: [
        { name: "admin", certFile: stack.kube.adminCertFile, keyFile: stack.kube.adminKeyFile },
      ],
      contexts: [
        { name: "other", cluster: "elsewhere", user: "admin" },
        { name: "mine", cluster: "test", user: "admin" },
      ],
      currentContext: "other",
    });
    const path = join(stack.stateDir, "two-contexts.kubeconfig");
    writeFileSync(path, kc.exportConfig());
    const connection = await connectToCluster({
      target: { kind: "kubeconfig", path, context: "mine" },
      inputNames: names,
    });
    expect(connection.cluster.name).toBe("test");
    expect(connection.cluster.endpoint).toBe(stack.kube.server);
    expect(Buffer.from(connection.cluster.certificateAuthorityData, "base64").toString()).toBe(
      readFileSync(stack.kube.caFile, "utf8"),
    );
    expect(
      (await connection.kube.makeApiClient(CoreV1Api).readNamespace({ name: "default" })).metadata
        ?.name,
    ).toBe("default");

    const error = await rejection(
      connectToCluster({
        target: { kind: "kubeconfig", path, context: "nope" },
        inputNames: names,
      }),
    );
    expect(error).toBeInstanceOf(UserInputError);
    expect((error as UserInputError).message).toBe(
      `--context: ${path} has no context "nope". Use one of: other, mine.`,
    );
  });

  it.each([["/nonexistent/kubeconfig", "--kubeconfig: /nonexistent/kubeconfig does not exist."]])(
    "names the flag when %s cannot be used",
    async (path, message) => {
      const error = await rejection(
        connectToCluster({ target: { kind: "kubeconfig", path }, inputNames: names }),
      );
      expect(error).toBeInstanceOf(UserInputError);
      expect((error as Error).message.startsWith(message)).toBe(true);
    },
  );

  it("refuses a kubeconfig with no CA and masks a bearer token in it", async () => {
    const stack = testStack();
    const path = join(stack.stateDir, "no-ca.kubeconfig");
    writeFileSync(
      path,
      `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "${stack.kube.server}"}}]
users: [{name: u, user: {token: secret-token-1234567890}}]
contexts: [{name: x, context: {cluster: c, user: u}}]
current-context: x
`,
    );
    const mask = new SecretMask();
    const error = await rejection(
      connectToCluster({ target: { kind: "kubeconfig", path }, inputNames: names, mask }),
    );
    expect((error as Error).message).toContain(
      `--kubeconfig: the cluster "c" in ${path} has no certificate authority`,
    );

    writeFileSync(
      path,
      readFileSync(path, "utf8").replace(
        "{server:",
        `{certificate-authority: "${stack.kube.caFile}", server:`,
      ),
    );
    const connection = await connectToCluster({ target: { kind: "kubeconfig", path }, mask });
    expect(connection.cluster.certificateAuthorityData).toBe(stack.kube.caData);
    expect(mask.apply("Bearer secret-token-1234567890")).toBe("Bearer ***");
  });
});

describe("connectToCluster with an EKS target", () => {
  beforeEach(async () => {
    await resetAwsAuth();
  });

  it("sends an EKS token for the given credentials, checked by aws-iam-authenticator, and masks it", async () => {
    const stack = testStack();
    const role = await assumeTestRole("ConnectRole");
    const mask = new SecretMask();
    const connection = await connectToCluster({
      target: {
        kind: "eks",
        target: {
          kind: "explicit",
          name: stack.authenticator.clusterId,
          endpoint: stack.kube.server,
          certificateAuthorityData: stack.kube.caData,
        },
      },
      credentials: role.credentials,
      region: stack.region,
      mask,
    });
    expect(connection.auth).toBe("eks-token");
    expect(connection.cluster.endpoint).toBe(stack.kube.server);
    // Not mapped in aws-auth: the authenticator knows the token and refuses the role.
    const status = await httpStatus(
      connection.kube.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({ body: {} }),
    );
    expect(status).toBe(401);
    expect(mask.size).toBe(1);
    // The authenticator asked STS about this token (through the test bridge).
    const lines = readFileSync(stack.bridge.log, "utf8").trim().split("\n");
    expect(JSON.parse(lines.at(-1) ?? "{}").clusterId).toBe(stack.authenticator.clusterId);
  });
});
