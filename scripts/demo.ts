// `npm run demo`: the article's story on the local servers, through core's public API.
// The state machine's role gets 401 from the cluster, as the article's first run did;
// core grants it just enough access; the article's pi Job then runs as that role and
// its log is read back; revoke takes the access away again.

import {
  createEksToken,
  createReceiptRecorder,
  describePreflightFinding,
  discoverCluster,
  grantJobRunner,
  parseClusterTarget,
  planAccess,
  preflightAccess,
  renderGrantReport,
  renderRevokeReport,
  revokeGrant,
} from "@eks-sfn/core";
import { BatchV1Api, CoreV1Api } from "@kubernetes/client-node";
import { CURRENT_STACK_FILE } from "../test/stack/paths.ts";
import { readStackState, startStack, stopStack } from "../test/stack/stack.ts";
import { assumeTestRole } from "../test/support/iam.ts";
import {
  adminKubeConfig,
  createTestNamespace,
  setContainerLogs,
  tokenKubeConfig,
} from "../test/support/stack.ts";

const say = (line = ""): void => console.log(line);
const existing = readStackState(CURRENT_STACK_FILE);
say("Starting the local servers (moto, Kubernetes with kwok, aws-iam-authenticator)...");
const stack = existing ?? (await startStack());
try {
  const role = await assumeTestRole("EKS_StepFunctions_Integration", { stack });
  say(`State machine role: ${role.roleArn}`);
  const cluster = await discoverCluster({
    target: parseClusterTarget({
      name: stack.authenticator.clusterId,
      endpoint: stack.kube.server,
      certificateAuthorityData: stack.kube.caData,
    }),
  });
  const admin = adminKubeConfig(stack);
  const namespace = await createTestNamespace("demo", stack);
  await setContainerLogs({
    namespace,
    container: "pi-2000",
    lines: ['{ "pi": 3.14159265358979323846 }'],
    stack,
  });
  const asRole = async () => {
    const { token } = await createEksToken({
      credentials: role.credentials,
      region: stack.region,
      clusterName: cluster.name,
      now: new Date(),
    });
    return tokenKubeConfig(token, stack);
  };
  const job = {
    metadata: { name: "my-eks-job" },
    spec: {
      backoffLimit: 0,
      template: {
        spec: {
          restartPolicy: "Never" as const,
          containers: [
            {
              name: "pi-2000",
              image: "perl",
              command: ["perl", "-Mbignum=bpi", "-wle", "print '{ \"pi\": '. bpi(2000) . ' }';"],
            },
          ],
        },
      },
    },
  };

  const plan = planAccess({ roleArn: role.roleArn, namespace, strategy: "aws-auth" }, cluster);
  say();
  say("1. Preflight, before any grant:");
  for (const f of (await preflightAccess({ cluster, plan, kube: admin })).findings) {
    const text = describePreflightFinding(f);
    say(
      `   ${f.status === "problem" ? "x" : "-"} ${f.check}: ${text.detail}${text.consequence ? ` -> ${text.consequence}` : ""}`,
    );
  }
  try {
    await (await asRole()).makeApiClient(BatchV1Api).createNamespacedJob({ namespace, body: job });
  } catch (error) {
    say(
      `   The role creating the Job now gets HTTP ${(error as { code?: number }).code} (the article's EKS.401).`,
    );
  }

  say();
  say("2. Grant (written to a receipt before each change):");
  const recorder = createReceiptRecorder(
    {
      clusterName: cluster.name,
      roleArn: role.roleArn,
      namespace,
      strategy: plan.strategy,
      startedAt: new Date().toISOString(),
    },
    () => {},
  );
  for (const line of renderGrantReport(await grantJobRunner({ plan, kube: admin, recorder })))
    say(`   ${line}`);

  say();
  say("3. The article's pi Job, created as the role:");
  for (let i = 0; i < 100; i += 1) {
    try {
      await (await asRole())
        .makeApiClient(BatchV1Api)
        .createNamespacedJob({ namespace, body: job });
      break;
    } catch (error) {
      if ((error as { code?: number }).code !== 401) throw error;
      await new Promise((r) => setTimeout(r, 100)); // the authenticator takes up aws-auth in moments
    }
  }
  const kc = await asRole();
  const batch = kc.makeApiClient(BatchV1Api);
  let condition = "";
  for (let i = 0; i < 200 && !condition; i += 1) {
    const current = await batch.readNamespacedJob({ namespace, name: "my-eks-job" });
    condition =
      current.status?.conditions?.find(
        (c) => c.status === "True" && (c.type === "Complete" || c.type === "Failed"),
      )?.type ?? "";
    if (!condition) await new Promise((r) => setTimeout(r, 100));
  }
  say(`   Job my-eks-job: ${condition}`);
  const core = kc.makeApiClient(CoreV1Api);
  const pod = (await core.listNamespacedPod({ namespace, labelSelector: "job-name=my-eks-job" }))
    .items[0];
  let log = "";
  for (let i = 0; i < 50 && !log; i += 1) {
    log = await core.readNamespacedPodLog({
      namespace,
      name: pod?.metadata?.name ?? "",
      container: "pi-2000",
    });
    if (!log) await new Promise((r) => setTimeout(r, 100));
  }
  say(`   Its log, read as the role: ${log.trim()}`);

  say();
  say("4. Revoke, from the receipt:");
  for (const line of renderRevokeReport(
    await revokeGrant({ receipt: recorder.current(), kube: admin }),
  ))
    say(`   ${line}`);
  say();
  say(
    "Next stages run this Job through a Step Functions state machine (eks:runJob.sync) on the local engine.",
  );
} finally {
  if (!existing) await stopStack(stack);
}
