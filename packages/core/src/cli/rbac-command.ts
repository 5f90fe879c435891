// What `eks-sfn rbac ...` does, given a parsed command and the ways to reach the
// world (a cluster connection, files, output), so that tests run it against the
// local servers and main.ts only wires real clients in.
import type { EKSClient } from "@aws-sdk/client-eks";
import {
  parseNamespace,
  parseRoleArn,
  renderJobRunnerRole,
  renderManifests,
  UserInputError,
} from "@eks-sfn/rbac";
import type { KubeConfig } from "@kubernetes/client-node";
import { stringify } from "yaml";
import { planAccess } from "../access/access-plan.ts";
import { grantJobRunner } from "../access/grant.ts";
import { preflightAccess } from "../access/preflight.ts";
import { createReceiptRecorder, type GrantReceipt, parseReceipt } from "../access/receipt.ts";
import { revokeGrant } from "../access/revoke.ts";
import type { ClusterEndpoint } from "../cluster/cluster-endpoint.ts";
import {
  renderGrantReport,
  renderPreflightReport,
  renderRevokeReport,
} from "../report/render-access.ts";
import type { ClusterFlags, RbacCommand } from "./cli-args.ts";

export interface Connection {
  readonly cluster: ClusterEndpoint;
  readonly kube: KubeConfig;
  readonly eks?: EKSClient;
}

export interface CliWorld {
  connect(flags: ClusterFlags): Promise<Connection>;
  /** undefined when the file does not exist. */
  readText(path: string): string | undefined;
  writeText(path: string, text: string): void;
  out(line: string): void;
}

/** Runs the command; returns the exit code (1 when preflight finds a problem). */
export async function runRbacCommand(command: RbacCommand, world: CliWorld): Promise<number> {
  if (command.action === "render") {
    const role = parseRoleArn("--role-arn", command.roleArn ?? "");
    const connectionless: ClusterEndpoint = {
      name: command.cluster.clusterName ?? "cluster",
      endpoint: "",
      certificateAuthorityData: "",
      source: "explicit",
    };
    const plan = planAccess(
      {
        roleArn: role.arn,
        namespace: command.namespace,
        strategy: "aws-auth",
        ...(command.username ? { username: command.username } : {}),
      },
      connectionless,
    );
    const { role: k8sRole, roleBinding } = renderJobRunnerRole({
      namespace: plan.namespace,
      roleName: plan.roleName,
      bindingName: plan.bindingName,
      subject: { kind: "User", name: plan.username },
    });
    world.out(renderManifests([k8sRole, roleBinding]).trimEnd());
    world.out("---");
    world.out(
      "# kube-system/aws-auth data.mapRoles entry (or an access entry with this username):",
    );
    const entry = stringify([
      { rolearn: role.arnWithoutPath, username: plan.username, groups: plan.groups },
    ]);
    for (const line of entry.trimEnd().split("\n")) world.out(`# ${line}`);
    return 0;
  }

  if (command.action === "revoke") {
    const text = world.readText(command.receipt);
    if (text === undefined) {
      throw new UserInputError(
        "--receipt",
        `${command.receipt} does not exist`,
        "Give the receipt file that `eks-sfn rbac grant` wrote.",
      );
    }
    let receipt: GrantReceipt;
    try {
      receipt = parseReceipt(text);
    } catch (error) {
      throw new UserInputError(
        "--receipt",
        `${command.receipt} is ${(error as Error).message}`,
        "Give the receipt file that `eks-sfn rbac grant` wrote.",
      );
    }
    const { kube, eks } = await world.connect(command.cluster);
    const report = await revokeGrant({ receipt, kube, ...(eks ? { eks } : {}) });
    for (const line of renderRevokeReport(report)) world.out(line);
    return 0;
  }

  // Bad input stops here, before anything reaches a cluster.
  parseRoleArn("--role-arn", command.roleArn ?? "");
  parseNamespace("--namespace", command.namespace);
  const { cluster, kube, eks } = await world.connect(command.cluster);
  const plan = planAccess(
    {
      roleArn: command.roleArn ?? "",
      namespace: command.namespace,
      strategy: command.accessStrategy,
      ...(command.username ? { username: command.username } : {}),
    },
    cluster,
  );

  if (command.action === "preflight") {
    const report = await preflightAccess({ cluster, plan, kube, ...(eks ? { eks } : {}) });
    for (const line of renderPreflightReport(report)) world.out(line);
    return report.ok ? 0 : 1;
  }

  if (!command.dryRun && world.readText(command.receipt) !== undefined) {
    throw new UserInputError(
      "--receipt",
      `${command.receipt} already exists and may record changes not yet revoked`,
      "Revoke it first (eks-sfn rbac revoke --receipt ...) or give another --receipt file.",
    );
  }
  const recorder = createReceiptRecorder(
    {
      clusterName: cluster.name,
      roleArn: plan.role.arn,
      namespace: plan.namespace,
      strategy: plan.strategy,
      startedAt: new Date().toISOString(),
    },
    // Written before each change is made, so a crash leaves a receipt revoke can use.
    (receipt) => {
      if (!command.dryRun)
        world.writeText(command.receipt, `${JSON.stringify(receipt, null, 2)}\n`);
    },
  );
  const report = await grantJobRunner({
    plan,
    kube,
    ...(eks ? { eks } : {}),
    recorder,
    dryRun: command.dryRun,
  });
  for (const line of renderGrantReport(report)) world.out(line);
  if (!command.dryRun) {
    world.writeText(command.receipt, `${JSON.stringify(recorder.current(), null, 2)}\n`);
    world.out(
      `Receipt: ${command.receipt} (eks-sfn rbac revoke --receipt ${command.receipt} removes what this added).`,
    );
  }
  return 0;
}
