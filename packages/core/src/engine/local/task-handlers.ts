// Which Task resources the local engine performs, and how: a registry from the EKS
// integration (`eks:runJob`, `eks:call`, `eks:createCluster`, ... with `.sync`) to one
// handler, plus how a task reaches the cluster its Parameters name, as which identity.
import { AssumeRoleCommand, type STSClient } from "@aws-sdk/client-sts";
import { UserInputError } from "@eks-sfn/rbac";
import { KubeConfig } from "@kubernetes/client-node";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { createEksTokenSource, type EksTokenSource } from "../../cluster/token.ts";
import { kubeConfigWithTokenSource } from "../../kube/kube-client.ts";
import { eksCallParameters, performEksCall, taskParameters } from "./call.ts";
import {
  CLUSTER_TASKS,
  type ClusterTaskName,
  type ClusterTaskOptions,
  performClusterTask,
} from "./cluster-tasks.ts";
import { type JobObserver, performRunJob, runJobParameters } from "./run-job.ts";

/**
 * Who the EKS Kubernetes tasks act as. `aws`: an EKS token signed with these
 * credentials (after assuming `assumeRole.roleArn` through STS, so the tasks act exactly
 * as the state machine's role would); `kubeconfig`: that kubeconfig's current user,
 * sent to the endpoint the task names.
 */
export type KubeIdentity =
  | {
      readonly type: "aws";
      readonly credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
      readonly region: string;
      readonly assumeRole?: {
        readonly roleArn: string;
        /** The client that calls AssumeRole (with the caller's own credentials). */
        readonly sts: STSClient;
        readonly sessionName?: string | undefined;
      };
      /** Called with every token signed, so it can be masked wherever output goes. */
      readonly onToken?: ((token: string) => void) | undefined;
    }
  | { readonly type: "kubeconfig"; readonly kubeConfig: KubeConfig };

/** What a caller-supplied handler gets besides the state's evaluated Parameters. */
export interface TaskContext {
  readonly state: string;
  readonly resource: string;
  /** Aborted when the execution stops or ends: stop the work. */
  readonly signal: AbortSignal;
}

export type TaskHandler = (input: unknown, context: TaskContext) => Promise<unknown>;

/** The `eks:` integration a Task resource names, or undefined for any other service. */
export function parseEksResource(
  resource: string,
): { integration: EksIntegration; sync: boolean } | undefined {
  const match = /^arn:aws[a-z-]*:states:::eks:([A-Za-z]+)(\.sync)?$/.exec(resource);
  if (!match) return undefined;
  const integration = match[1] as EksIntegration;
  if (!EKS_INTEGRATIONS.includes(integration)) return undefined;
  const sync = match[2] === ".sync";
  // eks:call is request-response only (connect-eks.html).
  if (integration === "call" && sync) return undefined;
  return { integration, sync };
}

export type EksIntegration = "runJob" | "call" | ClusterTaskName;
const EKS_INTEGRATIONS: readonly EksIntegration[] = ["runJob", "call", ...CLUSTER_TASKS];

/** Everything the EKS handlers share during one execution. */
export interface EksTaskEnvironment {
  readonly identity: KubeIdentity;
  readonly observer: JobObserver;
  readonly signal: AbortSignal;
  /** For the cluster-management tasks; without it they fail naming this option. */
  readonly clusterTasks?: ClusterTaskOptions | undefined;
  /** Clusters reached through a kubeconfig instead of their endpoint (see ClusterTaskOptions). */
  readonly clusters?: Readonly<Record<string, KubeConfig>> | undefined;
  readonly watchTimeoutSeconds?: number | undefined;
}

/**
 * The handler for one Task state with an `eks:` resource, or undefined when the local
 * engine does not perform that resource.
 */
export function eksTaskHandler(
  state: string,
  resource: string,
  env: EksTaskEnvironment,
): ((input: unknown) => Promise<unknown>) | undefined {
  const parsed = parseEksResource(resource);
  if (!parsed) return undefined;
  const connect = clusterConnector(env);
  switch (parsed.integration) {
    case "runJob":
      return async (input) => {
        const parameters = taskParameters(runJobParameters(), state, input);
        return performRunJob({
          parameters,
          sync: parsed.sync,
          kube: await connect(parameters),
          signal: env.signal,
          observer: env.observer,
          watchTimeoutSeconds: env.watchTimeoutSeconds,
        });
      };
    case "call":
      return async (input) => {
        const parameters = taskParameters(eksCallParameters(), state, input);
        return performEksCall({ parameters, kube: await connect(parameters), signal: env.signal });
      };
    default: {
      const task = parsed.integration;
      return async (input) => {
        if (!env.clusterTasks) {
          throw new UserInputError(
            "eks",
            `state "${state}" (${resource}) needs an EKS client, and the local engine was given none`,
            "Pass clusterTasks: { eks: new EKSClient(...) } to createLocalEngine.",
          );
        }
        return performClusterTask({
          task,
          sync: parsed.sync,
          parameters: input,
          signal: env.signal,
          settings: { ...env.clusterTasks, clusters: env.clusters ?? env.clusterTasks.clusters },
        });
      };
    }
  }
}

/**
 * Makes a KubeConfig for the cluster a task names (`ClusterName`, `Endpoint`,
 * `CertificateAuthority`), authenticated as the identity; one token source per
 * cluster name, so a long execution keeps a fresh token.
 */
function clusterConnector(env: EksTaskEnvironment) {
  const tokenSources = new Map<string, EksTokenSource>();
  const credentials = env.identity.type === "aws" ? identityCredentials(env.identity) : undefined;
  return async (p: {
    ClusterName: string;
    Endpoint: string;
    CertificateAuthority: string;
  }): Promise<KubeConfig> => {
    const mapped = env.clusters?.[p.ClusterName];
    if (mapped) return mapped;
    const identity = env.identity;
    const cluster = {
      name: p.ClusterName,
      endpoint: p.Endpoint,
      certificateAuthorityData: p.CertificateAuthority,
      source: "explicit" as const,
    };
    if (identity.type === "kubeconfig") {
      const user = identity.kubeConfig.getCurrentUser();
      if (!user) {
        throw new UserInputError(
          "kubeconfig",
          "has no current user",
          "Set a current context whose user can reach the cluster (kubectl config use-context).",
        );
      }
      const kc = new KubeConfig();
      kc.loadFromOptions({
        clusters: [
          {
            name: p.ClusterName,
            server: p.Endpoint,
            caData: p.CertificateAuthority,
            skipTLSVerify: false,
          },
        ],
        users: [user],
        contexts: [{ name: "task", cluster: p.ClusterName, user: user.name }],
        currentContext: "task",
      });
      return kc;
    }
    let source = tokenSources.get(p.ClusterName);
    if (!source) {
      source = createEksTokenSource({
        credentials: credentials as AwsCredentialIdentityProvider,
        region: identity.region,
        clusterName: p.ClusterName,
        ...(identity.onToken ? { onToken: identity.onToken } : {}),
      });
      tokenSources.set(p.ClusterName, source);
    }
    return kubeConfigWithTokenSource({ cluster, tokenSource: source });
  };
}

/** Refresh assumed-role credentials this long before they expire. */
const ASSUMED_CREDENTIALS_MARGIN_MS = 5 * 60 * 1000;

function identityCredentials(
  identity: Extract<KubeIdentity, { type: "aws" }>,
): AwsCredentialIdentityProvider {
  const base = identity.credentials;
  const own: AwsCredentialIdentityProvider = async () =>
    typeof base === "function" ? base() : base;
  const assume = identity.assumeRole;
  if (!assume) return own;
  let cached: AwsCredentialIdentity | undefined;
  return async () => {
    if (
      cached?.expiration &&
      cached.expiration.getTime() - ASSUMED_CREDENTIALS_MARGIN_MS > Date.now()
    ) {
      return cached;
    }
    const out = await assume.sts.send(
      new AssumeRoleCommand({
        RoleArn: assume.roleArn,
        RoleSessionName: assume.sessionName ?? "eks-sfn-local-engine",
      }),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) {
      throw new Error(`STS AssumeRole ${assume.roleArn} returned no credentials`);
    }
    cached = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
      ...(c.Expiration ? { expiration: c.Expiration } : {}),
    };
    return cached;
  };
}
