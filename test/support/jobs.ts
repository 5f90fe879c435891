// The Job the tests run: the article's pi Job, trimmed to what kwok needs. Its pod
// runs on a kwok node; FAIL_ANNOTATION on the pod template makes it fail.
import type { V1Job, V1PodSpec } from "@kubernetes/client-node";

export const PI_CONTAINER = "pi-2000";

/** The pi Job named `name`, `annotations` on its pod template, `podSpec` merged into the pod's spec. */
export function piJob(
  name: string,
  annotations: Record<string, string> = {},
  podSpec: Partial<V1PodSpec> = {},
): V1Job {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name },
    spec: {
      backoffLimit: 0,
      template: {
        metadata: { annotations },
        spec: {
          restartPolicy: "Never",
          containers: [{ name: PI_CONTAINER, image: "perl:5.34.0", command: ["perl", "-e", "1"] }],
          ...podSpec,
        },
      },
    },
  };
}

/**
 * piJob as the text of a Job file a user would pass (JSON, which is YAML), with
 * `podSpec` merged into the pod's spec (a nodeName, a nodeSelector).
 */
export function piJobText(
  name: string,
  options: { annotations?: Record<string, string>; podSpec?: Partial<V1PodSpec> } = {},
): string {
  return JSON.stringify(piJob(name, options.annotations, options.podSpec));
}
