// Pod statuses a kubelet would write, for a pod bound to a node that no kubelet or kwok
// manages (`nodeName: "no-kubelet-here"`), so the test's status is the only one it gets.
import { CoreV1Api, PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { PI_CONTAINER } from "./jobs.ts";
import { adminKubeConfig, type StackState, testStack } from "./stack.ts";

/**
 * Marks `container` of `pod` as waiting in ImagePullBackOff, with the kubelet's message
 * `Back-off pulling image "<image>"`, through the pod's status subresource.
 */
export async function writeImagePullBackOff(options: {
  namespace: string;
  pod: string;
  container?: string;
  image?: string;
  stack?: StackState;
}): Promise<void> {
  const image = options.image ?? "perl:5.34.0";
  await adminKubeConfig(options.stack ?? testStack())
    .makeApiClient(CoreV1Api)
    .patchNamespacedPodStatus(
      {
        namespace: options.namespace,
        name: options.pod,
        body: {
          status: {
            containerStatuses: [
              {
                name: options.container ?? PI_CONTAINER,
                image,
                imageID: "",
                ready: false,
                restartCount: 0,
                state: {
                  waiting: {
                    reason: "ImagePullBackOff",
                    message: `Back-off pulling image "${image}"`,
                  },
                },
              },
            ],
          },
        },
      },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    );
}
