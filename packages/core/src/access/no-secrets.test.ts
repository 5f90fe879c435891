// A whole access run through core's public API, with every line of output captured:
// no token, secret key or session token may appear in logs, errors or reports.
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
  type Logger,
  MASK,
  maskingLogger,
  parseClusterTarget,
  planAccess,
  preflightAccess,
  renderGrantReport,
  renderPreflightReport,
  renderRevokeReport,
  revokeGrant,
  SecretMask,
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

    const tokens: string[] = [];
    const registered: string[] = [];
    const mask = new SecretMask((secret) => registered.push(secret));
    mask.add(ci.credentials.secretAccessKey);
    mask.add(ci.credentials.sessionToken);
    const lines: string[] = [];
    const sink: Logger = {
      info: (l) => lines.push(l),
      warn: (l) => lines.push(l),
      debug: (l) => lines.push(l),
    };
    const logger = maskingLogger(sink, mask);

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
        tokens.push(token);
        mask.add(token);
      },
    });
    const kube = kubeConfigWithTokenSource({ cluster, tokenSource });
    const plan = planAccess({ roleArn: sfn.roleArn, namespace, strategy: "aws-auth" }, cluster);

    const before = await preflightAccess({ cluster, plan, kube });
    for (const line of renderPreflightReport(before)) logger.info(line);
    const recorder = createReceiptRecorder(
      {
        clusterName: cluster.name,
        roleArn: sfn.roleArn,
        namespace,
        strategy: plan.strategy,
        startedAt: "t",
      },
      (receipt) => logger.debug(`receipt ${JSON.stringify(receipt)}`),
    );
    const report = await grantJobRunner({ plan, kube, recorder, retry: noWait });
    for (const line of renderGrantReport(report)) logger.info(line);
    const revoked = await revokeGrant({ receipt: recorder.current(), kube, retry: noWait });
    for (const line of renderRevokeReport(revoked)) logger.info(line);
    logger.debug(`the token was ${tokens[0]}`);

    // A failing call: the Step Functions role is not mapped any more.
    const unmapped = kubeConfigWithTokenSource({
      cluster,
      tokenSource: createEksTokenSource({
        credentials: sfn.credentials,
        region: stack.region,
        clusterName: cluster.name,
        onToken: (token) => {
          tokens.push(token);
          mask.add(token);
        },
      }),
    });
    mask.add(sfn.credentials.secretAccessKey);
    mask.add(sfn.credentials.sessionToken);
    const failure = await grantJobRunner({ plan, kube: unmapped, retry: noWait }).catch(
      (error: unknown) => error as Error,
    );
    expect(failure).toBeInstanceOf(Error);
    logger.warn(`grant failed: ${(failure as Error).message}`);
    const errorText = `${(failure as Error).message}\n${(failure as Error).stack ?? ""}`;

    expect(tokens.length).toBeGreaterThanOrEqual(2);
    expect(renderGrantReport(report).length).toBeGreaterThan(0);
    expect(lines.some((l) => l.includes(MASK))).toBe(true);
    expect(registered).toEqual(expect.arrayContaining(tokens));
    const everything = [
      ...captured,
      ...lines,
      errorText,
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
