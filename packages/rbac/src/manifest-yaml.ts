// Kubernetes objects as one multi-document YAML text, for `kubectl apply -f` and for review.
import { stringify } from "yaml";

/** What every Kubernetes object has; the rest is written as it is. */
export interface ManifestObject {
  readonly apiVersion: string;
  readonly kind: string;
}

/**
 * One document per object, separated by `---`, keys in the order the objects have them.
 * Long strings are never folded and shared values are written out, not aliased, so the
 * same objects always give the same text.
 */
export function renderManifests(objects: readonly ManifestObject[]): string {
  return objects
    .map((object) => stringify(object, { lineWidth: 0, aliasDuplicateObjects: false }))
    .join("---\n");
}
