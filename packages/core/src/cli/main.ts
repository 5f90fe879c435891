#!/usr/bin/env node
// `eks-sfn`: the access flow in a terminal. Wires real clients into the command;
// a mistake the user can fix is one line on stderr and exit code 2, never a stack.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { EKSClient } from "@aws-sdk/client-eks";
import { defaultProvider } from "@aws-sdk/credential-provider-node";
import { UserInputError } from "@eks-sfn/rbac";
import { parseClusterTarget } from "../cluster/cluster-target.ts";
import { discoverCluster } from "../cluster/discover.ts";
import { createEksTokenSource } from "../cluster/token.ts";
import { kubeConfigFromFile, kubeConfigWithTokenSource } from "../kube/kube-client.ts";
import { SecretMask } from "../log/secret-mask.ts";
import { type ClusterFlags, parseCliArgs, USAGE } from "./cli-args.ts";
import { type CliWorld, type Connection, runRbacCommand } from "./rbac-command.ts";

const mask = new SecretMask();
// `eks-sfn rbac render | head`: a reader that stops early is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

async function connect(flags: ClusterFlags): Promise<Connection> {
  const region = flags.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  const eks = region ? new EKSClient({ region }) : undefined;
  if (flags.kubeconfig) {
    if (!existsSync(flags.kubeconfig)) {
      throw new UserInputError(
        "--kubeconfig",
        `${flags.kubeconfig} does not exist`,
        "Give the path of a kubeconfig file.",
      );
    }
    const kube = kubeConfigFromFile(flags.kubeconfig);
    const current = kube.getCurrentCluster();
    const caData =
      current?.caData ?? (current?.caFile ? readFileSync(current.caFile).toString("base64") : "");
    return {
      cluster: {
        name: flags.clusterName ?? current?.name ?? "cluster",
        endpoint: current?.server ?? "",
        certificateAuthorityData: caData,
        source: "explicit",
      },
      kube,
      ...(eks ? { eks } : {}),
    };
  }
  if (!eks || !region) {
    throw new UserInputError(
      "--region",
      "is not set and neither is AWS_REGION",
      "Give --region (the cluster's AWS region).",
    );
  }
  const cluster = await discoverCluster({
    eks,
    target: parseClusterTarget({ name: flags.clusterName }, { name: "--cluster-name" }),
  });
  const tokenSource = createEksTokenSource({
    credentials: defaultProvider(),
    region,
    clusterName: cluster.name,
    onToken: (token) => mask.add(token),
  });
  return { cluster, kube: kubeConfigWithTokenSource({ cluster, tokenSource }), eks };
}

const world: CliWorld = {
  connect,
  readText: (path) => {
    try {
      return readFileSync(path, "utf8");
    } catch {
      return undefined;
    }
  },
  writeText: (path, text) => writeFileSync(path, text),
  out: (line) => process.stdout.write(`${mask.apply(line)}\n`),
};

const argv = process.argv.slice(2);
if (argv.length === 0 || argv.includes("--help") || argv.includes("-h")) {
  console.log(USAGE);
  process.exit(argv.length === 0 ? 2 : 0);
}
try {
  process.exitCode = await runRbacCommand(parseCliArgs(argv), world);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`eks-sfn: ${mask.apply(message)}\n`);
  process.exitCode = error instanceof UserInputError ? 2 : 1;
}
