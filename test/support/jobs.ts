// The Job the tests run: the article's pi Job, trimmed to what kwok needs. Its pod
// runs on a kwok node; FAIL_ANNOTATION on the pod template makes it fail.
import type { V1Job } from "@kubernetes/client-node";

export const PI_CONTAINER = "pi-2000";

export function piJob(name: string, annotations: Record<string, string> = {}): V1Job {
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
        },
      },
    },
  };
}
