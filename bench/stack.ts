// How a benchmark reaches the test stack that `npm run stack:up` started: moto's
// endpoint and credentials, the virtualenv's awscli, and the environment awscli runs in.
// A benchmark that needs the stack refuses clearly when none is up.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CURRENT_STACK_FILE } from "../test/stack/paths.ts";
import { readStackState, type StackState } from "../test/stack/stack.ts";

/** The running test stack, or exit 2 with the command that starts one. */
export function requireStack(bench: string): StackState {
  const state = readStackState(CURRENT_STACK_FILE);
  if (!state) {
    console.error(
      `${bench} needs the test stack (moto): run \`npm run stack:up\` first, then \`npm run bench -- ${bench}\`; \`npm run stack:down\` afterwards.`,
    );
    process.exit(2);
  }
  return state;
}

/** The virtualenv's `aws` (awscli v1, pinned in test/stack/paths.ts). */
export function awscliOf(state: StackState): string {
  const aws = join(state.venv, "bin", "aws");
  if (!existsSync(aws)) throw new Error(`no awscli at ${aws}: run \`npm run stack:build\``);
  return aws;
}

/** An environment for awscli (and the SDK) that reaches `endpoint` and nothing else. */
export function awsEnvironment(state: StackState, endpoint: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: "/tmp",
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: state.region,
    AWS_DEFAULT_REGION: state.region,
    AWS_ACCESS_KEY_ID: state.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: state.credentials.secretAccessKey,
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    AWS_EC2_METADATA_DISABLED: "true",
  };
}
