// An AWS request that failed for a reason the user cannot fix by editing an input:
// it names the API action and carries the service's error name and message.
export class AwsRequestError extends Error {
  override readonly name = "AwsRequestError";
  /** Like "eks:DescribeCluster". */
  readonly action: string;
  /** The service's error name, like "AccessDeniedException". */
  readonly errorName: string | undefined;

  constructor(action: string, cause: unknown) {
    const errorName = cause instanceof Error ? cause.name : undefined;
    const message = cause instanceof Error ? cause.message : String(cause);
    super(`${action} failed${errorName ? ` (${errorName})` : ""}: ${message}`);
    this.action = action;
    this.errorName = errorName;
  }
}
