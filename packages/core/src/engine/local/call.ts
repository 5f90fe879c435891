// eks:call as Step Functions performs it: one Kubernetes API request to the cluster the
// task names, answered with ResponseBody (documented), StatusCode and StatusText (as in
// the documented error Cause); an HTTP error fails the task as `EKS.<status>`.
// docs.aws.amazon.com/step-functions/latest/dg/connect-eks.html
import type { KubeConfig } from "@kubernetes/client-node";
import { z } from "zod";
import { sendKubeRequest } from "../../kube/kube-request.ts";
import { eksHttpError, TaskError } from "./eks-error.ts";

/**
 * The parameters every EKS Kubernetes-API task takes to reach its cluster. Schemas are
 * made on first use (functions, not module constants), so a bundle that imports core's
 * index without running the local engine leaves zod out.
 */
export function clusterParameters() {
  return {
    ClusterName: z.string().min(1),
    CertificateAuthority: z.string().min(1),
    Endpoint: z.url(),
  };
}

function eksCallSchema() {
  return z.object({
    ...clusterParameters(),
    Method: z.enum(["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH"]),
    Path: z.string().startsWith("/"),
    QueryParameters: z.record(z.string(), z.array(z.string())).optional(),
    RequestBody: z.unknown().optional(),
  });
}

let eksCallParametersSchema: ReturnType<typeof eksCallSchema> | undefined;

/** The schema of eks:call's Parameters. */
export function eksCallParameters(): ReturnType<typeof eksCallSchema> {
  eksCallParametersSchema ??= eksCallSchema();
  return eksCallParametersSchema;
}

export type EksCallParameters = z.infer<ReturnType<typeof eksCallSchema>>;

export interface EksCallResult {
  readonly ResponseBody: unknown;
  readonly StatusCode: number;
  readonly StatusText: string;
}

/**
 * Reads a task's `Parameters` with `schema`; a mismatch fails the task the way a
 * service's validation error does, naming the state and the fields.
 * @throws TaskError `States.TaskFailed` naming the bad fields.
 */
export function taskParameters<T>(schema: z.ZodType<T>, state: string, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .map((issue) => `${issue.path.join(".") || "(parameters)"}: ${issue.message}`)
    .join("; ");
  throw new TaskError(
    "States.TaskFailed",
    `State "${state}": invalid Parameters (${problems}). Step Functions would refuse them too; fix the definition.`,
  );
}

/**
 * Performs eks:call against `kube` (already pointed at the task's cluster).
 * @throws TaskError `EKS.<status>` for an HTTP error, with Cause
 *   `{"ResponseBody", "StatusCode", "StatusText"}`; `States.TaskFailed` when no answer came.
 */
export async function performEksCall(options: {
  parameters: EksCallParameters;
  kube: KubeConfig;
  signal: AbortSignal;
}): Promise<EksCallResult> {
  const p = options.parameters;
  let response: Awaited<ReturnType<typeof sendKubeRequest>>;
  try {
    response = await sendKubeRequest({
      kube: options.kube,
      method: p.Method,
      path: p.Path,
      query: p.QueryParameters,
      body: p.RequestBody,
      signal: options.signal,
    });
  } catch (error) {
    options.signal.throwIfAborted();
    throw new TaskError(
      "States.TaskFailed",
      `${p.Method} ${p.Path} on ${p.Endpoint} got no answer: ${(error as Error).message}`,
    );
  }
  if (response.status >= 400) throw eksHttpError(response);
  return {
    ResponseBody: response.body,
    StatusCode: response.status,
    StatusText: response.statusText,
  };
}
