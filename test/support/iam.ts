// Roles in moto's IAM and their credentials through moto's STS: what a state
// machine's role looks like to aws-iam-authenticator in the test cluster.
import {
  CreateRoleCommand,
  GetRoleCommand,
  IAMClient,
  NoSuchEntityException,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { motoClientConfig, type StackState, testStack } from "./stack.ts";

export interface RoleCredentials {
  readonly roleArn: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
}

const TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { Service: "states.amazonaws.com" }, Action: "sts:AssumeRole" },
  ],
});

/** Creates (or finds) the role in moto and assumes it. */
export async function assumeTestRole(
  roleName: string,
  options: { path?: string; stack?: StackState } = {},
): Promise<RoleCredentials> {
  const config = motoClientConfig(options.stack ?? testStack());
  const iam = new IAMClient(config);
  let roleArn: string | undefined;
  try {
    roleArn = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role?.Arn;
  } catch (error) {
    if (!(error instanceof NoSuchEntityException)) throw error;
    roleArn = (
      await iam.send(
        new CreateRoleCommand({
          RoleName: roleName,
          AssumeRolePolicyDocument: TRUST,
          ...(options.path ? { Path: options.path } : {}),
        }),
      )
    ).Role?.Arn;
  }
  if (!roleArn) throw new Error(`moto gave no ARN for role ${roleName}`);
  const sts = new STSClient(config);
  const assumed = await sts.send(
    new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: `test-${roleName}`.slice(0, 64) }),
  );
  const c = assumed.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error("no credentials");
  return {
    roleArn,
    credentials: {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
    },
  };
}
