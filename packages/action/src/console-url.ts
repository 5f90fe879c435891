// Links into the AWS console for what a run made; pure, from ARNs alone.

const EXECUTION_ARN = /^arn:(aws|aws-cn|aws-us-gov):states:([a-z0-9-]+):\d{12}:execution:/;

/**
 * The Step Functions console page of an execution, or undefined for a local execution
 * (`local:<name>`), which has no page. The console's host differs per partition.
 */
export function executionConsoleUrl(executionArn: string): string | undefined {
  const match = EXECUTION_ARN.exec(executionArn);
  if (match === null) return undefined;
  const [, partition, region] = match;
  const host =
    partition === "aws-cn"
      ? "console.amazonaws.cn"
      : partition === "aws-us-gov"
        ? "console.amazonaws-us-gov.com"
        : "console.aws.amazon.com";
  return `https://${region}.${host}/states/home?region=${region}#/v2/executions/details/${encodeURIComponent(executionArn)}`;
}
