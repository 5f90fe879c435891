// What the rest of the product knows about the cluster it runs on: plain data,
// from DescribeCluster or given explicitly (the article's execution input).

/** EKS `accessConfig.authenticationMode`; undefined when not known (explicit input). */
export type AuthenticationMode = "API" | "API_AND_CONFIG_MAP" | "CONFIG_MAP";

export interface ClusterEndpoint {
  readonly name: string;
  /** https URL of the Kubernetes API server. */
  readonly endpoint: string;
  /** base64 of the cluster CA, unchanged from `certificateAuthority.data`. */
  readonly certificateAuthorityData: string;
  readonly arn?: string;
  readonly version?: string;
  readonly status?: string;
  readonly authenticationMode?: AuthenticationMode;
  /** Whether the API endpoint is reachable from the internet, as the EKS integrations need. */
  readonly endpointPublicAccess?: boolean;
  readonly tags?: Readonly<Record<string, string>>;
  /** How it was found: "describe" (EKS API) or "explicit" (no AWS call). */
  readonly source: "describe" | "explicit";
}
