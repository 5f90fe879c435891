// KubeConfigs for @kubernetes/client-node: for an EKS cluster with a bearer token (fixed,
// or fetched from a token source before every request), or from a kubeconfig file for
// local clusters and tests. Tokens stay inside the request's Authorization header.
import { KubeConfig } from "@kubernetes/client-node";
import type { ClusterEndpoint } from "../cluster/cluster-endpoint.ts";

/** What hands out a current bearer token; `createEksTokenSource` caches and refreshes one. */
export interface TokenSource {
  getToken(): Promise<string>;
}

type Authenticator = Parameters<KubeConfig["addAuthenticator"]>[0];
type KubeUser = Parameters<Authenticator["isAuthProvider"]>[0];
type RequestOptions = Parameters<Authenticator["applyAuthentication"]>[1];

const CONTEXT = "eks-sfn";
const USER = "eks-sfn";
/** Marks the user whose token comes from a token source; no built-in authenticator claims it. */
const TOKEN_SOURCE_PROVIDER = "eks-sfn-token-source";

/** A KubeConfig that sends `token` as it is: fine for one short run within the token's life. */
export function kubeConfigForCluster(options: {
  cluster: ClusterEndpoint;
  token: string;
}): KubeConfig {
  return clusterKubeConfig(options.cluster, { name: USER, token: options.token });
}

/**
 * A KubeConfig that asks `tokenSource` for the token before each request (API calls,
 * watches, logs), so a long run keeps working after the first token expires.
 */
export function kubeConfigWithTokenSource(options: {
  cluster: ClusterEndpoint;
  tokenSource: TokenSource;
}): KubeConfig {
  const kc = clusterKubeConfig(options.cluster, {
    name: USER,
    authProvider: { name: TOKEN_SOURCE_PROVIDER, config: {} },
  });
  kc.addAuthenticator(tokenSourceAuthenticator(options.tokenSource));
  return kc;
}

/** A KubeConfig from a kubeconfig file (its current context), for local clusters and tests. */
export function kubeConfigFromFile(path: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(path);
  if (kc.getCurrentCluster() === null || kc.getCurrentUser() === null) {
    throw new Error(
      `kubeconfig ${path} has no usable current context (current-context: ${JSON.stringify(kc.getCurrentContext() ?? null)}); set one with \`kubectl config use-context\``,
    );
  }
  return kc;
}

function clusterKubeConfig(cluster: ClusterEndpoint, user: KubeUser): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.endpoint,
        caData: cluster.certificateAuthorityData,
        skipTLSVerify: false,
      },
    ],
    users: [user],
    contexts: [{ name: CONTEXT, cluster: cluster.name, user: user.name }],
    currentContext: CONTEXT,
  });
  return kc;
}

function tokenSourceAuthenticator(tokenSource: TokenSource): Authenticator {
  return {
    isAuthProvider: (user) => user.authProvider?.name === TOKEN_SOURCE_PROVIDER,
    async applyAuthentication(_user, opts: RequestOptions) {
      const token = await tokenSource.getToken();
      opts.headers = { ...opts.headers, Authorization: `Bearer ${token}` };
    },
  };
}
