// A whole access run through core's public API, with every line of output captured:
// no token, secret key or session token may appear in what the product writes, throws
// or returns (its reports, receipts and errors), before any mask is applied.
import { inspect } from "node:util";
import { CoreV1Api } from "@kubernetes/client-node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetAwsAuth } from "../../../../test/support/aws-auth.ts";
import { assumeTestRole } from "../../../../test/support/iam.ts";
import { adminKubeConfig, createTestNamespace, testStack } from "../../../../test/support/stack.ts";
import {
  createEksTokenSource,
  createReceiptRecorder,
  discoverCluster,
  grantAwsAuthMapping,
  grantJobRunner,
  kubeConfigWithTokenSource,
  parseClusterTarget,
  planAccess,
  preflightAccess,
  renderGrantReport,
  renderPreflightReport,
  renderRevokeReport,
  revokeGrant,
} from "../index.ts";

const noWait = { sleep: async () => {} };

describe("secrets in a run's output", () => {
  const captured: string[] = [];
  const originalStdout = process.stdout.write.bind(process.stdout);
  const originalStderr = process.stderr.write.bind(process.stderr);

  beforeEach(async () => {
    await resetAwsAuth();
    const capture =
      (original: typeof process.stdout.write) =>
      (chunk: unknown, ...rest: unknown[]): boolean => {
        captured.push(String(chunk));
        return (original as (c: unknown, ...r: unknown[]) => boolean)(chunk, ...rest);
      };
    process.stdout.write = capture(originalStdout) as typeof process.stdout.write;
    process.stderr.write = capture(originalStderr) as typeof process.stderr.write;
  });

  afterEach(() => {
    process.stdout.write = originalStdout;
    process.stderr.write = originalStderr;
  });

  it("never shows a token, a secret key or a session token", async () => {
    const stack = testStack();
    const ci = await assumeTestRole("CiRole");
    const sfn = await assumeTestRole("SfnRole");
    // The CI identity is a cluster admin, as the creator of an EKS cluster is.
    await grantAwsAuthMapping({
      core: adminKubeConfig().makeApiClient(CoreV1Api),
      mapping: { roleArn: ci.roleArn, username: "ci", groups: ["system:masters"] },
      retry: noWait,
    });
    const namespace = await createTestNamespace("secrets");

    // Only the product writes here: no mask between it and the checks, so a secret that
    // any product output carried would be seen as it is.
    const told: string[] = [];
    const progress: string[] = [];

    // An explicit target: no EKS client, no AWS call.
    const cluster = await discoverCluster({
      target: parseClusterTarget({
        name: stack.authenticator.clusterId,
        endpoint: stack.kube.server,
        certificateAuthorityData: stack.kube.caData,
      }),
    });
    const tokenSource = createEksTokenSource({
      credentials: ci.credentials,
      region: stack.region,
      clusterName: cluster.name,
      onToken: (token) => {
        told.push(token);
      },
    });
    const kube = kubeConfigWithTokenSource({ cluster, tokenSource });
    const plan = planAccess({ roleArn: sfn.roleArn, namespace, strategy: "aws-auth" }, cluster);

    const before = await preflightAccess({ cluster, plan, kube });
    const recorder = createReceiptRecorder(
      {
        clusterName: cluster.name,
        roleArn: sfn.roleArn,
        namespace,
        strategy: plan.strategy,
        startedAt: "t",
      },
      (receipt) => {
        progress.push(JSON.stringify(receipt));
      },
    );
    const report = await grantJobRunner({ plan, kube, recorder, retry: noWait });
    const revoked = await revokeGrant({ receipt: recorder.current(), kube, retry: noWait });

    // A failing call: the Step Functions role is not mapped any more.
    const unmappedSource = createEksTokenSource({
      credentials: sfn.credentials,
      region: stack.region,
      clusterName: cluster.name,
      onToken: (token) => {
        told.push(token);
      },
    });
    const unmapped = kubeConfigWithTokenSource({ cluster, tokenSource: unmappedSource });
    const failure = await grantJobRunner({ plan, kube: unmapped, retry: noWait }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);

    // The tokens the product sent: a token source hands out its cached token for 14
    // minutes, so asking again gives the one the requests above carried.
    const tokens = [await tokenSource.getToken(), await unmappedSource.getToken()];
    expect(tokens[0]).toMatch(/^k8s-aws-v1\./);
    expect(tokens[1]).not.toBe(tokens[0]);
    // Each token was handed to onToken (how a front end masks it) when it was signed.
    expect(told).toEqual(tokens);
    expect(renderGrantReport(report).length).toBeGreaterThan(0);
    expect(progress.length).toBeGreaterThan(0);
    const everything = [
      ...captured,
      ...progress,
      ...renderPreflightReport(before),
      ...renderGrantReport(report),
      ...renderRevokeReport(revoked),
      inspect(failure, { depth: 10 }),
      (failure as Error).stack ?? "",
      JSON.stringify(report),
      JSON.stringify(revoked),
      JSON.stringify(before),
      JSON.stringify(recorder.current()),
    ].join("\n");
    const secrets = [
      ...tokens,
      ...tokens.map((t) => Buffer.from(t.slice("k8s-aws-v1.".length), "base64url").toString()),
      ci.credentials.secretAccessKey,
      ci.credentials.sessionToken,
      sfn.credentials.secretAccessKey,
      sfn.credentials.sessionToken,
    ];
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });
});
