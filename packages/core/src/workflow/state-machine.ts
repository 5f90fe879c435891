// The state machine a run starts: created once by name, and updated only when its
// definition or role really changed, so re-runs do not make a new revision each time.
// With `publish`, each call also returns a version (an immutable snapshot) of exactly the
// definition it was given, so that a run started on that version runs its own definition
// even when another run updates the machine in between (state machines are shared by
// name across runs).
import {
  CreateStateMachineCommand,
  DeleteStateMachineVersionCommand,
  DescribeStateMachineCommand,
  ListStateMachinesCommand,
  PublishStateMachineVersionCommand,
  type SFNClient,
  UpdateStateMachineCommand,
} from "@aws-sdk/client-sfn";
import {
  parseRoleArn,
  parseStateMachineName,
  type StateMachineDefinition,
  UserInputError,
} from "@eks-sfn/rbac";
import { AwsRequestError } from "../aws/aws-request-error.ts";

export interface EnsureStateMachineRequest {
  readonly sfn: SFNClient;
  readonly name: string;
  readonly definition: StateMachineDefinition;
  /** The role Step Functions assumes to run it. */
  readonly roleArn: string;
  /** Tags set when it is created (not changed on update). */
  readonly tags?: Readonly<Record<string, string>> | undefined;
  /**
   * Publish a version of the definition (CreateStateMachine/UpdateStateMachine with
   * `publish: true`, or PublishStateMachineVersion of the unchanged revision) and return
   * its ARN. `description` (at most 256 characters; longer is cut) names the run.
   */
  readonly publish?: { readonly description: string } | undefined;
  /** Aborts the requests in flight. */
  readonly signal?: AbortSignal | undefined;
  /** The user's names for the inputs, for error messages. */
  readonly inputs?:
    | { name?: string | undefined; definition?: string | undefined; roleArn?: string | undefined }
    | undefined;
}

export interface EnsuredStateMachine {
  readonly arn: string;
  /** True when this call created it. */
  readonly created: boolean;
  /** True when this call changed an existing one (definition or role). */
  readonly updated: boolean;
  /**
   * With `publish`: the version holding this call's definition and role,
   * `arn:<partition>:states:<region>:<account>:stateMachine:<name>:<n>`.
   */
  readonly versionArn?: string | undefined;
}

/** PublishStateMachineVersion's limit on `description`. */
export const VERSION_DESCRIPTION_MAX_LENGTH = 256;

/**
 * How often the unchanged-definition path describes and publishes again when another
 * run changed the machine between the two (PublishStateMachineVersion's `revisionId`
 * check answers ConflictException).
 */
export const PUBLISH_ATTEMPTS = 3;

/**
 * Creates a STANDARD state machine called `name` with `definition`, `roleArn` and
 * `tags`, or, when one of that name exists, updates it only if its definition (compared
 * as canonical JSON: key order and spacing do not count) or its role differ. Imitates
 * CloudFormation's no-op update: an unchanged machine gets no UpdateStateMachine call.
 * With `publish`, the create or update also publishes a version (Step Functions' own
 * atomic `publish: true`), and an unchanged machine gets PublishStateMachineVersion with
 * the `revisionId` just compared (idempotent: an existing version of that revision is
 * returned). Versions are immutable, at most 1,000 per state machine, and never deleted
 * by Step Functions: the caller deletes its version (deleteStateMachineVersion).
 * See docs.aws.amazon.com/step-functions/latest/dg/concepts-state-machine-version.html.
 * @throws UserInputError naming the input when the name or role ARN is malformed
 *   (before any call), or when Step Functions rejects the definition
 *   (`InvalidDefinition`) or the role (`InvalidArn`).
 * @throws AwsRequestError for any other failed request.
 */
export async function ensureStateMachine(
  request: EnsureStateMachineRequest,
): Promise<EnsuredStateMachine> {
  const inputs = {
    name: request.inputs?.name ?? "state-machine-name",
    definition: request.inputs?.definition ?? "definition",
    roleArn: request.inputs?.roleArn ?? "role-arn",
  };
  const name = parseStateMachineName(inputs.name, request.name);
  const roleArn = parseRoleArn(inputs.roleArn, request.roleArn).arn;
  const definition = JSON.stringify(request.definition);
  const { sfn } = request;
  const options = request.signal ? { abortSignal: request.signal } : {};

  const publishing =
    request.publish === undefined
      ? undefined
      : {
          publish: true,
          versionDescription: request.publish.description.slice(0, VERSION_DESCRIPTION_MAX_LENGTH),
        };

  const existing = await findStateMachineArn(sfn, name, options);
  if (existing === undefined) {
    try {
      const created = await sfn.send(
        new CreateStateMachineCommand({
          name,
          type: "STANDARD",
          definition,
          roleArn,
          tags: Object.entries(request.tags ?? {}).map(([key, value]) => ({ key, value })),
          ...publishing,
        }),
        options,
      );
      const version = versionOf(created.stateMachineVersionArn, publishing);
      // CreateStateMachine may answer with a machine another run created a moment before
      // (AWS for an identical one; moto 5.2.5 for any, with its latest version): use the
      // version only if it holds this definition, else compare and update below.
      if (
        version.versionArn === undefined ||
        (await holdsDefinition(sfn, version.versionArn, definition, options))
      ) {
        return { arn: created.stateMachineArn ?? "", created: true, updated: false, ...version };
      }
    } catch (error) {
      if ((error as Error).name !== "StateMachineAlreadyExists") {
        throw userErrorOf(error, inputs, "states:CreateStateMachine");
      }
      // Another run created it between our look-up and our create: compare with it.
    }
  }
  const arn = existing ?? (await findStateMachineArn(sfn, name, options));
  if (arn === undefined) {
    throw new AwsRequestError(
      "states:CreateStateMachine",
      new Error(`${name} vanished after a conflict`),
    );
  }
  for (let attempt = 1; ; attempt += 1) {
    const current = await sfn
      .send(new DescribeStateMachineCommand({ stateMachineArn: arn }), options)
      .catch((error: unknown) => {
        throw new AwsRequestError("states:DescribeStateMachine", error);
      });
    const sameDefinition = canonicalJson(current.definition ?? "") === canonicalJson(definition);
    if (sameDefinition && current.roleArn === roleArn) {
      if (publishing === undefined) return { arn, created: false, updated: false };
      try {
        // Only if the machine is still the revision just compared: another run may have
        // updated it since, and then the version would hold that run's definition.
        const published = await sfn.send(
          new PublishStateMachineVersionCommand({
            stateMachineArn: arn,
            revisionId: current.revisionId,
            description: publishing.versionDescription,
          }),
          options,
        );
        return {
          arn,
          created: false,
          updated: false,
          ...versionOf(published.stateMachineVersionArn, publishing),
        };
      } catch (error) {
        if ((error as Error).name === "ConflictException" && attempt < PUBLISH_ATTEMPTS) continue;
        throw new AwsRequestError("states:PublishStateMachineVersion", error);
      }
    }
    try {
      const updated = await sfn.send(
        new UpdateStateMachineCommand({
          stateMachineArn: arn,
          // With publish, the version is the revision this very call makes: the
          // definition goes with it even when only the role changed.
          ...(sameDefinition && publishing === undefined ? {} : { definition }),
          ...(current.roleArn === roleArn ? {} : { roleArn }),
          ...publishing,
        }),
        options,
      );
      return {
        arn,
        created: false,
        updated: true,
        ...versionOf(updated.stateMachineVersionArn, publishing),
      };
    } catch (error) {
      if ((error as Error).name === "ConflictException" && attempt < PUBLISH_ATTEMPTS) continue;
      throw userErrorOf(error, inputs, "states:UpdateStateMachine");
    }
  }
}

async function holdsDefinition(
  sfn: SFNClient,
  arn: string,
  definition: string,
  options: { abortSignal?: AbortSignal },
): Promise<boolean> {
  const described = await sfn
    .send(new DescribeStateMachineCommand({ stateMachineArn: arn }), options)
    .catch((error: unknown) => {
      throw new AwsRequestError("states:DescribeStateMachine", error);
    });
  return canonicalJson(described.definition ?? "") === canonicalJson(definition);
}

function versionOf(
  versionArn: string | undefined,
  publishing: { publish: boolean } | undefined,
): { versionArn?: string } {
  if (publishing === undefined) return {};
  if (versionArn === undefined || versionArn === "") {
    throw new AwsRequestError(
      "states:PublishStateMachineVersion",
      new Error("Step Functions published no version (no stateMachineVersionArn in the answer)"),
    );
  }
  return { versionArn };
}

/**
 * Deletes a version `ensureStateMachine` published (DeleteStateMachineVersion). Step
 * Functions lets its running executions go on ("Deleting a state machine version won't
 * terminate its in-progress executions"), so a run may delete its version as soon as it
 * no longer starts executions on it. Returns false when the version was already gone.
 * @throws AwsRequestError when the request fails otherwise (for example a
 *   ConflictException while another run publishes, or an alias still pointing at it).
 */
export async function deleteStateMachineVersion(request: {
  sfn: SFNClient;
  versionArn: string;
  signal?: AbortSignal | undefined;
}): Promise<boolean> {
  try {
    await request.sfn.send(
      new DeleteStateMachineVersionCommand({ stateMachineVersionArn: request.versionArn }),
      request.signal ? { abortSignal: request.signal } : {},
    );
    return true;
  } catch (error) {
    const name = (error as Error).name;
    if (name === "ResourceNotFound" || name === "StateMachineDoesNotExist") return false;
    throw new AwsRequestError("states:DeleteStateMachineVersion", error);
  }
}

/**
 * The state machine ARN of a version ARN (`...:stateMachine:<name>:<n>` without `:<n>`);
 * any other ARN comes back unchanged.
 */
export function unversionedArn(arn: string): string {
  return arn.replace(/(:stateMachine:[^:]+):\d+$/, "$1");
}

/**
 * JSON text with object keys sorted at every depth and no spacing; text that is not
 * JSON comes back unchanged (so it compares unequal to any definition).
 */
export function canonicalJson(text: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

async function findStateMachineArn(
  sfn: SFNClient,
  name: string,
  options: { abortSignal?: AbortSignal },
): Promise<string | undefined> {
  let nextToken: string | undefined;
  do {
    const page = await sfn
      .send(new ListStateMachinesCommand({ maxResults: 1000, nextToken }), options)
      .catch((error: unknown) => {
        throw new AwsRequestError("states:ListStateMachines", error);
      });
    const found = page.stateMachines?.find((machine) => machine.name === name);
    if (found?.stateMachineArn) return found.stateMachineArn;
    nextToken = page.nextToken;
  } while (nextToken);
  return undefined;
}

function userErrorOf(
  error: unknown,
  inputs: { definition: string; roleArn: string },
  action: string,
): Error {
  const name = (error as Error | undefined)?.name;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const message = (error as Error | undefined)?.message ?? String(error);
  // moto 5.2 answers a definition its parser rejects with `"__type": null`, which the
  // SDK cannot name (a TypeError with a 400): the name and role were checked before the
  // call, so a nameless 400 from create/update is the definition.
  const nameless400 = status === 400 && (name === "TypeError" || name === "Error");
  if (name === "InvalidDefinition" || nameless400) {
    return new UserInputError(
      inputs.definition,
      nameless400
        ? "Step Functions rejected the definition (HTTP 400)"
        : `Step Functions rejected the definition: ${message}`,
      "Fix the state named in the message (ValidateStateMachineDefinition or the Workflow Studio shows the same diagnostics).",
    );
  }
  if (name === "InvalidArn" && /role/i.test(message)) {
    return new UserInputError(
      inputs.roleArn,
      `Step Functions rejected the role ARN: ${message}`,
      "Give the ARN of an IAM role that trusts states.amazonaws.com.",
    );
  }
  return new AwsRequestError(action, error);
}
