// The user's Job file, read into one batch/v1 Job before anything is created: the only
// kind `eks:runJob` runs. Pure (text in, object out) so the plan entry can load it
// without @kubernetes/client-node.
import { isDns1123Label, isDns1123Subdomain, UserInputError } from "@eks-sfn/rbac";
import { parseAllDocuments } from "yaml";

/** Larger Job files are refused before parsing: 10 MB (10,000,000 bytes, UTF-8). */
export const MAX_JOB_MANIFEST_BYTES = 10_000_000;

/**
 * Aliases (`*name`) one Job file may expand. A Job needs few or none; the cap stops a
 * "billion laughs" file from expanding into gigabytes (the `yaml` library's
 * `maxAliasCount`).
 */
export const MAX_JOB_MANIFEST_ALIASES = 100;

/**
 * A batch/v1 Job as a plain object: the fields this project reads are typed, the rest is
 * kept as the user wrote it and sent to Kubernetes whole.
 */
export interface JobManifest {
  apiVersion: "batch/v1";
  kind: "Job";
  metadata: {
    name?: string | undefined;
    generateName?: string | undefined;
    namespace?: string | undefined;
    labels?: Record<string, string> | undefined;
    annotations?: Record<string, string> | undefined;
    [key: string]: unknown;
  };
  spec: {
    template: { spec: { containers: { name: string; [key: string]: unknown }[] } } & Record<
      string,
      unknown
    >;
    activeDeadlineSeconds?: number | undefined;
    backoffLimit?: number | undefined;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

// Kubernetes puts the Job's name in the pods' `job-name` label, whose values have at most
// 63 characters, so a longer Job name is rejected by the API server.
const MAX_JOB_NAME_LENGTH = 63;
// generateName gets 5 random characters appended.
const MAX_GENERATE_NAME_LENGTH = MAX_JOB_NAME_LENGTH - 5;

/**
 * Reads one batch/v1 Job from YAML (or JSON) text, as a user's Job file holds it.
 *
 * Imitates what the API server would refuse, so the mistake shows before a state machine
 * or an execution exists: `metadata.name` (or `metadata.generateName`) is a DNS-1123
 * subdomain of at most 63 characters (the pods' `job-name` label holds it),
 * `spec.template.spec.containers` is not empty and `restartPolicy` is `Never` or
 * `OnFailure` (https://kubernetes.io/docs/concepts/workloads/controllers/job/).
 *
 * @param input what to call the file in messages, such as `job` or `examples/pi-job.yaml`.
 * @throws UserInputError when the text is over 10 MB, is not YAML, holds no document or
 *   more than one, expands more than 100 aliases, or is not a batch/v1 Job (such as a
 *   Deployment), naming the field and the fix.
 */
export function parseJobManifest(input: string, text: string): JobManifest {
  const bytes = Buffer.byteLength(text); // UTF-8, the default
  if (bytes > MAX_JOB_MANIFEST_BYTES) {
    throw new UserInputError(
      input,
      `is ${bytes} bytes, over the limit of ${MAX_JOB_MANIFEST_BYTES} bytes`,
      "Give a Job manifest, not data: put large data in a ConfigMap, an image or object storage.",
    );
  }
  // A text of only comments is an empty array (yaml's EmptyStream), refused below; every
  // document the parser does return has contents (an empty one holds a null scalar).
  const documents = parseAllDocuments(text, { prettyErrors: true, uniqueKeys: true });
  for (const document of documents) {
    const [first] = document.errors;
    if (first !== undefined) {
      throw new UserInputError(
        input,
        `is not valid YAML (${first.message.split("\n")[0]})`,
        "Fix the YAML syntax; `kubectl apply --dry-run=client -f` shows the same error.",
      );
    }
  }
  if (documents.length === 0) {
    throw emptyError(input);
  }
  if (documents.length > 1) {
    throw new UserInputError(
      input,
      `holds ${documents.length} YAML documents`,
      "Put only the Job in the file: one document, no `---` separating others.",
    );
  }
  let value: unknown;
  try {
    // biome-ignore lint/style/noNonNullAssertion: length checked just above
    value = documents[0]!.toJS({ maxAliasCount: MAX_JOB_MANIFEST_ALIASES });
  } catch (error) {
    throw new UserInputError(
      input,
      `cannot be read: ${(error as Error).message}`,
      `Write the Job without YAML aliases, or with fewer than ${MAX_JOB_MANIFEST_ALIASES} of them.`,
    );
  }
  return checkJob(input, value);
}

function checkJob(input: string, value: unknown): JobManifest {
  if (!isObject(value)) {
    throw new UserInputError(
      input,
      `is a YAML ${value === null ? "null" : Array.isArray(value) ? "list" : typeof value}, not a Kubernetes object`,
      "Give a batch/v1 Job manifest (apiVersion: batch/v1, kind: Job).",
    );
  }
  if (value.apiVersion !== "batch/v1" || value.kind !== "Job") {
    throw new UserInputError(
      input,
      `is a ${String(value.kind)} (${String(value.apiVersion)}), not a batch/v1 Job`,
      "eks:runJob runs only batch/v1 Jobs: wrap the work in a Job (apiVersion: batch/v1, kind: Job).",
    );
  }
  const metadata = value.metadata;
  if (!isObject(metadata)) {
    throw new UserInputError(
      input,
      "metadata: is missing",
      "Give metadata.name, or metadata.generateName for a new name each run.",
    );
  }
  const { name, generateName, namespace } = metadata;
  if (name === undefined && generateName === undefined) {
    throw new UserInputError(
      input,
      "metadata.name: is missing",
      'Give metadata.name (such as "pi"), or metadata.generateName (such as "pi-") for a new name each run.',
    );
  }
  if (name !== undefined && !isJobName(name, MAX_JOB_NAME_LENGTH)) {
    throw new UserInputError(
      input,
      `metadata.name: ${JSON.stringify(name)} is not a valid Job name (DNS-1123: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most ${MAX_JOB_NAME_LENGTH} characters)`,
      'Use a name like "pi-2000".',
    );
  }
  if (
    generateName !== undefined &&
    !isJobName(`${String(generateName)}a`, MAX_GENERATE_NAME_LENGTH + 1)
  ) {
    throw new UserInputError(
      input,
      `metadata.generateName: ${JSON.stringify(generateName)} is not a valid Job name prefix (DNS-1123 characters, at most ${MAX_GENERATE_NAME_LENGTH} characters: Kubernetes appends 5)`,
      'Use a prefix like "pi-".',
    );
  }
  if (namespace !== undefined && !(typeof namespace === "string" && isDns1123Label(namespace))) {
    throw new UserInputError(
      input,
      `metadata.namespace: ${JSON.stringify(namespace)} is not a valid Kubernetes namespace name (DNS-1123 label)`,
      'Use a name like "ci-jobs", or leave it out and give the namespace to the run.',
    );
  }
  const spec = value.spec;
  const template = isObject(spec) && isObject(spec.template) ? spec.template : undefined;
  const podSpec = template !== undefined && isObject(template.spec) ? template.spec : undefined;
  if (
    podSpec === undefined ||
    !Array.isArray(podSpec.containers) ||
    podSpec.containers.length === 0
  ) {
    throw new UserInputError(
      input,
      "spec.template.spec.containers: is missing or empty",
      "Give the Job at least one container with a name and an image.",
    );
  }
  const restartPolicy = podSpec.restartPolicy;
  if (restartPolicy !== undefined && restartPolicy !== "Never" && restartPolicy !== "OnFailure") {
    throw new UserInputError(
      input,
      `spec.template.spec.restartPolicy: ${JSON.stringify(restartPolicy)} is not allowed in a Job`,
      'Use "Never" (the failed pod stays, with its logs) or "OnFailure".',
    );
  }
  return value as JobManifest;
}

function isJobName(value: unknown, maxLength: number): boolean {
  return typeof value === "string" && value.length <= maxLength && isDns1123Subdomain(value);
}

function emptyError(input: string): UserInputError {
  return new UserInputError(
    input,
    "is empty",
    "Give a batch/v1 Job manifest, such as examples/pi-job.yaml.",
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
