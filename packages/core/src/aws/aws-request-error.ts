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
    // Expired or unknown credentials are never retried: say what to do about them.
    const fix =
      /^(ExpiredToken|ExpiredTokenException|UnrecognizedClientException|InvalidClientTokenId)$/.test(
        errorName ?? "",
      )
        ? ". The AWS credentials expired or are not valid: refresh them (aws sso login, or a new role session) and run again"
        : "";
    super(
      `${action} failed${errorName ? ` (${errorName})` : ""}: ${message.split("\n")[0] ?? ""}${fix}`,
    );
    this.action = action;
    this.errorName = errorName;
  }
}
